"""Go to the very field of an answer: from the Review ("Modifica"), from Documents, or
from the error summary's links on the same page.

Every field that may be a target draws an empty anchor just above itself (`anchor()`);
a small script scrolls it into view and moves the keyboard focus into the field, as
the error summary of the GOV.UK Design System does.
"""

from __future__ import annotations

import json

import streamlit as st

from .steps import go

JUMP = "jump_to"  # a field path to bring into view once its page is drawn

# Delegated once per page: a click on a link to "#f-…" focuses the field after the anchor;
# a pending jump (from another page) waits up to 3 s for its anchor to be drawn.
_SCRIPT = """
<script>
(() => {
  const doc = window.parent === window ? document : window.parent.document;
  const focusAt = (id) => {
    const mark = doc.getElementById(id);
    if (!mark) return false;
    const block = mark.closest('[data-testid="stElementContainer"]') || mark;
    block.scrollIntoView({block: id === "f-summary" ? "start" : "center"});
    let next = block;
    for (let i = 0; i < 8 && next; i++) {
      const field = next.querySelector && next.querySelector('a[href^="#f-"], input, textarea, [role=combobox], [role=radio]');
      if (field && next !== block) { field.focus({preventScroll: true}); break; }
      next = next.nextElementSibling;
    }
    return true;
  };
  if (!doc.body.dataset.jumpLinks) {
    doc.body.dataset.jumpLinks = "1";
    doc.addEventListener("click", (event) => {
      const link = event.target.closest && event.target.closest('a[href^="#f-"]');
      if (link && focusAt(link.getAttribute("href").slice(1))) event.preventDefault();
    });
  }
  const target = %s;
  if (target) {
    let tries = 0;
    const wait = setInterval(() => { if (focusAt(target) || ++tries > 30) clearInterval(wait); }, 100);
  }
})();
</script>
"""


def anchor(path: str) -> str:
    return "f-" + path.replace(".", "-").replace(" ", "_")


def jump_button(step: str, path: str, label: str, key: str, help: str | None = None) -> None:
    if st.button(label, key=key, icon=":material/edit:", help=help):
        st.session_state[JUMP] = path
        go(step)


def pending_jump() -> str | None:
    """The field to bring into view on this run (asked for on the page before)."""
    return st.session_state.pop(JUMP, None)


# Streamlit writes "Press Enter to apply" under a field being typed in, in English only, with
# no option to change it: in the Italian interface it is hidden (a visual hint, not read as
# the field's description) and the word count under long answers says it in Italian.
_NO_ENGLISH_HINTS = '<style>[data-testid="InputInstructions"] { display: none; }</style>'


def jump_script(target: str | None, italian: bool = False) -> None:
    script = _SCRIPT % json.dumps(anchor(target) if target else None)
    st.html(script + (_NO_ENGLISH_HINTS if italian else ""), unsafe_allow_javascript=True)
