"""The server runs on Streamlit's "performance" extra (requirements.txt, decisions/0021).

`streamlit run` picks uvloop and httptools only when it can import them and says nothing
when it cannot: a missing pin or a failed wheel on the Cloud would quietly cost every click
~1.5-6 ms of server CPU and the first visit ~0.25 s (decisions/0021). The session's
server is started as `make run` starts it; the compiled modules it has loaded are the ones
its process maps (Linux, as on Community Cloud).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest


def mapped(pid: int) -> str:
    maps = Path(f"/proc/{pid}/maps")
    if not maps.exists():
        pytest.skip("no /proc: the loaded modules of the server cannot be read on this system")
    return maps.read_text()


def test_the_server_runs_on_uvloop_and_parses_http_with_httptools(server):
    loaded = mapped(server.proc.pid)
    assert re.search(r"/uvloop/loop\.cpython-[^/\s]+\.so$", loaded, re.M), "the event loop is asyncio's, not uvloop"
    assert re.search(r"/httptools/parser/parser\.cpython-[^/\s]+\.so$", loaded, re.M), "HTTP is parsed by h11"
