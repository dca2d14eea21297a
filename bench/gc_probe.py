"""The full garbage collection `streamlit run` does after every rerun, measured in a fresh process.

Streamlit's ScriptRunner calls gc.collect(2) at the end of every script run
(config option runner.postScriptGC, on by default); AppTest's runner skips it, so row 1
does not include it. Its cost grows with everything the process keeps alive: here, the
wizard's modules and shared resources (language profiles, dictionary, templates...).

Run: .venv/bin/python -m bench.gc_probe hello|wizard   (prints one JSON line)
"""

from __future__ import annotations

import gc
import json
import sys
import time

from .apptest_apps import HELLO, wizard_app
from .common import median, quiet_streamlit


def probe(kind: str, runs: int = 7) -> dict:
    from streamlit.testing.v1 import AppTest

    from dossier.eligibility import STEPS

    quiet_streamlit()
    if kind == "hello":
        AppTest.from_string(HELLO, default_timeout=30).run()
    else:
        at = wizard_app()
        for step in STEPS:
            at.switch_page(f"views/{step}.py").run()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        gc.collect(2)
        times.append(time.perf_counter() - t0)
    return {"kind": kind, "objects": len(gc.get_objects()), "gc_s": median(times), "runs": runs}


def measure() -> dict[str, dict]:
    """Both probes, each in a process of its own (a clean heap)."""
    import subprocess

    from .common import ROOT

    out = {}
    for kind in ("hello", "wizard"):
        done = subprocess.run(
            [sys.executable, "-m", "bench.gc_probe", kind],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        out[kind] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1] if len(sys.argv) > 1 else "wizard")))
