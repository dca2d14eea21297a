"""Go to the very field of an answer: from a problem's "Correggi" (Review, Documents), from
the English check, or from the error summary's links on the same page.

Every field that may be a target draws an empty anchor just above itself (`anchor()`);
a small script scrolls it into view and moves the keyboard focus into the field, as
the error summary of the GOV.UK Design System does.

Each problem's button ("Correggi", key `fix-…`) sits beside the problem in a `rows_box()`,
whose grid (ROWS_CSS) places them as `st.columns([5, 1], vertical_alignment="center")` did.
"""

from __future__ import annotations

import re

import streamlit as st

from .steps import go

JUMP = "jump_to"  # a field path to bring into view once its page is drawn
OPEN = "open_entry"  # the path of the one list entry drawn open for editing (components/widgets/entries.py)
_IN_ENTRY = re.compile(r"(.+?\.\d+)(?:\.|$)")  # "officer.experience.1(.position)": its entry
ROWS = "jump-rows-"  # the key prefix of a box whose "fix-" buttons sit beside the element before them
PAIRED = "fix-"  # the key prefix of those buttons (components/page_parts/findings.py)

# Columns cost five elements a row (the row, two columns, the text, the button), each ~0.1 ms
# of the server's time (docs/performance-history.md, issue 15, fourth pass); this grid places
# the same two as they did: the same widths and gap, centred, one above the other up to 640 px
# wide (Streamlit's breakpoint for columns). Where a sixth of the width is too narrow for the
# button (~700 px), its column widens to fit it (the columns cut "Modifica" to "Modif…").
# Everything else in the box spans the whole width (the Review's "Modifica" of a step too).
ROWS_CSS = f"""
[class*="st-key-{ROWS}"] {{ display: grid; column-gap: 1rem; align-items: center;
  grid-template-columns: minmax(0, 1fr) minmax(calc(16.6667% - 8px), max-content); }}
[class*="st-key-{ROWS}"] > * {{ grid-column: 1 / -1; }}
[class*="st-key-{ROWS}"] > :has(+ [class*="st-key-{PAIRED}"]),
[class*="st-key-{ROWS}"] > [class*="st-key-{PAIRED}"] {{ grid-column: auto; }}
@media (max-width: 640px) {{
  [class*="st-key-{ROWS}"] > [class*="st-key-{PAIRED}"],
  [class*="st-key-{ROWS}"] > :has(+ [class*="st-key-{PAIRED}"]) {{ grid-column: 1 / -1; }}
}}
"""


def rows_box(key: str, border: bool = False):
    """A box in which every "fix-" button (`findings.fix_link`) sits beside the element drawn
    just before it; everything else spans its width."""
    return st.container(border=border, key=ROWS + key)


def anchor(path: str) -> str:
    """The HTML id of a field's place: letters, digits, '_' and '-' only, whatever the path
    holds (it goes into HTML as it is)."""
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "_", path.replace(".", "-"))


def jump_button(step: str, path: str, label: str, key: str) -> None:
    """A button to the field at `path` on `step`'s page. Keyed `PAIRED…` in a `rows_box`, it is
    named with its problem by the page script ("Correggi: <problem>", components/browser/aria.py)."""
    st.button(label, key=key, icon=":material/edit:", on_click=_jump, args=(step, path))


def _jump(step: str, path: str) -> None:
    st.session_state[JUMP] = path
    entry = _IN_ENTRY.match(path)
    if entry:  # a field of a list entry: that entry is drawn open, its fields there to focus
        st.session_state[OPEN] = entry.group(1)
    go(step)


def pending_jump() -> str | None:
    """The field to bring into view on this run (asked for on the page before)."""
    return st.session_state.pop(JUMP, None)
