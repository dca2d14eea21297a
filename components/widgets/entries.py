"""An editable list of CV entries (experience, education, languages), as the Europass editor
shows one: a line each, one entry open for editing at a time; add, reorder, remove.

A closed entry is one line (what it is, its period, what it says, any problem) and four
buttons: several times fewer elements than its fields, which is what makes the CV step as
quick to draw as the others (docs/decisions/0037). Its values stay in the Dossier; which
entry is open is the session's `jump.OPEN`, set here and by a jump to a field of an entry
(Review's "Modifica"). After each action the keyboard focus goes where the user goes on
(`jump.JUMP`, taken by the page script): the first field of the entry opened, the line of
the entry closed or moved, the line that took the place of the one removed.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from pydantic import BaseModel

from dossier.paths import get_path

from ..page_parts.findings import lines, shown_within
from ..session.fragments import fragment, rerun_app
from ..session.i18n import number, t
from ..session.jump import JUMP, OPEN, anchor
from ..session.markdown import escape_md
from ..session.state import dossier, forget_widgets, update

# A line: its text beside its buttons, or above them where both do not fit (a phone).
LINE_CSS = """
[class*="st-key-icon-controls-line-"] > .stElementContainer:has(> .stMarkdown) {
  flex: 1 1 16rem !important; min-width: 0 !important; }
"""

# An entry said in words: (its period, what it is, anything more shown on its line), for
# example ("03/2015 – in corso", "Project officer, Comune di Bra", "").
Describe = Callable[[BaseModel], tuple[str, str, str]]


def _open_index(path: str) -> int | None:
    # setdefault: asked by each list, and a missing key asked twice costs (tests/test_state_lookups.py)
    head, _, index = (st.session_state.setdefault(OPEN, None) or "").rpartition(".")
    return int(index) if head == path and index.isdigit() else None


def _show(path: str, i: int | None, focus: str) -> None:
    """Entry `i` of the list at `path` open (None: none), and the keyboard focus to `focus`
    once the page is drawn again."""
    st.session_state[OPEN] = None if i is None else f"{path}.{i}"
    st.session_state[JUMP] = focus


def _follow(path: str, shown: int | None, now: int | None, focus: str) -> None:
    """After a move or a removal: the open entry, if of this list (`shown`), is `now`; one of
    another list stays open."""
    if shown is None:
        st.session_state[JUMP] = focus
    else:
        _show(path, now, focus)


def _replace(path: str, items: list) -> None:
    update(path, items)
    forget_widgets(path + ".")  # indices changed: widgets re-seed from the Dossier


def _add(path: str, model: type[BaseModel]) -> None:
    items = [*get_path(dossier(), path), model()]
    _replace(path, items)
    _show(path, len(items) - 1, f"{path}.{len(items) - 1}")


def _line_of(path: str, i: int) -> str:
    """The focus target of an entry's line (its first button), not of its fields."""
    return f"{path}.{i}.line"


def _place(path: str, i: int, shown: int | None) -> str:
    """The focus target of entry `i` when entry `shown` is the open one: its first field if
    it is open, else its line."""
    return f"{path}.{i}" if i == shown else _line_of(path, i)


def _edit(path: str, i: int) -> None:
    _show(path, i, f"{path}.{i}")


def _close(path: str, i: int) -> None:
    _show(path, None, _line_of(path, i))
    rerun_app()  # clicked in the entry's fragment: its line is drawn by the page


def _move(path: str, i: int, step: int) -> None:
    items = list(get_path(dossier(), path))
    items[i], items[i + step] = items[i + step], items[i]
    _replace(path, items)
    shown = _open_index(path)
    follows = {i: i + step, i + step: i}  # the open entry stays open where it went
    now = follows.get(shown, shown) if shown is not None else None
    _follow(path, shown, now, _place(path, i + step, now))
    rerun_app()


def _remove(path: str, i: int) -> None:
    items = list(get_path(dossier(), path))
    del items[i]
    _replace(path, items)
    shown = _open_index(path)
    still = None if shown is None or shown == i else shown - (shown > i)
    # The focus: the entry now in its place, or the one before, or the list's place (its "Add").
    _follow(path, shown, still, _place(path, min(i, len(items) - 1), still) if items else path)
    rerun_app()


def _controls(path: str, i: int, count: int, first: tuple[str, str, Callable, str]) -> None:
    """The buttons of an entry, in a row that stays a row on a phone (columns would stack);
    icons shown, each button's text ("Elimina l'esperienza 2") read aloud. `first`: (text,
    icon, callback, key prefix) of the button that opens or closes it."""
    which = t(f"entries.{path.rsplit('.', 1)[-1]}", n=i + 1)
    up, down, remove = (t(f"entries.{name}", which=which) for name in ("up", "down", "remove"))
    label, icon, action, prefix = first
    st.button(label, icon=icon, key=f"{prefix}-{path}-{i}", help=label, on_click=action, args=(path, i))
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


def _line(path: str, i: int, count: int, name: str, describe: Describe) -> None:
    """A closed entry: one line, and the problems of its fields under it (with the anchors the
    error summary links to: the page script opens the entry, components/browser/page_js.py)."""
    when, what, more = describe(get_path(dossier(), f"{path}.{i}"))
    head = escape_md(f"{name} {i + 1}")
    text = " · ".join([f"**{head}**", *(escape_md(x) for x in (when, what, more) if x)])
    problems = shown_within(f"{path}.{i}")
    which = t(f"entries.{path.rsplit('.', 1)[-1]}", n=i + 1)
    edit = t("cv_list.edit_what" if what else "cv_list.edit", which=which, what=escape_md(what))
    with st.container(horizontal=True, vertical_alignment="center", key=f"icon-controls-line-{path}-{i}"):
        line = f'<span id="{anchor(_line_of(path, i))}"></span>{text}'
        if problems:  # a link of the error summary to one of them opens the entry (data-opens)
            marks = "".join(f'<span id="{anchor(field)}" data-opens="1"></span>' for field in problems)
            line += "  \n" + marks + lines([f for found in problems.values() for f in found])
        st.markdown(line, unsafe_allow_html=True)  # the user's text escaped
        _controls(path, i, count, (edit, ":material/edit:", _edit, "open-entry"))


def _entry(path: str, i: int, count: int, name: str, describe: Describe, body: Callable[[str], None]) -> None:
    """The open entry: its title (which follows its fields), its controls, its fields."""
    when, what, _ = describe(get_path(dossier(), f"{path}.{i}"))
    st.markdown("**" + " · ".join(escape_md(x) for x in (f"{name} {i + 1}", when, what) if x) + "**")
    close = t("cv_list.close", which=t(f"entries.{path.rsplit('.', 1)[-1]}", n=i + 1))
    with st.container(horizontal=True, key=f"icon-controls-{path}-{i}"):
        _controls(path, i, count, (close, ":material/expand_less:", _close, "close-entry"))
    body(f"{path}.{i}")


def entry_list(
    path: str,
    model: type[BaseModel],
    name: str,
    describe: Describe,
    body: Callable[[str], None],
    add_label: str,
    max_items: int,
) -> None:
    """Each entry a line named `name` and its number ("Esperienza 2"), but the open one, in
    a box with its fields (drawn by `body(entry_path)`) and its controls; at most
    `max_items` (the model's limit), said on the add button and once reached."""
    items = get_path(dossier(), path)
    shown = _open_index(path)
    for i in range(len(items)):
        if i != shown:
            _line(path, i, len(items), name, describe)
            continue
        # The key: the page script makes the box a group named by its title (components/browser/aria.py).
        with st.container(border=True, key=f"entry-{path}-{i}"):
            # A fragment: a change in its fields reruns this entry alone.
            fragment(_entry)(path, i, len(items), name, describe, body)
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
