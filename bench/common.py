"""What every part of the benchmark shares: paths, statistics, the table, quiet logs."""

from __future__ import annotations

import logging
import math
import os
import shutil
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
E2E = ROOT / "tests" / "e2e"


# The floor of the websocket rows (1, 6): a title, one text field, a line.
HELLO_APP = 'import streamlit as st\nst.title("Hello")\nst.text_input("Name", key="w:name")\nst.write("world")\n'


def hello_app(folder: Path, source: str = HELLO_APP, config_from: Path = ROOT) -> Path:
    """A hello-world app in `folder`, with the `.streamlit/config.toml` of `config_from` (the
    app's, so both are served alike)."""
    folder.mkdir(exist_ok=True)
    (folder / "app.py").write_text(source)
    shutil.copytree(config_from / ".streamlit", folder / ".streamlit")
    return folder


def edited(value: str | None) -> str:
    """The same text with its last character changed: a real change, never longer (max_chars)."""
    value = value or ""
    return value[:-1] + ("y" if value.endswith("x") else "x")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used, its ended threads included (Streamlit
    runs each rerun in a new thread), to the nanosecond: Linux's CPU-time clock of another
    process, whose id is what glibc's clock_getcpuclockid(pid) returns (not in Python's
    `time`): MAKE_PROCESS_CPUCLOCK(pid, CPUCLOCK_SCHED) in the kernel's posix-timers.h.
    /proc/<pid>/stat counts 10-ms ticks: +-10 ms on every action read alone."""
    try:
        return time.clock_gettime(((~pid) << 3) | 2)
    except OSError:  # not Linux, or the process is gone
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Costs:
    """Server CPU and wall time of each action over the websocket (bench/protocol.py), by
    (kind, step)."""

    def __init__(self, pid: int):
        self.pid = pid
        self.cpu: dict[tuple[str, str], list[float]] = defaultdict(list)
        self.walls: dict[tuple[str, str], list[float]] = defaultdict(list)
        self.errors: list[str] = []

    async def timed(self, what: tuple[str, str], action, *args):
        before = cpu_seconds(self.pid)
        run = await action(*args)
        self.cpu[what].append(cpu_seconds(self.pid) - before)
        self.walls[what].append(run.seconds)
        self.errors += [f"{what[1]} {what[0]}: {e}" for e in run.errors]
        return run

    def per_action(self, what: tuple[str, str]) -> float:
        return statistics.median(self.cpu[what]) if self.cpu.get(what) else float("nan")


def median(xs) -> float:
    return statistics.median(xs) if xs else math.nan


def percentile(xs, p: float) -> float:
    """Nearest-rank percentile (p in 0..100): a value that was measured, never interpolated."""
    if not xs:
        return math.nan
    ordered = sorted(xs)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    if math.isnan(seconds):
        return "n/a"
    return f"{1000 * seconds:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


@dataclass
class Row:
    """One line of the table: what, how many runs, the figure, and its target if it has one."""

    section: str
    what: str
    n: str
    value: str
    target: str = ""
    met: bool | None = None  # None: no target on this row
    notes: list[str] = field(default_factory=list)  # printed under the table (e.g. error details)

    @property
    def verdict(self) -> str:
        return "" if self.met is None else ("met" if self.met else "MISSED")


@dataclass
class Target:
    name: str
    met: bool
    figure: str


def targets_text(targets: list[Target]) -> str:
    """One line per target, met or MISSED, names aligned."""
    width = max((len(t.name) for t in targets), default=0)
    return "\n".join(f"target {t.name.ljust(width)}  {'met   ' if t.met else 'MISSED'}  {t.figure}" for t in targets)


def table(rows: list[Row]) -> str:
    head = ("#", "measure", "n", "median / value", "target", "")
    cells = [head] + [(r.section, r.what, r.n, r.value, r.target, r.verdict) for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]

    def line(c) -> str:
        return "  ".join(x.ljust(w) for x, w in zip(c, widths, strict=False)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    out = [line(head), rule]
    last = None
    for r, c in zip(rows, cells[1:], strict=False):
        if last is not None and r.section != last:
            out.append(rule)
        out.append(line(c))
        last = r.section
    return "\n".join(out)


def quiet_streamlit() -> None:
    """AppTest in bare mode logs 'missing ScriptRunContext' warnings; the bench prints only its table."""
    import streamlit.logger
    from streamlit import config

    config.set_option("logger.level", "error")  # AppTest re-applies this option on every run
    streamlit.logger.set_log_level("error")
    logging.getLogger("app").setLevel(logging.CRITICAL)
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
