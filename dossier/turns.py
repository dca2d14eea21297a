"""Turns at a scarce resource shared by every user of the server process (the PDF
converter, the signed-letter check): first come, first served, `slots` at a time, each
owner with one turn at most queued or running, each waiting caller told its place.

A ticket holds only an opaque owner token (a session's id), never user data.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass

POLL = 1.0  # how often a waiting caller hears its place again (and may stop waiting)


class Busy(Exception):
    """No turn came within the wait."""


class Already(Exception):
    """This owner has a turn queued or running already."""


@dataclass(eq=False)
class _Ticket:
    owner: Hashable | None


class Turns:
    """The first `slots` tickets in line have their turn; the others wait in the order
    they came."""

    def __init__(self, slots: int):
        self.slots = slots
        self._changed = threading.Condition()
        self._line: list[_Ticket] = []

    def waiting(self) -> int:
        with self._changed:
            return max(len(self._line) - self.slots, 0)

    def _place(self, ticket: _Ticket) -> int:
        """0 when it may go, else how many are to go before it (1 = next)."""
        return max(self._line.index(ticket) - self.slots + 1, 0)

    @contextlib.contextmanager
    def turn(self, owner: Hashable | None, wait: float, on_wait: Callable[[int], None] | None = None) -> Iterator[None]:
        """Hold a turn for the `with` block. While it waits, `on_wait(place)` hears how many
        are to go before it, about every POLL seconds: on the caller's thread, outside the
        lock, so it may draw, or raise to stop waiting (as Streamlit stops the run of a tab
        that was closed). Busy after `wait` seconds in line; Already if `owner` is in line."""
        ticket = _Ticket(owner)
        with self._changed:
            if owner is not None and any(t.owner == owner for t in self._line):
                raise Already
            self._line.append(ticket)
        try:
            deadline = time.monotonic() + wait
            while True:
                with self._changed:
                    place = self._place(ticket)
                if place == 0:
                    break
                if time.monotonic() >= deadline:
                    raise Busy
                if on_wait is not None:
                    on_wait(place)
                with self._changed:
                    if self._place(ticket) == place:
                        self._changed.wait(min(POLL, max(deadline - time.monotonic(), 0)))
            yield
        finally:
            with self._changed:
                self._line.remove(ticket)
                self._changed.notify_all()
