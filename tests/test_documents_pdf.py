"""The Documents step offers the annexes as PDF (to sign digitally) and shows them."""

import shutil
import subprocess

import pytest

from components.page_parts import annex_pdfs
from dossier import pdf
from wizard import go, new_app, type_text


def documents_with_example():
    at = new_app()
    at.button(key="example-single").click().run()
    return go(at, "documents")


def pdf_downloads(at):
    return [b for b in at.download_button if b.key.startswith("pdf-")]


def errors(at):
    return " ".join(e.value for e in at.error)


def test_without_libreoffice_the_step_says_so_and_keeps_the_word_files(monkeypatch):
    monkeypatch.setattr(annex_pdfs, "soffice_path", lambda: None)
    at = documents_with_example()
    assert "LibreOffice" in " ".join(i.value for i in at.info)
    assert not [b for b in at.button if b.key == "pdf-make"]
    assert len([b for b in at.download_button if b.key.startswith("dl-")]) == 4


def test_a_busy_converter_is_said_in_italian_and_a_second_try_works(monkeypatch):
    def busy(docs, **_):
        raise pdf.PdfError("The PDF converter is busy", "busy")

    monkeypatch.setattr(annex_pdfs, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(annex_pdfs, "to_pdfs", busy)
    at = documents_with_example()
    at.button(key="pdf-make").click().run()
    assert "occupato" in errors(at) and not pdf_downloads(at)
    assert len([b for b in at.download_button if b.key.startswith("dl-")]) == 4  # the Word files stay

    monkeypatch.setattr(annex_pdfs, "to_pdfs", lambda docs, **_: {key: b"%PDF-1.7 " + key.encode() for key in docs})
    at.button(key="pdf-make").click().run()
    assert not errors(at)
    assert [b.key for b in pdf_downloads(at)] == ["pdf-letter", "pdf-needs", "pdf-cv"]


def test_changing_an_answer_asks_for_new_pdfs(monkeypatch):
    monkeypatch.setattr(annex_pdfs, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(annex_pdfs, "to_pdfs", lambda docs, **_: dict.fromkeys(docs, b"%PDF-1.7"))
    at = documents_with_example()
    at.button(key="pdf-make").click().run()
    assert pdf_downloads(at)
    go(at, "applicant")
    type_text(at, "applicant.address", "Piazza Castello 2, 10011 Agliè (TO)")
    go(at, "documents")
    assert not pdf_downloads(at)  # the PDFs shown would no longer match the Word files
    assert [b for b in at.button if b.key == "pdf-make"]


@pytest.mark.skipif(
    pdf.soffice_path() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or pdftotext is not installed",
)
def test_the_pdfs_the_mayor_signs_hold_the_answers():
    at = documents_with_example()
    at.button(key="pdf-make").click().run()
    assert not at.exception and not errors(at)
    d, built = at.session_state["dossier"], at.session_state["built"]
    assert [b.label for b in pdf_downloads(at)] == [f"{doc.title} (PDF)" for doc in built["docs"]]
    assert next(doc.pdf_file_name for doc in built["docs"]).endswith("_Aglie.pdf")
    letter = subprocess.run(
        ["pdftotext", "-", "-"], input=built["pdfs"]["letter"], capture_output=True, check=True
    ).stdout.decode()
    assert d.letter.signatory_name in " ".join(letter.split())
    assert [tab.label for tab in at.tabs] == ["Allegato 1", "Allegato 2", "Allegato 3"]
    assert all(b"<pdfaid:part>2</pdfaid:part>" in data for data in built["pdfs"].values())  # PDF/A-2b
