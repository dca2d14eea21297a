"""One import from start to cards, as the view and the command line run it."""

from __future__ import annotations

from dossier.calls import Call
from dossier.english import EnglishChecker
from dossier.english.checker import Budget

from .cards import Card, cards_of
from .mailbox import Import, read_files

# The English check of an import: the applicant's budgets per field and per application,
# and a session allowance that grows with the number of applications (a second a message).
SECONDS_PER_MESSAGE = 1.0


def checker_budget(messages: int) -> Budget:
    return Budget(session_seconds=2.0 + SECONDS_PER_MESSAGE * messages, session_refill=0.25)


def import_cards(files: list[tuple[str, bytes]], call: Call) -> tuple[Import, list[Card]]:
    """The emails in `files` read and checked; the bytes of their files are let go (the cards
    keep names, sizes and findings), so memory holds one import's files only while it runs."""
    got = read_files(files)
    cards = cards_of(got.messages, call, EnglishChecker(checker_budget(len(got.messages))))
    got.messages.clear()
    return got, cards
