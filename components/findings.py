"""What is still missing, in words, each with a way to the step where it is fixed."""

from __future__ import annotations

import streamlit as st

from dossier.calls import Localised
from dossier.eligibility import Finding

from .i18n import lang, t
from .markdown import escape_md
from .steps import page_file


def message(f: Finding) -> str:
    """The finding in words; the user's own text in it is escaped (it is shown as markdown)."""
    params = {k: v.get(lang()) if isinstance(v, Localised) else escape_md(str(v)) for k, v in f.params.items()}
    return t(f"missing.{f.code}", **params)


def show_list(found: list[Finding]) -> None:
    st.markdown("\n".join(f"- {message(f)}" for f in found))


def step_summary(step: str, found: list[Finding], link: bool = False) -> None:
    """The findings of one step, or a word that it is complete."""
    if not found:
        st.success(t("findings.complete"), icon=":material/check_circle:")
        return
    st.warning(t("findings.missing_count", count=len(found)), icon=":material/pending:")
    show_list(found)
    if link:
        st.page_link(page_file(step), label=t("findings.fix", step=t(f"steps.{step}")), icon=":material/edit:")
