"""Row 6: simulated users on one server, speaking Streamlit's websocket protocol (no browser).

Each user opens a tab, loads the example ("example-single"), then on every step edits one
text field (a character changed, so the Dossier changes) and clicks "next-<step>", pausing
between actions for a time drawn uniformly from 0..2x the mean pause. A user who finishes
the walk opens a new tab and starts again, until the level's time is up; tabs stay open
until then, so the server holds every session it served (for RSS per session).

Levels: one user alone (the warm-up, compared with the browser's single session in row 5),
the same with a client that acknowledges TCP segments at once, then N users every `pause`
seconds (the target level), then a sweep of other paces to find the throughput (actions
answered per second) at which p95 passes 1 s. Before them, a hello-world page under the
app's config shows the floor every rerun pays over the websocket.

Streamlit 1.67 binds its socket with protocol 0, so asyncio does not set TCP_NODELAY on
the connections (Nagle's algorithm stays on): a rerun's second small write waits for the
client's delayed ACK, ~40 ms on Linux (up to 200 ms on Windows). Browsers pay it too.
uvloop (requirements.txt, decisions/0021) sets TCP_NODELAY on every connection itself, so
on it the hello-world page (Streamlit as it is) shows no delay either; the app also turns
Nagle off (components/streamlit_patches/server_socket.py) for a server on asyncio's loop. So both pairs of
rows ("as browsers ack" / "acking at once") should match; a gap in hello world's says the
servers run without uvloop.
"""

from __future__ import annotations

import asyncio
import random
import resource
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .browser import ERROR_TEXT, Server, step_list
from .common import Row, Target, edited, hello_app, median, ms, percentile
from .protocol import Run, Tab

SECTION = "6"
P95_TARGET = 0.3  # s, at the target level
KNEE = 1.0  # s: the p95 whose throughput the sweep reports
GROWTH_TARGET = 3.0  # MB per session


@dataclass
class Level:
    users: int
    pause: float
    duration: float
    change: list[float] = field(default_factory=list)  # widget change -> rerun finished (s)
    step: list[float] = field(default_factory=list)  # "next" click -> new page's run finished (s)
    opened: list[float] = field(default_factory=list)  # new tab -> first page
    errors: list[str] = field(default_factory=list)
    tabs: list[Tab] = field(default_factory=list)
    walks: int = 0
    wall: float = 0.0
    server_cpu: float = 0.0
    driver_cpu: float = 0.0
    rss_before: float = 0.0
    rss_after: float = 0.0

    @property
    def actions(self) -> int:
        return len(self.change) + len(self.step) + len(self.opened)

    @property
    def throughput(self) -> float:
        return self.actions / self.wall if self.wall else 0.0

    @property
    def all_times(self) -> list[float]:
        return self.change + self.step

    def check(self, run: Run, where: str) -> None:
        self.errors += [f"{where}: {e}" for e in run.errors]


async def walk(
    url: str, level: Level, steps: tuple[str, ...], rng: random.Random, deadline: float, ack_at_once: bool = False
) -> bool:
    """One walk, Start .. Documents, in a new tab; False when it stopped on an error."""
    where = "open"
    try:
        t0 = time.perf_counter()
        tab, run = await Tab.open(url, ERROR_TEXT, ack_at_once=ack_at_once)
        level.tabs.append(tab)
        level.opened.append(time.perf_counter() - t0)
        level.check(run, where)

        async def act(what: str, times: list[float], action, *args) -> bool:
            await asyncio.sleep(rng.uniform(0, 2 * level.pause))
            if time.perf_counter() > deadline:
                return False
            run = await action(*args)
            times.append(run.seconds)
            level.check(run, what)
            return True

        where = "example-single"
        example = tab.find("button", "example-single")
        if example is None:
            raise LookupError("no button keyed example-single on Start")
        if not await act(where, level.change, tab.click, example):
            return True
        for i, step in enumerate(steps):
            fields = tab.fields("text_input") + tab.fields("text_area")
            if fields:
                widget = rng.choice(fields)
                where = f"{step}: edit {widget.key}"
                if not await act(where, level.change, tab.change, widget, edited(tab.value(widget))):
                    return True
            if i == len(steps) - 1:
                break
            where = f"{step}: next"
            button = tab.find("button", f"next-{step}")
            if button is None:
                raise LookupError(f"no button keyed next-{step}")
            if not await act(where, level.step, tab.click, button):
                return True
            stayed = tab.find("button", f"next-{step}")
            # the edit left a problem (a count no longer a number): the page stayed to show
            # the error summary, and "Next" again moves on, as a user would press it
            if (
                tab.find("button", f"back-{steps[i + 1]}") is None
                and stayed is not None
                and not await act(f"{step}: next again", level.step, tab.click, stayed)
            ):
                return True
            if tab.find("button", f"back-{steps[i + 1]}") is None:  # every page but Start has one
                raise LookupError(f"the page after next-{step} is not {steps[i + 1]}")
        level.walks += 1
        return True
    except Exception as err:  # a timeout, a closed connection, a missing widget: an error of this user
        level.errors.append(f"{where}: {type(err).__name__}: {str(err)[:120]}")
        return False


async def user(
    url: str, level: Level, steps: tuple[str, ...], seed: int, deadline: float, walks: int | None, ack_at_once: bool
) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0, level.pause))  # users do not all arrive at once
    done = 0
    while (
        time.perf_counter() < deadline and done != walks and await walk(url, level, steps, rng, deadline, ack_at_once)
    ):
        done += 1


def cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


async def run_level(
    server: Server,
    users: int,
    pause: float,
    duration: float,
    seed: int,
    walks: int | None = None,
    ack_at_once: bool = False,
) -> Level:
    level = Level(users, pause, duration)
    steps = step_list()
    level.rss_before, cpu0, mine0 = server.rss_mb(), server.cpu_seconds(), cpu_self()
    t0 = time.perf_counter()
    await asyncio.gather(
        *(user(server.url, level, steps, seed * 1000 + u, t0 + duration, walks, ack_at_once) for u in range(users))
    )
    level.wall = time.perf_counter() - t0
    level.server_cpu, level.driver_cpu = server.cpu_seconds() - cpu0, cpu_self() - mine0
    level.rss_after = server.rss_mb()  # every tab of the level still open
    await asyncio.gather(*(tab.close() for tab in level.tabs), return_exceptions=True)
    return level


async def hello_changes(url: str, n: int, ack_at_once: bool) -> list[float]:
    tab, _ = await Tab.open(url, ERROR_TEXT, ack_at_once=ack_at_once)
    try:
        name = tab.find("text_input", "w:name")
        return [(await tab.change(name, str(i))).seconds for i in range(n)]
    finally:
        await tab.close()


async def hello_floor(n: int, options: dict[str, str] | None) -> tuple[list[float], list[float]]:
    """Field changes on a hello-world page served with the app's .streamlit/config.toml:
    as a browser acknowledges, and acking at once."""
    with tempfile.TemporaryDirectory(prefix="bench-hello-") as tmp:
        root = hello_app(Path(tmp))
        server = Server(root, options, root=root)
        server.start()
        try:
            server.wait_healthy()
            return await hello_changes(server.url, n, False), await hello_changes(server.url, n, True)
        finally:
            server.stop()


async def measure(
    users: int, pause: float, duration: float, sweep: list[float], sweep_duration: float, options: dict[str, str] | None
) -> tuple[Level, Level, Level, list[Level]]:
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        server = Server(Path(tmp), options)
        server.start()
        try:
            server.wait_healthy()
            # The first session runs app.py first, which turns Nagle off for the connections
            # accepted after it (components/streamlit_patches/server_socket.py): as the first visitor after a start.
            first, _ = await Tab.open(server.url, ERROR_TEXT)
            await first.close()
            alone = await run_level(server, 1, 0.3, 120, seed=1, walks=1)  # also the warm-up
            acking = await run_level(server, 1, 0.3, 120, seed=1, walks=1, ack_at_once=True)
            await asyncio.sleep(1)
            main = await run_level(server, users, pause, duration, seed=2)
            above = percentile(main.all_times, 95) >= KNEE
            levels = []
            for i, p in enumerate(sweep if not above else [pause * pause / s for s in sweep]):
                levels.append(await run_level(server, users, p, sweep_duration, seed=3 + i))
                if (percentile(levels[-1].all_times, 95) >= KNEE) != above:  # crossed the knee
                    break
        finally:
            server.stop()
    return alone, acking, main, levels


def sweep_paces(pause: float, quick: bool) -> list[float]:
    """Faster and faster paces (slower and slower, the same factors, when the target level
    is above the knee already)."""
    return [pause / 4] if quick else [pause / 2, pause / 4, pause / 8]


def knee(levels: list[Level]) -> str:
    """The throughput of the slowest level whose p95 reached KNEE, with the level below it."""
    below = None
    for lv in sorted(levels, key=lambda lv: lv.throughput):
        if percentile(lv.all_times, 95) >= KNEE:
            after = f" (p95 {ms(percentile(below.all_times, 95))} at {below.throughput:.1f}/s)" if below else ""
            return f"{lv.throughput:.1f} actions/s (p95 {ms(percentile(lv.all_times, 95))}){after}"
        below = lv
    best = max(levels, key=lambda lv: lv.throughput)
    return f"> {best.throughput:.1f} actions/s (p95 {ms(percentile(best.all_times, 95))}, not reached)"


def spread(xs: list[float]) -> str:
    return f"{ms(median(xs))} / {ms(percentile(xs, 95))} / {ms(max(xs) if xs else float('nan'))}"


def rows(
    quick: bool = False, users: int = 50, pause: float = 3.0, options: dict[str, str] | None = None
) -> tuple[list[Row], list[Target]]:
    if quick:
        users = min(users, 10)
    duration, sweep_duration = (15, 10) if quick else (60, 20)
    hello, hello_acking = asyncio.run(hello_floor(10 if quick else 30, options))
    alone, acking, main, levels = asyncio.run(
        measure(users, pause, duration, sweep_paces(pause, quick), sweep_duration, options)
    )
    p95 = percentile(main.all_times, 95)
    sessions = len(main.tabs)
    growth = (main.rss_after - main.rss_before) / sessions if sessions else float("nan")
    requests = main.actions
    name = f"{users} users, 1 action / {pause:g} s each"
    out = [
        Row(
            SECTION,
            "hello world (Streamlit as is): field change p50, as browsers ack / acking at once",
            str(len(hello) + len(hello_acking)),
            f"{ms(median(hello))} / {ms(median(hello_acking))}",
        ),
        Row(SECTION, "1 simulated user alone: step change p50 / p95 / max", str(len(alone.step)), spread(alone.step)),
        Row(
            SECTION,
            "1 simulated user alone: widget change p50 / p95 / max",
            str(len(alone.change)),
            spread(alone.change),
        ),
        Row(
            SECTION,
            "1 simulated user alone, acking at once: step / widget change p50",
            f"{len(acking.step)}+{len(acking.change)}",
            f"{ms(median(acking.step))} / {ms(median(acking.change))}"
            + (f"; errors: {acking.errors[0]}" if acking.errors else ""),
        ),
        Row(
            SECTION,
            f"{name}: errors",
            str(requests),
            str(len(main.errors)) + (f" (first: {main.errors[0]})" if main.errors else ""),
            "0",
            not main.errors,
            notes=[f"load error: {e}" for e in main.errors[:10]],
        ),
        Row(
            SECTION,
            f"{name}: widget change -> rerun finished, p50 / p95 / max",
            str(len(main.change)),
            spread(main.change),
        ),
        Row(SECTION, f"{name}: step change -> new page, p50 / p95 / max", str(len(main.step)), spread(main.step)),
        Row(
            SECTION, f"{name}: p95 of both", str(len(main.all_times)), ms(p95), f"< {ms(P95_TARGET)}", p95 < P95_TARGET
        ),
        Row(
            SECTION,
            f"{name}: answered / s, walks done, server CPU per request",
            str(requests),
            f"{main.throughput:.1f}/s, {main.walks}, {ms(main.server_cpu / requests) if requests else 'n/a'}",
        ),
    ]
    for lv in levels:
        out.append(
            Row(
                SECTION,
                f"sweep: {users} users, 1 action / {lv.pause:g} s: p50 / p95, answered / s, errors",
                str(len(lv.all_times)),
                f"{ms(median(lv.all_times))} / {ms(percentile(lv.all_times, 95))}, "
                f"{lv.throughput:.1f}/s, {len(lv.errors)}",
            )
        )
    out += [
        Row(SECTION, f"throughput at which p95 passes {ms(KNEE)}", "-", knee([main, *levels])),
        Row(
            SECTION,
            "server RSS: before / after the target level (its tabs open)",
            "1",
            f"{main.rss_before:.0f} / {main.rss_after:.0f} MB",
        ),
        Row(
            SECTION,
            "server RSS growth per session",
            str(sessions),
            f"{growth:.2f} MB",
            f"< {GROWTH_TARGET:g} MB",
            growth < GROWTH_TARGET,
        ),
        Row(
            SECTION,
            "CPU-s server / this driver (all levels but the sweep)",
            "1",
            f"{alone.server_cpu + main.server_cpu:.1f} / {alone.driver_cpu + main.driver_cpu:.1f}",
        ),
    ]
    targets = [
        Target(f"{name}: zero errors", not main.errors, f"{len(main.errors)} errors in {requests} requests"),
        Target(
            f"{name}: p95 < {ms(P95_TARGET)}",
            p95 < P95_TARGET,
            f"p95 {ms(p95)} (change {ms(percentile(main.change, 95))}, step {ms(percentile(main.step, 95))})",
        ),
        Target(
            f"memory growth < {GROWTH_TARGET:g} MB/session",
            growth < GROWTH_TARGET,
            f"{growth:.2f} MB/session over {sessions} sessions",
        ),
    ]
    return out, targets
