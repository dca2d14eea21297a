"""Shared by the tests: where the project is, and what a reader sees in a DOCX."""

import io
from pathlib import Path

from docx import Document

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
