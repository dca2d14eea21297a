"""The sidebar's statuses are computed once per Dossier revision (components/page_parts/progress.py):
a step change or a rerun that changed nothing reuses them; every way the Dossier changes
(a field, a button, a draft or the example loaded) computes them again, and a value the
model refuses changes nothing."""

from __future__ import annotations

import pytest

from components.page_parts import progress
from components.session.state import REVISION
from wizard import full_union, go, new_app, type_text, w


def counted(monkeypatch, owner, name: str) -> list[int]:
    """`owner.name` replaced by itself, with a 1 appended to the list returned at each call."""
    calls: list[int] = []
    real = getattr(owner, name)

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


@pytest.fixture
def computed(monkeypatch) -> list[int]:
    return counted(monkeypatch, progress, "_statuses")


def sidebar_says(at, step: str) -> str:
    return next(link.label for link in at.get("page_link") if link.proto.page == step)


def test_a_rerun_or_a_step_change_reuses_the_statuses(computed, single):
    at = new_app()
    at.session_state["dossier"] = single
    at.run()
    first = len(computed)
    at.run()
    go(at, "applicant")
    go(at, "needs")
    assert len(computed) == first


def test_a_field_change_computes_them_again_and_the_sidebar_follows(computed, single):
    at = new_app()
    at.session_state["dossier"] = single
    go(at, "applicant")
    assert sidebar_says(at, "applicant").endswith("fatto")
    before = len(computed)
    type_text(at, "applicant.address", "")
    assert len(computed) > before
    assert sidebar_says(at, "applicant").endswith("in corso")


def test_a_refused_value_changes_nothing():
    at, one_more = full_union()
    revision = at.session_state[REVISION]
    at.text_input(key=w("eligibility.members")).input(one_more).run()
    assert not at.exception
    assert "il massimo è 50" in " ".join(e.value for e in at.error)  # refused, said at the field
    assert at.session_state[REVISION] == revision


def test_loading_the_example_computes_them_again(computed):
    at = new_app()
    assert all(not link.label.endswith("fatto") for link in at.sidebar.get("page_link")[1:])
    at.button(key="example-single").click().run()
    assert sidebar_says(at, "applicant").endswith("fatto")


def test_the_english_check_runs_again_only_when_a_checked_text_changed(monkeypatch, single):
    """A box ticked or an address typed leaves every English text as it was: the sentences
    still to fix are kept (components/page_parts/english_check.pending). A text typed in Italian is
    found at once, and the Review counts it."""
    from dossier.english import EnglishChecker

    checks = counted(monkeypatch, EnglishChecker, "check_fields")
    at = new_app()
    at.session_state["dossier"] = single
    go(at, "applicant")
    before = len(checks)
    type_text(at, "applicant.address", "Piazza Castello 2, 10011 Agliè (TO)")
    go(at, "review")
    assert len(checks) == before
    assert "Tutto è pronto" in " ".join(s.value for s in at.success)
    go(at, "officer")
    type_text(at, "officer.role", "Responsabile dei servizi sociali del Comune")
    go(at, "review")
    assert len(checks) > before
    assert "Frasi da correggere o da confermare al «Controllo inglese»: 1" in [x.value for x in at.warning]


def test_statuses_are_not_kept_while_the_english_check_has_sentences_left(computed, single):
    """Past a budget the English check stops and goes on at the next run: the statuses
    computed meanwhile are computed again, not kept for the revision."""
    from dossier.english import Budget, EnglishChecker

    at = new_app()
    at.session_state["dossier"] = single
    at.session_state["english_checker"] = EnglishChecker(Budget(field_chars=60))  # leaves sentences unchecked
    at.run()
    before = len(computed)
    at.run()
    assert len(computed) > before
    at.session_state["english_checker"] = EnglishChecker()
    at.run()
    settled = len(computed)
    at.run()
    assert len(computed) == settled


@pytest.fixture
def searched(monkeypatch) -> list[int]:
    """Each search of the whole Dossier for problems (`missing`) the shell makes."""
    from components.session import state

    return counted(monkeypatch, state, "missing")


def test_the_problems_are_found_once_per_change_and_the_summary_follows(searched):
    """The sidebar, the error summary and "Next" share one search per Dossier revision."""
    at = go(new_app(), "applicant")
    assert len(searched) == 1  # the blank Dossier's, for the sidebar
    type_text(at, "applicant.pec", "protocollo@pec")
    assert len(searched) == 2
    at.button(key="next-applicant").click().run()  # stays, with the summary
    at.run()
    assert len(searched) == 2
    assert "(#f-applicant-pec)" in " ".join(e.value for e in at.error)
    type_text(at, "applicant.pec", "protocollo@pec.comune.aglie.to.it")
    assert len(searched) == 3
    assert "(#f-applicant-pec)" not in " ".join(e.value for e in at.error)
    assert "(#f-applicant-address)" in " ".join(e.value for e in at.error)
