"""Two users ask for their PDFs at the same moment: the second is told their place in the
converter's queue while the first one's PDFs are made, then gets theirs."""

import shutil

import pytest

import helpers as h

S = h.IT


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_user_waiting_for_the_converter_is_told_their_place(page, base_url, browser):
    other = h.new_context(browser)
    try:
        second = other.new_page()
        for p in (page, second):
            h.open_app(p, base_url)
            h.press_button(p, S["example.single"])
            h.go_step(p, "documents")
        h.main(page).get_by_role("button", name=S["documents.pdf_make"]).click()
        h.main(page).get_by_text(S["documents.pdf_working"]).wait_for(timeout=30_000)
        h.main(second).get_by_role("button", name=S["documents.pdf_make"]).click()
        waiting = S("limits.pdf_queue", ahead=1)
        h.main(second).get_by_text(waiting).wait_for(timeout=30_000)
        for p in (page, second):
            h.main(p).get_by_text(S["documents.pdf_ready"]).wait_for(timeout=120_000)
        assert h.main(second).get_by_text(waiting).count() == 0  # said while waiting only
    finally:
        other.close()
