"""Stage 5, hints: untranslated glossary terms, the mistakes of rules.toml, Italian words
left in, and spelling. Each hint may carry a fix: the text that replaces its words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..bounded_memo import BoundedMemo
from .dictionary import is_english_word, is_italian_word, suggest_spelling
from .mistakes import apply_template, rules
from .tokens import Match, Token, inside

# false_friend: a rule of rules.toml (its family says which kind of mistake)
HINT_KINDS = ("glossary", "false_friend", "italian_word", "spelling")


@dataclass(frozen=True)
class Hint:
    kind: str  # one of HINT_KINDS
    text: str  # the words as written in the sentence
    suggestion: str  # what to write instead ("" when there is no good candidate)
    family: str = ""  # for a rule: its family in rules.toml
    fix: str = ""  # what replaces `text` with one click ("" when no single fix fits)


def sentence_hints(
    sentence: str, tokens: list[Token], terms: list[Match], verdict: str, spelling_memo: SpellingMemo
) -> tuple[Hint, ...]:
    """The hints of one sentence in reading order; a sentence not in English gets only the
    glossary's (its other words are not English to correct)."""
    found: list[tuple[int, Hint]] = glossary_hints(sentence, tokens, terms)
    if verdict != "not_english":
        ff = rule_hints(sentence, tokens)
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
        fix = "" if m.entry.acronym else re.sub(r"\s*\(.*?\)", "", en.split(" / ")[0])
        hints.append((tokens[m.start].start, Hint("glossary", text, en, fix=fix)))
    return hints


def _in_parentheses(sentence: str, a: int, b: int) -> bool:
    return sentence[:a].rstrip().endswith("(") and sentence[b:].lstrip().startswith(")")


def rule_hints(sentence: str, tokens: list[Token]) -> list[tuple[int, Hint]]:
    quoted = [(t.start - 1, t.end) for t in tokens if t.kind == "quoted"]  # a <= start < b
    quote_starts = [a for a, _ in quoted]
    hints: list[tuple[int, Hint]] = []
    pointed: set[tuple[int, str, str]] = set()  # two rules of a family on the same words: one hint
    for rule in rules():
        for m in rule.pattern.finditer(sentence):
            if inside(quoted, quote_starts, m.start()) or (m.start(), m.group(), rule.family) in pointed:
                continue
            pointed.add((m.start(), m.group(), rule.family))
            hint = Hint("false_friend", m.group(), rule.suggestion, rule.family, apply_template(rule.fix, m))
            hints.append((m.start(), hint))
    return hints


# An unknown word: (hint kind, suggestion); kept by the session's checker, bounded in characters.
SpellingMemo = BoundedMemo[str, tuple[str, str]]

MAX_SUGGESTIONS = 30  # a pasted list of unknown words: hint them all, suggest for the first


def spelling_hints(sentence: str, tokens: list[Token], memo: SpellingMemo) -> list[tuple[int, Hint]]:
    """Words not in the English dictionary: an Italian word says so ("corsi" is not a typo
    of "corgi"); any other gets the likeliest English word one edit away, if there is one."""
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
        found = memo.get(w)
        if found is None and len(hints) < MAX_SUGGESTIONS:
            found = ("italian_word", "") if is_italian_word(w) else ("spelling", suggest_spelling(w))
            memo.put(w, found, 2 * len(w))
        kind, suggestion = found or ("spelling", "")
        hints.append((t.start, Hint(kind, t.text, suggestion, fix=suggestion)))
    return hints


def apply_fix(text: str, start: int, end: int, hint: Hint) -> str:
    """`text` with the hint's words in the sentence at `start:end` replaced by its fix.

    The hint was found in the sentence with its spaces made single (see normalise), so its
    words are looked for with any spaces between them; the first occurrence is the one the
    hint points at. Unchanged when the sentence no longer holds them (the text was edited).
    """
    if not hint.fix:
        return text
    words = hint.text.split()
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
    m = re.compile(pattern).search(text, start, end)
    if m is None:
        return text
    return text[: m.start()] + hint.fix + text[m.end() :]
