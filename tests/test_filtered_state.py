"""Keyed widgets look up their own key instead of copying the session state
(components/streamlit_patches/filtered_state.py): the same answers as Streamlit's dict, without the copies."""

from __future__ import annotations

import streamlit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st_
from streamlit.runtime.state.safe_session_state import SafeSessionState
from streamlit.runtime.state.session_state import SessionState
from streamlit.testing.v1 import AppTest

from components.streamlit_patches import filtered_state
from components.streamlit_patches.pinned import PINNED
from wizard import go, new_app

KEYS = ("a", "b", "c")  # few, so that widgets, values and deletions meet on the same keys


def test_the_view_was_checked_against_the_streamlit_installed():
    """At an upgrade this fails: read `SessionState.filtered_state` and `_keys()` in the new
    Streamlit, mend the view if they changed, then move PINNED."""
    assert streamlit.__version__ == PINNED
    assert filtered_state.install()
    assert isinstance(SafeSessionState(SessionState(), lambda: None).filtered_state, filtered_state.FilteredView)


def test_a_page_run_no_longer_copies_the_session_state_for_each_widget(single, monkeypatch):
    """The app installs the view itself (app.py): from Streamlit's property, counted, a run of
    Officer makes no copy."""
    at = new_app()
    at.session_state["dossier"] = single
    go(at, "officer")
    at.button(key="open-entry-officer.languages-0").click().run()  # its five levels: five more selectboxes
    copies = []

    def streamlits(safe):
        copies.append(1)
        with safe._lock:
            return safe._state.filtered_state

    monkeypatch.setattr(SafeSessionState, "filtered_state", property(streamlits))
    filtered_state.install.cache_clear()
    try:
        at.run()
    finally:
        filtered_state.install.cache_clear()  # whatever the property is put back to, re-installed
    assert not at.exception
    assert len(at.text_input) >= 8 and len(at.selectbox) >= 5  # the widgets that used to copy it
    assert copies == []


def test_a_value_kept_from_the_last_run_that_the_request_did_not_carry():
    """A field's value in the state of the last run only, under its widget id (a rerun whose
    request did not carry the field's state): the dict lists it under its key, so must the
    view."""
    state = SessionState()
    widget_id = "$$ID-0123456789abcdef0123456789abcdef-a"
    state._set_key_widget_mapping(widget_id, "a")
    state._old_state[widget_id] = "kept"
    filtered_state.install()
    view = SafeSessionState(state, lambda: None).filtered_state
    assert state.filtered_state == {"a": "kept"}
    assert "a" in view and view["a"] == "kept" and widget_id not in view


# A run is a list of steps: a keyed text field or selectbox, a keyless text field, a
# value set or deleted by the script; before each widget and at the end the script compares
# the view with Streamlit's dict, key by key (every key of either, the widget ids too).
SCRIPT = """
import streamlit as st
from streamlit.runtime.state.session_state_proxy import get_session_state
from components.streamlit_patches.filtered_state import FilteredView

def compare():
    safe = get_session_state()
    whole = safe._state.filtered_state
    view = FilteredView(safe)
    asked = set(whole) | set(safe._state._keys()) | {"a", "b", "c", "plan", "nope"}
    ids = safe._state._key_id_mapper.id_key_mapping
    for key in asked:
        assert (key in view) == (key in whole), ("in", key)
        claims = [i for i in safe._state._keys() if ids.get(i) == key]
        if len(claims) > 1:
            # The field of the last run and a new one with the same key: the dict holds either
            # (it depends on the order of a set); the view, the one the key now belongs to.
            assert whole[key] in [safe._state[i] for i in claims] and view[key] == safe._state[key]
        elif key in whole:
            assert view[key] == whole[key], ("value", key, view[key], whole[key])
    assert set(view) == set(whole) and len(view) == len(whole)
    assert st.session_state.to_dict().keys() == whole.keys()

drawn = set()
for kind, key, value in st.session_state["plan"]:
    if kind in ("text", "select", "anon"):
        compare()
    if kind == "text":
        st.text_input("t " + key, key=key, value=value)
    elif kind == "select":
        st.selectbox("s " + key, ["x", "y"], key=key, index=None)
    elif kind == "anon":
        st.text_input("anonymous " + key, value=value)
    elif kind == "set" and key not in drawn:
        st.session_state[key] = value
    elif kind == "del" and key not in drawn:  # AppTest itself then fails to read the field
        st.session_state.pop(key, None)
    if kind in ("text", "select"):
        drawn.add(key)
compare()
"""

step = st_.one_of(
    st_.tuples(st_.sampled_from(("text", "select", "anon")), st_.sampled_from(KEYS), st_.just("")),
    st_.tuples(st_.just("set"), st_.sampled_from(KEYS), st_.sampled_from((None, "", "typed", "x"))),
    st_.tuples(st_.just("del"), st_.sampled_from(KEYS), st_.just(None)),
)
WIDGETS = {"text": "keyed", "select": "keyed", "anon": "anon"}


def once_per_key(steps: list[tuple]) -> list[tuple]:
    """A second keyed widget with the same key in one run, or a second keyless one with the
    same label, is Streamlit's own error: the later one is left out."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for kind, key, value in steps:
        widget = (WIDGETS.get(kind, ""), key)
        if widget[0] and widget in seen:
            continue
        seen.add(widget)
        kept.append((kind, key, value))
    return kept


run = st_.lists(step, max_size=7).map(once_per_key)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs=st_.lists(run, min_size=1, max_size=4), typed=st_.lists(st_.sampled_from(("", "hello", "y")), max_size=4))
def test_the_view_answers_as_streamlits_dict_through_runs(runs, typed):
    """Widgets drawn, typed in, dropped the next run; keys set, deleted, reused by another
    kind of widget: at every point the view holds what the dict holds."""
    at = AppTest.from_string(SCRIPT, default_timeout=30)
    for i, plan in enumerate(runs):
        at.session_state["plan"] = plan
        at.run()
        assert not at.exception, at.exception[0].value
        if i < len(typed):  # the user types in the fields on screen before the next run
            for field in at.text_input:
                if field.key:
                    field.set_value(typed[i])
            for box in at.selectbox:
                box.set_value("y" if typed[i] else None)
