"""One import from start to cards, as the view and the command line run it."""

from __future__ import annotations

from collections.abc import Callable

from dossier import isolation
from dossier.calls import Call
from dossier.english import EnglishChecker
from dossier.english.checker import Budget

from .cards import Card, card_of, mark_duplicates
from .mailbox import Import, each_message

# The English check of an import: the applicant's budgets per field and per application
# (2 s), and for the whole import a minute, then half a second per second: a mailbox of
# hostile texts costs at most that; what is left is marked "not checked" on its card.
IMPORT_BUDGET = Budget(session_seconds=60.0, session_refill=0.5)
# What one import may take in its worker (dossier/isolation.py): a call's mailbox of 50
# emails of 5 MB took ~30-50 s of CPU and ~75 MB besides the files here (docs/PERFORMANCE.md).
IMPORT_LIMITS = isolation.Limits(cpu_seconds=180, memory_bytes=768 * 2**20, wall_seconds=600, max_wait=60)
isolation.preload(__name__)


def import_cards(files: list[tuple[str, bytes]], call: Call) -> tuple[Import, list[Card]]:
    """The emails in `files` read and checked; the bytes of their files are let go (the cards
    keep names, sizes and findings), so memory holds one import's files only while it runs."""
    got = Import()
    checker = EnglishChecker(IMPORT_BUDGET)
    cards = [card_of(m, call, checker) for m in each_message(files, got)]
    mark_duplicates(cards)
    return got, cards


def import_isolated(
    files: list[tuple[str, bytes]], call: Call, on_place: Callable[[int], None] | None = None
) -> tuple[Import, list[Card]]:
    """import_cards in a worker process of its own, within IMPORT_LIMITS: the server's
    process parses no email (the page's import; the command line runs import_cards).
    isolation.TooComplex or turns.Busy when it cannot."""
    return isolation.run(import_cards, files, call, limits=IMPORT_LIMITS, on_place=on_place)
