"""A memo of one user's text bounded in characters (and, if asked, in entries): the oldest
entries go first. The English check's sentences and texts and the text checks' answers
(dossier/text_memo.py) are each kept in one, so a session's memory stays bounded whatever
it types."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedMemo(Generic[K, V]):
    def __init__(self, max_chars: int, max_entries: int | None = None) -> None:
        self.max_chars = max_chars
        self.max_entries = max_entries
        self._items: dict[K, tuple[V, int]] = {}  # key: (value, the characters it counts for)
        self.chars = 0

    def __contains__(self, key: K) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def get(self, key: K, default: V | None = None) -> V | None:
        item = self._items.get(key)
        return default if item is None else item[0]

    def put(self, key: K, value: V, chars: int) -> None:
        """Keep `value` under `key`, counted as `chars` characters; one larger than the bound is not kept."""
        if chars > self.max_chars:
            return
        if key in self._items:
            self.chars -= self._items.pop(key)[1]
        while self._items and self._full(chars):
            oldest = next(iter(self._items))
            self.chars -= self._items.pop(oldest)[1]
        self._items[key] = (value, chars)
        self.chars += chars

    def _full(self, adding: int) -> bool:
        """No room for `adding` more characters, or for one more entry."""
        too_many = self.max_entries is not None and len(self._items) >= self.max_entries
        return too_many or self.chars + adding > self.max_chars
