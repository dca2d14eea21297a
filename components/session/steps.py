"""The wizard's steps, in order: their pages, titles and the moves between them."""

from __future__ import annotations

import streamlit as st

from dossier.eligibility import active_steps, blocking

from ..streamlit_patches.run_context import run_instead
from .i18n import lang, t
from .state import call, dossier, problems

TRIED = "tried"  # (the Dossier's id, the steps the user tried to leave with "Next")
SUMMARY_FOCUS = "summary_focus"
GO_TO = "go_to"  # the step a button's callback asked for (see `go`)
PAGES = "pages"  # (language and steps, their st.Page objects): see `pages`
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
    """One `st.Page` per active step, in order (app.py gives them to `st.navigation` and
    to the sidebar's links). Kept for the session while the language and the steps stay:
    each `st.Page` resolves its file on the disk, ~1 ms a rerun for the nine."""
    key = (lang(), active_steps(call()))
    kept = st.session_state.get(PAGES)
    if kept is None or kept[0] != key:
        kept = st.session_state[PAGES] = (
            key,
            [
                st.Page(page_file(s), title=t(f"steps.{s}"), icon=ICONS[s], url_path=s, default=s == "start")
                for s in key[1]
            ],
        )
    return kept[1]


def go(step: str) -> None:
    """From a button's callback: on to another step, drawn in the same run (`navigate`)."""
    st.session_state[GO_TO] = step


def step_of(page) -> str:
    """The step an `st.Page` of `pages()` is for (the default page's URL path is "")."""
    return page.url_path or "start"


def navigate(pages: list):
    """`st.navigation` over the steps' pages, going to the one a callback asked for (`go`).

    Callbacks run before the script. st.switch_page would end this run and start another:
    Streamlit's fixed cost of a run twice, and a 10-ms pause, on every "Next", "Back" and
    "Modifica". Instead, before `st.navigation` resolves the page, Streamlit's page manager
    is told which one to run (`run_context.run_instead`, decision 0019): this run draws the new page,
    and the browser follows the page the run names. If a Streamlit upgrade ignores that,
    `st.switch_page` takes over: one run more, never the wrong page.
    """
    step = st.session_state.pop(GO_TO, None)
    # A draft loaded in the same click may have changed the steps: a step they lack is not asked for.
    asked = next((p for p in pages if step_of(p) == step), None)
    if asked is not None:
        run_instead(asked.url_path)
    page = st.navigation(pages, position="hidden")
    if asked is not None and step_of(page) != step:
        st.switch_page(asked)
    return page


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


def _next_clicked(step: str, following: str) -> None:
    """The first "Next" with problems stays, to show them; the next one goes on (a draft may
    be left unfinished). A callback runs before the script: going on from here switches
    page without drawing the page being left once more (half the cost of a step change);
    staying, the summary is drawn at the page's top."""
    go_on = tried(step) or not blocking(problems().get(step, []))
    tried_steps().add(step)
    if go_on:
        go(following)
    else:
        st.session_state[SUMMARY_FOCUS] = True  # the page stays: focus its error summary


FOOT = "nav-foot"  # the key of the box that holds "Back" and "Next"
# The two buttons where st.columns(2) put them (each in its half, 1rem apart; one above the
# other up to 640 px wide, Streamlit's breakpoint for columns), in one box: three elements a
# page instead of seven, each redrawn by the browser at every step change (decisions/0042).
FOOT_CSS = f"""
.st-key-{FOOT} {{ display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); column-gap: 1rem; }}
.st-key-{FOOT} > [class*="st-key-next-"] {{ grid-column: 2; }}
@media (max-width: 640px) {{
  .st-key-{FOOT} {{ grid-template-columns: minmax(0, 1fr); }}
  .st-key-{FOOT} > [class*="st-key-next-"] {{ grid-column: 1; }}
}}
"""


def back_next(step: str) -> None:
    """Buttons to the previous and the next step, at the foot of every page."""
    steps = active_steps(call())
    i = steps.index(step)
    st.session_state.setdefault(VISITED, set()).add(step)
    st.divider()
    foot = st.container(key=FOOT)
    if i > 0:
        foot.button(
            t("nav.back", step=t(f"steps.{steps[i - 1]}")),
            icon=":material/arrow_back:",
            key=f"back-{step}",
            on_click=go,
            args=(steps[i - 1],),
        )
    if i < len(steps) - 1:
        foot.button(
            t("nav.next", step=t(f"steps.{steps[i + 1]}")),
            type="primary",
            icon=":material/arrow_forward:",
            icon_position="right",
            key=f"next-{step}",
            width="stretch",
            on_click=_next_clicked,
            args=(step, steps[i + 1]),
        )
