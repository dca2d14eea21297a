"""Files leave with the user: once a session has ended, its download URLs answer 404 and
what it uploaded is gone from the server's memory."""

from __future__ import annotations

import shutil
import time
import urllib.error
import urllib.request

import pytest

import helpers as h
from dossier import sample

S = h.IT
TTL = 2  # seconds a disconnected session is kept for a reconnect (120 in production)
SWEEP = 1  # seconds between sweeps (30 in production)


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # no cookie: anyone with the URL
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def uploaded_bytes(base_url: str) -> int:
    """What the server holds of users' uploads, as its own metrics count it."""
    with urllib.request.urlopen(f"{base_url}/_stcore/metrics", timeout=5) as response:
        text = response.read().decode()
    return sum(
        int(float(line.rsplit(" ", 1)[1]))
        for line in text.splitlines()
        if 'cache_type="UploadedFileManager"' in line and not line.startswith("#")
    )


def download_url(page, button: str) -> str:
    with page.expect_download() as info:
        h.main(page).get_by_role("button", name=button, exact=True).click()
    return info.value.url


@pytest.mark.skipif(shutil.which("soffice") is None, reason="the PDFs need LibreOffice (soffice)")
def test_the_download_urls_and_the_uploads_go_after_the_user_has_left(browser):
    env = {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(TTL), "MEDIA_SWEEP_SECONDS": str(SWEEP)}
    with h.Server(env=env) as server:
        context = h.new_context(browser)
        page = context.new_page()
        h.open_app(page, server.url)
        draft = sample.single().model_dump_json().encode()  # uploaded: a file of the user's
        h.sidebar(page).get_by_text(S["drafts.title"]).click()
        h.sidebar(page).locator("input[type=file]").set_input_files(
            {"name": "draft.json", "mimeType": "application/json", "buffer": draft}
        )
        h.main(page).get_by_text(S["drafts.loaded"]).wait_for()
        assert uploaded_bytes(server.url) >= len(draft)
        h.go_step(page, "documents")
        # The ZIP is made when clicked (a deferred download): a new file at each click.
        zipped = download_url(page, S["documents.zip"])
        assert "/media/" in zipped and status(zipped) == 200
        assert status(download_url(page, S["documents.zip"])) == 200  # asked again: made again
        # A PDF is in the page since it was made: its link works while the user is there.
        h.press_button(page, S["documents.pdf_make"])
        h.main(page).get_by_text(S["documents.pdf_ready"]).wait_for(timeout=120_000)
        pdf = download_url(page, S["signing.sign_download"])
        assert "/media/" in pdf and status(pdf) == 200
        time.sleep(3 * SWEEP)
        assert status(pdf) == 200

        context.close()
        deadline = time.monotonic() + TTL + 6 * SWEEP + 10
        while status(pdf) == 200 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert status(pdf) == 404 and status(zipped) == 404
        assert uploaded_bytes(server.url) == 0
