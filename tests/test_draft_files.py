"""Draft files in the wizard: a good one resumes everything, a bad one changes nothing and says why."""

import json

import pytest

from dossier.drafts import MAX_DRAFT_BYTES, to_json
from dossier.models import MAX_EXPERIENCE
from wizard import go, new_app, type_text


def open_panel(at):
    """The sidebar's draft panel, unfolded (AppTest cannot click an expander; the browser
    tests do)."""
    at.session_state["draft_panel_open"] = True
    at.run()


def upload(at, name, content):
    if not at.sidebar.get("file_uploader"):
        open_panel(at)
    at.sidebar.file_uploader(key="draft_upload").set_value((name, content, "application/json")).run()
    assert not at.exception


def started_app():
    at = go(new_app(), "applicant")
    type_text(at, "applicant.address", "Via Roma 1, 10011 Agliè (TO)")
    return at


def test_a_draft_file_resumes_every_answer(single):
    at = new_app()
    upload(at, "draft.json", to_json(single).encode())  # nothing typed yet: nothing to ask
    assert at.session_state["dossier"] == single
    assert any("Bozza caricata" in s.value for s in at.success)
    go(at, "needs")  # the widgets show the loaded answers, not the old ones
    assert at.text_area(key="w:needs.answers.context").value == single.needs.answers["context"]


def _sample_data(single):
    return json.loads(to_json(single))


def _bad_drafts(single):
    newer = _sample_data(single) | {"schema_version": 2}
    unknown = _sample_data(single)
    unknown["applicant"]["favourite_colour"] = "blue"
    nested = _sample_data(single)
    nested["officer"]["experience"][0]["start"] = "last spring"
    deep = b'{"schema_version": 1, "needs": ' + b"[" * 100_000
    old_date = _sample_data(single)
    old_date["letter"]["signed_on"] = "0001-01-01"
    long_text = _sample_data(single)  # as an older version of the app allowed
    long_text["officer"]["experience"][0]["activities"] = "Coordination of the help desk. " * 40
    many = _sample_data(single)
    many["officer"]["experience"] *= MAX_EXPERIENCE
    foreign = _sample_data(single)
    foreign["needs"]["answers"]["[hidden](https://example.org)"] = "x" * 5000
    return {
        "nested 100,000 levels": (deep, "non è una bozza"),
        "a date the calendar cannot show": (json.dumps(old_date).encode(), "letter.signed_on"),
        "no answers at all": (b'{"schema_version": 1}', "nessuna risposta"),
        "not JSON": (b"PK\x03\x04 this is a zip file", "non è in formato JSON"),
        "JSON of another shape": (b'{"rows": [1, 2, 3]}', "non è una bozza"),
        "newer schema version": (json.dumps(newer).encode(), "versione più recente"),
        "too large": (b" " * (MAX_DRAFT_BYTES + 10), "troppo grande"),
        "unknown field": (json.dumps(unknown).encode(), "applicant.favourite_colour"),
        "wrong type in a nested list": (json.dumps(nested).encode(), "officer.experience.0.start"),
        "a text over its limit": (json.dumps(long_text).encode(), "supera i 1.000 caratteri"),
        "a list over its limit": (json.dumps(many).encode(), "supera le 10 voci"),
        "an answer to no question of the call": (json.dumps(foreign).encode(), "che questo bando non pone"),
        "the same key twice": (
            b'{"schema_version": 1, "applicant": {"official_name": "A", "official_name": "B"}}',
            "compare due volte",
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "nested 100,000 levels",
        "a date the calendar cannot show",
        "no answers at all",
        "not JSON",
        "JSON of another shape",
        "newer schema version",
        "too large",
        "unknown field",
        "wrong type in a nested list",
        "a text over its limit",
        "a list over its limit",
        "an answer to no question of the call",
        "the same key twice",
    ],
)
def test_a_bad_draft_file_is_refused_with_the_reason_and_nothing_changes(case, single):
    content, reason = _bad_drafts(single)[case]
    at = started_app()
    before = at.session_state["dossier"].model_copy(deep=True)
    upload(at, "draft.json", content)
    assert at.session_state["dossier"] == before
    shown = " ".join(w.value for w in at.warning).replace("\\", "")  # as drawn: Markdown escapes gone
    assert "non è stato caricato" in shown and reason in shown
    assert at.text_input(key="w:applicant.address").value == "Via Roma 1, 10011 Agliè (TO)"


def test_a_draft_file_asks_before_it_replaces_answers_already_given(single):
    at = started_app()
    upload(at, "draft.json", to_json(single).encode())
    assert at.session_state["dossier"].applicant.address == "Via Roma 1, 10011 Agliè (TO)"
    assert [d.proto.dialog.title for d in at.get("dialog")] == ["Sostituire le risposte attuali?"]  # its name
    at.button(key="draft-keep").click().run()
    assert at.session_state["dossier"].applicant.address == "Via Roma 1, 10011 Agliè (TO)"
    assert all(b.key != "draft-replace" for b in at.button)

    upload(at, "draft.json", to_json(single).encode() + b" ")  # the same file again
    at.button(key="draft-replace").click().run()
    assert at.session_state["dossier"] == single
    assert any("Bozza caricata" in s.value for s in at.success)


def test_the_draft_panel_is_drawn_only_while_open_and_stays_open_from_step_to_step():
    """Folded, its seven elements are not sent on every rerun (docs/performance-history.md,
    issue 15, third pass); unfolded, it stays so on the next steps, as the user left it."""
    at = started_app()
    assert [e.label for e in at.sidebar.expander] == ["Bozza: salva e riprendi"]
    assert not at.sidebar.get("download_button") and not at.sidebar.get("file_uploader")
    open_panel(at)
    for step in ("start", "officer", "documents"):
        go(at, step)
        assert at.sidebar.download_button(key="draft-download")


def test_deleting_the_browser_draft_empties_the_form():
    at = started_app()
    open_panel(at)
    at.sidebar.button(key="draft-delete").click().run()
    assert at.session_state["dossier"].applicant.address == ""
    assert at.session_state["autosave"]["op"]["op"] == "clear"


def test_a_draft_saved_with_a_byte_order_mark_loads(single):
    """Windows Notepad puts one at the start of the file it saves."""
    at = new_app()
    upload(at, "draft.json", b"\xef\xbb\xbf" + to_json(single).encode())
    assert at.session_state["dossier"] == single
