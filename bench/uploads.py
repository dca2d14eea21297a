"""Row 8: another user's click while twenty sessions upload the worst signed letters we
know, and the server's peak memory meanwhile (issue 27).

Each attacking session (bench/protocol.py) loads the example, opens the Documents step,
PUTs a crafted "signed letter" as the browser's uploader does and sends the widget's
state, so that the app checks it: an object-stream fan-out (hours of parsing before the
check ran in a limited worker) or a compressed metadata bomb (+500 MB before). One user
(B) edits a field of the Applicant step every 300 ms, each change timed over the websocket;
first alone, then during the attack. The peak memory is the server's process tree (the
check's workers included), sampled every 50 ms. Targets: B's p95 < 1 s, peak < 800 MB
(the Cloud gives about 1 GB).
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
import uuid
from pathlib import Path

import requests
from streamlit.proto.WidgetStates_pb2 import WidgetState

from .browser import ERROR_TEXT, step_list
from .common import ROOT, Row, Target, edited, ms, percentile
from .protocol import Tab

PAUSE = 0.3  # between B's edits


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(stat[1])
        rss[pid] = next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS")), 0)
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(rss.get(pid, 0) for pid in tree)


class PeakMemory:
    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(self.pid))
            time.sleep(0.05)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _put(base_url: str, session_id: str, data: bytes) -> str:
    """The file PUT as the browser's uploader does (XSRF cookie and header); its id."""
    http = requests.Session()
    http.get(base_url + "/_stcore/health", timeout=10)  # where Streamlit sets the XSRF cookie
    file_id = str(uuid.uuid4())
    url = f"{base_url}/_stcore/upload_file/{session_id}/{file_id}"
    files = {"file": ("letter.pdf", data, "application/pdf")}
    answer = http.put(url, files=files, headers={"X-Xsrftoken": http.cookies.get("_streamlit_xsrf", "")}, timeout=60)
    answer.raise_for_status()
    return file_id


async def _attacker(base_url: str, data: bytes) -> float:
    """One session uploads `data` as its signed letter; the seconds its check run took."""
    tab, _ = await Tab.open(base_url, ERROR_TEXT, timeout=300)
    try:
        await tab.click(tab.find("button", "example-single"))  # type: ignore[arg-type]
        await tab.goto(step_list()[-1])
        widget = tab.find("file_uploader", "signed-letter-digital")
        if widget is None:
            raise LookupError("no uploader keyed signed-letter-digital on Documents")
        file_id = await asyncio.get_running_loop().run_in_executor(None, _put, base_url, tab.session_id, data)
        state = WidgetState(id=widget.id)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.file_id, info.name, info.size = file_id, "letter.pdf", len(data)
        tab.states[widget.id] = state
        return (await tab.rerun()).seconds
    finally:
        await tab.close()


async def _victim(base_url: str, stop: asyncio.Event) -> list[float]:
    tab, _ = await Tab.open(base_url, ERROR_TEXT, timeout=300)
    try:
        await tab.goto("applicant")
        field = tab.find("text_input", "w:applicant.website")
        if field is None:
            raise LookupError("no field keyed w:applicant.website on Applicant")
        times: list[float] = []
        while not stop.is_set():
            run = await tab.change(field, edited(tab.value(field)))
            if run.errors:
                raise RuntimeError(run.errors[0])
            times.append(run.seconds)
            await asyncio.sleep(PAUSE)
        return times
    finally:
        await tab.close()


async def _measure(base_url: str, pid: int, files: list[bytes], alone: float) -> dict:
    stop = asyncio.Event()
    victim = asyncio.create_task(_victim(base_url, stop))
    await asyncio.sleep(alone)
    stop.set()
    baseline = await victim
    stop = asyncio.Event()
    victim = asyncio.create_task(_victim(base_url, stop))
    with PeakMemory(pid) as memory:
        checks = await asyncio.gather(*(_attacker(base_url, data) for data in files))
        stop.set()
        during = await victim
    return {"baseline": baseline, "during": during, "checks": checks, "peak": memory.peak}


def rows(sessions: int = 20, alone: float = 10.0) -> tuple[list[Row], list[Target]]:
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT / "tests" / "e2e"))
    from hostile_pdfs import metadata_bomb, object_stream_fan_out

    from helpers import Server

    worst = [object_stream_fan_out(1_000_000, 1000), metadata_bomb(256)]
    files = [worst[i % len(worst)] for i in range(sessions)]
    with Server() as server:
        assert server.proc is not None
        got = asyncio.run(_measure(server.url, server.proc.pid, files, alone))
    p95 = percentile(got["during"], 95)
    peak_mb = got["peak"] / 2**20
    out = [
        Row("8", "another user's edit, alone (p95)", str(len(got["baseline"])), ms(percentile(got["baseline"], 95))),
        Row(
            "8",
            f"another user's edit while {sessions} sessions upload the worst letters (p95)",
            str(len(got["during"])),
            ms(p95),
            "< 1 s",
            p95 < 1.0,
        ),
        Row("8", "an attacking session's check, slowest", str(len(got["checks"])), ms(max(got["checks"]))),
        Row("8", "server's process tree, peak memory", "1", f"{peak_mb:.0f} MB", "< 800 MB", peak_mb < 800),
    ]
    targets = [
        Target("another user's p95 < 1 s while 20 upload the worst letters", p95 < 1.0, ms(p95)),
        Target("peak memory < 800 MB meanwhile", peak_mb < 800, f"{peak_mb:.0f} MB"),
    ]
    return out, targets
