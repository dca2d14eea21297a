"""Choose the call to apply to, when more than one call pack is installed."""

from __future__ import annotations

import streamlit as st

from ..browser.a11y import hint
from ..session.i18n import t
from ..session.state import available_calls, call_pack, dossier, forget_widgets, update


def _describe(call_id: str) -> str:
    c = call_pack(call_id)
    return f"{c.title} — {t('calls.deadline', date=c.deadline_local.strftime('%d/%m/%Y'))}"


def _choose() -> None:
    update("call_id", st.session_state["call-choice"])
    forget_widgets()


def choose_call() -> None:
    st.session_state["call-choice"] = dossier().call_id
    st.radio(
        t("calls.choose"),
        available_calls(),
        key="call-choice",
        format_func=_describe,
        on_change=_choose,
    )
    hint(t("calls.choose_help"))
