"""Sign and send in a real browser: download the letter, sign it (test PKI), upload it,
read the check, download the email and open it: the letter inside is the file uploaded."""

from __future__ import annotations

import email
import shutil
from email import policy

import pki
import pytest
from hostile_pdfs import object_stream_fan_out
from playwright.sync_api import expect

import helpers as h

S = h.IT

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="signing needs the PDF: LibreOffice (soffice) is not installed"
)


def download(page, button: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        h.main(page).get_by_role("button", name=button, exact=True).click()
    return info.value.suggested_filename, info.value.path().read_bytes()


def upload(page, label: str, name: str, data: bytes) -> None:
    before = h.mark(page)
    box = h.main(page).get_by_test_id("stFileUploader").filter(has_text=label)
    box.locator("input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}]
    )
    h.settle(page, before)


def attachments(eml: bytes) -> dict[str, bytes]:
    msg = email.message_from_bytes(eml, policy=policy.default)
    return {a.get_filename(): a.get_content() for a in msg.iter_attachments()}


def test_the_signed_letter_goes_in_the_email_byte_for_byte(page, base_url):
    h.open_app(page, base_url)
    h.press_button(page, S["example.single"])
    h.go_step(page, "documents")
    expect(h.main(page).get_by_role("button", name=S["signing.eml"])).to_have_count(0)
    h.press_button(page, S["documents.pdf_make"])
    h.main(page).get_by_text(S["documents.pdf_ready"]).wait_for(timeout=120_000)
    name, letter = download(page, S["signing.sign_download"])
    assert name == "CONNECTION_Annex1_Letter_of_Commitment_Aglie.pdf"

    limits = {"limit": "10", "id_limit": "5"}
    for sign, attached in (
        (pki.pades, "CONNECTION_Annex1_Letter_of_Commitment_Aglie_signed.pdf"),
        (pki.cades, "CONNECTION_Annex1_Letter_of_Commitment_Aglie.pdf.p7m"),
    ):
        data = sign(letter)  # pki signs off Playwright's event loop
        upload(page, S("signing.upload_letter", **limits), "lettera_firmata", data)
        h.main(page).get_by_text(S["signing.accepted"]).wait_for()
        # the upload reran the signing part alone, then the app for the sidebar's status
        expect(h.sidebar(page).get_by_role("link").last).to_contain_text(S["status.complete"])
        expect(h.main(page).get_by_text("BRTMRC70A01A074X")).to_have_count(1)
        eml_name, eml = download(page, S["signing.eml"])
        files = attachments(eml)
        assert eml_name.endswith(".eml") and next(iter(files)) == attached
        assert files[attached] == data  # byte for byte as uploaded
        assert letter not in files.values() and not [n for n in files if n.endswith(".docx")]
        # two annexes as PDF, and the answers as JSON for ANCI's side (intake/)
        assert len(files) == 4 and all(data.startswith(b"%PDF") for data in list(files.values())[1:3])
        assert list(files)[3] == "CONNECTION_answers_Aglie.json"
        _, record = download(page, S["signing.record"])
        assert attached in record.decode()

    upload(page, S("signing.upload_letter", **limits), "lettera.pdf", letter)  # unsigned: refused, no email
    h.main(page).get_by_text(S["signing.refused"]).wait_for()
    expect(h.main(page).get_by_role("button", name=S["signing.eml"])).to_have_count(0)
    expect(h.sidebar(page).get_by_role("link").last).to_contain_text(S["status.incomplete"])

    # A file crafted to make the parser spin: stopped, said in words, no email.
    upload(page, S("signing.upload_letter", **limits), "lettera_firmata.pdf", object_stream_fan_out())
    h.main(page).get_by_text(S["signing.unusable"]).wait_for(timeout=60_000)
    expect(h.main(page).get_by_text("troppo complesso da controllare")).to_have_count(1)
    expect(h.main(page).get_by_role("button", name=S["signing.eml"])).to_have_count(0)


def test_real_kinds_of_signed_letter_are_read_and_stay_across_steps(page, base_url):
    """A BER .p7m, a PAdES-LTA and a letter signed by two people, as real tools write them;
    the accepted letter is still there after a visit to Review. Screenshots in /tmp."""
    h.open_app(page, base_url)
    h.press_button(page, S["example.single"])
    h.go_step(page, "documents")
    h.press_button(page, S["documents.pdf_make"])
    h.main(page).get_by_text(S["documents.pdf_ready"]).wait_for(timeout=120_000)
    _, letter = download(page, S["signing.sign_download"])
    label = S("signing.upload_letter", limit="10", id_limit="5")
    for shot, data in (
        ("ber-p7m", pki.cades(letter, ber=True, timestamp=True)),
        ("pades-lta", pki.pades(letter, level="LTA")),
        ("two-signers", pki.pades(pki.pades(letter, "other", level="T"), field="Signature2", level="T")),
    ):
        upload(page, label, f"lettera_{shot}", data)
        h.main(page).get_by_text(S["signing.accepted"]).wait_for()
        expect(h.main(page).get_by_text("BRTMRC70A01A074X")).to_have_count(1)
        h.main(page).get_by_text(S["signing.accepted"]).scroll_into_view_if_needed()
        page.screenshot(path=f"/tmp/e2e-signed-{shot}.png")
    expect(h.main(page).get_by_text(S("signing.signatures_title", count=2))).to_have_count(1)
    h.go_step(page, "review")
    h.go_step(page, "documents")  # the upload widget was dropped; the session kept the letter
    h.main(page).get_by_text(S["signing.accepted"]).wait_for()
    expect(h.main(page).get_by_role("button", name=S["signing.eml"])).to_have_count(1)
    h.main(page).get_by_text(S["signing.accepted"]).scroll_into_view_if_needed()
    page.screenshot(path="/tmp/e2e-signed-after-review.png")
