"""ANCI's path in Chromium: from Start to the cards, the table, a score, and the three files
that leave (the workbook opened and its formulas checked); axe-core (WCAG 2.1 AA) on the
cards, the table and the scores. Screenshots in /tmp/anci-*.png."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from inbox_factory import as_zip, mailbox
from openpyxl import load_workbook
from test_accessibility_browser import violations

import helpers as h

SHOTS = "/tmp/anci-{}.png"


def download(page, button: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        h.main(page).get_by_role("button", name=button, exact=True).click()
    return info.value.suggested_filename, info.value.path().read_bytes()


def tab(page, name: str) -> None:
    before = h.mark(page)
    h.main(page).get_by_role("tab", name=name).click()
    h.settle(page, before)


def test_the_anci_path_from_start_to_the_files(page, base_url):
    h.open_app(page, base_url)
    before = h.mark(page)
    h.main(page).get_by_role("link", name="Valutare le candidature ricevute").click()
    h.settle(page, before)
    assert h.title(page) == "Candidature ricevute"
    # The officer's sidebar: the language and the way back, none of the applicant's steps.
    side = h.sidebar(page)
    side.get_by_role("link", name="Torna all'inizio").wait_for()
    assert "Passaggi" not in side.inner_text() and "Bozza" not in side.inner_text()
    before = h.mark(page)
    box = h.main(page).get_by_test_id("stFileUploader")
    box.locator("input[type=file]").set_input_files(
        files=[{"name": "mailbox.zip", "mimeType": "application/zip", "buffer": as_zip(mailbox())}]
    )
    h.settle(page, before, timeout=300_000)  # ~30 emails, each check in a worker: minutes on a loaded machine
    main = h.main(page)
    main.get_by_text(f"Lette {len(mailbox())} email di candidatura.").wait_for()
    before = h.mark(page)
    main.get_by_text("16. Comune di Mondovì", exact=True).click()  # the tampered letter's card
    h.settle(page, before)
    assert "Lettera firmata non valida: modificata dopo la firma." in main.inner_text()
    before = h.mark(page)
    main.get_by_text("30. Comune di Chivasso", exact=True).click()  # signed on paper, with the identity card
    h.settle(page, before)
    assert "Ammissibile, con la firma a mano da verificare" in main.inner_text()
    assert "Firmatario indicato nella lettera: Claudio Castello." in main.inner_text()
    page.screenshot(path=SHOTS.format("cards"), full_page=True)
    found = violations(page, "anci cards")

    tab(page, "Confronto")
    page.screenshot(path=SHOTS.format("table"), full_page=True)
    found += violations(page, "anci table")

    tab(page, "Valutazione")
    before = h.mark(page)
    main.get_by_text("2. Comune di Bra – 34", exact=True).click()
    h.settle(page, before)
    bra = main.get_by_test_id("stExpander").filter(has_text="2. Comune di Bra – 34")
    box = bra.get_by_role("spinbutton", name="Qualità dell'analisi dei bisogni (0–5, peso 2)")
    before = h.mark(page)
    box.fill("5")
    box.press("Tab")
    h.settle(page, before)
    main.get_by_text("2. Comune di Bra – 44", exact=True).wait_for()
    page.screenshot(path=SHOTS.format("decide"), full_page=True)
    found += violations(page, "anci scores")
    assert found == []

    tab(page, "Verbale e risposte")
    name, data = download(page, "Scarica la cartella di lavoro (XLSX)")
    assert name == "CONNECTION_applications.xlsx"
    ws = load_workbook(io.BytesIO(data))["Candidature"]
    assert ws.max_row == 2 + len(mailbox())
    assert ws.cell(4, ws.max_column).value == "=SUMPRODUCT($U$2:$X$2,U4:X4)"
    assert ws.cell(4, 2).value == "Comune di Bra" and ws.cell(4, 24).value == 5
    name, data = download(page, "Scarica il verbale (DOCX)")
    ranking = Document(io.BytesIO(data)).tables[1]
    assert [c.text for c in ranking.rows[1].cells] == ["1", "Comune di Bra", "44"]
    name, data = download(page, "Scarica le risposte ai candidati (.eml, in uno ZIP)")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "02_selected_Comune_di_Bra.eml" in zf.namelist()
    page.screenshot(path=SHOTS.format("files"), full_page=True)


def test_the_applicants_draft_is_not_offered_on_ancis_page_and_stays_for_the_wizard(page, base_url):
    """The same browser may have tried the wizard: ANCI's officer is not asked to resume an
    application, and the draft is still offered back on the wizard's pages."""
    h.open_app(page, base_url)
    h.press_button(page, "Esempio: un Comune")
    page.wait_for_function("() => localStorage.getItem('connection-wizard/draft') !== null")
    h.open_app(page, base_url, "anci")
    assert h.title(page) == "Candidature ricevute"
    page.wait_for_timeout(1500)  # the offer, when there is one, comes a moment after the page
    assert page.get_by_role("dialog").count() == 0
    h.open_app(page, base_url)
    page.get_by_role("dialog").get_by_text("Bentornati").wait_for()
