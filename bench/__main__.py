"""python -m bench: the wizard's performance figures, as one table on stdout.

Rows: 1 the server's CPU per click on every step vs. a hello-world page and vs. Streamlit
alone drawing the same elements (websocket), and
page reruns (AppTest), 2 documents, 3 English check,
4 cold start in Chromium, 5 twenty concurrent browser sessions, 6 fifty simulated users
speaking the websocket protocol (the server's capacity, without browsers), 7 another user's
click while the worst draft loads, 8 another user's click while twenty sessions upload the
worst signed letters, and the server's peak memory, 9 ANCI's side: 50 applications of 5 MB
imported and checked, 10 click to settled in Chromium at every step change and "Prepara i
PDF", plain and with the CPU throttled 4x, beside a hello world's page switch and Streamlit
alone drawing the same elements (the floor, throttled). Medians; n
per row.
Writes nothing but stdout (the servers' logs go to a temporary directory, removed).
Takes about 15 minutes on 2 cores shared with other work (row 10 about 4 of them; 5-6 on a
calm machine before row 10). `--quick` for a smoke run with fewer repetitions.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import traceback
from datetime import datetime

from .common import Row, Target, table, targets_text

SECTIONS = ("clicks", "reruns", "documents", "english", "browser", "steps", "load", "contention", "uploads", "intake")
# English first: its "first check in a new process" row must find langdetect not loaded yet.
ORDER = ("english", "documents", "clicks", "reruns", "browser", "steps", "load", "contention", "uploads", "intake")
# browser: rows 4 and 5
SECTION_NO = {
    "clicks": 1,
    "reruns": 1,
    "documents": 2,
    "english": 3,
    "browser": 4,
    "load": 6,
    "contention": 7,
    "uploads": 8,
    "intake": 9,
    "steps": 10,
}


def run_section(
    name: str, quick: bool, sessions: int, users: int, options: dict[str, str]
) -> tuple[list[Row], list[Target]]:
    if name == "clicks":
        from . import clicks

        return clicks.rows(*((2, 2) if quick else (10, 4)))
    if name == "reruns":
        from . import reruns, worst

        found, targets = reruns.rows(*((1, 3, 5) if quick else (3, 7, 15)))
        heavy, heavy_targets = worst.rows(2 if quick else 5)
        return found + heavy, targets + heavy_targets
    if name == "documents":
        from . import documents

        return documents.rows(*((3, 1) if quick else (15, 3)))
    if name == "english":
        from . import english

        return english.rows(3 if quick else 9)
    if name == "load":
        from . import load

        return load.rows(quick, users, options=options)
    if name == "uploads":
        from . import uploads

        return uploads.rows(*((4, 3.0) if quick else (20, 10.0)))
    if name == "contention":
        from . import contention

        return contention.rows(*((5, 1) if quick else (20, 3)))
    if name == "steps":
        from . import steps_browser

        return steps_browser.rows(1 if quick else 3)
    if name == "intake":
        from . import intake

        return intake.rows(10 if quick else 50)
    from . import browser

    return browser.rows(1 if quick else 3, sessions, options)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run, not figures)")
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only this part (repeatable)")
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (default 20)")
    parser.add_argument("--users", type=int, default=50, help="simulated websocket users (default 50)")
    parser.add_argument(
        "--server-option",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        help="passed to `streamlit run` as --KEY VALUE, e.g. runner.postScriptGC=false "
        "(to try a configuration; the figures of record use the app's own config)",
    )
    args = parser.parse_args(argv)
    options = dict(o.split("=", 1) for o in args.server_option)

    import streamlit

    started = time.perf_counter()
    rows: list[Row] = []
    targets: list[tuple[int, Target]] = []
    for name in [s for s in ORDER if s in (args.only or SECTIONS)]:
        t0 = time.perf_counter()
        try:
            r, tg = run_section(name, args.quick, args.sessions, args.users, options)
        except Exception as err:  # one broken part must not hide the others' figures
            last = traceback.extract_tb(err.__traceback__)[-1]
            why = (
                f"{type(err).__name__}: {str(err).splitlines()[0][:120] if str(err) else ''} "
                f"({os.path.basename(last.filename)}:{last.lineno})"
            )
            r, tg = [Row("!", f"{name}: failed", "-", why)], [Target(f"{name} measured", False, why)]
        rows += r
        targets += [(SECTION_NO[name], t) for t in tg]
        rows.append(Row(rows[-1].section, f"({name}: {time.perf_counter() - t0:.0f} s to measure)", "", ""))

    print(
        f"python -m bench  {datetime.now():%Y-%m-%d %H:%M}  {os.cpu_count()} cores  "
        f"Python {platform.python_version()}  Streamlit {streamlit.__version__}"
        + ("  (--quick: smoke run)" if args.quick else "")
        + "".join(f"  --{k} {v}" for k, v in options.items())
    )
    print("Medians unless the row says otherwise; n = measurements behind the figure.")
    print()
    print(table(sorted(rows, key=lambda r: int(r.section) if r.section.isdigit() else 0)))
    print()
    targets = [t for _, t in sorted(targets, key=lambda x: x[0])]
    if targets:
        print(targets_text(targets))
    notes = [n for r in rows for n in r.notes]
    if notes:
        print()
        print("\n".join(notes))
    print(f"\n(whole bench: {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
