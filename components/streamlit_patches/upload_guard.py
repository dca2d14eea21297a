"""Uploads bounded per session where the bytes arrive, not only in the browser.

Streamlit 1.67 keeps every file PUT to `/_stcore/upload_file/<session>/<file>` in the
server's memory. The per-widget `max_upload_size` is checked by the browser only; the
server checks each file against the global `server.maxUploadSize` and keeps as many files
as a session sends, whether or not a widget refers to them, until the session ends: one
tab could fill the server in seconds (the reliability audit: 40 x 10 MiB in 1.3 s).

`install()` wraps the upload manager's `add_file`: a file that would take its session
past MAX_FILES or MAX_SESSION_BYTES, or the server past MAX_SERVER_BYTES, is dropped and
the PUT answered 413 (the browser shows the file as failed); other sessions are not
touched. `release_unreferenced()`, at the end of every full run, drops the files of the
session that no widget refers to any more (a file replaced, a widget left behind), so a
user who uploads again and again never reaches the allowance. And Starlette's form parser
keeps a whole upload in memory instead of spooling files over 1 MB to a temporary file:
nothing of a user's is written to the server's disk.

Not public API: the manager's `file_storage` and `_lock`, the widget states' layout and
Starlette's `MultiPartParser.spool_max_size`, as Streamlit 1.67.0 has them;
tests/test_upload_guard.py and tests/e2e/test_upload_flood.py fail if an upgrade changes
them.
"""

from __future__ import annotations

import os
import time
from functools import cache
from typing import Any

from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartParser
from streamlit import config
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.state.session_state import Serialized
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

# What one session may hold: on ANCI's side, a mailbox of a call's applications as .eml
# files (a wizard's application is ~1 MB; the applicant's side needs 3 files, 17 MB).
MAX_FILES = 60
MAX_SESSION_BYTES = 100 * 10**6
# What all sessions together may hold, inside the Cloud's 1 GB with the app itself, the
# check's workers and LibreOffice (decisions/0024).
MAX_SERVER_BYTES = 300 * 10**6
# Each file as the server takes it. Upload widgets take this much, so that a file over the
# widget's own limit gets our message in the user's language, not the browser's in English.
SERVER_MAX_MB: int = config.get_option("server.maxUploadSize")
# A file just uploaded, which the widget's next run will refer to, is not released before.
GRACE_SECONDS = float(os.environ.get("UPLOAD_GRACE_SECONDS", "30"))


@cache
def install() -> None:
    """Once per server process (later calls do nothing)."""
    original = MemoryUploadedFileManager.add_file

    def add_file(self: MemoryUploadedFileManager, session_id: str, file: UploadedFileRec) -> None:
        original(self, session_id, file)
        # Added first, then checked, under the manager's own lock: two files that arrive
        # together are counted together (both may be refused, none slips through).
        with self._lock:
            arrivals, now = _arrivals(self), time.monotonic()
            for old in [f for f, at in arrivals.items() if now - at > GRACE_SECONDS]:
                del arrivals[old]  # past its grace, a file is judged by reference alone
            arrivals[file.file_id] = now
            held = self.file_storage.get(session_id, {})
            over = (
                len(held) > MAX_FILES
                or sum(len(f.data) for f in held.values()) > MAX_SESSION_BYTES
                or self._total_bytes > MAX_SERVER_BYTES
            )
        if over:
            self.remove_file(session_id, file.file_id)
            raise HTTPException(status_code=413, detail="Upload allowance exceeded")

    MemoryUploadedFileManager.add_file = add_file  # type: ignore[method-assign]
    # The largest body Streamlit accepts stays in memory (the default spools past 1 MB).
    MultiPartParser.spool_max_size = (SERVER_MAX_MB + 1) * 2**20


def _arrivals(manager: MemoryUploadedFileManager) -> dict[str, float]:
    """When each file arrived, by file id (random, never user content), on the manager."""
    return manager.__dict__.setdefault("_guard_arrivals", {})  # type: ignore[no-any-return]


def release_unreferenced() -> None:
    """Drop this session's uploaded files that no widget refers to any more. Call at the
    end of a full run, when every widget on the page has registered."""
    ctx = get_script_run_ctx()
    manager = ctx.uploaded_file_mgr if ctx is not None else None
    if not isinstance(manager, MemoryUploadedFileManager):  # AppTest's runs, another manager
        return
    held = list(manager.file_storage.get(ctx.session_id, {}))  # type: ignore[union-attr]
    if not held:
        return
    referenced = _referenced(ctx.session_state._state)  # type: ignore[union-attr]
    arrivals, now = _arrivals(manager), time.monotonic()
    for file_id in held:
        if file_id not in referenced and now - arrivals.get(file_id, 0.0) > GRACE_SECONDS:
            manager.remove_file(ctx.session_id, file_id)  # type: ignore[union-attr]


def _referenced(state: Any) -> set[str]:
    """File ids that the session's upload widgets hold, as sent by the browser or kept."""
    ids: set[str] = set()
    for value in state._new_widget_state.states.values():
        if isinstance(value, Serialized):
            if value.value.WhichOneof("value") == "file_uploader_state_value":
                ids.update(f.file_id for f in value.value.file_uploader_state_value.uploaded_file_info)
        else:
            ids.update(_file_ids(value.value))
    for kept in state._old_state.values():
        ids.update(_file_ids(kept))
    return ids


def _file_ids(value: Any) -> set[str]:
    files = value if isinstance(value, list) else [value]
    return {f.file_id for f in files if isinstance(getattr(f, "file_id", None), str)}
