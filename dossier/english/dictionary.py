"""Shared read-only language knowledge: langdetect, restricted to the languages our users
could paste, and the English dictionary (pyspellchecker's, British spellings accepted)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .lexicon import glossary

if TYPE_CHECKING:  # both load their data when first used, not on import
    from langdetect.detector_factory import DetectorFactory
    from spellchecker import SpellChecker

# Languages langdetect chooses among: English, and what an Italian officer may paste.
DETECT_LANGUAGES = ("en", "it", "fr", "es", "de", "pt", "ro")


@lru_cache(maxsize=1)
def _detector_factory() -> DetectorFactory:
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
def spell() -> SpellChecker:
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


@lru_cache(maxsize=1)
def _italian() -> dict[str, int]:
    """pyspellchecker's Italian word frequencies (loaded on the first unknown word)."""
    from spellchecker import SpellChecker

    frequencies: dict[str, int] = SpellChecker(language="it", distance=1).word_frequency.dictionary
    return frequencies


ITALIAN_MIN_FREQUENCY = 20  # rarer "Italian words" are mostly typos, names or loans


def is_italian_word(word: str) -> bool:
    """True if `word` (lower case) is a common Italian word."""
    return _italian().get(word, 0) >= ITALIAN_MIN_FREQUENCY


# British spellings the (American) dictionary lacks: organise -> organize, centre -> center.
BRITISH = [
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
# Matches a word exactly when one of BRITISH would change it: most words skip the loop.
_ANY_BRITISH = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in BRITISH))


def _frequency(word: str) -> int:
    """How common `word` is in the English dictionary (0: not a word), British spellings too."""
    freq: dict[str, int] = spell().word_frequency.dictionary
    f = freq.get(word, 0)
    if f:
        return f
    if word in glossary().known_words:
        return 1
    if not _ANY_BRITISH.search(word):
        return 0
    for pattern, repl in BRITISH:
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
# A suggestion only when it is likely: a rare word one edit away ("corgi", 59) is no help.
MIN_SUGGESTION_FREQUENCY = 200


def suggest_spelling(word: str) -> str:
    """The commonest English word one edit away from `word` ("" if none is common).

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
    freq = spell().word_frequency.dictionary
    best, best_score = "", (0, False)
    for e in sorted(edits):
        f = _frequency(e)
        score = (f, e not in freq)  # on a tie prefer the British spelling ("centre")
        if f >= MIN_SUGGESTION_FREQUENCY and score > best_score:
            best, best_score = e, score
    return best
