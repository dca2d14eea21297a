"""Autosave: what the server sends the browser, and the offer to resume a stored draft."""

import json

from components.browser.autosave import COMPONENT_KEY, envelope, read_envelope, refused_envelope
from wizard import go, new_app, type_text


def browser_reports(at, stored: str):
    """Stand in for the browser component announcing what its localStorage holds."""
    at.session_state[COMPONENT_KEY] = {"stored": stored}
    at.run()
    assert not at.exception


def sent_to_browser(at) -> dict:
    """The data the browser component received with the last run."""
    [component] = at.sidebar.get("bidi_component")
    return json.loads(component.proto.json)


def test_an_empty_browser_is_saved_to_at_once_without_a_report():
    """A browser with nothing stored says nothing (no extra rerun that could swallow the
    first click): the first change is sent straight away."""
    at = go(new_app(), "applicant")
    type_text(at, "applicant.address", "Via Roma 1")
    sent = sent_to_browser(at)
    assert sent["op"] == "save" and sent["known"] is False
    assert read_envelope(sent["value"])[0].applicant.address == "Via Roma 1"


def test_every_change_is_sent_to_the_browser_once_it_has_answered(single):
    at = new_app()
    browser_reports(at, envelope(single.model_dump_json()))
    at.button(key="draft-new").click().run()
    go(at, "applicant")
    type_text(at, "applicant.address", "Via Roma 1")
    sent = sent_to_browser(at)
    assert sent["op"] == "save" and sent["known"] is True  # the browser may now overwrite its draft
    draft, _, _ = read_envelope(sent["value"])
    assert draft.applicant.address == "Via Roma 1"
    at.run()  # a rerun with no change repeats only the operation's number, not the draft
    assert sent_to_browser(at) == {"op": "save", "n": sent["n"], "known": True}


def test_a_draft_reported_after_a_quick_first_click_is_still_offered(single):
    """The user clicked the example before the browser's report arrived: the stored draft
    is not lost, it is offered (and the browser kept it, as the save was marked unknown)."""
    at = new_app()
    at.button(key="example-single").click().run()
    assert sent_to_browser(at)["known"] is False
    browser_reports(at, envelope(single.model_dump_json()))
    at.button(key="draft-resume").click().run()
    assert at.session_state["dossier"] == single


def test_starting_new_after_a_quick_first_click_keeps_what_is_on_screen(single):
    """The user loaded the example before the browser's report arrived, then chose to start
    new over the stored draft: the stored one is cleared and what they have is saved (no
    change of the Dossier in between, yet something else was sent)."""
    at = new_app()
    at.button(key="example-single").click().run()
    browser_reports(at, envelope(single.model_dump_json()))
    at.button(key="draft-new").click().run()
    sent = sent_to_browser(at)
    assert sent["op"] == "save" and sent["known"] is True
    assert read_envelope(sent["value"])[0] == at.session_state["dossier"]
    assert not at.session_state["dossier"].is_blank()


def test_emptying_the_wizard_clears_the_browser():
    at = new_app()
    at.button(key="example-single").click().run()
    at.button(key="example-clean").click().run()
    assert sent_to_browser(at)["op"] == "clear"


def test_a_stored_draft_is_offered_and_resumed(single):
    at = new_app()
    browser_reports(at, envelope(single.model_dump_json()))
    offered = " ".join(m.value for m in at.markdown)
    assert "Municipality of Agliè" in offered
    at.button(key="draft-resume").click().run()
    assert at.session_state["dossier"] == single


def test_starting_new_clears_the_stored_draft(single):
    at = new_app()
    browser_reports(at, envelope(single.model_dump_json()))
    at.button(key="draft-new").click().run()
    assert at.session_state["dossier"].applicant.address == ""
    assert at.session_state["autosave"]["op"]["op"] == "clear"


def test_something_that_is_not_our_draft_is_ignored():
    at = new_app()
    browser_reports(at, '{"hello": "world"}')
    assert all(b.key != "draft-resume" for b in at.button)


def test_envelope_round_trip(single):
    single.applicant.address = 'Piazza Città "Alta" 1\\2 \u2014 \U0001f3db'  # accents, quotes, backslash, emoji
    draft, saved_at, letter = read_envelope(envelope(single.model_dump_json()))
    assert draft == single and saved_at.tzinfo is not None and letter == ""
    assert read_envelope("not json") is None


def test_a_stored_draft_over_the_new_limits_is_kept_until_the_user_has_it_as_a_file(single):
    """An older version allowed longer texts: the browser's draft is neither cut nor saved
    over; the user downloads it (to shorten and load it) or lets it go."""
    stored = json.loads(single.model_dump_json())
    stored["officer"]["experience"][0]["activities"] = "Coordination of the help desk. " * 40
    at = new_app()
    browser_reports(at, envelope(json.dumps(stored)))
    said = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "supera i 1.000 caratteri" in said and "officer.experience.0.activities" in said
    assert [b.key for b in at.download_button if b.key == "stored-download"]
    kept, _ = refused_envelope(envelope(json.dumps(stored)))
    assert json.loads(kept) == stored  # the file offered holds every character
    go(at, "applicant")
    type_text(at, "applicant.address", "Via Roma 1")
    assert sent_to_browser(at).get("op") != "save"  # nothing saved over the stored draft
    at.button(key="stored-continue").click().run()
    type_text(at, "applicant.address", "Via Roma 2")
    assert sent_to_browser(at)["op"] == "save"
