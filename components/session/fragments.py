"""Parts of a page that rerun alone when one of their fields changes (`st.fragment`).

A field change inside a fragment reruns that fragment only: not the sidebar, not the rest
of the page, not `autosave.sync()` at the end of app.py. Rerunning so little is what makes
a click cheap (decisions/0015), and is right only while nothing outside the fragment
would have changed. So, at the end of a fragment's own rerun:

- if the steps' statuses (the sidebar) or this step's error summary and field messages
  (components/page_parts/findings.py) are no longer what the last full run showed, the whole app
  reruns (`st.rerun(scope="app")`), and shows them as a click always did;
- otherwise the draft is sent to the browser from the fragment (`autosave`).

What a callback of the fragment's rerun already changed outside it is seen before the
fragment is drawn: the whole app reruns at once, and the fragment is drawn once, with the
page. Callbacks that change what is outside the fragment (adding, moving or removing a CV
entry) call `rerun_app()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ..browser import autosave
from ..page_parts.findings import shown_findings, step_findings
from ..page_parts.page import CURRENT
from ..page_parts.progress import SHOWN_STATUSES, statuses
from ..streamlit_patches.run_context import fragment_rerun
from .state import REFUSALS
from .steps import tried

LINGERING = "refusals_lingering"  # refusals still unsaid at the end of the last full run
FLASHES = ("flash", "flash_success")  # messages a callback leaves for the page's top (state.show_flash)


def rerun_app() -> None:
    """From a callback of a widget in a fragment: rerun the whole app, not the fragment."""
    if fragment_rerun() is not None:
        st.rerun(scope="app")


def stale_outside() -> bool:
    """Whether something drawn outside the fragment no longer matches the Dossier: the
    sidebar's statuses, this step's error summary and field messages, a message left by a
    callback for the top of the page, or a refusal to be said at a field elsewhere."""
    return bool(_refusals() - st.session_state.get(LINGERING, frozenset())) or _page_changed()


def _page_changed() -> bool:
    """`stale_outside` but for the refusals: what a callback may have changed that the page
    shows outside the fragment."""
    if any(k in st.session_state for k in FLASHES):
        return True
    if st.session_state.get(SHOWN_STATUSES) != statuses():
        return True
    shown = shown_findings()
    if shown is None:
        return False
    step, found = shown
    if step != st.session_state.get(CURRENT):
        return False
    return found != (step_findings(step) if tried(step) else [])


def _refusals() -> frozenset[str]:
    return frozenset(st.session_state.get(REFUSALS, {}))


def full_run_done() -> None:
    """At the end of a full run (app.py): the refusals no field of the page said (their
    fields are elsewhere); any other left after a fragment's rerun is for a field outside it."""
    st.session_state[LINGERING] = _refusals()


def after_fragment(fragment_id: str) -> None:
    if stale_outside():
        st.rerun(scope="app")
    autosave.save_from_fragment(fragment_id)


def fragment(body: Callable[..., Any] | None = None, *, draws_step_list: bool = False) -> Any:
    """`body` as a fragment that keeps the sidebar, the error summary and the browser's
    draft right (see the module's docstring); `@fragment(draws_step_list=True)` for one
    whose body draws the sidebar's step list and the error summary itself (Eligibility's
    form): what they show is known only once it ran."""
    if body is None:
        return lambda later: fragment(later, draws_step_list=draws_step_list)

    def run(*args: Any, **kwargs: Any) -> None:
        fragment_id = fragment_rerun()
        # A callback of this rerun changed what the page shows outside the fragment (the
        # first field typed on a step turns its status, a problem fixed leaves the summary):
        # the page reruns at once, the fragment's body run and sent once, with it.
        if fragment_id is not None and not draws_step_list and _page_changed():
            st.rerun(scope="app")
        body(*args, **kwargs)
        if fragment_id is not None:
            after_fragment(fragment_id)

    run.__name__ = run.__qualname__ = f"fragment_{getattr(body, '__qualname__', 'body')}"
    return st.fragment(run)
