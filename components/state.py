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
from dossier.models import Dossier
from dossier.paths import get_path, set_path

from .i18n import t

WIDGET_PREFIX = "w:"
log = logging.getLogger(__name__)


def dossier() -> Dossier:
    if "dossier" not in st.session_state:
        st.session_state["dossier"] = Dossier()
    return st.session_state["dossier"]


@cache
def _load_call(folder: str, call_id: str) -> Call:
    return load_call(call_id, Path(folder))


@cache
def _calls_in(folder: str) -> tuple[str, ...]:
    return tuple(discover_calls(Path(folder)))


def available_calls() -> tuple[str, ...]:
    """The call packs found (the same for everyone, so cached), newest deadline first."""
    return _calls_in(str(templates_dir()))


def call() -> Call:
    """The call of this user's Dossier; a fresh Dossier takes the newest call."""
    d = dossier()
    if d.call_id not in available_calls():
        d.call_id = available_calls()[0]
    return call_pack(d.call_id)


def call_pack(call_id: str) -> Call:
    return _load_call(str(templates_dir()), call_id)


def forget_widgets(prefix: str = "") -> None:
    """Drop widget values under a path so they re-seed from the Dossier on the next run."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(WIDGET_PREFIX + prefix)]:
        del st.session_state[key]


def replace_dossier(new: Dossier) -> None:
    st.session_state["dossier"] = new
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
    """on_change callback: write the widget's value into the Dossier.

    A value the model refuses (too long, wrong type) is not stored: the Dossier keeps
    the previous value and the user is told why, in words.
    """
    key = key_for(path)
    try:
        set_path(dossier(), path, to_model(st.session_state[key]))
    except ValidationError as err:
        kinds = {e["type"] for e in err.errors()}
        log.info("refused value for %s: %s", path, ",".join(sorted(kinds)))  # no user text in logs
        st.session_state["flash"] = t("errors.too_long") if "string_too_long" in kinds else t("errors.invalid_value")
        st.session_state[key] = get_path(dossier(), path)


def update(path: str, value: Any) -> None:
    """Set a Dossier value from a button or a computed default, and re-seed its widget."""
    set_path(dossier(), path, value)
    st.session_state.pop(key_for(path), None)


def show_flash() -> None:
    """A message left by a callback (which cannot draw), shown once at the top of the page."""
    message = st.session_state.pop("flash", None)
    if message:
        st.warning(message, icon=":material/warning:")
    message = st.session_state.pop("flash_success", None)
    if message:
        st.success(message, icon=":material/check_circle:")
