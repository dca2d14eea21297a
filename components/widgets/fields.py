"""Widgets bound to a Dossier path: seeded from it, writing back on change."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dossier.eligibility import word_count
from dossier.models import EARLIEST_DATE, LATEST_DATE, MAX_SHORT, MAX_TEXT
from dossier.numbers import CountError, format_count, parse_count
from dossier.paths import get_path
from dossier.text_memo import using

from ..browser.a11y import hint
from ..page_parts.english_check import field_status, is_checked
from ..page_parts.findings import at_field
from ..session.i18n import lang, t
from ..session.state import commit, dossier, key_for, seed, show_refusal, store, text_memo, update

BAD_NUMBERS = "bad_numbers"  # path -> (typed text, reason): kept on screen, not stored


def text(
    path: str, label: str, help: str | None = None, placeholder: str | None = None, purpose: str | None = None
) -> str:
    """`purpose`: the HTML autocomplete token of a field asking for a contact detail, so that
    browsers can fill it and assistive tools can say what it asks (WCAG 1.3.5)."""
    key = seed(path)
    at_field(path)
    value = (
        st.text_input(
            label,
            key=key,
            placeholder=placeholder,
            max_chars=MAX_SHORT,
            autocomplete=purpose,
            on_change=commit,
            args=(path,),
        )
        or ""
    )
    hint(help)
    show_refusal(path)
    if is_checked(path):
        field_status(path, value)
    return value


def area(
    path: str,
    label: str,
    help: str | None = None,
    height: int = 160,
    min_words: int = 0,
    max_words: int = 0,
    placeholder: str | None = None,
    max_chars: int = MAX_TEXT,
) -> str:
    """A text area with its word count (and limit) under it; `max_chars`: the model's limit
    of the field, named in the help under it and counted by the browser as the user types."""
    key = seed(path)
    at_field(path)
    limit = t("limits.chars", max=format_count(max_chars, lang()))
    value = (
        st.text_area(
            label,
            key=key,
            height=height,
            max_chars=max_chars,
            placeholder=placeholder,
            on_change=commit,
            args=(path,),
        )
        or ""
    )
    with using(text_memo()):  # counted already by the search for problems, unless just typed
        words = word_count(value)
    if max_words:
        status = ""
        if words > max_words:  # red at once, not only after "Next"
            status = " · :red[**" + t("fields.over_limit", excess=words - max_words) + "**]"
        elif words and words < min_words:
            status = " · " + t("fields.under_minimum", min=min_words)
        st.caption(
            t("fields.word_count_limit", words=words, min=min_words, max=max_words)
            + status
            + " · "
            + t("hints.apply_area")
        )
    hint(f"{help} {limit}" if help else limit)  # after the word count, which the page script updates
    show_refusal(path)
    if is_checked(path):
        field_status(path, value)
    return value


def _commit_number(path: str) -> None:
    """Store the count typed, or keep the typed text on screen with the reason it was refused."""
    typed = st.session_state[key_for(path)] or ""
    bad = st.session_state.setdefault(BAD_NUMBERS, {})
    try:
        value = parse_count(typed, lang())
    except CountError as err:
        bad[path] = (typed, err.reason)
        store(path, None)  # never a wrong number in the documents
        return
    bad.pop(path, None)
    update(path, value)  # re-seeds the field, written as the language writes it ("29.000")


def number(path: str, label: str, help: str | None = None) -> int | None:
    """A whole number typed as people write it ("29.000", "29000", "29 000"), not a spinner:
    st.number_input reads "29.000" as 29."""
    key = key_for(path)
    bad = st.session_state.get(BAD_NUMBERS, {}).get(path)
    if bad and get_path(dossier(), path) is not None:  # a draft loaded since: its value wins
        del st.session_state[BAD_NUMBERS][path]
        bad = None
    if key not in st.session_state:
        st.session_state[key] = bad[0] if bad else format_count(get_path(dossier(), path), lang())
    if not bad:  # the reason it was refused says more than "missing"
        at_field(path)
    st.text_input(
        label,
        key=key,
        max_chars=40,
        placeholder=t("numbers.placeholder"),
        on_change=_commit_number,
        args=(path,),
    )
    hint(help)
    show_refusal(path)
    if bad:
        st.markdown(":red[**" + t(f"numbers.{bad[1]}", example=format_count(12500, lang()), plain="12500") + "**]")
    return get_path(dossier(), path)


def day(path: str, label: str, help: str | None = None) -> date | None:
    key = seed(path)
    at_field(path)
    value = st.date_input(
        label,
        key=key,
        min_value=EARLIEST_DATE,
        max_value=LATEST_DATE,
        format="DD/MM/YYYY",
        on_change=commit,
        args=(path,),
    )
    hint(help)
    show_refusal(path)
    return value


def checkbox(path: str, label: str, help: str | None = None) -> bool:
    key = seed(path)
    at_field(path)
    value = st.checkbox(label, key=key, on_change=commit, args=(path,))
    hint(help)
    return value


def choice(path: str, label: str, options: dict, help: str | None = None, horizontal: bool = False):
    """Radio buttons over `options` (stored value -> shown label); nothing chosen at first."""
    key = seed(path)
    at_field(path)
    if st.session_state[key] not in options:
        st.session_state[key] = None
    value = st.radio(
        label,
        list(options),
        key=key,
        index=None,
        horizontal=horizontal,
        format_func=lambda v: options[v],
        on_change=commit,
        args=(path,),
    )
    hint(help)
    return value


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
    at_field(f"{path}.{item}")
    value = st.checkbox(label, key=key, on_change=_toggle, args=(path, item))
    hint(help)
    return value
