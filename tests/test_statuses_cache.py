"""The sidebar's statuses are computed once per Dossier revision (components/progress.py):
a step change or a rerun that changed nothing reuses them; every way the Dossier changes
(a field, a button, a draft or the example loaded) computes them again, and a value the
model refuses changes nothing."""

from __future__ import annotations

import pytest

from components import progress
from components.state import REVISION
from wizard import full_union, go, new_app, type_text, w


@pytest.fixture
def computed(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = progress._statuses

    def counting():
        calls.append(1)
        return real()

    monkeypatch.setattr(progress, "_statuses", counting)
    return calls


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
    assert all(not link.label.endswith("fatto") for link in at.get("page_link")[1:])
    at.button(key="example-single").click().run()
    assert sidebar_says(at, "applicant").endswith("fatto")
