"""The checker a session keeps: one sentence through the five stages, a memo per user,
the size and time budget; and the check of a Dossier's free texts (dossier/free_texts.py)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..bounded_memo import BoundedMemo
from ..free_texts import dossier_texts
from ..models import MAX_TEXT
from .decision import decide
from .evidence import Evidence, gather_evidence
from .hints import Hint, SpellingMemo, sentence_hints
from .lexicon import glossary
from .sentences import normalise, sentence_key, split_sentences, without_controls
from .tokens import classify_names, glossary_matches, tokenise

if TYPE_CHECKING:  # only for type hints: keep import cheap and free of cycles
    from collections.abc import Iterable

    from ..calls import Call
    from ..models import Dossier

# "not_checked": the rest of a text past the size or time budget (see Budget).
VERDICTS = ("english", "not_english", "too_short", "not_checked")


@dataclass(frozen=True)
class SentenceResult:
    sentence: str
    start: int  # character offsets of the sentence in the checked text
    end: int
    verdict: str  # one of VERDICTS
    language: str  # ISO 639-1 code of the detected language, "" when not known
    hints: tuple[Hint, ...]


@dataclass(frozen=True)
class Analysis:
    verdict: str
    language: str
    hints: tuple[Hint, ...]
    evidence: Evidence


def analyse(sentence: str, spelling_memo: SpellingMemo | None = None) -> Analysis:
    """Verdict, language and hints for one sentence (no memo: see EnglishChecker)."""
    tokens = tokenise(sentence)
    matches = glossary_matches(tokens)
    terms = classify_names(tokens, matches, sentence)
    ev = gather_evidence(sentence, tokens, terms, detect=True)
    verdict, language = decide(ev)
    hints = sentence_hints(
        sentence, tokens, terms, verdict, spelling_memo if spelling_memo is not None else SpellingMemo(SPELLING_CHARS)
    )
    return Analysis(verdict, language, hints, ev)


MEMO_LIMIT = 5000  # sentences
MEMO_CHARS = 1_000_000  # characters of those sentences: a few MB a session at most
# Unknown words with their hint: a word and its suggestion (one edit away) count twice its length.
SPELLING_CHARS = 200_000
# Whole texts checked to the end, with their results: a field change re-checks one text,
# and the others (every answer and CV line of the Dossier, at each change) cost a lookup.
TEXT_MEMO_CHARS = 200_000  # characters of those texts: all of a real Dossier's, ten times over
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
    # What one checker (one user's session) may spend analysing, whatever the calls: a
    # burst of `session_seconds`, then `session_refill` seconds per second, at most a
    # quarter of a core. A page with a hundred fields checks each under its own budget,
    # so without this a hostile draft cost a rerun 15 s and held everyone else's clicks.
    session_seconds: float = 2.0
    session_refill: float = 0.25


class EnglishChecker:
    """Checks texts sentence by sentence, remembering each sentence it has seen.

    Keep one instance per user session (st.session_state): the memos hold that user's
    sentences and texts and nobody else's. Editing one answer re-checks only the changed
    sentences, and splits only the changed text.
    """

    def __init__(self, budget: Budget = Budget()) -> None:
        self.budget = budget
        self._memo: BoundedMemo[str, tuple[str, str, tuple[Hint, ...]]] = BoundedMemo(MEMO_CHARS, MEMO_LIMIT)
        self._spelling = SpellingMemo(SPELLING_CHARS, MEMO_LIMIT)  # word: (hint kind, suggestion)
        # text: (its results, the characters of budget they took), for texts checked to the end
        self._texts: BoundedMemo[str, tuple[tuple[SentenceResult, ...], int]] = BoundedMemo(TEXT_MEMO_CHARS)
        self.analysed = 0  # sentences analysed (memo misses), for tests and the benchmark
        self._allowance = budget.session_seconds
        self._refilled_at = time.perf_counter()

    def _may_analyse(self) -> bool:
        """Whether this session's allowance has time left for one more sentence."""
        now = time.perf_counter()
        b = self.budget
        self._allowance = min(b.session_seconds, self._allowance + (now - self._refilled_at) * b.session_refill)
        self._refilled_at = now
        return self._allowance > 0

    def check_sentence(self, sentence: str) -> tuple[str, str, tuple[Hint, ...]]:
        return self._result(normalise(sentence))

    def _result(self, key: str) -> tuple[str, str, tuple[Hint, ...]]:
        hit = self._memo.get(key)
        if hit is None:
            started = time.perf_counter()
            a = analyse(key, self._spelling)
            self._allowance -= time.perf_counter() - started
            hit = (a.verdict, a.language, a.hints)
            self.analysed += 1
            self._memo.put(key, hit, len(key))
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
        """`text` sentence by sentence; a text checked to the end before, and within `chars`
        again, gives the same results (each sentence's are fixed), so they are reused."""
        text = text or ""
        kept = self._texts.get(text)
        if kept is not None:
            if kept[1] <= chars:
                return list(kept[0])
            return self._check_sentences(text, chars, deadline)  # a smaller budget cuts it short
        results = self._check_sentences(text, chars, deadline)
        if all(r.verdict != NOT_CHECKED for r in results):
            self._texts.put(text, (tuple(results), sum(r.end - r.start for r in results)), len(text))
        return results

    def _check_sentences(self, text: str, chars: int, deadline: float) -> list[SentenceResult]:
        text = without_controls(text)
        results: list[SentenceResult] = []
        introduced: set[str] = set()  # acronyms already used once in this text
        spans = split_sentences(text)
        for start, end in spans:
            sentence = text[start:end]
            key = normalise(sentence)
            chars -= end - start
            if chars < 0 or (key not in self._memo and (time.perf_counter() > deadline or not self._may_analyse())):
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


def unresolved(d: Dossier, call: Call, checker: EnglishChecker) -> list[tuple[str, SentenceResult]]:
    """What keeps the documents back, by field path: sentences judged not English that the
    user has not marked as intended, then any text past a budget ("not checked" is never
    taken for English)."""
    checked = checker.check_fields(dossier_texts(d, call))
    return not_english(checked, d.english_intended) + unchecked(checked)


def not_english(checked: dict[str, list[SentenceResult]], intended: Iterable[str]) -> list[tuple[str, SentenceResult]]:
    """Of the results of `check_fields`, the sentences not English and not marked as intended."""
    keys = set(intended)
    return [
        (path, r)
        for path, results in checked.items()
        for r in results
        if r.verdict == "not_english" and sentence_key(r.sentence) not in keys
    ]


def unchecked(checked: dict[str, list[SentenceResult]]) -> list[tuple[str, SentenceResult]]:
    """Of the results of `check_fields`, the texts past a budget, not checked yet."""
    return [(path, r) for path, results in checked.items() for r in results if r.verdict == NOT_CHECKED]


def kept_as_written(checked: dict[str, list[SentenceResult]], intended: Iterable[str]) -> int:
    """How many sentences not English the user marked as staying as written."""
    keys = set(intended)
    return sum(
        1
        for results in checked.values()
        for r in results
        if r.verdict == "not_english" and sentence_key(r.sentence) in keys
    )
