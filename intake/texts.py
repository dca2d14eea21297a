"""The text of a Word file, read in memory and bounded: a hand-made application is read as text.

PDF text is not extracted (pdftotext is not on Streamlit Community Cloud and pyHanko reads
a PDF's structure, not its text): a PDF is recognised by its name, else "open the document".
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from docx import Document

MAX_DOCX_BYTES = 10_000_000
MAX_UNPACKED = 60_000_000  # what its parts declare once unpacked: a small .docx is never this
MAX_TEXT_CHARS = 100_000


def is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


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
