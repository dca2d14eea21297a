"""Rows 4 and 5: the real app under `streamlit run`, in headless Chromium (Playwright, async).

4. Cold start: process start -> first page usable (title shown, sidebar links there).
5. Load: one server, 20 browser contexts (20 Streamlit sessions) walking the wizard at
   once: Start, "Esempio: un Comune", every step through the sidebar, Documents with its
   downloads. Each click is timed inside the page (performance.now at the click event ->
   the moment a MutationObserver sees the expected new h1, and on Documents the ZIP
   button), so Playwright's own round trips are not counted.

The browser and the server share the machine's cores: under load the figures include
Chromium rendering 20 pages on the same CPUs as the server.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .common import E2E, ROOT, Row, Target, cpu_seconds, hello_app, median, ms, percentile

if str(E2E) not in sys.path:
    sys.path.insert(0, str(E2E))
import helpers  # tests/e2e/helpers.py: Chromium path, launch args, websocket watch, locale strings

IT = helpers.IT
ERROR_TEXT = IT["errors.unexpected"].split(":")[0].split(".")[0]  # "Si è verificato un problema..."
ACTION_TIMEOUT_MS = 90_000
COLD_START_MAX = 1.5  # s, the target


def step_list() -> tuple[str, ...]:
    from dossier.calls import load_call
    from dossier.eligibility import active_steps

    return active_steps(load_call(helpers.CALL_ID))


def start_title() -> str:
    from dossier.calls import load_call

    return IT("start.title", call=load_call(helpers.CALL_ID).short_name)


# --- the server -------------------------------------------------------------------------


class Server:
    """`python -m streamlit run app.py` as a production run would start it; log in a temp dir."""

    def __init__(self, tmp: Path, options: dict[str, str] | None = None, root: Path = ROOT):
        self.options = options or {}  # extra `--section.option value` pairs, e.g. runner.postScriptGC
        self.root = root  # the folder of app.py (and of its .streamlit/config.toml)
        self.port = helpers.free_port()
        self.url = f"http://localhost:{self.port}"
        self.log_path = tmp / f"streamlit-{self.port}.log"
        self.proc: subprocess.Popen | None = None
        self.started = 0.0

    def start(self) -> None:
        cmd = helpers.streamlit_command(sys.executable, self.port)
        for key, value in self.options.items():
            cmd += [f"--{key}", value]
        with open(self.log_path, "wb") as log:  # the child keeps its own descriptor
            self.started = time.perf_counter()
            self.proc = subprocess.Popen(cmd, cwd=self.root, stdout=log, stderr=subprocess.STDOUT)

    def wait_healthy(self, timeout: float = 60) -> float:
        """Seconds from process start until /_stcore/health answers (polled every 25 ms)."""
        helpers.wait_healthy(self.proc, self.url, timeout, poll=0.025, log=self.tail)
        return time.perf_counter() - self.started

    def tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-1500:] if self.log_path.exists() else ""

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.proc.pid)

    def stop(self) -> None:
        helpers.stop_process(self.proc)


def _stat(pid: str) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def tree_cpu_seconds(root: int, exclude: int | None = None) -> float:
    """CPU-seconds of `root`'s descendants (not root itself), minus the subtree of `exclude`:
    what this bench's Chromium and Playwright driver used. Children already reaped count
    through their parent's cutime/cstime."""
    stats = {pid: st for pid in os.listdir("/proc") if pid.isdigit() and (st := _stat(pid))}
    children: dict[int, list[int]] = {}
    for pid, st in stats.items():
        children.setdefault(int(st[1]), []).append(int(pid))
    total, todo = 0, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        if pid == exclude:
            continue
        st = stats[str(pid)]
        total += sum(int(x) for x in st[11:15])  # utime stime cutime cstime
        todo += children.get(pid, [])
    return total / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU-seconds the whole machine spent not idle, from /proc/stat (all cores)."""
    values = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


# --- in-page timing -------------------------------------------------------------------------

CLICK_JS = """
document.addEventListener('click', () => {
  const b = window.__bench;
  if (b && b.clickAt === null) b.clickAt = performance.now();
}, true);
"""

# A log of the websocket (time, direction, bytes), to tell afterwards what happened to a click.
WS_LOG_JS = """
(() => {
  const log = window.__wslog = [];
  const Base = window.WebSocket;
  class Logged extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const size = e.data && (e.data.byteLength !== undefined ? e.data.byteLength : e.data.size || e.data.length);
        if (log.length < 2000) log.push([Math.round(performance.now()), 'in', size || 0]);
      });
    }
    send(data) {
      const size = data && (data.byteLength !== undefined ? data.byteLength : data.size || data.length);
      if (log.length < 2000) log.push([Math.round(performance.now()), 'out', size || 0]);
      return super.send(data);
    }
  }
  window.WebSocket = Logged;
})();
"""

# Armed before a click: records when the expected page is there (h1 with this text visible,
# and `text` somewhere in the main area if given), only after the click.
ARM_JS = """
(want) => {
  const b = window.__bench = {clickAt: null, doneAt: null};
  const main = () => document.querySelector('[data-testid="stMain"]');
  const ok = () => {
    const m = main();
    if (!m) return false;
    const h1 = [...m.querySelectorAll('h1')].some(e => e.textContent.trim() === want.h1 && e.getClientRects().length > 0);
    return h1 && (!want.text || m.textContent.includes(want.text));
  };
  const obs = new MutationObserver(() => {
    if (b.clickAt === null || b.doneAt !== null) return;
    if (ok()) { b.doneAt = performance.now(); obs.disconnect(); }
  });
  obs.observe(document.body, {childList: true, subtree: true, characterData: true});
}
"""

USABLE_JS = """
(n) => {
  const m = document.querySelector('[data-testid="stMain"]');
  const h1 = m && [...m.querySelectorAll('h1')].some(e => e.textContent.trim() && e.getClientRects().length > 0);
  return !!h1 && document.querySelectorAll('[data-testid="stSidebar"] a').length >= n;
}
"""

PROBLEM_JS = """
(text) => {
  const shown = document.querySelector('[data-testid="stException"]');
  if (shown) return 'stException: ' + shown.innerText.slice(0, 200);
  return document.body.innerText.includes(text) ? 'error message: ' + text : null;
}
"""


# What the page looked like when a session failed: enough to tell a lost click from a slow server.
STATE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const m = document.querySelector('[data-testid="stMain"]');
  const h1 = m && m.querySelector('h1');
  return JSON.stringify({script: app && app.getAttribute('data-test-script-state'),
    connection: app && app.getAttribute('data-test-connection-state'), h1: h1 && h1.textContent,
    clickAt: window.__bench ? Math.round(window.__bench.clickAt) : null, ws: window.__e2e,
    sent: (window.__wslog || []).filter(x => x[1] === 'out'),
    inAfterClick: (window.__wslog || []).filter(x => x[1] === 'in' && window.__bench && x[0] > window.__bench.clickAt).length,
    stale: document.querySelectorAll('[data-stale="true"]').length,
    dialog: !!document.querySelector('[role="dialog"]')});
}
"""


class SessionError(Exception):
    pass


async def settle(page) -> None:
    await page.wait_for_timeout(50)
    await page.wait_for_function(helpers.SETTLED_JS, arg=helpers.QUIET_MS, polling=50, timeout=ACTION_TIMEOUT_MS)


async def check(page, where: str) -> None:
    problem = await page.evaluate(PROBLEM_JS, ERROR_TEXT)
    if problem:
        raise SessionError(f"{where}: {problem}")


async def timed_click(page, locator, h1: str, text: str | None = None) -> float:
    await page.evaluate(ARM_JS, {"h1": h1, "text": text})
    await locator.click(timeout=ACTION_TIMEOUT_MS)
    await page.wait_for_function("() => window.__bench.doneAt !== null", polling=20, timeout=ACTION_TIMEOUT_MS)
    return await page.evaluate("() => (window.__bench.doneAt - window.__bench.clickAt) / 1000")


async def new_page(browser):
    context = await browser.new_context(viewport=helpers.VIEWPORT, locale="it-IT")
    await context.add_init_script(helpers.WATCH_JS)
    await context.add_init_script(CLICK_JS)
    await context.add_init_script(WS_LOG_JS)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    return context, await context.new_page()


@dataclass
class Walk:
    clicks: list[tuple[str, float]] = field(default_factory=list)  # (step, seconds)
    example: float | None = None
    total: float | None = None
    error: str | None = None
    sent: int = 0  # messages the browser sent on the websocket (each asks for a rerun)
    detail: str = ""  # the page's state when the session failed


async def walk(page, url: str, steps: tuple[str, ...]) -> Walk:
    """One user: Start, the example, every step by the sidebar, the downloads on Documents."""
    w = Walk()
    t0 = time.perf_counter()
    where = "open Start"
    try:
        await page.goto(url, timeout=ACTION_TIMEOUT_MS)
        await page.wait_for_function(USABLE_JS, arg=len(steps), polling=50, timeout=ACTION_TIMEOUT_MS)
        await settle(page)
        await check(page, where)
        where = "load the example"
        button = page.get_by_test_id("stMain").get_by_role("button", name=IT["example.single"], exact=True)
        banner = IT["example.banner"].replace("*", "").split(":")[0]
        w.example = await timed_click(page, button, start_title(), banner)
        await settle(page)
        await check(page, where)
        for i, step in enumerate(steps[1:], start=2):
            where = f"go to {i}. {step}"
            link = page.locator('[data-testid="stSidebar"] a', has_text=f"{i}. {IT[f'steps.{step}']}")
            extra = IT["documents.zip"] if step == "documents" else None
            w.clicks.append((step, await timed_click(page, link, IT[f"steps.{step}"], extra)))
            await settle(page)
            await check(page, where)
    except Exception as err:  # any exception or timeout is an error of this session
        w.error = f"{where}: {type(err).__name__}: {str(err).splitlines()[0][:100] if str(err) else ''}"
        try:
            w.detail = await page.evaluate(STATE_JS)
        except Exception:
            pass
    w.total = time.perf_counter() - t0
    try:
        w.sent = await page.evaluate("() => window.__e2e ? window.__e2e.sent : 0")
    except Exception:
        pass
    return w


# --- row 4: cold start -------------------------------------------------------------------


HELLO_TITLE = 'import streamlit as st\nst.title("Hello")\n'  # the cold start's floor: a heading only


# In the page, once usable: when its first and its last websocket message came, and now
# (ms since the page was asked for). First -> last is the server's first run of the script.
TIMELINE_JS = """
() => {
  const got = (window.__wslog || []).filter(([, way]) => way === 'in').map(([t]) => t);
  return got.length ? [got[0], got[got.length - 1], performance.now()] : null;
}
"""


async def cold_start(runs: int, tmp: Path, root: Path = ROOT, links: int | None = None):
    """(seconds to a usable page, seconds to /_stcore/health, errors, the browser's timeline)
    of `runs` fresh servers of the app in `root`; usable: its h1 shown and `links` links in
    the sidebar (the wizard's steps by default). The timeline of each run: seconds from the
    page asked for to its first websocket message, to the last message before it was usable,
    to usable."""
    from playwright.async_api import async_playwright

    links = len(step_list()) if links is None else links
    usable, healthy, errors, timeline = [], [], [], []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=helpers.CHROMIUM, args=helpers.LAUNCH_ARGS)
        try:
            for _ in range(runs):
                context, page = await new_page(browser)  # ready before the clock starts
                server = Server(tmp, root=root)
                try:
                    server.start()
                    healthy.append(server.wait_healthy())
                    await page.goto(server.url, timeout=ACTION_TIMEOUT_MS)
                    await page.wait_for_function(USABLE_JS, arg=links, polling=25, timeout=ACTION_TIMEOUT_MS)
                    usable.append(time.perf_counter() - server.started)
                    marks = await page.evaluate(TIMELINE_JS)
                    if marks:
                        timeline.append(tuple(m / 1000 for m in marks))
                    await settle(page)
                    await check(page, "cold start")
                except Exception as err:
                    errors.append(f"{type(err).__name__}: {str(err)[:200]}")
                finally:
                    await context.close()
                    server.stop()
        finally:
            await browser.close()
    return usable, healthy, errors, timeline


def timeline_figure(timeline: list[tuple[float, float, float]]) -> str:
    """Medians: page asked -> first message / -> last message of the first run / -> usable."""
    if not timeline:
        return "-"
    first, last, done = (median([t[i] for t in timeline]) for i in range(3))
    return f"{ms(first)} / {ms(last)} / {ms(done)} (first run {ms(last - first)}, then {ms(done - last)})"


# --- row 5: load ----------------------------------------------------------------------------


@dataclass
class LoadResult:
    sessions: int
    walks: list[Walk]
    rss_ready: float
    rss_before: float
    rss_after: float
    wall: float
    server_cpu: float
    browser_cpu: float
    machine_cpu: float
    warmup: Walk


async def load(sessions: int, tmp: Path, options: dict[str, str] | None = None) -> LoadResult:
    from playwright.async_api import async_playwright

    steps = step_list()
    server = Server(tmp, options)
    server.start()
    try:
        server.wait_healthy()
        rss_ready = server.rss_mb()
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=helpers.CHROMIUM, args=helpers.LAUNCH_ARGS)
            try:
                # One walk first, not counted: it loads what every session shares (modules,
                # call pack, language profiles, templates) so that "growth" is per session.
                context, page = await new_page(browser)
                warm = await walk(page, server.url, steps)
                await context.close()
                await asyncio.sleep(1)
                rss_before = server.rss_mb()
                opened = [await new_page(browser) for _ in range(sessions)]
                me, srv = os.getpid(), server.proc.pid
                cpu0, busy0, t0 = server.cpu_seconds(), machine_busy_seconds(), time.perf_counter()
                browser0 = tree_cpu_seconds(me, exclude=srv)
                walks = await asyncio.gather(*(walk(page, server.url, steps) for _, page in opened))
                wall = time.perf_counter() - t0
                server_cpu, machine_cpu = server.cpu_seconds() - cpu0, machine_busy_seconds() - busy0
                browser_cpu = tree_cpu_seconds(me, exclude=srv) - browser0
                rss_after = server.rss_mb()  # all sessions still connected
                for context, _ in opened:
                    await context.close()
            finally:
                await browser.close()
    finally:
        server.stop()
    return LoadResult(
        sessions, list(walks), rss_ready, rss_before, rss_after, wall, server_cpu, browser_cpu, machine_cpu, warm
    )


# --- rows ------------------------------------------------------------------------------------


def rows(
    cold_runs: int = 3, sessions: int = 20, options: dict[str, str] | None = None
) -> tuple[list[Row], list[Target]]:
    out: list[Row] = []
    targets: list[Target] = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        if cold_runs:
            hello = hello_app(Path(tmp) / "hello", HELLO_TITLE)
            floor, floor_healthy, _, floor_timeline = asyncio.run(cold_start(cold_runs, Path(tmp), hello, links=0))
            usable, healthy, errors, timeline = asyncio.run(cold_start(cold_runs, Path(tmp)))
            note = f"; {len(errors)} failed: {errors[0]}" if errors else ""
            out.append(
                Row(
                    "4",
                    "cold start, hello world (the floor): process -> health / -> page usable in Chromium",
                    str(len(floor)),
                    f"{ms(median(floor_healthy))} / {ms(median(floor))}",
                )
            )
            out.append(
                Row("4", "cold start: process -> /_stcore/health answers", str(len(healthy)), ms(median(healthy)))
            )
            first = median(usable)
            out.append(
                Row(
                    "4",
                    "cold start: process -> first page usable in Chromium",
                    str(len(usable)),
                    f"{ms(first)} (hello world + {ms(first - median(floor))})" + note,
                    f"< {ms(COLD_START_MAX)}",
                    first < COLD_START_MAX and not errors,
                )
            )
            for who, marks in (("hello world", floor_timeline), ("the app", timeline)):
                out.append(
                    Row(
                        "4",
                        f"cold start, {who} in Chromium: page asked -> 1st message / -> last of the 1st run / -> usable",
                        str(len(marks)),
                        timeline_figure(marks),
                    )
                )
            targets.append(
                Target(
                    f"cold start to a usable page < {ms(COLD_START_MAX)}",
                    first < COLD_START_MAX and not errors,
                    ms(first) + note,
                )
            )
        res = asyncio.run(load(sessions, Path(tmp), options))
    return out + load_rows(res), targets + load_targets(res)


def load_rows(res: LoadResult) -> list[Row]:
    n, sec = res.sessions, "5"
    failed = [w for w in res.walks if w.error]
    clicks = [dt for w in res.walks for _, dt in w.clicks]
    examples = [w.example for w in res.walks if w.example is not None]
    docs = [dt for w in res.walks for step, dt in w.clicks if step == "documents"]
    alone = [dt for _, dt in res.warmup.clicks]
    messages = sum(w.sent for w in res.walks)
    growth = (res.rss_after - res.rss_before) / n
    out = [
        Row(
            sec,
            "1 session alone (the warm-up walk): click -> new page, p50 / max",
            str(len(alone)),
            f"{ms(median(alone))} / {ms(max(alone) if alone else float('nan'))}"
            + (f"; failed: {res.warmup.error}" if res.warmup.error else ""),
        ),
        Row(
            sec,
            f"load: {n} sessions at once, errors",
            str(n),
            f"{len(failed)}" + (f" (first: {failed[0].error})" if failed else ""),
            "0",
            not failed,
            notes=[f"session error: {w.error}; page state: {w.detail}" for w in failed],
        ),
        Row(sec, "load: click -> new page (sidebar step links), p50", str(len(clicks)), ms(median(clicks))),
        Row(
            sec,
            "load: click -> new page (sidebar step links), p95",
            str(len(clicks)),
            ms(percentile(clicks, 95)),
            "< 1 s",
            percentile(clicks, 95) < 1,
        ),
        Row(sec, "load: click -> new page, max", str(len(clicks)), ms(max(clicks) if clicks else float("nan"))),
        Row(sec, "load: of which Documents (ZIP button shown), p50", str(len(docs)), ms(median(docs))),
        Row(sec, "load: 'Esempio: un Comune' -> banner shown, p50", str(len(examples)), ms(median(examples))),
        Row(sec, "load: one whole walk (open .. Documents), p50", str(n), ms(median([w.total for w in res.walks]))),
        Row(sec, "load: wall time, all sessions", "1", ms(res.wall)),
        Row(
            sec,
            f"load: CPU-s server / bench's Chromium / all ({os.cpu_count()} cores x wall)",
            "1",
            f"{res.server_cpu:.1f} / {res.browser_cpu:.1f} / {res.machine_cpu:.1f} of "
            f"{(os.cpu_count() or 1) * res.wall:.0f}",
        ),
        Row(
            sec,
            "load: server CPU per rerun request (websocket message)",
            str(messages),
            ms(res.server_cpu / messages) if messages else "n/a",
        ),
        Row(
            sec,
            "server RSS: ready / after 1 warm-up walk / after all",
            "1",
            f"{res.rss_ready:.0f} / {res.rss_before:.0f} / {res.rss_after:.0f} MB",
        ),
        Row(sec, "server RSS growth per session", str(n), f"{growth:.2f} MB", "< 5 MB", growth < 5),
    ]
    return out


def load_targets(res: LoadResult) -> list[Target]:
    n = res.sessions
    failed = [w for w in res.walks if w.error]
    clicks = [dt for w in res.walks for _, dt in w.clicks]
    p50, p95 = median(clicks), percentile(clicks, 95)
    growth = (res.rss_after - res.rss_before) / n
    return [
        Target(
            f"load: zero errors in {n} sessions",
            not failed,
            f"{len(failed)} errors" + (f" (first: {failed[0].error})" if failed else ""),
        ),
        Target("load: p95 click -> new page < 1 s", p95 < 1, f"p95 {ms(p95)}, p50 {ms(p50)}, n={len(clicks)}"),
        Target(
            "load: memory growth < 5 MB/session",
            growth < 5,
            f"{growth:.2f} MB/session ({res.rss_before:.0f} -> {res.rss_after:.0f} MB)",
        ),
    ]
