"""Two versions of the app side by side: the server CPU and wall time of each step change,
both servers walked through the wizard in turns, so that the machine's noise (other jobs,
CPU frequency) falls on both alike.

Run: .venv/bin/python -m bench.ab ../before .      [rounds, default 20]
     (`git worktree add ../before <commit>`, its `.venv` a link to this one's; and this tree)

Each round, one simulated user per server (bench/protocol.py) loads the example, goes to
Start through its sidebar link, then to Documents with "Next"; which server acts first
alternates from round to round (the second to act runs on caches the first warmed). The
first round is not counted: a new process imports a step's libraries at its first visit.
Prints the median of each, before -> after. Two copies of the same tree, compared so,
differ by ~1 ms a step (3 on Officer), the second one cheaper: a change is what it gains
beyond that.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
from collections import defaultdict
from pathlib import Path

from .common import E2E, cpu_seconds, ms

if str(E2E) not in sys.path:
    sys.path.insert(0, str(E2E))


async def walk_both(servers, rounds: int) -> tuple[tuple[str, ...], list[dict], list[dict]]:
    """[{step: [server CPU seconds]}], [{step: [wall seconds]}], one of each per server."""
    from bench.browser import ERROR_TEXT, step_list
    from bench.protocol import Tab, step_change

    steps = step_list()
    tabs = [(await Tab.open(server.url, ERROR_TEXT))[0] for server in servers]
    cpu: list[dict] = [defaultdict(list) for _ in servers]
    wall: list[dict] = [defaultdict(list) for _ in servers]
    try:
        for tab in tabs:
            await tab.click(tab.find("button", "example-single"))
        for n in range(rounds + 1):
            order = [0, 1] if n % 2 else [1, 0]
            for i, step in enumerate(steps):
                for k in order:
                    tab, pid = tabs[k], servers[k].proc.pid
                    before = cpu_seconds(pid)
                    run = await step_change(tab, steps, i)
                    if run.errors:
                        raise RuntimeError(f"{servers[k].root} {step}: {run.errors[0]}")
                    if n:
                        cpu[k][step].append(cpu_seconds(pid) - before)
                        wall[k][step].append(run.seconds)
    finally:
        for tab in tabs:
            await tab.close()
    return steps, cpu, wall


def compare(before: Path, after: Path, rounds: int = 20) -> list[str]:
    from helpers import Server

    with Server(root=before) as old, Server(root=after) as new:
        steps, cpu, wall = asyncio.run(walk_both([old, new], rounds))
    lines = [f"step change (median of {rounds}): server CPU before -> after | wall before -> after"]
    for step in steps:
        (c0, c1), (w0, w1) = ([statistics.median(x[k][step]) for k in (0, 1)] for x in (cpu, wall))
        name = f"{step} (link)" if step == steps[0] else step
        lines.append(
            f"{name:13s} {ms(c0):>9s} -> {ms(c1):>9s} ({1000 * (c1 - c0):+.1f}) | "
            f"{ms(w0):>9s} -> {ms(w1):>9s} ({1000 * (w1 - w0):+.1f})"
        )
    return lines


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    print("\n".join(compare(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 20)))
