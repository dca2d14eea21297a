"""The text of a Word file or a PDF, read in memory and bounded: a hand-made application is
read as text.

A PDF's text is read with pypdf (pure Python, on Streamlit Community Cloud), its first pages
only, in a worker process within CPU, memory and time limits (dossier/isolation.py): text
extraction from a crafted PDF can run for minutes, and the server must not run it.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from docx import Document

from dossier import isolation
from dossier.pdf import is_docx
from dossier.turns import Busy

from . import pdf_pages

MAX_DOCX_BYTES = 10_000_000
MAX_UNPACKED = 60_000_000  # what its parts declare once unpacked: a small .docx is never this
MAX_TEXT_CHARS = 100_000
MAX_PDF_BYTES = 20_000_000
MAX_PDF_PAGES = 3  # a hand-made annex names itself on its first page
PDF_LIMITS = isolation.Limits(cpu_seconds=5, memory_bytes=384 * 2**20, wall_seconds=15, max_wait=60)
isolation.preload(pdf_pages.__name__)


def docx_text(data: bytes) -> str | None:
    """The paragraphs and table cells of a .docx, one a line; None when it cannot be read."""
    if len(data) > MAX_DOCX_BYTES or not is_docx(data):
        return None
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_UNPACKED:
                return None
        doc = Document(BytesIO(data))
        lines = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                lines += [c.text for c in row.cells]
    except Exception:  # a damaged file is "cannot be read", never a traceback
        return None
    return "\n".join(line for line in lines if line.strip())[:MAX_TEXT_CHARS]


def pdf_text(data: bytes) -> str | None:
    """The text of a PDF's first pages; None when it cannot be read (damaged, encrypted, a
    scan without text reads as ""), or when reading went over its limits."""
    if len(data) > MAX_PDF_BYTES or b"%PDF-" not in data[:1024]:
        return None
    try:
        return isolation.run(pdf_pages.text, data, MAX_PDF_PAGES, MAX_TEXT_CHARS, limits=PDF_LIMITS)
    except (isolation.TooComplex, Busy, RuntimeError):
        return None
