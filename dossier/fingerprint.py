"""The fingerprints of the answers: which version of the answers a document was made from.

Two of them: of all the answers, and of what the letter says (the letter's own text made
from the answers: dossier/documents.letter_facts). The PDFs the app makes carry both in
their Keywords (set in the DOCX, which LibreOffice copies into the PDF's Info and XMP alike,
so PDF/A stays consistent). When the signed letter comes back, its letter fingerprint is
compared with that of the answers now: a change to an answer the letter does not print
(the needs analysis, the CV) leaves the signed letter valid. The whole answers' fingerprint
travels with the submission for the receiver.
"""

from __future__ import annotations

import hashlib
import json
import re

from .models import Dossier

# Not answers: the example flag and the sentences kept as written change no document text.
_VOLATILE = {"example", "english_intended"}
_PREFIX = "answers-fingerprint-"
_LETTER_PREFIX = "letter-fingerprint-"
_FOUND = re.compile(re.escape(_PREFIX) + r"([0-9a-f]{64})")
_FOUND_LETTER = re.compile(re.escape(_LETTER_PREFIX) + r"([0-9a-f]{64})")


def answers_fingerprint(d: Dossier) -> str:
    """SHA-256 (hex) of the answers in a canonical form: same answers, same fingerprint."""
    data = d.model_dump(mode="json", exclude=_VOLATILE)
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def letter_fingerprint(facts: dict[str, str]) -> str:
    """SHA-256 (hex) of what the letter says (documents.letter_facts)."""
    return hashlib.sha256(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def keyword(fingerprint: str, letter: str = "") -> str:
    """The document keywords that carry them (no ':' or ';': LibreOffice splits keywords there)."""
    return _PREFIX + fingerprint + (f" {_LETTER_PREFIX}{letter}" if letter else "")


def find_fingerprint(text: str) -> str | None:
    found = _FOUND.search(text)
    return found.group(1) if found else None


def find_letter_fingerprint(text: str) -> str | None:
    found = _FOUND_LETTER.search(text)
    return found.group(1) if found else None
