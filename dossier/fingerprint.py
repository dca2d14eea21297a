"""The fingerprint of the answers: which version of the answers a document was made from.

The PDFs the app makes carry it in their Keywords (set in the DOCX, which LibreOffice
copies into the PDF's Info and XMP alike, so PDF/A stays consistent). When the signed
letter comes back, the fingerprint found in it is compared with that of the answers now.
"""

from __future__ import annotations

import hashlib
import json
import re

from .models import Dossier

# Not answers: the example flag and the sentences kept as written change no document text.
_VOLATILE = {"example", "english_intended"}
_PREFIX = "answers-fingerprint-"
_FOUND = re.compile(re.escape(_PREFIX) + r"([0-9a-f]{64})")


def answers_fingerprint(d: Dossier) -> str:
    """SHA-256 (hex) of the answers in a canonical form: same answers, same fingerprint."""
    data = d.model_dump(mode="json", exclude=_VOLATILE)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def keyword(fingerprint: str) -> str:
    """The document keyword that carries it (no ':' or ';': LibreOffice splits keywords there)."""
    return _PREFIX + fingerprint


def find_fingerprint(text: str) -> str | None:
    found = _FOUND.search(text)
    return found.group(1) if found else None
