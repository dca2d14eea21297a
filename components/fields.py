"""Widgets bound to a Dossier path: seeded from it, writing back on change."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dossier.eligibility import word_count
from dossier.models import EARLIEST_DATE, LATEST_DATE, MAX_SHORT, MAX_TEXT
from dossier.paths import get_path

from .english_check import field_status, is_checked
from .i18n import t
from .state import commit, dossier, key_for, seed, show_refusal, update


def text(path: str, label: str, help: str | None = None, placeholder: str | None = None) -> str:
    key = seed(path)
    value = st.text_input(label, key=key, help=help, placeholder=placeholder, max_chars=MAX_SHORT,
                          on_change=commit, args=(path,)) or ""
    show_refusal(path)
    if is_checked(path):
        field_status(path, value)
    return value


def area(path: str, label: str, help: str | None = None, height: int = 160,
         min_words: int = 0, max_words: int = 0, placeholder: str | None = None) -> str:
    """A text area with its word count (and limit) under it."""
    key = seed(path)
    value = st.text_area(label, key=key, help=help, height=height, max_chars=MAX_TEXT,
                         placeholder=placeholder, on_change=commit, args=(path,)) or ""
    show_refusal(path)
    words = word_count(value)
    if max_words:
        status = ""
        if words > max_words:
            status = " · " + t("fields.over_limit", excess=words - max_words)
        elif words and words < min_words:
            status = " · " + t("fields.under_minimum", min=min_words)
        st.caption(t("fields.word_count_limit", words=words, min=min_words, max=max_words) + status)
    if is_checked(path):
        field_status(path, value)
    return value


def number(path: str, label: str, help: str | None = None) -> int | None:
    key = seed(path)
    value = st.number_input(label, key=key, help=help, min_value=0, max_value=10_000_000, step=1,
                            placeholder=t("fields.number_placeholder"), on_change=commit, args=(path,))
    show_refusal(path)
    return value


def day(path: str, label: str, help: str | None = None) -> date | None:
    key = seed(path)
    value = st.date_input(label, key=key, help=help, min_value=EARLIEST_DATE, max_value=LATEST_DATE,
                          format="DD/MM/YYYY", on_change=commit, args=(path,))
    show_refusal(path)
    return value


def checkbox(path: str, label: str, help: str | None = None) -> bool:
    key = seed(path)
    return st.checkbox(label, key=key, help=help, on_change=commit, args=(path,))


def choice(path: str, label: str, options: dict, help: str | None = None, horizontal: bool = False):
    """Radio buttons over `options` (stored value -> shown label); nothing chosen at first."""
    key = seed(path)
    if st.session_state[key] not in options:
        st.session_state[key] = None
    return st.radio(label, list(options), key=key, help=help, index=None, horizontal=horizontal,
                    format_func=lambda v: options[v], on_change=commit, args=(path,))


def _toggle(path: str, item: str) -> None:
    chosen = [x for x in get_path(dossier(), path) if x != item]
    if st.session_state[key_for(f"{path}.{item}")]:
        chosen.append(item)
    update(path, chosen)


def in_list(path: str, item: str, label: str, help: str | None = None) -> bool:
    """A checkbox that keeps `item` in the list at `path` while ticked."""
    key = key_for(f"{path}.{item}")
    if key not in st.session_state:
        st.session_state[key] = item in get_path(dossier(), path)
    return st.checkbox(label, key=key, help=help, on_change=_toggle, args=(path, item))
