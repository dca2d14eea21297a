"""Files leave with the user: the annexes, ZIP, PDFs and drafts served under /media, and
the files the user uploaded, are dropped soon after the session has ended.

Streamlit 1.67 keeps a disconnected session for `server.disconnectedSessionTTL` seconds
(120 by default) so that a user whose network blinks can come back to it. After that the
session is dropped from its store without being shut down, so its references to the
files it made are never cleared: the files, and the URLs that serve them without any
cookie, lived on until the server restarted; so did its uploads, kept by session id.
This sweeper, one thread per server process (no per-user data of its own), clears the
references and the uploads of sessions the server no longer knows, then lets Streamlit's
own clean-up delete the orphaned files: a download is first marked, then deleted at the
next sweep, so a file goes at most TTL + 2 × SWEEP_SECONDS after its user left.

It reads Streamlit internals (`_files_by_session_and_coord`, `file_storage`), pinned with
Streamlit in requirements.txt; tests/e2e/test_files_leave.py fails if an upgrade changes them.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from functools import cache

from streamlit.runtime import Runtime

from ..process import malloc_trim

SWEEP_SECONDS = float(os.environ.get("MEDIA_SWEEP_SECONDS", "30"))
log = logging.getLogger(__name__)


def sweep() -> None:
    """One pass: forget the files of sessions that are gone, delete orphaned files, and
    drop what those sessions uploaded (a signed letter, an identity document, a draft);
    then give the memory freed since the last pass back to the system."""
    if not Runtime.exists():  # AppTest makes a runtime for a run and ends it: nothing to sweep
        return
    runtime = Runtime.instance()
    files = runtime.media_file_mgr
    known = {info.session.id for info in runtime._session_mgr.list_sessions()}
    for session_id in list(files._files_by_session_and_coord):
        if session_id not in known:
            files.clear_session_refs(session_id)
    files.remove_orphaned_files()
    uploads = runtime.uploaded_file_mgr
    for session_id in list(getattr(uploads, "file_storage", {})):
        if session_id not in known:
            uploads.remove_session_files(session_id)
    malloc_trim.give_back()


def _run() -> None:
    while True:
        time.sleep(SWEEP_SECONDS)
        try:
            sweep()
        except Exception as err:  # keep sweeping; the error kind is enough to look into it
            log.error("media sweep failed: %s", type(err).__name__)


@cache
def start() -> None:
    """Start the sweeper once per server process (later calls do nothing)."""
    # AppTest's runtime is a mock (no sessions to sweep, every pass would fail): a server's only.
    if Runtime.exists() and type(Runtime.instance()) is Runtime:
        threading.Thread(target=_run, name="media-janitor", daemon=True).start()
