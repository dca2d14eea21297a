"""Changes to Streamlit's internals, all here: what may break when Streamlit is upgraded.

Each module reaches below Streamlit's public API (classes of `streamlit.runtime` and
`streamlit.web`) as version PINNED has them. app.py calls `install()` at every run; the
first time, `version_checked()` compares the running Streamlit with PINNED and, if they
differ, logs what each patch relies on and which tests guard it (PATCHES). filtered_state
then steps aside (the cost comes back) and run_context degrades (no turn per user at the
converter, a step change in two runs); upload_guard and media_janitor carry privacy and
safety guarantees (uploads bounded, files gone after the user): if their tests fail, do not
ship.

To upgrade Streamlit: change requirements.txt, run every test PATCHES names, mend what fails,
then move PINNED (pinned.py; tests/test_streamlit_patches.py holds it to requirements.txt).
No other file of the project imports `streamlit.runtime` or `streamlit.web`
(tests/test_import_rules.py), and none reaches below the public API otherwise.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import NamedTuple

import streamlit

from . import filtered_state, media_janitor, server_socket, upload_guard
from .pinned import PINNED


class Patch(NamedTuple):
    module: str
    what: str  # the internal it relies on
    tests: tuple[str, ...]  # the tests that fail when it no longer holds


PATCHES = (
    Patch(
        "filtered_state",
        "SafeSessionState.filtered_state, SessionState._keys(), SessionStateProxy.to_dict",
        ("tests/test_filtered_state.py", "tests/test_session_size.py"),
    ),
    Patch(
        "upload_guard",
        "MemoryUploadedFileManager.add_file and its file store; Starlette's upload spool",
        ("tests/test_upload_guard.py", "tests/e2e/test_upload_flood.py"),
    ),
    Patch(
        "server_socket",
        "the Starlette server's listening sockets (TCP_NODELAY)",
        ("tests/test_server_socket.py",),
    ),
    Patch(
        "run_context",
        "the script-run context: session_id, fragment_ids_this_run, pages_manager.set_script_intent",
        ("tests/test_run_context.py", "tests/test_wizard.py", "tests/e2e/test_fragments.py"),
    ),
    Patch(
        "media_janitor",
        "Runtime's session store and MediaFileManager's references",
        ("tests/e2e/test_files_leave.py", "tests/test_malloc_trim.py"),
    ),
)


@cache
def version_checked() -> bool:
    """Once per process: True on PINNED; otherwise False, said in the log with every patch's
    reliance and tests."""
    if streamlit.__version__ == PINNED:
        return True
    log = logging.getLogger(__name__)
    log.warning("Streamlit %s, patches checked on %s: run their tests", streamlit.__version__, PINNED)
    for p in PATCHES:
        log.warning("  components/streamlit_patches/%s.py relies on %s: %s", p.module, p.what, ", ".join(p.tests))
    return False


def install() -> None:
    """At every run of app.py: each patch installs itself once per process (later calls do
    nothing, so a test may take one out and see the next run put it back)."""
    version_checked()
    filtered_state.install()
    upload_guard.install()
    server_socket.no_delay()
    media_janitor.start()
