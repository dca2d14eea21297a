"""The signatory a hand-made Letter of Commitment names, read from its text.

Italian officers write it in a few ways: "I, the undersigned Mario Rossi, Mayor of X", "The
undersigned Dr. Maria Bianchi, Mayor pro tempore", "I, Mario Rossi, in my capacity as Mayor",
"Il sottoscritto Mario Rossi, Sindaco", or only in the signature block at the end ("The Mayor"
over or under the name; the union's President likewise). The name found is compared with the
digital signature's signers as the applicant's side compares them (dossier.signing.names_match),
or shown for the officer to compare with the identity document of a scan.

Bounded: the text is capped where it is read (intake/texts.py) and only its start and its end
are searched, with patterns that cannot backtrack far (a name is at most five words).
"""

from __future__ import annotations

import re

HEAD_CHARS = 4000  # the opening sentence of the letter
TAIL_CHARS = 1500  # the signature block

# A word of a name, not a role nor a place's kind ("Mario Rossi Mayor of Bra": "Mario Rossi").
_STOP = r"(?!(?:Mayor|Sindac[oa]|President[e]?|Legal[e]?|Municipality|Comune|Union[e]?|City|Town|Pro)\b)"
_WORD = rf"{_STOP}[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’A-ZÀ-ÖØ-Þ]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+)?"
_PARTICLE = r"(?:d[aei]|del(?:la|le|lo)?|de'|van|von|La|Lo|Li|Di|De|Da|Del|Della)"
# Two to five capitalised words, particles between them ("Anna De Luca", "Pier Paolo della Valle").
NAME = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_WORD}){{1,4}}"
_TITLE = r"(?:(?:Dr|Dott|Dott\.ssa|Dr\.ssa|Avv|Ing|Arch|Geom|Prof|Rag|Mr|Mrs|Ms|Sig|Sig\.ra)\.?[ \t]+)?"
_ROLE = (
    r"(?:(?:the|il|la)[ \t]+)?"
    r"(?:Mayor|President|Sindac[oa]|Presidente|Legal[ \t]+Representative|Legale[ \t]+Rappresentante)"
)

_OPENING = (
    # "I, the undersigned Mario Rossi", "The undersigned: Mario Rossi", "Il sottoscritto Mario Rossi"
    re.compile(rf"\b(?:undersigned|sottoscritt[oa])[ \t]*[,:]?[ \t]*{_TITLE}({NAME})"),
    # "I, Mario Rossi, in my capacity as Mayor", "I, Mario Rossi, Mayor pro tempore of"
    re.compile(rf"\bI,[ \t]+{_TITLE}({NAME}),?[ \t]+(?:in[ \t]+my[ \t]+capacity[ \t]+as|as)?[ \t]*{_ROLE}"),
    # "Mario Rossi, Mayor of X, hereby", "Mario Rossi, in qualità di Sindaco"
    re.compile(rf"^[ \t]*{_TITLE}({NAME}),[ \t]+(?:in[ \t]+qualit[àa][ \t]+di[ \t]+)?{_ROLE}\b", re.MULTILINE),
)
_ROLE_LINE = re.compile(rf"^[ \t]*{_ROLE}\b[^\n]{{0,80}}$", re.IGNORECASE)
_NAME_LINE = re.compile(rf"^[ \t]*(?:\(|signed[ \t]*:?[ \t]*|f\.to[ \t]*)?{_TITLE}({NAME})[ \t)]*$")


def signatory_in(text: str) -> str:
    """The name the letter gives for its signatory, "" when none is found."""
    if not text:
        return ""
    head = text[:HEAD_CHARS]
    for pattern in _OPENING:
        if m := pattern.search(head):
            return _clean(m.group(1))
    return _signature_block(text[-TAIL_CHARS:])


def _signature_block(tail: str) -> str:
    """A name on the line next to "The Mayor" / "Il Sindaco" (above or below it), in the end of the letter."""
    lines = [line for line in tail.splitlines() if line.strip()]
    for i in range(len(lines) - 1, -1, -1):
        if not _ROLE_LINE.match(lines[i]):
            continue
        for j in (i + 1, i - 1):
            if 0 <= j < len(lines) and (m := _NAME_LINE.match(lines[j])) and not _ROLE_LINE.match(lines[j]):
                return _clean(m.group(1))
    return ""


def _clean(name: str) -> str:
    return " ".join(name.split())
