"""Stage 2, tokens and names: words of a sentence, what is no evidence of a language
(addresses, numbers, acronyms, quotations, abbreviations) and proper names set apart."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .lexicon import (
    APOSTROPHES,
    CLITICS,
    CONNECTORS,
    NOT_NAMES,
    WORD,
    GlossaryEntry,
    glossary,
)
from .sentences import ABBREVIATIONS

# A run of [\w.+-] is tried from its start only (the look-behinds), so "a.a.a.…" or
# "ab-ab-…" without "@" or a domain ending costs one pass, not one pass per position.
_URL = re.compile(
    r"(?:https?://|www\.)\S++"  # web addresses
    r"|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++\b"  # e-mail and PEC addresses
    # bare domains: parts joined by dots, the last one of these endings ("comune.to.it.")
    r"|(?<![\w.-])(?:[\w-]++\.(?=[\w-]))++(?:it|eu|com|org|net|gov)\b",
    re.IGNORECASE,
)
# A quotation ends at the next closing mark and does not run over the next opening one.
_QUOTED = re.compile(r"\"[^\"]{2,}+\"|“[^“”]{2,}+”|«[^«»]{2,}+»|„[^„“”]{2,}+[“”]|‘[^‘’]{2,}+’")


@dataclass
class Token:
    text: str
    start: int
    end: int
    lower: str
    cap: bool  # first letter upper case
    acronym: bool  # two or more letters, all upper case
    elided: bool  # followed by an apostrophe and a letter: "l'", "dell'"
    clitic: bool  # English "'s", "n't" and the like (preceded by an apostrophe)
    kind: str = "word"

    @property
    def key(self) -> str:
        """The token as glossary keys spell it: lower case, with "'" when elided."""
        return self.lower + ("'" if self.elided else "")


def tokenise(sentence: str) -> list[Token]:
    hidden = [False] * len(sentence)
    for m in _URL.finditer(sentence):
        for i in range(m.start(), m.end()):
            hidden[i] = True
    quoted = [m.span() for m in _QUOTED.finditer(sentence)]  # in order, not overlapping
    quote_starts = [a for a, _ in quoted]
    out: list[Token] = []
    for m in WORD.finditer(sentence):
        a, b = m.span()
        if hidden[a]:
            continue
        w = m.group()
        before = sentence[a - 1] if a > 0 else ""
        after = sentence[b] if b < len(sentence) else ""
        after2 = sentence[b + 1] if b + 1 < len(sentence) else ""
        elided = bool(after) and after in APOSTROPHES and after2.isalpha()
        clitic = (
            bool(before) and before in APOSTROPHES and w.lower() in CLITICS and a >= 2 and sentence[a - 2].isalpha()
        )
        tok = Token(w, a, b, w.lower(), w[0].isupper(), len(w) >= 2 and w.isupper(), elided, clitic)
        if clitic and out and out[-1].end == a - 1:
            out[-1].elided = False  # "Master's", "don't": not an Italian elision
        # dotted abbreviations: "D.Lgs.", "Dott.ssa", "L.R.", "n. 45"
        if (after == "." and (after2.isalpha() or before == "." or w.lower() in ABBREVIATIONS)) or (
            before == "." and a >= 2 and sentence[a - 2].isalpha()
        ):
            tok.kind = "skip"
        elif inside(quoted, quote_starts, a):
            tok.kind = "quoted"
        elif tok.acronym:
            tok.kind = "acronym"
        out.append(tok)
    # A sentence that is all quotation is judged as it is.
    if quoted and all(t.kind in ("quoted", "skip", "acronym") for t in out):
        for t in out:
            if t.kind == "quoted":
                t.kind = "acronym" if t.acronym else "word"
    return out


def inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """True if `pos` is strictly inside one of `spans` (sorted, not overlapping)."""
    k = bisect.bisect_left(starts, pos) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1]


@dataclass
class Match:
    start: int  # token indices
    end: int
    entry: GlossaryEntry


def glossary_matches(tokens: list[Token]) -> list[Match]:
    """Longest glossary terms, left to right, over the tokens that may be words."""
    g = glossary()
    found: list[Match] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind in ("skip", "quoted"):
            i += 1
            continue
        if tok.kind == "acronym":
            entry = g.acronyms.get(tok.text)
            if entry is not None:
                found.append(Match(i, i + 1, entry))
            i += 1
            continue
        best = None
        for keys, entry in g.index.get(tok.key, ()):
            n = len(keys)
            if i + n <= len(tokens) and all(
                tokens[i + j].key == keys[j] and tokens[i + j].kind == "word" for j in range(n)
            ):
                best = Match(i, i + n, entry)
                break
        if best:
            found.append(best)
            i = best.end
        else:
            i += 1
    return found


LIST_BREAK = re.compile(r"[,;]")


def classify_names(tokens: list[Token], matches: list[Match], sentence: str = "") -> list[Match]:
    """Mark proper names; return the glossary matches that are not inside a proper name.

    A run of capitalised words (joined by Italian connectors such as "di", "per l'") is a
    proper name if it has two or more capitalised words, or one not at the start of the
    sentence. A comma or semicolon ends a run: "Romania, Marocco, Cina" is a list of three
    (in `sentence`, when given). The run is an untranslated term, not a name, when every capitalised word in
    it belongs to a glossary term or is a word of the glossary's vocabulary ("Ufficio
    Anagrafe", "Giunta Comunale", "Responsabile del Servizio Sociale", "Sindaco"); a single
    word that is not a glossary term itself is a name.

    A run that opens the sentence with an Italian word of the glossary that does not head
    names of bodies ("Laurea in Lingue e Letterature Straniere", "Responsabile del ...",
    but not "Comune di ...", "Istituto ...") is an Italian description, not a name.
    """
    g = glossary()
    vocabulary = g.vocabulary
    in_term = {}
    for m in matches:
        for i in range(m.start, m.end):
            in_term[i] = m
    words = [i for i, t in enumerate(tokens) if t.kind in ("word", "acronym")]
    first_word = words[0] if words else -1
    kept: list[Match] = []
    hidden_matches: set[int] = set()
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        if not (t.kind == "word" and t.cap and not t.clitic):
            i += 1
            continue
        # extend the run
        j = i + 1
        last_cap = i
        while j < n:
            u = tokens[j]
            if sentence and LIST_BREAK.search(sentence, tokens[j - 1].end, u.start):
                break
            if u.kind in ("word", "acronym") and u.cap and not u.clitic:
                last_cap = j
                j += 1
            elif u.kind == "word" and u.lower in CONNECTORS and not u.cap:
                j += 1
            else:
                break
        # a sentence-initial ordinary word ("The", "Our", "Il") is not part of the name
        first = i
        while first <= last_cap and tokens[first].lower in NOT_NAMES and tokens[first].kind == "word":
            first += 1
        run = range(first, last_cap + 1)
        caps = [k for k in run if tokens[k].cap]
        head = tokens[caps[0]].lower if caps else ""
        descriptive = (
            len(caps) >= 2
            and caps[0] == first_word
            and caps[0] in in_term
            and head in vocabulary
            and head not in g.name_heads
        )
        if caps and (len(caps) >= 2 or caps[0] != first_word) and not descriptive:
            # "Istituto Comprensivo "Don Milani"": a run followed by a quoted title is a name
            titled = last_cap + 1 < n and tokens[last_cap + 1].kind == "quoted"
            generic = (
                not titled
                and any(k in in_term for k in caps)
                and all(k in in_term or tokens[k].lower in vocabulary for k in caps)
            )
            if not generic:
                for k in run:
                    if tokens[k].kind == "word":
                        tokens[k].kind = "name"
                for k in run:
                    if k in in_term:
                        hidden_matches.add(id(in_term[k]))
        i = last_cap + 1
    for m in matches:
        if id(m) in hidden_matches:
            continue
        kept.append(m)
        for k in range(m.start, m.end):
            if tokens[k].kind == "word":
                tokens[k].kind = "term"
    return kept
