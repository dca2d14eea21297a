"""The address, phone and word checks answer from the session's memo (dossier/text_memo.py):
a change elsewhere checks none of them again, a changed value is checked at once, the memo
is bounded, and outside a session's search nothing is kept."""

from __future__ import annotations

from collections.abc import Callable

import email_validator
import pytest

from dossier import text_memo
from dossier.eligibility import missing
from dossier.text_memo import MEMO_CHARS, TextMemo, using
from wizard import go, new_app, type_text


@pytest.fixture
def validated(monkeypatch) -> list[str]:
    """Every address email-validator is asked about (email_ok imports it at each call)."""
    asked: list[str] = []
    real = email_validator.validate_email

    def counting(address, **kwargs):
        asked.append(address)
        return real(address, **kwargs)

    monkeypatch.setattr(email_validator, "validate_email", counting)
    return asked


def codes(found) -> set[str]:
    return {f.code for findings in found.values() for f in findings}


def test_an_address_that_stays_the_same_is_validated_once_and_a_changed_one_at_once(validated, single, call):
    memo = TextMemo()
    with using(memo):
        missing(single, call)
        first = len(validated)
        assert first >= 3  # the PEC, the municipality's and the officer's addresses
        missing(single, call)
        assert len(validated) == first
        single.applicant.pec = "protocollo@pec"
        assert "pec_invalid" in codes(missing(single, call))
        assert validated[first:] == ["protocollo@pec"]
        single.applicant.pec = "protocollo@pec.comune.aglie.to.it"
        assert "pec_invalid" not in codes(missing(single, call))


def test_without_a_memo_lent_each_search_checks_again_and_nothing_is_kept(validated, single, call):
    with using(TextMemo()):
        missing(single, call)
    first = len(validated)
    missing(single, call)
    missing(single, call)
    assert len(validated) == 3 * first
    assert text_memo._lent.get() is None


def recording() -> tuple[list[str], Callable[[str], int]]:
    """A check (a text's length) and the list of the texts it was really asked about."""
    seen: list[str] = []

    def check(text: str) -> int:
        seen.append(text)
        return len(text)

    return seen, check


def test_the_memo_is_bounded_in_characters():
    seen, check = recording()
    memo = TextMemo()
    texts = [f"{i:06d}" + "x" * 994 for i in range(2 * MEMO_CHARS // 1000)]  # twice the bound
    for text in texts:
        assert memo.answer(check, text) == 1000
    assert len(memo) * 1000 <= MEMO_CHARS
    seen.clear()
    memo.answer(check, texts[-1])
    assert seen == []  # the newest is kept
    memo.answer(check, texts[0])
    assert seen == [texts[0]]  # the oldest went


def test_a_text_longer_than_the_memo_is_checked_and_never_kept():
    seen, check = recording()
    memo = TextMemo()
    long = "x" * (MEMO_CHARS + 1)
    assert memo.answer(check, long) == MEMO_CHARS + 1
    assert memo.answer(check, long) == MEMO_CHARS + 1
    assert len(seen) == 2 and len(memo) == 0


def test_a_field_change_in_the_app_validates_no_address_again_and_a_wrong_one_shows(validated, single):
    at = new_app()
    at.session_state["dossier"] = single
    go(at, "officer")
    at.button(key="open-entry-officer.experience-0").click().run()
    before = len(validated)
    type_text(at, "officer.experience.0.position", "Head of the social services office")
    assert len(validated) == before
    type_text(at, "officer.email", "m.rossi@comune")
    assert validated[before:] == ["m.rossi@comune"]
    at.button(key="next-officer").click().run()
    assert "(#f-officer-email)" in " ".join(e.value for e in at.error)


def test_the_needs_page_counts_the_words_of_an_answer_once_and_a_changed_answer_at_once(monkeypatch, single):
    from dossier import eligibility

    counted: list[str] = []
    real = eligibility.WORD

    class Counting:
        def findall(self, text):
            counted.append(text)
            return real.findall(text)

    monkeypatch.setattr(eligibility, "WORD", Counting())
    at = new_app()
    at.session_state["dossier"] = single
    go(at, "needs")
    go(at, "applicant")
    before = len(counted)
    go(at, "needs")
    assert len(counted) == before  # neither the captions nor the sidebar count again
    path = next(k for k in at.session_state["dossier"].needs.answers)
    type_text(at, f"needs.answers.{path}", "Nine words: the answer is short, too short, alas.")
    assert "9 parole" in " ".join(c.value for c in at.caption)
