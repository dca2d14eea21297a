"""Server CPU per field change, over the websocket, on the pages with fragments, beside a
hello-world page's: `python -m bench.field_changes [root]` (root: a checkout, default this one).

Row 1 times a field change with AppTest, which always reruns the whole app: it cannot show
what a fragment buys. Here a simulated user (bench/protocol.py) loads the example and
changes one field 30 times on each page, sending the fragment's id as a browser does; the
server's CPU time (/proc/<pid>/stat) over those changes, divided by 30. Wall time is the
server's and the ~40-ms delayed ACK of a client that acks as browsers do (finding 1).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from .common import E2E, ROOT

if str(E2E) not in sys.path:
    sys.path.insert(0, str(E2E))

N = 30
# The field changed on each page (None: the first needs answer, a text area).
FIELDS = {
    "applicant": "w:applicant.address",
    "needs": None,
    "officer": "w:officer.experience.0.position",
    "letter": "w:letter.place",
}
HELLO = 'import streamlit as st\nst.title("Hello")\nst.text_input("Name", key="w:name")\nst.write("world")\n'


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


async def changes(tab, key: str, pid: int, kind: str = "text_input") -> tuple[float, float, object]:
    """(server CPU ms per change, wall p50 ms, whether the last run was a fragment's alone)."""
    start = tab.value(tab.find(kind, key)) or ""
    walls = []
    before = cpu_seconds(pid)
    run = None
    for i in range(N):
        run = await tab.change(tab.find(kind, key), f"{start} {i}")
        if run.errors:
            raise RuntimeError(run.errors)
        walls.append(run.seconds)
    return (cpu_seconds(pid) - before) / N * 1000, statistics.median(walls) * 1000, getattr(run, "fragment_only", "?")


async def wizard(url: str, pid: int) -> dict[str, tuple[float, float, object]]:
    from bench.browser import ERROR_TEXT
    from bench.protocol import Tab

    tab, _ = await Tab.open(url, ERROR_TEXT)
    out = {}
    try:
        await tab.click(tab.find("button", "example-single"))
        for step in ("start", "eligibility", "applicant", "needs", "officer", "letter"):
            if step in FIELDS:
                key, kind = FIELDS[step], "text_input"
                if key is None:
                    kind = "text_area"
                    key = next(w.key for w in tab.fields("text_area") if w.key.startswith("w:needs.answers"))
                out[step] = await changes(tab, key, pid, kind)
            if step != "letter":
                await tab.click(tab.find("button", f"next-{step}"))
    finally:
        await tab.close()
    return out


async def hello(url: str, pid: int) -> tuple[float, float, object]:
    from bench.browser import ERROR_TEXT
    from bench.protocol import Tab

    tab, _ = await Tab.open(url, ERROR_TEXT)
    try:
        return await changes(tab, "w:name", pid)
    finally:
        await tab.close()


def main(root: Path = ROOT) -> None:
    from helpers import Server

    with tempfile.TemporaryDirectory(prefix="bench-hello-") as tmp:
        home = Path(tmp)
        (home / "app.py").write_text(HELLO)
        shutil.copytree(root / ".streamlit", home / ".streamlit")
        with Server(root=home) as server:
            floor = asyncio.run(hello(server.url, server.proc.pid))  # type: ignore[union-attr]
    with Server(root=root) as server:
        found = asyncio.run(wizard(server.url, server.proc.pid))  # type: ignore[union-attr]
    print(f"hello world: server CPU {floor[0]:.1f} ms per change, wall p50 {floor[1]:.1f} ms")
    for step, (cpu, wall, alone) in found.items():
        print(
            f"{step}: server CPU {cpu:.1f} ms per change = {cpu / floor[0]:.1f}x hello, "
            f"wall p50 {wall:.1f} ms, a fragment's run alone: {alone}"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT)
