"""The English check: every sentence of every free-text answer gets a verdict and hints.

The call accepts documents in English only, and our users write English that is full of
Italian proper names, offices, laws and acronyms. Plain langdetect calls many such English
sentences Italian and guesses on short CV lines. The method here (measured by
`bench/english_bench.py` on `tests/data/english_corpus.tsv`):

1. Split each answer into sentences; every line (a CV line, a list item) is at least one.
2. Tokenise and take out what is no evidence of a language: URLs, e-mails, numbers, dates,
   acronyms, quoted titles, dotted abbreviations, and proper names (runs of capitalised
   words joined by Italian connectors, "Comune di Settimo Torinese"; any capitalised word
   inside a sentence). A run of capitalised words made only of glossary terms
   ("Ufficio Anagrafe", "Giunta Comunale") is not a name but an untranslated term.
3. Count function words of English, Italian, French, Spanish and German among the words
   left; on short lines, untranslated glossary terms count as Italian too.
4. Run langdetect (own seeded factory, restricted to the European languages our users could
   paste: en it fr es de pt ro) on the masked sentence.
5. Decide: clear function-word evidence wins; otherwise langdetect's probability of English,
   and a line of English dictionary words with no foreign function word is English; a single
   word, or a short line with no function word and no clear dictionary or langdetect
   evidence, is "too_short".

Hints: untranslated glossary terms (not inside proper names), common false friends and
calques (dossier/data/false_friends.toml), and spelling (pyspellchecker's English
dictionary, British spellings accepted, names, acronyms and glossary terms ignored).

Per-user text is memoised only inside an `EnglishChecker` instance (the UI keeps one per
session); module-level caches hold only read-only resources, the same for everyone.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
import sys
import time
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .models import MAX_TEXT

if TYPE_CHECKING:  # only for type hints: keep import cheap and free of cycles
    from .calls import Call
    from .models import Dossier

DATA_DIR = Path(__file__).resolve().parent / "data"

# "not_checked": the rest of a text past the size or time budget (see Budget).
VERDICTS = ("english", "not_english", "too_short", "not_checked")
HINT_KINDS = ("glossary", "false_friend", "spelling")

# Languages langdetect chooses among: English, and what an Italian officer may paste.
DETECT_LANGUAGES = ("en", "it", "fr", "es", "de", "pt", "ro")


@dataclass(frozen=True)
class Hint:
    kind: str  # "glossary", "false_friend" or "spelling"
    text: str  # the words as written in the sentence
    suggestion: str  # what to write instead ("" when there is no good candidate)


@dataclass(frozen=True)
class SentenceResult:
    sentence: str
    start: int  # character offsets of the sentence in the checked text
    end: int
    verdict: str  # "english", "not_english" or "too_short"
    language: str  # ISO 639-1 code of the detected language, "" when not known
    hints: tuple[Hint, ...]


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


# ---------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------

# Every pattern here runs in time linear in the text: possessive quantifiers (*+, ++) never
# give back what they took, and a run is tried from its first character only (a
# look-behind refuses the middle of a run), so no position is scanned twice.
# tests/test_english_bounds.py times each pattern on adversarial texts.

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


# ---------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------

_APOS = "'’`´"
_WORD = re.compile(r"[^\W\d_]+")
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

# Function words. A word in several lists counts for each of them, split evenly.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """the of and to for with on at by from is are was were be been being has have had
        we our ours us they their them this that these those which who whom whose what where
        when will would can could should shall may might must not an it its as or but also
        more most about into than then there here each every all some many much very do does
        did done my your his her she he you how why only other such because if up out yet
        just any own same well both while during within without against among between
        through after before since until upon over under again further once few less least
        whether either neither nor too so""".split()
    ),
    "it": frozenset(
        """il lo la i gli le un uno una di da del dello della dei degli delle al allo alla ai
        agli alle dal dallo dalla dai dagli dalle nel nello nella nei negli nelle sul sullo
        sulla sui sugli sulle con per tra fra che e ed è non sono si ci vi ne anche come più
        ma o se questo questa questi queste quello quella quelli quelle nostro nostra nostri
        nostre loro essere ha hanno abbiamo siamo viene vengono ogni molto molti molte tutti
        tutte ancora già dove quando presso cui sia oppure però poi dopo prima senza verso
        sempre stato stati sarà può possono ad dall nell all dell sull quest quell po sì
        circa degli alcuni alcune nessuno qui qua perché quindi inoltre mentre""".split()
    ),
    "fr": frozenset(
        """le la les des du de un une et est sont pour dans avec sur par nous vous ils elle
        elles il qui que ne pas au aux ce cette ces son sa ses leur leurs été être avoir ont
        à où plus mais ou se en depuis toute toutes tout tous""".split()
    ),
    "es": frozenset(
        """el la los las un una unos unas de del y en es son para por con que se no su sus al
        lo como más pero o este esta estos estas hay ha han muy desde sobre entre cuando
        donde cual cualquier nuestro nuestra""".split()
    ),
    "de": frozenset(
        """der die das den dem des ein eine einen einem einer und ist sind für mit von zu zur
        zum auf im bei nicht wir sie es ich sich auch als aus nach wie wird werden hat
        haben dass oder aber kein keine vom beim gerne ihnen uns unser unsere""".split()
    ),
}
# "in", "a", "per", "no", "me" and the like are left out of English on purpose: they are
# just as common in Italian. Elided Italian forms ("l'", "dell'") are function words too.
_ELIDED = {
    "it": frozenset("l dell nell all dall sull un d c quest quell tutt anch com dov s n m t v".split()),
    "fr": frozenset("l d n qu c j s".split()),
}
_CLITICS = frozenset("s t ll ve re m d".split())  # English 's n't 'll 've 're 'm 'd
# Lower-case words that join the capitalised words of one proper name.
_CONNECTORS = frozenset(
    """di del dello della dei degli delle da dal dalla dai dalle e ed per in con sul sulla
    sui sugli sulle al alla ai agli alle a l d dell all nell sull""".split()
)
# Capitalised words that start a sentence or a name but are ordinary words.
_NOT_NAMES = frozenset(w for lang in FUNCTION_WORDS.values() for w in lang) | frozenset(
    "i we our their this these those it its a".split()
)


@dataclass
class _Token:
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


def _tokens(sentence: str) -> list[_Token]:
    hidden = [False] * len(sentence)
    for m in _URL.finditer(sentence):
        for i in range(m.start(), m.end()):
            hidden[i] = True
    quoted = [m.span() for m in _QUOTED.finditer(sentence)]  # in order, not overlapping
    quote_starts = [a for a, _ in quoted]
    out: list[_Token] = []
    for m in _WORD.finditer(sentence):
        a, b = m.span()
        if hidden[a]:
            continue
        w = m.group()
        before = sentence[a - 1] if a > 0 else ""
        after = sentence[b] if b < len(sentence) else ""
        after2 = sentence[b + 1] if b + 1 < len(sentence) else ""
        elided = bool(after) and after in _APOS and after2.isalpha()
        clitic = (bool(before) and before in _APOS and w.lower() in _CLITICS
                  and a >= 2 and sentence[a - 2].isalpha())
        tok = _Token(w, a, b, w.lower(), w[0].isupper(), len(w) >= 2 and w.isupper(), elided, clitic)
        if clitic and out and out[-1].end == a - 1:
            out[-1].elided = False  # "Master's", "don't": not an Italian elision
        # dotted abbreviations: "D.Lgs.", "Dott.ssa", "L.R.", "n. 45"
        if after == "." and (after2.isalpha() or before == "." or w.lower() in ABBREVIATIONS):
            tok.kind = "skip"
        elif before == "." and a >= 2 and sentence[a - 2].isalpha():
            tok.kind = "skip"
        elif _inside(quoted, quote_starts, a):
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


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """True if `pos` is strictly inside one of `spans` (sorted, not overlapping)."""
    k = bisect.bisect_left(starts, pos) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1]


# ---------------------------------------------------------------------------------------
# Shared read-only resources (the same for every user)
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryEntry:
    it: str
    en: str
    acronym: bool


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]
    # first token key -> list of (token keys, entry), longest first
    index: dict[str, tuple[tuple[tuple[str, ...], GlossaryEntry], ...]]
    acronyms: dict[str, GlossaryEntry]
    known_words: frozenset[str]
    vocabulary: frozenset[str]  # every word of every term ("servizio", "sociale", ...)
    name_heads: frozenset[str]  # nouns that start names of bodies ("comune", "istituto")


def _term_keys(term: str) -> tuple[str, ...]:
    term = unicodedata.normalize("NFC", term)
    keys = []
    for m in _WORD.finditer(term):
        after = term[m.end()] if m.end() < len(term) else ""
        keys.append(m.group().lower() + ("'" if after and after in _APOS else ""))
    return tuple(keys)


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    with open(DATA_DIR / "glossary.toml", "rb") as fh:
        data = tomllib.load(fh)
    entries: list[GlossaryEntry] = []
    index: dict[str, list[tuple[tuple[str, ...], GlossaryEntry]]] = {}
    acronyms: dict[str, GlossaryEntry] = {}
    for raw in data.get("term", []):
        entry = GlossaryEntry(raw["it"], raw["en"], raw["it"].isupper())
        entries.append(entry)
        if entry.acronym:
            acronyms[entry.it] = entry
            continue
        for form in [raw["it"], *raw.get("variants", [])]:
            keys = _term_keys(form)
            if keys:
                index.setdefault(keys[0], []).append((keys, entry))
    frozen = {k: tuple(sorted(v, key=lambda kv: -len(kv[0]))) for k, v in index.items()}
    known = frozenset(w.lower() for w in data.get("english", {}).get("known_words", []))
    vocabulary = frozenset(k for forms in frozen.values() for keys, _ in forms for k in keys
                           if not k.endswith("'") and k not in _CONNECTORS)
    heads = frozenset(w.lower() for w in data.get("names", {}).get("heads", []))
    return Glossary(tuple(entries), frozen, acronyms, known, vocabulary, heads)


@dataclass(frozen=True)
class FalseFriend:
    pattern: re.Pattern[str]
    suggestion: str
    example: str


@lru_cache(maxsize=1)
def false_friends() -> tuple[FalseFriend, ...]:
    with open(DATA_DIR / "false_friends.toml", "rb") as fh:
        data = tomllib.load(fh)
    return tuple(
        FalseFriend(re.compile(e["pattern"], re.IGNORECASE), e["suggestion"], e.get("example", ""))
        for e in data.get("entry", [])
    )


@lru_cache(maxsize=1)
def _detector_factory():
    """A langdetect factory of our own: seeded, restricted to DETECT_LANGUAGES."""
    import langdetect
    from langdetect.detector_factory import DetectorFactory

    profiles = Path(langdetect.__file__).resolve().parent / "profiles"
    factory = DetectorFactory()
    factory.load_json_profile([(profiles / lang).read_text(encoding="utf-8") for lang in DETECT_LANGUAGES])
    factory.seed = 0
    return factory


def detect_probabilities(text: str) -> dict[str, float]:
    """langdetect's probabilities over DETECT_LANGUAGES ({} when it finds no feature)."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _detector_factory().create()
    detector.append(text)
    try:
        return {p.lang: p.prob for p in detector.get_probabilities()}
    except LangDetectException:
        return {}


@lru_cache(maxsize=1)
def _spell():
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


# British spellings the (American) dictionary lacks: organise -> organize, centre -> center.
_BRITISH = [
    (re.compile(r"is(?=(?:e|ed|es|ing|er|ers|ation|ations|ational|ationally)$)"), "iz"),
    (re.compile(r"ys(?=(?:e|ed|es|ing)$)"), "yz"),
    (re.compile(r"tre(?=s?$)"), "ter"),
    (re.compile(r"our(?=(?:s|ed|ing|able|ably|ite|ites|hood|hoods|er|ers|ful|less)?$)"), "or"),
    (re.compile(r"mme(?=s?$)"), "m"),
    (re.compile(r"ence(?=s?$)"), "ense"),
    (re.compile(r"ll(?=(?:ed|ing|er|ers|or|ors)$)"), "l"),
    (re.compile(r"ogue(?=s?$)"), "og"),
    (re.compile(r"^(p|h|an|encyclop|medi|orthop)ae"), r"\1e"),  # paediatric, haemorrhage
    (re.compile(r"^(f|man)oe"), r"\1e"),  # foetus, manoeuvre
    (re.compile(r"ement(?=s?$)"), "ment"),
    (re.compile(r"ise(?=s?$)"), "ice"),
    (re.compile(r"ol(?=(?:ment|ments)$)"), "oll"),
    (re.compile(r"il(?=(?:ment|ments)$)"), "ill"),
    (re.compile(r"eing$"), "ing"),
]
# Matches a word exactly when one of _BRITISH would change it: most words skip the loop.
_ANY_BRITISH = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _BRITISH))


def _frequency(word: str) -> int:
    """How common `word` is in the English dictionary (0: not a word), British spellings too."""
    freq = _spell().word_frequency.dictionary
    f = freq.get(word, 0)
    if f:
        return f
    if word in glossary().known_words:
        return 1
    if not _ANY_BRITISH.search(word):
        return 0
    for pattern, repl in _BRITISH:
        variant = pattern.sub(repl, word)
        if variant != word:
            f = freq.get(variant, 0)
            if f:
                return f
    return 0


def is_english_word(word: str) -> bool:
    """True if `word` (lower case) is in the English dictionary, British spellings included."""
    return _frequency(word) > 0


_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# Longer than any word worth suggesting for ("internationalisation" has 20 letters): a
# longer token is a pasted code or a broken line; its ~54·n edits would cost n² memory.
MAX_SUGGEST_LETTERS = 30


def suggest_spelling(word: str) -> str:
    """The commonest English word one edit away from `word` ("" if there is none).

    One edit (a letter missing, extra, wrong or two swapped) covers most typing errors;
    pyspellchecker's two-edit search costs up to half a second a word, too slow here.
    """
    if len(word) > MAX_SUGGEST_LETTERS:
        return ""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    edits |= {a + c + b for a, b in splits for c in _ALPHABET}
    edits.discard(word)
    freq = _spell().word_frequency.dictionary
    best, best_score = "", (0, False)
    for e in sorted(edits):
        f = _frequency(e)
        score = (f, e not in freq)  # on a tie prefer the British spelling ("centre")
        if f and score > best_score:
            best, best_score = e, score
    return best


# ---------------------------------------------------------------------------------------
# Analysis of one sentence
# ---------------------------------------------------------------------------------------


@dataclass
class _Match:
    start: int  # token indices
    end: int
    entry: GlossaryEntry


def _glossary_matches(tokens: list[_Token]) -> list[_Match]:
    """Longest glossary terms, left to right, over the tokens that may be words."""
    g = glossary()
    found: list[_Match] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind in ("skip", "quoted"):
            i += 1
            continue
        if tok.kind == "acronym":
            entry = g.acronyms.get(tok.text)
            if entry is not None:
                found.append(_Match(i, i + 1, entry))
            i += 1
            continue
        best = None
        for keys, entry in g.index.get(tok.key, ()):
            n = len(keys)
            if i + n <= len(tokens) and all(
                tokens[i + j].key == keys[j] and tokens[i + j].kind == "word" for j in range(n)
            ):
                best = _Match(i, i + n, entry)
                break
        if best:
            found.append(best)
            i = best.end
        else:
            i += 1
    return found


def _classify_names(tokens: list[_Token], matches: list[_Match]) -> list[_Match]:
    """Mark proper names; return the glossary matches that are not inside a proper name.

    A run of capitalised words (joined by Italian connectors such as "di", "per l'") is a
    proper name if it has two or more capitalised words, or one not at the start of the
    sentence. The run is an untranslated term, not a name, when every capitalised word in
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
    kept: list[_Match] = []
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
            if u.kind in ("word", "acronym") and u.cap and not u.clitic:
                last_cap = j
                j += 1
            elif u.kind == "word" and u.lower in _CONNECTORS and not u.cap:
                j += 1
            else:
                break
        # a sentence-initial ordinary word ("The", "Our", "Il") is not part of the name
        first = i
        while first <= last_cap and tokens[first].lower in _NOT_NAMES and tokens[first].kind == "word":
            first += 1
        run = range(first, last_cap + 1)
        caps = [k for k in run if tokens[k].cap]
        head = tokens[caps[0]].lower if caps else ""
        descriptive = (
            len(caps) >= 2 and caps[0] == first_word and caps[0] in in_term
            and head in vocabulary and head not in g.name_heads
        )
        if caps and (len(caps) >= 2 or caps[0] != first_word) and not descriptive:
            # "Istituto Comprensivo "Don Milani"": a run followed by a quoted title is a name
            titled = last_cap + 1 < n and tokens[last_cap + 1].kind == "quoted"
            generic = not titled and any(k in in_term for k in caps) and all(
                k in in_term or tokens[k].lower in vocabulary for k in caps)
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


@dataclass
class Evidence:
    """What the decision saw; kept for tests and the benchmark."""

    words: int
    letters: int
    function: dict[str, float]
    terms: int  # glossary terms found (not acronyms)
    term_tokens: int  # words inside those terms
    dictionary_share: float
    probabilities: dict[str, float]
    masked: str


def _evidence(sentence: str, tokens: list[_Token], terms: list[_Match], detect: bool) -> Evidence:
    counts = {lang: 0.0 for lang in FUNCTION_WORDS}
    words = [t for t in tokens if t.kind == "word"]
    for t in words:
        if t.clitic:
            if t.lower in _CLITICS:
                counts["en"] += 1
            continue
        if t.elided:
            langs = [lang for lang, forms in _ELIDED.items() if t.lower in forms]
        else:
            langs = [lang for lang, fw in FUNCTION_WORDS.items() if t.lower in fw]
        for lang in langs:
            counts[lang] += 1 / len(langs)
    n_terms = sum(1 for m in terms if not m.entry.acronym)
    content = [t for t in words
               if not t.clitic and len(t.text) >= 3 and t.lower not in FUNCTION_WORDS["it"]]
    known = sum(1 for t in content if is_english_word(t.lower))
    share = known / len(content) if content else 0.0
    masked_chars = list(sentence)
    for t in tokens:
        if t.kind != "word":
            for k in range(t.start, t.end):
                masked_chars[k] = " "
    masked = re.sub(r"\s+", " ", "".join(masked_chars)).strip()
    letters = sum(len(t.text) for t in words)
    probs = detect_probabilities(masked) if detect and letters >= 3 else {}
    n_term_tokens = sum(1 for t in tokens if t.kind == "term")
    return Evidence(len(words), letters, counts, n_terms, n_term_tokens, share, probs, masked)


LONG_WORDS = 4  # from this many words (and LONG_LETTERS letters) langdetect is trusted
LONG_LETTERS = 20


def decide(ev: Evidence) -> tuple[str, str]:
    """(verdict, language) from the evidence of one sentence."""
    en = ev.function["en"]
    others = {lang: c for lang, c in ev.function.items() if lang != "en"}
    others["it"] += ev.terms
    top_other = max(others, key=lambda lang: (others[lang], lang == "it"))
    other = others[top_other]
    probs = ev.probabilities
    p_en = probs.get("en", 0.0)
    top_detected = max((lang for lang in probs if lang != "en"), key=probs.get, default="")

    def foreign(default: str) -> tuple[str, str]:
        # name the language: function words if they are clear, else langdetect
        if other >= 1 and (not top_detected or others.get(top_detected, 0) < other):
            return "not_english", top_other
        return "not_english", top_detected or default

    if ev.words == 0 and ev.terms == 0:
        return "too_short", ""
    long = ev.words >= LONG_WORDS and ev.letters >= LONG_LETTERS
    if long:
        # In a sentence, glossary terms are untranslated words in an English frame: they
        # get hints, and only function words and langdetect decide the language.
        fw_other = max(c for lang, c in ev.function.items() if lang != "en")
        if en >= 2 and en >= 2 * fw_other:
            return "english", "en"
        if fw_other >= 2 and fw_other >= 2 * en:
            return foreign(top_other)
        if p_en >= 0.5 or (en >= 3 and en >= fw_other):
            return "english", "en"
        if fw_other == 0 and ev.dictionary_share >= 0.8:
            return "english", "en"  # English words only, no foreign function word
        return foreign(top_other)
    if ev.words + ev.term_tokens < 2:
        # One word ("No", "Present", "Librarian"): only an Italian glossary term or a long
        # function word of one other language ("Nessuno") says anything.
        if ev.terms:
            return "not_english", "it"
        if other >= 1 and ev.letters >= 4 and other == int(other):
            return foreign(top_other)
        return "too_short", ""
    # Short: function words decide; otherwise the dictionary and langdetect together.
    if en >= 1 and en > other:
        return "english", "en"
    if other >= 1 and en == 0:
        return foreign(top_other)
    content_words = ev.words - int(en + other)
    if content_words >= 2 and ev.dictionary_share >= 0.99:
        return "english", "en"
    if (content_words >= 2 and ev.dictionary_share <= 0.5 and top_detected
            and probs[top_detected] >= 0.9):
        return "not_english", top_detected
    return "too_short", ""


@dataclass(frozen=True)
class Analysis:
    verdict: str
    language: str
    hints: tuple[Hint, ...]
    evidence: Evidence


def analyse(sentence: str, spelling_memo: dict[str, str] | None = None) -> Analysis:
    """Verdict, language and hints for one sentence (no memo: see EnglishChecker)."""
    tokens = _tokens(sentence)
    matches = _glossary_matches(tokens)
    terms = _classify_names(tokens, matches)
    ev = _evidence(sentence, tokens, terms, detect=True)
    verdict, language = decide(ev)
    found: list[tuple[int, Hint]] = _glossary_hints(sentence, tokens, terms)
    if verdict != "not_english":
        ff = _false_friend_hints(sentence, tokens)
        covered = [False] * len(sentence)  # the characters a false friend hint points at
        for p, h in ff:
            covered[p : p + len(h.text)] = [True] * len(h.text)
        found += ff
        memo = spelling_memo if spelling_memo is not None else {}
        found += [(p, h) for p, h in _spelling_hints(sentence, tokens, memo) if not covered[p]]
    hints = tuple(h for _, h in sorted(found, key=lambda ph: ph[0]))  # in reading order
    return Analysis(verdict, language, hints, ev)


def _glossary_hints(sentence: str, tokens: list[_Token], terms: list[_Match]) -> list[tuple[int, Hint]]:
    hints: list[tuple[int, Hint]] = []
    hinted: set[str] = set()
    lowered = sentence.lower()
    for m in terms:
        text = sentence[tokens[m.start].start : tokens[m.end - 1].end]
        en = m.entry.en
        if m.entry.acronym:
            # already explained in the sentence: "the adult education centre (CPIA)"
            expansion = re.sub(r"\s*\(.*?\)", "", en).lower()
            if expansion and expansion in lowered:
                continue
            if _in_parentheses(sentence, tokens[m.start].start, tokens[m.start].end):
                continue
        if text in hinted:
            continue
        hinted.add(text)
        hints.append((tokens[m.start].start, Hint("glossary", text, en)))
    return hints


def _in_parentheses(sentence: str, a: int, b: int) -> bool:
    return sentence[:a].rstrip().endswith("(") and sentence[b:].lstrip().startswith(")")


def _false_friend_hints(sentence: str, tokens: list[_Token]) -> list[tuple[int, Hint]]:
    quoted = [(t.start - 1, t.end) for t in tokens if t.kind == "quoted"]  # a <= start < b
    quote_starts = [a for a, _ in quoted]
    hints: list[tuple[int, Hint]] = []
    for ff in false_friends():
        for m in ff.pattern.finditer(sentence):
            if _inside(quoted, quote_starts, m.start()):
                continue
            hints.append((m.start(), Hint("false_friend", m.group(), ff.suggestion)))
    return hints


MAX_SUGGESTIONS = 30  # a pasted list of unknown words: hint them all, suggest for the first


def _spelling_hints(sentence: str, tokens: list[_Token], memo: dict[str, str]) -> list[tuple[int, Hint]]:
    hints: list[tuple[int, Hint]] = []
    seen: set[str] = set()
    for i, t in enumerate(tokens):
        if t.kind != "word" or t.cap or t.clitic or len(t.text) < 3:
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if t.elided or (nxt is not None and nxt.clitic):
            continue  # "l'", "don't": not a word to spell on its own
        w = t.lower
        if w in seen or is_english_word(w):
            continue
        seen.add(w)
        if w not in memo and len(hints) < MAX_SUGGESTIONS:
            memo[w] = suggest_spelling(w)
        hints.append((t.start, Hint("spelling", t.text, memo.get(w, ""))))
    return hints


# ---------------------------------------------------------------------------------------
# The checker a session keeps
# ---------------------------------------------------------------------------------------

MEMO_LIMIT = 5000  # sentences
MEMO_CHARS = 1_000_000  # characters of those sentences: a few MB a session at most
NOT_CHECKED = "not_checked"


@dataclass(frozen=True)
class Budget:
    """How much one check may do; the rest of the text is one "not_checked" result.

    Sizes (characters of sentences checked) always cut at the same place. The times are a
    safety net for a slow or busy machine; only sentences not in the memo spend them, so
    the next check goes on where this one stopped. One sentence costs a bounded time (its
    length is within the size budget, and spelling suggestions are capped), so a check
    ends at most one sentence after its deadline.
    """

    field_chars: int = MAX_TEXT  # one field: all a field may hold
    dossier_chars: int = 100_000  # all fields of one check_fields (5 full fields)
    field_seconds: float = 1.0
    dossier_seconds: float = 2.0


class EnglishChecker:
    """Checks texts sentence by sentence, remembering each sentence it has seen.

    Keep one instance per user session (st.session_state): the memo holds that user's
    sentences and nobody else's. Editing one answer re-checks only the changed sentences.
    """

    def __init__(self, budget: Budget = Budget()) -> None:
        self.budget = budget
        self._memo: dict[str, tuple[str, str, tuple[Hint, ...]]] = {}
        self._memo_chars = 0
        self._spelling: dict[str, str] = {}
        self.analysed = 0  # sentences analysed (memo misses), for tests and the benchmark

    def check_sentence(self, sentence: str) -> tuple[str, str, tuple[Hint, ...]]:
        return self._result(normalise(sentence))

    def _result(self, key: str) -> tuple[str, str, tuple[Hint, ...]]:
        hit = self._memo.get(key)
        if hit is None:
            a = analyse(key, self._spelling)
            hit = (a.verdict, a.language, a.hints)
            self.analysed += 1
            while self._memo and (len(self._memo) >= MEMO_LIMIT or self._memo_chars + len(key) > MEMO_CHARS):
                oldest = next(iter(self._memo))
                del self._memo[oldest]
                self._memo_chars -= len(oldest)
            if len(self._spelling) >= MEMO_LIMIT:
                self._spelling.clear()
            self._memo[key] = hit
            self._memo_chars += len(key)
        return hit

    def check_text(self, text: str) -> list[SentenceResult]:
        """Each sentence of `text`, within the budget of one field."""
        b = self.budget
        return self._check(text, b.field_chars, time.perf_counter() + b.field_seconds)

    def check_fields(self, fields: dict[str, str]) -> dict[str, list[SentenceResult]]:
        """Each field, within the budget of one field each and of the dossier in all."""
        b = self.budget
        deadline = time.perf_counter() + b.dossier_seconds
        chars_left = b.dossier_chars
        out: dict[str, list[SentenceResult]] = {}
        for path, text in fields.items():
            field_deadline = min(deadline, time.perf_counter() + b.field_seconds)
            out[path] = self._check(text, min(chars_left, b.field_chars), field_deadline)
            chars_left -= sum(r.end - r.start for r in out[path] if r.verdict != NOT_CHECKED)
        return out

    def _check(self, text: str, chars: int, deadline: float) -> list[SentenceResult]:
        text = without_controls(text or "")
        results: list[SentenceResult] = []
        introduced: set[str] = set()  # acronyms already used once in this text
        spans = split_sentences(text)
        for start, end in spans:
            sentence = text[start:end]
            key = normalise(sentence)
            chars -= end - start
            if chars < 0 or (key not in self._memo and time.perf_counter() > deadline):
                rest = spans[-1][1]
                results.append(SentenceResult(text[start:rest], start, rest, NOT_CHECKED, "", ()))
                break
            verdict, language, hints = self._result(key)
            kept = tuple(h for h in hints if not (h.kind == "glossary" and h.text in introduced))
            introduced.update(_acronyms_in(sentence))
            results.append(SentenceResult(sentence, start, end, verdict, language, kept))
        return results


@lru_cache(maxsize=1)
def _acronym_pattern() -> re.Pattern[str]:
    """The glossary's acronyms as whole words, longest first."""
    names = sorted(glossary().acronyms, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")


def _acronyms_in(sentence: str) -> set[str]:
    return set(_acronym_pattern().findall(sentence))


# ---------------------------------------------------------------------------------------
# What of a Dossier is checked
# ---------------------------------------------------------------------------------------


def dossier_texts(d: Dossier, call: Call) -> dict[str, str]:
    """Every free text of `d` that the documents print in English, by dotted path.

    Left out on purpose: names of people, municipalities, unions, employers and schools
    (proper names stay as they are), addresses, e-mails, phones, URLs, countries and
    languages (chosen from lists or names), dates and numbers.
    """
    o = d.officer
    out: dict[str, str] = {}
    for q in call.questions:
        out[f"needs.answers.{q.id}"] = d.needs.answers.get(q.id, "")
    out["officer.role"] = o.role
    out["officer.department"] = o.department
    for i, x in enumerate(o.experience):
        out[f"officer.experience.{i}.position"] = x.position
        out[f"officer.experience.{i}.activities"] = x.activities
    for i, x in enumerate(o.education):
        out[f"officer.education.{i}.title"] = x.title
        out[f"officer.education.{i}.details"] = x.details
    out["officer.digital_skills"] = o.digital_skills
    out["officer.other_skills"] = o.other_skills
    out["officer.relevant_experience"] = o.relevant_experience
    return out


def unresolved(d: Dossier, call: Call, checker: EnglishChecker) -> list[tuple[str, SentenceResult]]:
    """Sentences judged not English that the user has not marked as intended, by field path."""
    intended = set(d.english_intended)
    return [
        (path, r)
        for path, results in checker.check_fields(dossier_texts(d, call)).items()
        for r in results
        if r.verdict == "not_english" and sentence_key(r.sentence) not in intended
    ]


# ---------------------------------------------------------------------------------------
# Command line: python -m dossier check-english < text
# ---------------------------------------------------------------------------------------


def result_dict(r: SentenceResult) -> dict:
    return {
        "sentence": r.sentence,
        "start": r.start,
        "end": r.end,
        "verdict": r.verdict,
        "language": r.language,
        "hints": [{"kind": h.kind, "text": h.text, "suggestion": h.suggestion} for h in r.hints],
    }


MAX_INPUT_BYTES = 1_000_000


def main_check_english(stdin: IO[bytes] | None = None, stdout: IO[bytes] | None = None,
                       stderr: IO[str] | None = None) -> int:
    """Read UTF-8 text on stdin, print one JSON object per sentence (UTF-8) on stdout.

    Exit 2, with the reason on stderr, when the input is not UTF-8 or longer than
    MAX_INPUT_BYTES. The text is checked within one dossier's budget (see Budget).
    """
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout if stdout is not None else sys.stdout.buffer
    stderr = stderr if stderr is not None else sys.stderr
    data = stdin.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        print(f"check-english: the input is longer than {MAX_INPUT_BYTES:,} bytes.", file=stderr)
        return 2
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        print(f"check-english: the input is not UTF-8 text (byte {data[err.start]:#04x} at "
              f"offset {err.start} cannot be decoded).", file=stderr)
        return 2
    b = Budget()
    checker = EnglishChecker(Budget(field_chars=b.dossier_chars, field_seconds=b.dossier_seconds))
    for r in checker.check_text(text):
        stdout.write(json.dumps(result_dict(r), ensure_ascii=False).encode("utf-8") + b"\n")
    return 0
