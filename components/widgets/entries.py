"""An editable list of CV entries (experience, education, languages), as the Europass editor
shows one: a line each, one entry open for editing at a time; add, reorder, remove.

A closed entry is one button whose text is its line (what it is, its period, what it says),
which opens it (its problems above it once shown): one element where its fields are a dozen
or more, which is what makes the CV step quick to draw (docs/decisions/0037, 0041, 0043).
Moving and removing an entry are done from the open entry. Its values stay in the Dossier;
which entry is open is the session's `jump.OPEN`, set here and by a jump to a field of an
entry (Review's "Modifica"). After each action the keyboard focus goes where the user goes on
(`jump.JUMP`, taken by the page script): the first field of the entry opened or moved, the
line of the entry closed, the line that took the place of the one removed.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext

import streamlit as st
from pydantic import BaseModel

from dossier.paths import get_path

from ..page_parts.findings import lines, shown_within
from ..session.fragments import fragment, rerun_app
from ..session.i18n import number, t
from ..session.jump import JUMP, OPEN, anchor
from ..session.markdown import escape_md
from ..session.state import commit_widgets, dossier, forget_widgets, update

# A line: a list row (left aligned, its edit icon at the right end, its text shown, unlike
# the icon controls' in a11y.CSS).
LINE_CSS = """
[class*="st-key-open-entry-"] button { justify-content: flex-start; text-align: left; }
[class*="st-key-open-entry-"] button > div, [class*="st-key-open-entry-"] button > div > span {
  display: flex; width: 100%; justify-content: space-between; }
[class*="st-key-icon-controls-line-"] [class*="st-key-open-entry-"] button [data-testid="stMarkdownContainer"] {
  position: static; width: auto; height: auto; overflow: visible; clip-path: none; white-space: normal; }
[class*="st-key-icon-controls-line-"] { gap: 0.25rem; }
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


def _replace(path: str, items: list) -> None:
    update(path, items)
    forget_widgets(path + ".")  # indices changed: widgets re-seed from the Dossier


def _add(path: str, model: type[BaseModel]) -> None:
    commit_widgets(path + ".")  # a field just left, before the fields re-seed
    items = [*get_path(dossier(), path), model()]
    _replace(path, items)
    _show(path, len(items) - 1, f"{path}.{len(items) - 1}")


def _line_of(path: str, i: int) -> str:
    """The focus target of an entry's line (the button that opens it), not of its fields:
    the page script finds the button keyed `open-entry-{path}-{i}` for it."""
    return f"{path}.{i}.line"


def _edit(path: str, i: int) -> None:
    _show(path, i, f"{path}.{i}")


def _close(path: str, i: int) -> None:
    _show(path, None, _line_of(path, i))
    rerun_app()  # clicked in the entry's fragment: its line is drawn by the page


def _move(path: str, i: int, step: int) -> None:
    """Only the open entry is moved (its controls): it stays open where it went."""
    commit_widgets(path + ".")  # a field just left, before the fields re-seed
    items = list(get_path(dossier(), path))
    items[i], items[i + step] = items[i + step], items[i]
    _replace(path, items)
    _edit(path, i + step)
    rerun_app()


def _remove(path: str, i: int) -> None:
    """Only the open entry is removed (its controls). The focus: the line now in its place,
    or the one before, or the list's place (its "Add")."""
    items = list(get_path(dossier(), path))
    del items[i]
    _replace(path, items)
    _show(path, None, _line_of(path, min(i, len(items) - 1)) if items else path)
    rerun_app()


def _controls(path: str, i: int, count: int) -> None:
    """The open entry's buttons, in a row that stays a row on a phone (columns would stack);
    icons shown, each button's text ("Elimina l'esperienza 2") read aloud."""
    which = t(f"entries.{path.rsplit('.', 1)[-1]}", n=i + 1)
    close, up, down, remove = (
        t(key, which=which) for key in ("cv_list.close", "entries.up", "entries.down", "entries.remove")
    )
    st.button(
        close, icon=":material/expand_less:", key=f"close-entry-{path}-{i}", help=close, on_click=_close, args=(path, i)
    )
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


def _line(path: str, i: int, name: str, describe: Describe) -> None:
    """A closed entry: the button that opens it, whose text is its line. The focus sent to
    its line (`_line_of`) is found by the page script from the button's key
    (components/browser/page_js.py): no element of its own, one fewer a line. Once shown, its
    problems go above it with the anchors the error summary links to, in a box with it: the
    page script presses the button in the box. The page script marks the button as a
    collapsed entry, described by its problems (components/browser/aria.py)."""
    when, what, more = describe(get_path(dossier(), f"{path}.{i}"))
    text = " · ".join([f"**{escape_md(f'{name} {i + 1}')}**", *(escape_md(x) for x in (when, what, more) if x)])
    problems = shown_within(f"{path}.{i}")
    with st.container(key=f"icon-controls-line-{path}-{i}") if problems else nullcontext():
        if problems:
            above = "".join(f'<span id="{anchor(field)}" data-opens="1"></span>' for field in problems)
            above += lines([f for found in problems.values() for f in found])
            st.markdown(above, unsafe_allow_html=True)  # any text of the user in it escaped (message)
        st.button(
            text,
            icon=":material/edit:",
            icon_position="right",
            key=f"open-entry-{path}-{i}",
            width="stretch",
            on_click=_edit,
            args=(path, i),
        )


def _entry(path: str, i: int, count: int, name: str, describe: Describe, body: Callable[[str], None]) -> None:
    """The open entry: its title (which follows its fields), its controls, its fields."""
    when, what, _ = describe(get_path(dossier(), f"{path}.{i}"))
    st.markdown("**" + " · ".join(escape_md(x) for x in (f"{name} {i + 1}", when, what) if x) + "**")
    with st.container(horizontal=True, key=f"icon-controls-{path}-{i}"):
        _controls(path, i, count)
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
            _line(path, i, name, describe)
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
