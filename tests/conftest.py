import io
import sys
from pathlib import Path

import pytest
from docx import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier import sample  # noqa: E402
from dossier.calls import load_call  # noqa: E402


@pytest.fixture(scope="session")
def call():
    return load_call("connection-2020")


@pytest.fixture
def single():
    return sample.single()


@pytest.fixture
def union():
    return sample.union()


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
