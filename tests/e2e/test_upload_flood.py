"""One tab flooding the upload endpoint, as a script can (the browser's per-widget limits
are not the server's): its files past the allowance are refused where they arrive, what it
holds is bounded, another user's clicks and uploads go on, and a file no widget refers to
is released at the session's next run (components/streamlit_patches/upload_guard.py)."""

from __future__ import annotations

import asyncio
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests
from test_files_leave import uploaded_bytes

from bench.browser import ERROR_TEXT
from bench.protocol import Tab
from components.streamlit_patches import upload_guard
from helpers import Server

GRACE = 1  # seconds before an unreferenced upload may be released (30 in production)
FILE = b"%PDF-1.7\n" + b"0" * (9 * 10**6)  # 9 MB: a large scan
ALLOWED = min(upload_guard.MAX_FILES, upload_guard.MAX_SESSION_BYTES // len(FILE))


def run(coroutine):
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _uploader(base_url: str):
    """PUT a file as the browser's uploader does: the XSRF cookie and its header."""
    http = requests.Session()
    http.get(base_url + "/_stcore/health", timeout=10)  # where Streamlit sets the XSRF cookie
    token = http.cookies.get("_streamlit_xsrf", "")

    def put(session_id: str) -> int:
        url = f"{base_url}/_stcore/upload_file/{session_id}/{uuid.uuid4()}"
        files = {"file": ("letter.pdf", FILE, "application/pdf")}
        return http.put(url, files=files, headers={"X-Xsrftoken": token}, timeout=30).status_code

    return put


def test_a_flooding_session_is_refused_and_others_go_on():
    with Server(env={"UPLOAD_GRACE_SECONDS": str(GRACE)}) as server:

        async def scenario():
            attacker, _ = await Tab.open(server.url, ERROR_TEXT)
            victim, _ = await Tab.open(server.url, ERROR_TEXT)
            put = _uploader(server.url)
            loop = asyncio.get_running_loop()
            tries = ALLOWED + 3
            flood = [await loop.run_in_executor(None, put, attacker.session_id) for _ in range(tries)]
            held = uploaded_bytes(server.url)
            clicks = [await victim.rerun() for _ in range(5)]
            own = await loop.run_in_executor(None, put, victim.session_id)
            time.sleep(GRACE + 0.5)
            await attacker.rerun()  # a full run: no widget refers to the flood's files
            after = await loop.run_in_executor(None, put, attacker.session_id)
            await attacker.close()
            await victim.close()
            return flood, held, clicks, own, after

        flood, held, clicks, own, after = run(scenario())
    assert flood[:ALLOWED] == [204] * ALLOWED
    assert set(flood[ALLOWED:]) == {413}
    assert held <= upload_guard.MAX_SESSION_BYTES  # not all it sent
    assert all(not c.errors for c in clicks)
    assert own == 204  # the other user's upload is not refused
    assert after == 204  # the flood's files were released; the session may upload again
