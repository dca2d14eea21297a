"""Try the wizard with a complete example, clearly marked, and leave it in one click."""

from __future__ import annotations

import streamlit as st

from dossier import sample
from dossier.models import Dossier

from ..session.i18n import t
from ..session.state import dossier, replace_dossier


def _load(kind: str) -> None:
    example = sample.union() if kind == "union" else sample.single()
    example.example = True
    example.call_id = dossier().call_id
    replace_dossier(example)


def _start_clean() -> None:
    replace_dossier(Dossier(call_id=dossier().call_id))


def has_own_answers() -> bool:
    d = dossier()
    return not d.example and not d.is_blank()


def example_buttons() -> None:
    """On Start: load the example; if the user has answers of their own, ask first."""
    st.subheader(t("example.title"))
    st.caption(t("example.intro"))
    container = st.container()
    if has_own_answers():
        container = st.popover(t("example.open"), icon=":material/science:")
        container.warning(t("example.replace_warning"), icon=":material/warning:")
    left, right = container.columns(2)
    left.button(
        t("example.single"),
        icon=":material/location_city:",
        on_click=_load,
        args=("municipality",),
        key="example-single",
        width="stretch",
    )
    right.button(
        t("example.union"), icon=":material/hub:", on_click=_load, args=("union",), key="example-union", width="stretch"
    )


def example_banner() -> None:
    """On every page while the example is loaded."""
    if dossier().example:
        with st.container(border=True):
            st.markdown(t("example.banner"))
            st.button(
                t("example.start_clean"),
                icon=":material/restart_alt:",
                on_click=_start_clean,
                key="example-clean",
                type="primary",
            )
