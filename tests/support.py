"""Shared by the tests: where the project is, what a reader sees in a DOCX, a second call pack,
the email of an accepted signed letter."""

import io
import shutil
from pathlib import Path

from docx import Document

from dossier.calls import TEMPLATES_DIR
from dossier.documents import build_documents
from dossier.signing import ACCEPTED, Verdict
from dossier.submission import attachments, build_eml

ROOT = Path(__file__).resolve().parent.parent


def docx_text(data: bytes) -> str:
    """All the text a reader sees: paragraphs, then every table cell, one per line."""
    doc = Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    for section in doc.sections:
        lines += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(lines)


def email_of(d, call, letter: bytes = b"%PDF-1.7 signed letter", kind: str = "pades") -> bytes:
    """The application email as sent once a (here, made-up) signed letter was accepted."""
    docs = build_documents(d, call)
    pdfs = {doc.annex_id: b"%PDF-1.7 " + doc.annex_id.encode() for doc in docs}
    return build_eml(d, call, attachments(d, call, docs, pdfs, letter, Verdict(ACCEPTED, kind)))


# A second, small call: another deadline and address, two annexes, a different question.
SECOND_PACK = """
id = "welcome-2031"
short_name = "WELCOME"
title = "WELCOME – Local welcome desks"
funder = "Piedmont Region"
organiser = "ANCI Piemonte"
organiser_full = "ANCI Piemonte – Association of the Municipalities of Piedmont"
submission_email = "welcome@example.org"
deadline = 2031-03-15T12:00:00
timezone = "Europe/Rome"
project_start = 2031-06-01
project_end = 2032-05-31
eligible_region = "Piemonte"
eligible_region_en = "Piedmont"
places = 10
announcement = "A test call."
small_max = 3000
medium_max = 20000
preferred_sizes = ["small"]

[summary]
it = "Un bando di prova con due soli allegati."
en = "A test call with two annexes only."

[email]
subject = "WELCOME – {applicant}"
body = "Dear colleagues,\\n\\nthe application of {applicant}:\\n\\n{annex_list}\\n\\nSigned by {signatory}.\\n"

[[annexes]]
id = "letter"
number = 1
title = "Form A – Letter of Intent"
file_name = "WELCOME_FormA_{applicant}.docx"
template = "annex1_letter_of_commitment.docx"
signed_by = "mayor"

[[annexes]]
id = "needs"
number = 2
title = "Form B – Motivation"
file_name = "WELCOME_FormB_{applicant}.docx"
template = "annex2_needs_analysis.docx"

[[questions]]
id = "motivation"
heading = "1. Why a welcome desk"
min_words = 5
max_words = 50
[questions.label]
it = "Perché uno sportello di accoglienza"
en = "Why a welcome desk"
[questions.guidance]
it = "Spiegate in poche righe."
en = "Explain in a few lines."

[[commitments]]
id = "desk"
text = "to open a welcome desk within six months"
[commitments.label]
it = "Aprire uno sportello entro sei mesi"
en = "Open a desk within six months"
"""


def two_call_packs(folder: Path) -> Path:
    """CONNECTION and the second pack in `folder`, for CALL_PACKS_DIR."""
    shutil.copytree(TEMPLATES_DIR / "connection-2020", folder / "connection-2020")
    pack = folder / "welcome-2031"
    pack.mkdir()
    (pack / "call.toml").write_text(SECOND_PACK, encoding="utf-8")
    for name in ("annex1_letter_of_commitment.docx", "annex2_needs_analysis.docx"):
        shutil.copy(TEMPLATES_DIR / "connection-2020" / name, pack / name)
    return folder
