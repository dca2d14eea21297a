"""An editable list of CV entries (experience, education, languages): add, reorder, remove."""

from __future__ import annotations

from typing import Callable

import streamlit as st
from pydantic import BaseModel

from dossier.models import MAX_LIST
from dossier.paths import get_path

from .findings import escape_md
from .i18n import t
from .state import dossier, forget_widgets, update


def _replace(path: str, items: list) -> None:
    update(path, items)
    forget_widgets(path + ".")  # indices changed: widgets re-seed from the Dossier


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


def entry_list(path: str, model: type[BaseModel], title: Callable[[BaseModel, int], str],
               body: Callable[[str], None], add_label: str) -> None:
    """Each entry in a box with its fields (drawn by `body(entry_path)`) and its controls."""
    items = get_path(dossier(), path)
    for i, item in enumerate(items):
        with st.container(border=True):
            head, up, down, remove = st.columns([6, 1, 1, 1], vertical_alignment="center")
            head.markdown(f"**{escape_md(title(item, i))}**")
            up.button("", icon=":material/arrow_upward:", key=f"up-{path}-{i}", help=t("entries.up"),
                      disabled=i == 0, on_click=_move, args=(path, i, -1))
            down.button("", icon=":material/arrow_downward:", key=f"down-{path}-{i}", help=t("entries.down"),
                        disabled=i == len(items) - 1, on_click=_move, args=(path, i, 1))
            with remove.popover("", icon=":material/delete:", help=t("entries.remove")):
                st.write(t("entries.remove_confirm"))
                st.button(t("entries.remove_yes"), key=f"rm-{path}-{i}", type="primary",
                          on_click=_remove, args=(path, i))
            body(f"{path}.{i}")
    st.button(add_label, icon=":material/add:", key=f"add-{path}", disabled=len(items) >= MAX_LIST,
              on_click=_add, args=(path, model))
