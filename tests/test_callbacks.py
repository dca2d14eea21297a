"""A value the model refuses, typed or picked anywhere: a message at the field, the page goes
on, nothing else changes, and the log names the field but never what was typed."""

import logging

from dossier.english import sentence_key
from dossier.models import MAX_LIST, Municipality
from wizard import full_union, go, intended_box, new_app, type_text, w

LONG_NAME = "Castelnuovo " + "x" * 300


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


def test_a_300_character_name_in_the_municipality_picker(caplog):
    at = go(new_app(), "eligibility")
    at.radio(key=w("eligibility.kind")).set_value("municipality").run()
    with caplog.at_level(logging.INFO):
        at.text_input(key=w("eligibility.municipality")).input(LONG_NAME).run()
    assert not at.exception
    assert at.session_state["dossier"].eligibility.municipality.name == ""
    assert "xxxxx" not in caplog.text


def test_a_51st_member_is_refused_and_the_50_stay(caplog):
    at, one_more = full_union()
    with caplog.at_level(logging.INFO):
        at.text_input(key=w("eligibility.members")).input(one_more).run()
    assert not at.exception
    assert "il massimo è 50" in errors(at)
    assert not [c for c in at.caption if "aggiunto" in c.value]  # not said to be added
    assert len(at.session_state["dossier"].eligibility.members) == MAX_LIST
    assert "eligibility.members" in caplog.text and one_more not in caplog.text


def test_a_long_member_name_typed_in_the_picker():
    at = go(new_app(), "eligibility")
    at.radio(key=w("eligibility.kind")).set_value("union").run()
    at.text_input(key=w("eligibility.members")).input(LONG_NAME).run()
    assert not at.exception
    assert at.session_state["dossier"].eligibility.members == []


def test_the_501st_sentence_kept_as_written():
    at = new_app()
    at.button(key="example-single").click().run()
    italian = "Il Comune gestisce uno sportello per i cittadini stranieri ogni martedì mattina."
    d = at.session_state["dossier"]
    d.english_intended = [f"k{i}" for i in range(500)]
    go(at, "needs")
    type_text(at, "needs.answers.measures", d.needs.answers["measures"] + "\n" + italian)
    go(at, "english")
    box = intended_box(at, italian)
    box.check().run()
    assert not at.exception
    assert "il massimo è 500" in errors(at)
    assert sentence_key(italian) not in at.session_state["dossier"].english_intended
    assert not intended_box(at, italian).value


def test_a_member_name_from_a_draft_is_literal_on_its_remove_button():
    at = go(new_app(), "eligibility")
    at.radio(key=w("eligibility.kind")).set_value("union").run()
    at.session_state["dossier"].eligibility.members = [
        Municipality(name="[Accedi](https://example.com)", province="TO")
    ]
    at.run()
    label = at.button(key="rm-member-0").label
    assert "\\[Accedi\\]" in label and "[Accedi](" not in label
