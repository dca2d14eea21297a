"""The wizard's steps, in order: their pages, titles and the moves between them."""

from __future__ import annotations

import streamlit as st

from dossier.eligibility import active_steps, blocking, missing

from .i18n import t
from .state import call, dossier

TRIED = "tried"  # (the Dossier's id, the steps the user tried to leave with "Next")
GO_ON = "go_on"  # set by "Next": this click may leave the page
SUMMARY_FOCUS = "summary_focus"
VISITED = "visited"  # the steps whose page was drawn (the Start page is "done" once read)

ICONS = {
    "start": ":material/flag:",
    "eligibility": ":material/how_to_reg:",
    "applicant": ":material/account_balance:",
    "needs": ":material/edit_note:",
    "officer": ":material/badge:",
    "letter": ":material/draw:",
    "english": ":material/translate:",
    "review": ":material/checklist:",
    "documents": ":material/download:",
}


def page_file(step: str) -> str:
    # Not "pages/": with that folder, Streamlit runs pages/<step>.py on its own (multipage
    # v1) for the first visit after a server start that lands on a step's URL, skipping
    # app.py: no sidebar, no autosave.
    return f"views/{step}.py"


def pages() -> list:
    return [
        st.Page(page_file(s), title=t(f"steps.{s}"), icon=ICONS[s], url_path=s, default=s == "start")
        for s in active_steps(call())
    ]


def go(step: str) -> None:
    st.switch_page(page_file(step))


def tried_steps() -> set[str]:
    """The steps tried with this Dossier: a new one (an example, a draft loaded, a clean
    start) has not been tried yet."""
    mine, steps = st.session_state.get(TRIED, (None, set()))
    if mine != id(dossier()):
        steps = set()
        st.session_state[TRIED] = (id(dossier()), steps)
    return steps


def tried(step: str) -> bool:
    return step in tried_steps()


def _next_clicked(step: str) -> None:
    """The first "Next" with problems stays, to show them; the next one goes on (a draft may
    be left unfinished). Runs before the page, so the summary is drawn at its top."""
    if tried(step) or not blocking(missing(dossier(), call()).get(step, [])):
        st.session_state[GO_ON] = True
    else:
        st.session_state[SUMMARY_FOCUS] = True  # the page stays: focus its error summary
    tried_steps().add(step)


def back_next(step: str) -> None:
    """Buttons to the previous and the next step, at the foot of every page."""
    steps = active_steps(call())
    i = steps.index(step)
    st.session_state.setdefault(VISITED, set()).add(step)
    st.divider()
    left, right = st.columns(2)
    if i > 0 and left.button(
        t("nav.back", step=t(f"steps.{steps[i - 1]}")), icon=":material/arrow_back:", key=f"back-{step}"
    ):
        go(steps[i - 1])
    if (
        i < len(steps) - 1
        and right.button(
            t("nav.next", step=t(f"steps.{steps[i + 1]}")),
            type="primary",
            icon=":material/arrow_forward:",
            icon_position="right",
            key=f"next-{step}",
            width="stretch",
            on_click=_next_clicked,
            args=(step,),
        )
        and st.session_state.pop(GO_ON, False)
    ):
        go(steps[i + 1])
