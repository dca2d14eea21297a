"""Three facts of the running script that no public API gives, read from Streamlit's
script-run context (`get_script_run_ctx`, Streamlit 1.67):

- `session_id()`: whose turn it is at the PDF converter (one turn per session);
- `fragment_rerun()`: the fragment a run reruns alone, if any (components/session/fragments.py);
- `run_instead(page)`: have `st.navigation` draw another page in this very run, through
  the page manager's intent (decisions/0019; components/session/steps.py).

Each degrades on its own if an upgrade removes what it reads: no owner (the converter's
queue still works, without "one turn per user"), a full run's behaviour, or one run more
through `st.switch_page`. tests/test_run_context.py fails when any of them stops working.
"""

from __future__ import annotations

from streamlit.runtime.scriptrunner import get_script_run_ctx


def session_id() -> str | None:
    return getattr(get_script_run_ctx(), "session_id", None)


def fragment_rerun() -> str | None:
    """The id of the fragment this run reruns alone (its callbacks included), or None in a
    full run."""
    ids = getattr(get_script_run_ctx(), "fragment_ids_this_run", None)
    return ids[0] if ids else None


def run_instead(url_path: str) -> None:
    """Ask Streamlit to run the page at `url_path` in this run instead of the one the browser
    asked for. `st.navigation` resolves the page from the page manager's intent, set from the
    browser's request at the start of the run (runtime/pages_manager.py); by name, the URL
    path ("" resolves to the default page)."""
    manager = getattr(get_script_run_ctx(), "pages_manager", None)
    set_intent = getattr(manager, "set_script_intent", None)
    if set_intent is not None:
        set_intent("", url_path)
