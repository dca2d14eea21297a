"""Stage 3, evidence: function words, glossary terms, dictionary words and langdetect's
probabilities, counted over the words that are not names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dictionary import detect_probabilities, is_english_word
from .lexicon import CLITICS, ELIDED, FUNCTION_WORDS
from .tokens import Match, Token


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


def gather_evidence(sentence: str, tokens: list[Token], terms: list[Match], detect: bool) -> Evidence:
    counts = dict.fromkeys(FUNCTION_WORDS, 0.0)
    words = [t for t in tokens if t.kind == "word"]
    for t in words:
        if t.clitic:
            if t.lower in CLITICS:
                counts["en"] += 1
            continue
        if t.elided:
            langs = [lang for lang, forms in ELIDED.items() if t.lower in forms]
        else:
            langs = [lang for lang, fw in FUNCTION_WORDS.items() if t.lower in fw]
        for lang in langs:
            counts[lang] += 1 / len(langs)
    n_terms = sum(1 for m in terms if not m.entry.acronym)
    content = [t for t in words if not t.clitic and len(t.text) >= 3 and t.lower not in FUNCTION_WORDS["it"]]
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
