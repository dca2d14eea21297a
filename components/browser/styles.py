"""The app's one stylesheet, drawn on every page: what accessibility needs (a11y.CSS) and
the layout of the rows that jump to a field (jump.ROWS_CSS), of a CV entry's line
(entries.LINE_CSS) and of the "Back"/"Next" buttons (steps.FOOT_CSS). Style-only HTML goes to
Streamlit's event container: it takes no room on the page."""

from __future__ import annotations

import streamlit as st

from ..session.jump import ROWS_CSS
from ..session.steps import FOOT_CSS
from ..widgets.entries import LINE_CSS
from .a11y import CSS as ACCESSIBILITY
from .fixed_html import fixed_html
from .page_js import NO_ENGLISH_HINTS


def draw(italian: bool) -> None:
    hints = NO_ENGLISH_HINTS if italian else ""
    st.html(fixed_html(f"<style>{ACCESSIBILITY}{ROWS_CSS}{LINE_CSS}{FOOT_CSS}{hints}</style>"))
