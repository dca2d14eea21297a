"""A memo for the pure checks of one user's text that every change would repeat.

The Dossier's problems are found again after each change of it (`eligibility.missing`), and
each time the same addresses, phone numbers and answers went again through
email-validator, phonenumbers and the word pattern: ~0.5 ms of a field change, when
the field changed was none of them. A `TextMemo` keeps those answers for one session:
the caller lends it for one search with `using(memo)`, so this module never holds a
user's text, and a search without one (the command line, most tests) just computes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from .bounded_memo import BoundedMemo

T = TypeVar("T")

MEMO_CHARS = 100_000  # characters of the texts kept: the example Dossier's ~2,700, many times over


class TextMemo:
    """Answers of the memoized checks by (check, text), bounded in characters; the oldest go first."""

    def __init__(self) -> None:
        self._answers: BoundedMemo[tuple[Callable, str], object] = BoundedMemo(MEMO_CHARS)

    def answer(self, check: Callable[[str], T], text: str) -> T:
        key = (check, text)
        if key in self._answers:
            return self._answers.get(key)  # type: ignore[return-value]
        result = check(text)
        self._answers.put(key, result, len(text))
        return result

    def __len__(self) -> int:
        return len(self._answers)


# Which session's memo the running search may use: set only inside `using`, in the thread
# (the session's script run) that searches.
_lent: ContextVar[TextMemo | None] = ContextVar("text_memo", default=None)


@contextmanager
def using(memo: TextMemo) -> Iterator[None]:
    """Let the memoized checks called inside the block keep their answers in `memo`."""
    token = _lent.set(memo)
    try:
        yield
    finally:
        _lent.reset(token)


def memoized(check: Callable[[str], T]) -> Callable[[str], T]:
    """`check` answered from the memo lent by `using`, if any; `check` must be pure."""

    @functools.wraps(check)
    def answer(text: str) -> T:
        memo = _lent.get()
        return check(text) if memo is None else memo.answer(check, text)

    return answer
