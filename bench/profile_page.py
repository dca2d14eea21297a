"""Where the time of one page's rerun goes: cProfile over N AppTest reruns of that page.

Run: .venv/bin/python -m bench.profile_page officer [--runs 20] [--sort cumulative] [--limit 35]
     .venv/bin/python -m bench.profile_page hello     (the hello-world page, for comparison)

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

from .common import median, ms, quiet_streamlit
from .reruns import HELLO, wizard_app


def profile(step: str, runs: int) -> tuple[pstats.Stats, list[float]]:
    from streamlit.testing.v1 import AppTest

    quiet_streamlit()
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_page", description=__doc__.splitlines()[0])
    parser.add_argument("step", help="a step name (start, officer, ...) or 'hello'")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--limit", type=int, default=35)
    args = parser.parse_args(argv)
    stats, times = profile(args.step, args.runs)
    print(f"{args.step}: {args.runs} reruns, median {ms(median(times))} each (under the profiler)")
    out = io.StringIO()
    stats.stream = out
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.limit)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
