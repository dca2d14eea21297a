"""Where the time of one page's rerun goes: cProfile over N AppTest reruns of that page.

Run: .venv/bin/python -m bench.profile_page officer [--runs 20] [--sort cumulative] [--limit 35]
     .venv/bin/python -m bench.profile_page hello     (the hello-world page, for comparison)
     .venv/bin/python -m bench.profile_page parts     (every step: where a rerun's time goes)

Only the script thread is profiled (AppTest runs the page in a thread of its own), so the
figures are the page's own work: the wizard's Python, Streamlit's element calls, and the
protobuf building; not AppTest's parsing of the result in the main thread.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import threading
import time

from .apptest_apps import HELLO, share_compiled_scripts, wizard_app
from .common import median, ms, quiet_streamlit


def profile(step: str, runs: int) -> tuple[pstats.Stats, list[float]]:
    from streamlit.testing.v1 import AppTest

    quiet_streamlit()
    share_compiled_scripts()
    if step == "hello":
        at = AppTest.from_string(HELLO, default_timeout=30)
    else:
        at = wizard_app()
        at.switch_page(f"views/{step}.py")
    at.run()  # warm
    prof = cProfile.Profile()
    main_thread = threading.current_thread()

    def tracer(*args):  # installed in the script thread when it starts
        if threading.current_thread() is not main_thread:
            sys.setprofile(None)
            prof.enable()

    times = []
    threading.setprofile(tracer)
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t0)
    finally:
        threading.setprofile(None)
        prof.disable()
    return pstats.Stats(prof), times


# The parts of a rerun (file suffix, function): what an st.fragment around one of them
# would skip or rerun alone. They nest (filtered_state runs inside the page and the sidebar).
PARTS = {
    "page body": ("streamlit/navigation/page.py", "run"),
    "sidebar": ("components/page_parts/progress.py", "sidebar"),
    "  statuses": ("components/page_parts/progress.py", "statuses"),
    "  draft panel": ("components/page_parts/draft_panel.py", "draft_panel"),
    "autosave": ("components/browser/autosave.py", "sync"),
    "step list": ("components/session/steps.py", "pages"),
    "  page top": ("components/page_parts/page.py", "page_top"),
    "  step summary": ("components/page_parts/findings.py", "step_summary"),
    "  back/next": ("components/session/steps.py", "back_next"),
    "  text fields": ("components/widgets/fields.py", "text"),
    "  text areas": ("components/widgets/fields.py", "area"),
    "CV entry lists": ("components/widgets/entries.py", "entry_list"),
    "English check (field marks)": ("components/page_parts/english_check.py", "field_status"),
    "St: filtered_state": ("streamlit/runtime/state/session_state.py", "filtered_state"),
    "St: protobuf enqueue": ("streamlit/delta_generator.py", "_enqueue"),
}


def parts(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative seconds of each part over all profiled runs."""
    out = dict.fromkeys(PARTS, 0.0)
    for (filename, _, func), (_, _, _, cumulative, _) in stats.stats.items():
        for name, (suffix, wanted) in PARTS.items():
            if func == wanted and filename.endswith(suffix):
                out[name] += cumulative
    return out


def print_parts(runs: int) -> None:
    from dossier.eligibility import STEPS

    names = list(PARTS)
    print(
        f"share of a rerun's script-thread time, {runs} profiled reruns per step (the profiler adds "
        "overhead: read the shares, not the times)"
    )
    print(f"{'step':12} {'ms':>6}  " + "  ".join(f"{n.strip()[:12]:>12}" for n in names))
    for step in STEPS:
        stats, times = profile(step, runs)
        total = sum(times)
        share = parts(stats)
        print(f"{step:12} {1000 * median(times):6.1f}  " + "  ".join(f"{share[n] / total:12.0%}" for n in names))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_page", description=__doc__.splitlines()[0])
    parser.add_argument("step", help="a step name (start, officer, ...), 'hello', or 'parts' (every step)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--limit", type=int, default=35)
    args = parser.parse_args(argv)
    if args.step == "parts":
        print_parts(args.runs)
        return 0
    stats, times = profile(args.step, args.runs)
    print(f"{args.step}: {args.runs} reruns, median {ms(median(times))} each (under the profiler)")
    out = io.StringIO()
    stats.stream = out
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.limit)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
