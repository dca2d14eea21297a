"""A value the model refuses, typed or picked anywhere: a message at the field, the page goes
on, nothing else changes, and the log names the field but never what was typed."""

import logging

from dossier.english import sentence_key
from dossier.models import MAX_LIST
from dossier.municipalities import in_region
from wizard import go, new_app, type_text, w

LONG_NAME = "Castelnuovo " + "x" * 300


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


def test_a_300_character_name_in_the_municipality_picker(caplog):
    at = go(new_app(), "eligibility")
    at.radio(key=w("eligibility.kind")).set_value("municipality").run()
    box = at.selectbox(key=w("eligibility.municipality"))
    # Typed and confirmed with Enter (accept_new_options): AppTest itself only picks listed options.
    box.options.append(LONG_NAME)
    with caplog.at_level(logging.INFO):
        box.set_value(LONG_NAME).run()
    assert not at.exception
    assert "troppo lungo" in errors(at)
    assert at.session_state["dossier"].eligibility.municipality.name == ""
    assert "eligibility.municipality" in caplog.text and "xxxxx" not in caplog.text


def test_a_51st_member_is_refused_and_the_50_stay(caplog):
    at = go(new_app(), "eligibility")
    at.radio(key=w("eligibility.kind")).set_value("union").run()
    labels = [c.label for c in in_region("Piemonte")]
    at.multiselect(key=w("eligibility.members")).set_value(labels[:MAX_LIST]).run()
    with caplog.at_level(logging.INFO):
        at.multiselect(key=w("eligibility.members")).set_value(labels[: MAX_LIST + 1]).run()
    assert not at.exception
    assert "il massimo è 50" in errors(at)
    assert len(at.session_state["dossier"].eligibility.members) == MAX_LIST
    assert len(at.multiselect(key=w("eligibility.members")).value) == MAX_LIST
    assert labels[MAX_LIST].split(" (")[0] not in caplog.text


def test_a_long_member_name_typed_in_the_picker():
    at = go(new_app(), "eligibility")
    at.radio(key=w("eligibility.kind")).set_value("union").run()
    at.multiselect(key=w("eligibility.members")).set_value([LONG_NAME]).run()
    assert not at.exception and "troppo lungo" in errors(at)
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
    box = at.checkbox(key=f"intended-{sentence_key(italian)}")
    box.check().run()
    assert not at.exception
    assert "il massimo è 500" in errors(at)
    assert sentence_key(italian) not in at.session_state["dossier"].english_intended
    assert not at.checkbox(key=f"intended-{sentence_key(italian)}").value
