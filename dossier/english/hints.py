"""Stage 5, hints: untranslated glossary terms, false friends and calques, and spelling."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dictionary import is_english_word, suggest_spelling
from .lexicon import false_friends
from .tokens import Match, Token, inside

HINT_KINDS = ("glossary", "false_friend", "spelling")


@dataclass(frozen=True)
class Hint:
    kind: str  # "glossary", "false_friend" or "spelling"
    text: str  # the words as written in the sentence
    suggestion: str  # what to write instead ("" when there is no good candidate)


def sentence_hints(sentence: str, tokens: list[Token], terms: list[Match], verdict: str,
                   spelling_memo: dict[str, str]) -> tuple[Hint, ...]:
    """The hints of one sentence in reading order; a sentence not in English gets only the
    glossary's (its other words are not English to correct)."""
    found: list[tuple[int, Hint]] = glossary_hints(sentence, tokens, terms)
    if verdict != "not_english":
        ff = false_friend_hints(sentence, tokens)
        covered = [False] * len(sentence)  # the characters a false friend hint points at
        for p, h in ff:
            covered[p : p + len(h.text)] = [True] * len(h.text)
        found += ff
        found += [(p, h) for p, h in spelling_hints(sentence, tokens, spelling_memo) if not covered[p]]
    return tuple(h for _, h in sorted(found, key=lambda ph: ph[0]))


def glossary_hints(sentence: str, tokens: list[Token], terms: list[Match]) -> list[tuple[int, Hint]]:
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


def false_friend_hints(sentence: str, tokens: list[Token]) -> list[tuple[int, Hint]]:
    quoted = [(t.start - 1, t.end) for t in tokens if t.kind == "quoted"]  # a <= start < b
    quote_starts = [a for a, _ in quoted]
    hints: list[tuple[int, Hint]] = []
    for ff in false_friends():
        for m in ff.pattern.finditer(sentence):
            if inside(quoted, quote_starts, m.start()):
                continue
            hints.append((m.start(), Hint("false_friend", m.group(), ff.suggestion)))
    return hints


MAX_SUGGESTIONS = 30  # a pasted list of unknown words: hint them all, suggest for the first


def spelling_hints(sentence: str, tokens: list[Token], memo: dict[str, str]) -> list[tuple[int, Hint]]:
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
