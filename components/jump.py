"""Go to the very field of an answer: from the Review ("Modifica"), from Documents, or
from the error summary's links on the same page.

Every field that may be a target draws an empty anchor just above itself (`anchor()`);
a small script scrolls it into view and moves the keyboard focus into the field, as
the error summary of the GOV.UK Design System does.
"""

from __future__ import annotations

import re

import streamlit as st

from .steps import go

JUMP = "jump_to"  # a field path to bring into view once its page is drawn


def anchor(path: str) -> str:
    """The HTML id of a field's place: letters, digits, '_' and '-' only, whatever the path
    holds (it goes into HTML as it is)."""
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "_", path.replace(".", "-"))


def jump_button(step: str, path: str, label: str, key: str, help: str | None = None) -> None:
    st.button(label, key=key, icon=":material/edit:", help=help, on_click=_jump, args=(step, path))


def _jump(step: str, path: str) -> None:
    st.session_state[JUMP] = path
    go(step)


def pending_jump() -> str | None:
    """The field to bring into view on this run (asked for on the page before)."""
    return st.session_state.pop(JUMP, None)
