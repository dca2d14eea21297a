"""The CEFR self-assessment grid: five skills, levels A1–C2, for one language."""

from __future__ import annotations

import streamlit as st

from dossier.models import CEFR_LEVELS, CEFR_SKILLS

from ..session.i18n import t
from ..session.state import commit, seed


def cefr_row(path: str) -> None:
    """One selectbox a skill, side by side, for the language at `path`."""
    for column, skill in zip(st.columns(len(CEFR_SKILLS)), CEFR_SKILLS, strict=False):
        key = seed(f"{path}.{skill}", lambda v: v or None)
        column.selectbox(
            t(f"cefr.{skill}"),
            CEFR_LEVELS,
            key=key,
            index=None,
            placeholder="–",  # the levels are explained once, above the list (officer.languages_help)
            on_change=commit,
            args=(f"{path}.{skill}", lambda v: v or ""),
        )
