"""Stage 1, sentences: every line of an answer is at least one sentence, split at full stops.

Every pattern here runs in time linear in the text: possessive quantifiers (*+, ++) never
give back what they took, and a run is tried from its first character only (a look-behind
refuses the middle of a run), so no position is scanned twice.
tests/test_english_bounds.py times each pattern of the package on adversarial texts.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Control characters (C0 but tab and newline, DEL, C1): a space, as in documents.clean(), so
# the words around them stay apart. One character for one keeps the offsets of the text.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    """`text` with each control character but tab and line ends made a space."""
    return _CONTROLS.sub(" ", text)


def normalise(sentence: str) -> str:
    """The form of a sentence that memo and keys use: NFC, one kind of space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", sentence)).strip()


def sentence_key(sentence: str) -> str:
    """A stable id of a sentence (the UI stores "marked as intended" sentences by it)."""
    return hashlib.sha1(normalise(sentence).encode("utf-8")).hexdigest()[:16]


# A list marker at the start of a line: "- ", "• ", "1. ", "a) ".
_BULLET = re.compile(r"(?<![ \t])[ \t]*+(?:[-*•·–—▪►✓]|\(?\d{1,2}[.)]|\(?[a-zA-Z][)])[ \t]++")
# Candidate sentence ends: punctuation, optional closing quotes/brackets, then space.
_END = re.compile(r"(?<![.!?…])[.!?…]++[\"”’»)\]]*+(?=\s)")
# What follows a sentence end: spaces, then the first character of the next sentence.
_NEXT = re.compile(r"(?<!\s)\s*+(.)")
# Words after which a full stop does not end the sentence.
ABBREVIATIONS = frozenset(
    """n nn nr no art artt tel fax dott dott.ssa dr dr.ssa prof prof.ssa sig sig.ra sigg ing avv
    geom rag arch ecc pag pp vol cfr ca approx mr mrs ms st vs e.g i.e p.es lgs d.lgs d.p.r
    c.a s.p.a s.r.l c.so p.za v.le""".split()
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: every non-empty line, split further at full stops."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in without_controls(text).splitlines(keepends=True):
        body = line.rstrip("\r\n")
        m = _BULLET.match(body)
        start = m.end() if m else 0
        seg_start = start
        for end_m in _END.finditer(body, start):
            cut = end_m.end()
            nxt = _NEXT.match(body, cut)
            if not nxt or not (nxt[1].isupper() or nxt[1].isdigit() or nxt[1] in "\"“«‘('["):
                continue
            if _is_abbreviation(body, end_m.start()):
                continue
            _add_span(spans, body, seg_start, cut, pos)
            seg_start = cut
        _add_span(spans, body, seg_start, len(body), pos)
        pos += len(line)
    return spans


def _is_abbreviation(body: str, dot: int) -> bool:
    """True if the full stop at `dot` closes an abbreviation or an initial ("G. Ferrero")."""
    if body[dot] != ".":
        return False
    start = dot  # back over the run of [\w.] before `dot` (\w: alphanumeric or "_")
    while start > 0 and (body[start - 1] in "._" or body[start - 1].isalnum()):
        start -= 1
    if start == dot:
        return False
    word = body[start:dot].lower().strip(".")
    if word in ABBREVIATIONS or "." in word:
        return True
    return len(word) == 1 and word.isalpha()


def _add_span(spans: list[tuple[int, int]], body: str, a: int, b: int, offset: int) -> None:
    while a < b and body[a].isspace():
        a += 1
    while b > a and body[b - 1].isspace():
        b -= 1
    if a < b and any(ch.isalnum() for ch in body[a:b]):
        spans.append((offset + a, offset + b))
