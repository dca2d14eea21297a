"""A file over an uploader's own limit is refused in the user's language, where they look:
the widgets take what the server takes, so the app's message speaks, not the browser's
English "File must be 5.0MB or smaller" (issue 28, item 7)."""

from __future__ import annotations

import json

import pki
from playwright.sync_api import expect

import helpers as h

S = h.IT


def _upload(page, box, name: str, data: bytes, mime: str) -> None:
    before = h.mark(page)
    box.locator("input[type=file]").set_input_files({"name": name, "mimeType": mime, "buffer": data})
    h.settle(page, before)


def test_an_identity_document_over_its_limit_is_refused_in_italian(page, base_url):
    h.open_app(page, base_url)
    h.press_button(page, S["example.single"])
    h.go_step(page, "documents")
    before = h.mark(page)
    h.main(page).get_by_text(S["signing.route_scan"]).click()
    h.settle(page, before)
    limits = {"limit": "10", "id_limit": "5"}
    uploaders = h.main(page).get_by_test_id("stFileUploader")
    scan_box = uploaders.filter(has_text=S("signing.upload_scan", **limits))
    id_box = uploaders.filter(has_text=S("signing.upload_id", **limits))
    _upload(page, scan_box, "scansione.pdf", pki.foreign_pdf(), "application/pdf")
    photo = b"\xff\xd8\xff\xe0" + b"0" * 6_000_000  # a 6 MB photo of the identity card
    _upload(page, id_box, "carta_identita.jpg", photo, "image/jpeg")
    expect(h.main(page).get_by_text(S("signing.id_too_large", id_limit="5"))).to_have_count(1)
    expect(h.main(page).get_by_text("File must be")).to_have_count(0)


def test_a_draft_file_over_its_limit_is_refused_in_italian(page, base_url):
    h.open_app(page, base_url, "applicant")
    h.sidebar(page).get_by_text(S["drafts.title"]).click()
    draft = json.dumps({"schema_version": 1, "padding": "x" * 3_000_000}).encode()
    _upload(page, h.sidebar(page), "bozza.json", draft, "application/json")
    alert = h.main(page).get_by_test_id("stAlert").filter(has_text=S["drafts.refused"])
    expect(alert).to_contain_text(S["drafts.problem_too_large"])
    expect(page.get_by_text("File must be")).to_have_count(0)
