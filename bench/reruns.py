"""Row 1: server-side time of one rerun of each wizard page (example dossier loaded),
beside a hello-world page timed in the same process, in interleaved rounds so that the
machine's noise falls on both alike.

Measured with streamlit.testing.v1.AppTest: the script runs as under `streamlit run`,
minus the websocket and the browser. A full rerun = `at.run()` on a page already shown (what
a widget outside any fragment causes); a step change = `at.switch_page(step).run()` from the
step before it. Informative: the targets are on bench/clicks.py (the server's CPU per click
over the websocket, fragments included). AppTest would compile the scripts again on every run; `streamlit run`
compiles each once, and so does the bench (`share_compiled_scripts`).
"""

from __future__ import annotations

import time

from .apptest_apps import HELLO, share_compiled_scripts, wizard_app
from .common import Row, Target, median, ms, quiet_streamlit

ERROR_TEXT = "Si è verificato un problema"


def problems(at) -> list[str]:
    """What went wrong on screen: an exception box, or the app's own error message."""
    found = [f"exception: {e.value}"[:200] for e in at.exception]
    found += [f"error: {e.value}"[:200] for e in at.error if ERROR_TEXT in str(e.value)]
    return found


def timed_runs(at, n: int) -> list[float]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
    return times


def measure(rounds: int = 3, per_round: int = 7, hello_per_round: int = 15) -> tuple[dict, dict, list[float], dict]:
    """{step: [field change seconds]}, {step: [step change seconds]}, [hello seconds], {step: [problems]}."""
    from streamlit.testing.v1 import AppTest

    from dossier.eligibility import STEPS

    quiet_streamlit()
    share_compiled_scripts()
    hello = AppTest.from_string(HELLO, default_timeout=30)
    hello.run()
    at = wizard_app()
    pages: dict[str, list[float]] = {s: [] for s in STEPS}
    switches: dict[str, list[float]] = {s: [] for s in STEPS}
    seen: dict[str, list[str]] = {s: [] for s in STEPS}
    hello_times: list[float] = []
    for _ in range(rounds):
        hello_times += timed_runs(hello, hello_per_round)
        for step in STEPS:
            t0 = time.perf_counter()
            at.switch_page(f"views/{step}.py").run()
            switches[step].append(time.perf_counter() - t0)
            pages[step] += timed_runs(at, per_round)
            seen[step] += problems(at)
        hello_times += timed_runs(hello, hello_per_round)
    return pages, switches, hello_times, seen


def rows(rounds: int = 3, per_round: int = 7, hello_per_round: int = 15) -> tuple[list[Row], list[Target]]:
    """The script's time alone, every rerun a full one (AppTest cannot rerun a fragment):
    where a page's time goes. The targets are on the server's CPU per click over the
    websocket (bench/clicks.py), which includes fragments and what the server sends."""
    pages, switches, hello, seen = measure(rounds, per_round, hello_per_round)
    base = median(hello)
    out = [Row("1", "AppTest: hello-world rerun", str(len(hello)), ms(base))]
    for what, times_of in (("full rerun", pages), ("step change", switches)):
        for step, times in times_of.items():
            note = f"{ms(median(times))} = {median(times) / base:.1f}x hello"
            if seen[step]:
                note += f"; {len(seen[step])} errors: {seen[step][0]}"
            out.append(Row("1", f"AppTest: {what}: page {step}", str(len(times)), note))
    targets = []
    if any(seen.values()):
        first = next(found for found in seen.values() if found)
        targets.append(Target("AppTest: every page drawn without an error", False, first[0]))
    try:
        from . import gc_probe

        g = gc_probe.measure()
        out.append(
            Row(
                "1",
                "full GC a rerun would add with runner.postScriptGC on (off in our config): hello / wizard process "
                "(the wizard's modules frozen, decisions/0017)",
                str(g["wizard"]["runs"]),
                f"{ms(g['hello']['gc_s'])} / {ms(g['wizard']['gc_s'])} "
                f"({g['hello']['objects'] // 1000}k / {g['wizard']['objects'] // 1000}k objects)",
            )
        )
    except Exception as err:  # informative only; the target rows stand without it
        out.append(Row("1", f"full GC probe failed: {type(err).__name__}: {str(err)[:80]}", "-", "-"))
    return out, targets
