"""The Dossier in session state and the binding of widgets to its fields.

Widgets are never the source of truth: Streamlit drops a widget's state when the user
leaves its page. Each widget is keyed by the Dossier path it edits, seeded from the
Dossier before it is drawn, and writes back in its on_change callback.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st
from pydantic import ValidationError

from dossier.calls import Call, discover_calls, load_call, templates_dir
from dossier.eligibility import missing
from dossier.findings import Finding
from dossier.models import Dossier
from dossier.paths import get_path, set_path
from dossier.text_memo import TextMemo, using

from .i18n import t

WIDGET_PREFIX = "w:"
REFUSALS = "refusals"  # path -> why the last value typed there was not kept
REVISION = "dossier_revision"  # bumped on every change of the Dossier (what caches of it key on)
PROBLEMS = "problems"  # (the revision they were found in, what `missing` found)
TEXT_MEMO = "text_memo"  # the answers of the address, phone and word checks (dossier/text_memo)
log = logging.getLogger(__name__)


def dossier() -> Dossier:
    found = st.session_state.get("dossier")  # one lookup: asked ~40 times a rerun
    if found is None:
        found = st.session_state["dossier"] = Dossier()
    return found


@cache
def _load_call(folder: Path, call_id: str) -> Call:
    return load_call(call_id, folder)


@cache
def _calls_in(folder: Path) -> tuple[str, ...]:
    return tuple(discover_calls(folder))


def available_calls() -> tuple[str, ...]:
    """The call packs found (the same for everyone, so cached), newest deadline first."""
    return _calls_in(templates_dir())


def call() -> Call:
    """The call of this user's Dossier; a fresh Dossier takes the newest call."""
    d = dossier()
    if d.call_id not in available_calls():
        d.call_id = available_calls()[0]
    return call_pack(d.call_id)


def call_pack(call_id: str) -> Call:
    return _load_call(templates_dir(), call_id)


def _widget_keys(prefix: str) -> list[str]:
    """The session's keys of the widgets bound to Dossier paths under `prefix` (a list: the
    caller may delete them)."""
    return [k for k in st.session_state if isinstance(k, str) and k.startswith(WIDGET_PREFIX + prefix)]


def forget_widgets(prefix: str = "") -> None:
    """Drop widget values under a path so they re-seed from the Dossier on the next run."""
    for key in _widget_keys(prefix):
        del st.session_state[key]


def commit_widgets(prefix: str) -> None:
    """Write into the Dossier what the widgets under `prefix` hold and it does not yet. A
    field left by clicking a button reaches the server in the same rerun as the click, and
    Streamlit calls their callbacks in the order the browser first met the widgets: a
    button's callback that re-seeds the fields (`forget_widgets`) may come first, and what
    was just typed would be lost. An empty choice (None) of a text field is "" (cefr.py)."""
    for key in _widget_keys(prefix):
        path = key[len(WIDGET_PREFIX) :]
        try:
            now = get_path(dossier(), path)
        except (AttributeError, IndexError, KeyError, ValueError):  # a widget of no Dossier field
            continue
        value = st.session_state[key]
        if value is None and isinstance(now, str):
            value = ""
        if value != now:
            store(path, value)


def revision() -> int:
    """A number that changes whenever the Dossier does (through this module)."""
    return st.session_state.setdefault(REVISION, 0)  # a missing key costs a caught KeyError at each ask


def changed() -> None:
    """Say that the Dossier changed (done by `store` and `replace_dossier`; call it after
    writing into the Dossier any other way)."""
    st.session_state[REVISION] = revision() + 1


def version() -> tuple[int, int, str]:
    """What the caches of the Dossier key on: its revision, its identity (a Dossier put into
    the session state directly, as tests do, is another) and its call."""
    c = call()  # first: it may set the call of a fresh Dossier
    return revision(), id(dossier()), c.id


def text_memo() -> TextMemo:
    """The session's memo of the address, phone and word checks (`dossier.text_memo.using`)."""
    return st.session_state.setdefault(TEXT_MEMO, TextMemo())


def find_problems() -> dict[str, list[Finding]]:
    """`missing(dossier(), call())`, searched now; the addresses, phones and answers that
    did not change since the last search are not checked again (their answers are kept
    in the session's memo)."""
    with using(text_memo()):
        return missing(dossier(), call())


def problems() -> dict[str, list[Finding]]:
    """`find_problems()`, once per Dossier version: the sidebar, the error summary, a
    fragment's compare and "Next" all ask for it, often in the same run. Read only.
    Review and Documents, which say "ready", search again with `find_problems`."""
    key = version()
    kept = st.session_state.get(PROBLEMS)
    if kept is None or kept[0] != key:
        kept = st.session_state[PROBLEMS] = (key, find_problems())
    return kept[1]


def replace_dossier(new: Dossier) -> None:
    st.session_state["dossier"] = new
    changed()
    forget_widgets()


def key_for(path: str) -> str:
    return WIDGET_PREFIX + path


def seed(path: str, to_widget=lambda v: v) -> str:
    """Give the widget for `path` its value from the Dossier unless it holds one already."""
    key = key_for(path)
    if key not in st.session_state:
        st.session_state[key] = to_widget(get_path(dossier(), path))
    return key


def commit(path: str, to_model=lambda v: v) -> None:
    """on_change callback: write the widget's value into the Dossier (or refuse it). Nothing
    if a button's callback in the same rerun re-seeded the widget first: `commit_widgets`
    wrote its value then."""
    key = key_for(path)
    if key in st.session_state:
        store(path, to_model(st.session_state[key]))


def update(path: str, value: Any, where: str = "") -> bool:
    """Set a Dossier value from a button or a computed default, and re-seed its widget;
    False if the model refused it (said at the field, or at `where`)."""
    if not store(path, value, where):
        return False
    st.session_state.pop(key_for(path), None)
    return True


def store(path: str, value: Any, where: str = "") -> bool:
    """Write into the Dossier; a value the model refuses is not stored and `refuse`d at
    the field `where` (the path itself unless a widget elsewhere edits it)."""
    try:
        set_path(dossier(), path, value)
    except ValueError as err:  # pydantic's ValidationError is one
        refuse(where or path, err)
        return False
    changed()
    return True


def refuse(path: str, err: ValueError) -> None:
    """The Dossier keeps its value, the widget shows it again and the field says why.

    The log gets the field's path and the kind of error only: the error's text may hold
    what the user typed.
    """
    errors = err.errors() if isinstance(err, ValidationError) else [{"type": type(err).__name__}]
    log.info("refused value for %s: %s", path, ",".join(sorted({e["type"] for e in errors})))
    too_many = next((e for e in errors if e["type"] == "too_long"), None)
    if any(e["type"] == "string_too_long" for e in errors):
        message = t("errors.too_long")
    elif too_many:
        message = t("errors.too_many", limit=too_many.get("ctx", {}).get("max_length", ""))
    else:
        message = t("errors.invalid_value")
    st.session_state.setdefault(REFUSALS, {})[path] = message
    st.session_state.pop(key_for(path), None)


def show_refusal(path: str) -> None:
    """Under a widget: why its last value was not kept, once."""
    # setdefault: asked at every field, and a missing key costs a caught KeyError (i18n.lang)
    message = st.session_state.setdefault(REFUSALS, {}).pop(path, None)
    if message:
        st.error(message, icon=":material/error:")


def show_flash() -> None:
    """A message left by a callback (which cannot draw), shown once at the top of the page."""
    message = st.session_state.pop("flash", None)
    if message:
        st.warning(message, icon=":material/warning:")
    message = st.session_state.pop("flash_success", None)
    if message:
        st.success(message, icon=":material/check_circle:")
