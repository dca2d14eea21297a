"""An editable list of CV entries (experience, education, languages): add, reorder, remove."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from pydantic import BaseModel

from dossier.paths import get_path

from ..session.fragments import fragment, rerun_app
from ..session.i18n import number, t
from ..session.markdown import escape_md
from ..session.state import dossier, forget_widgets, update


def _replace(path: str, items: list) -> None:
    update(path, items)
    forget_widgets(path + ".")  # indices changed: widgets re-seed from the Dossier
    rerun_app()  # clicked in an entry's fragment: every entry, and the page, follow


def _add(path: str, model: type[BaseModel]) -> None:
    _replace(path, [*get_path(dossier(), path), model()])


def _move(path: str, i: int, step: int) -> None:
    items = list(get_path(dossier(), path))
    items[i], items[i + step] = items[i + step], items[i]
    _replace(path, items)


def _remove(path: str, i: int) -> None:
    items = list(get_path(dossier(), path))
    del items[i]
    _replace(path, items)


def _entry(path: str, i: int, count: int, title: Callable[[BaseModel, int], str], body: Callable[[str], None]) -> None:
    """One entry: its title (which follows its fields), its controls, its fields."""
    item = get_path(dossier(), f"{path}.{i}")
    st.markdown(f"**{escape_md(title(item, i))}**")
    # A row that stays a row on a phone (columns would stack into four full-width
    # rows); icons shown, each button's text ("Elimina l'esperienza 2") read aloud.
    which = t(f"entries.{path.rsplit('.', 1)[-1]}", n=i + 1)
    up, down, remove = (t(f"entries.{name}", which=which) for name in ("up", "down", "remove"))
    with st.container(horizontal=True, key=f"icon-controls-{path}-{i}"):
        st.button(
            up,
            icon=":material/arrow_upward:",
            key=f"up-{path}-{i}",
            help=up,
            disabled=i == 0,
            on_click=_move,
            args=(path, i, -1),
        )
        st.button(
            down,
            icon=":material/arrow_downward:",
            key=f"down-{path}-{i}",
            help=down,
            disabled=i == count - 1,
            on_click=_move,
            args=(path, i, 1),
        )
        with st.popover(remove, icon=":material/delete:", help=remove):
            st.write(t("entries.remove_confirm"))
            st.button(t("entries.remove_yes"), key=f"rm-{path}-{i}", type="primary", on_click=_remove, args=(path, i))
    body(f"{path}.{i}")


def entry_list(
    path: str,
    model: type[BaseModel],
    title: Callable[[BaseModel, int], str],
    body: Callable[[str], None],
    add_label: str,
    max_items: int,
) -> None:
    """Each entry in a box with its fields (drawn by `body(entry_path)`) and its controls;
    at most `max_items` (the model's limit), said on the add button and once reached."""
    items = get_path(dossier(), path)
    for i in range(len(items)):
        # The key: the page script makes the box a group named by its title (components/browser/aria.py).
        with st.container(border=True, key=f"entry-{path}-{i}"):
            # Each entry a fragment: a change in its fields reruns this entry alone.
            fragment(_entry)(path, i, len(items), title, body)
    st.button(
        add_label,
        icon=":material/add:",
        key=f"add-{path}",
        disabled=len(items) >= max_items,
        on_click=_add,
        args=(path, model),
    )
    # Said under the button, not in a "?" tooltip that screen readers are not told of.
    full = len(items) >= max_items
    st.caption(t("limits.entries_reached" if full else "limits.entries", max=number(max_items)))
