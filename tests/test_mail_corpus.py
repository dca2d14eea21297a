"""Real emails, as mail programs, servers and PEC providers other than ours wrote them
(tests/data/mail/MANIFEST.tsv): Outlook .msg files (extract-msg's examples), the .eml test
corpora of flanker and mail-parser (bounces, S/MIME, broken MIME, encodings, Outlook and Yahoo
mail, Maildir files and an Outlook .msg with no name), PEC envelopes and receipts (go-pec,
jopenpec).

The files are not in the repository: they are read from a local copy, a folder with one
sub-folder a source named "owner+name" laid out as its repository (MAIL_CORPUS), or a folder
of git mirrors of the sources, "owner+name/repo" (MAIL_CORPUS_GIT), at the manifest's
commit. Each is checked against its SHA-256 before use. Without either, the tests skip.
"""

import time

import pytest
from corpus import Corpus
from inbox_factory import CALL

from intake import mailbox as mb
from intake.inbox import import_cards
from support import ROOT

MANIFEST = ROOT / "tests" / "data" / "mail" / "MANIFEST.tsv"
CORPUS = Corpus(MANIFEST, "MAIL_CORPUS", "MAIL_CORPUS_GIT", "real emails", per_source=True)


ROWS = CORPUS.rows()


def test_the_corpus_has_outlook_msg_files_and_emails_of_several_programs():
    assert len(ROWS) >= 60 and len({r["source"] for r in ROWS}) >= 3
    assert sum(r["path"].endswith(".msg") for r in ROWS) >= 2
    assert sum("pec" in r["expect"].split() for r in ROWS) >= 3 and any("pec_receipt" in r["expect"] for r in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["path"].split("/")[-1])
def test_each_real_email_is_read_or_skipped_with_its_reason_never_a_traceback(row):
    data = CORPUS.read(row)
    got = mb.read_files([(row["path"].rsplit("/", 1)[-1], data)])  # the name as given: some have no extension
    first, *flags = row["expect"].split()
    kind, _, value = first.partition("=")
    if kind == "skip":
        assert got.messages == [] and [r for _, r in got.skipped] == [value]
        return
    [message] = got.messages
    assert got.skipped == [] and len(message.files) == int(value)
    assert message.pec == ("pec" in flags) and (message.time_from == "pec") == ("pec" in flags)
    assert message.sender or message.subject
    assert all(f.name and "\n" not in f.name for f in message.files)


def test_the_whole_corpus_as_one_mailbox_gives_a_card_each_in_bounded_time():
    given = [(r["path"].replace("/", "_"), CORPUS.read(r)) for r in ROWS]
    start = time.perf_counter()
    got, cards = import_cards(given, CALL)
    took = time.perf_counter() - start
    emails = [r for r in ROWS if r["expect"].startswith("files=")]  # a receipt is said, not a card
    assert len(cards) == len(emails) - len([s for s in got.skipped if s[1] == "same_email_twice"])
    assert all(not c.admissible for c in cards)  # none of them is an application to this call
    assert took < 120, took
