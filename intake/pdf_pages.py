"""A PDF's text, run in a worker of dossier/isolation.py: this module imports pypdf only, as
every worker imports it (isolation.preload)."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader


def text(data: bytes, pages: int, chars: int) -> str | None:
    """The text of the first `pages` pages, at most `chars`; None when the file cannot be read."""
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted:
            return None
        found = [reader.pages[i].extract_text() for i in range(min(len(reader.pages), pages))]
    except Exception:  # a damaged file is "cannot be read", never a traceback
        return None
    return "\n".join(line for page in found for line in page.splitlines() if line.strip())[:chars]
