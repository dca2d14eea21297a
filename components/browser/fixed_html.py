"""HTML drawn on every run whose text rarely changes (the stylesheet, the page script):
made ready for st.html once, not at every run."""

from __future__ import annotations

import textwrap
from functools import lru_cache


class FixedHtml:
    """HTML as st.html sends a string: dedented and stripped. Streamlit does that at every
    call (~0.2 ms for the 12-KB page script) but takes `_repr_html_()` as it is."""

    def __init__(self, text: str) -> None:
        self.text = textwrap.dedent(text).strip()  # as streamlit.string_util.clean_text

    def _repr_html_(self) -> str:
        return self.text


@lru_cache(maxsize=64)  # a few texts: one per language and page at most
def fixed_html(text: str) -> FixedHtml:
    """`text` ready for st.html, kept for everyone: only for texts made of the code's own
    words, never of what a user typed."""
    return FixedHtml(text)
