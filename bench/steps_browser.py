"""Row 10: what a user waits for at each step change, in Chromium, beside a hello world's
page switch measured in the same run; plain and with the CPU throttled 4x (an old laptop).

Two servers: the app, and a Streamlit hello-world *multipage* app (two pages under
`st.navigation`, each a title, a line and an `st.page_link` to the other) with the app's
`.streamlit/config.toml`. One headless Chromium (tests/e2e/helpers.py). A *walk* is one new
session of the app: Start, "Esempio: un Comune", then every "Avanti" up to Documents, with
an "Indietro" from Letter into Officer and "Avanti" again on the way; on Documents "Prepara
i PDF", then the sidebar's link to Officer. Before each of those clicks, the hello world
switches page once (Hello <-> World), in its own tab of the same mode, so that the machine's
noise falls on both alike. A round is a plain walk then a throttled one (the DevTools
protocol's `Emulation.setCPUThrottlingRate` on the app's and the hello world's tabs: the
pages' JavaScript, layout and painting run 4x slower; the servers are not throttled). The
first round is not counted (a new process imports each step's libraries at its first visit:
row 4); figures are medians over the other rounds.

*Settled*, measured inside the page (performance.now, so Playwright's round trips are not
counted): from the click event to the first animation frame where (1) the new page's h1 is
shown and not stale, (2) Streamlit's script state (stApp's data-test-script-state, what its
"Running..." status widget shows) is "notRunning", (3) no element is stale (greyed, waiting
to be redrawn or removed), and for "Prepara i PDF" (4) the "Ecco i PDF" caption and a page
of the first preview drawn (pdf.js's canvas). "h1 shown" alone (1) is printed too: the
moment the user sees the new page, before the run has ended. After each click the bench
also waits for the websocket to be quiet (helpers.SETTLED_JS) before the next one.

The floor (bench/steps_floor.py): after the walks, for each "Avanti", a synthetic app draws
the same elements with no code of ours and its page switch is timed in the throttled mode,
beside the same hello world: how much of a step change is Streamlit drawing those elements,
and how much is ours.

Targets (issue 32): the step change into Officer no more than 1.5x the median of the other
"Avanti" step changes of the same mode; every step change (Avanti, Indietro, sidebar link)
under 3x the hello world's switch, throttled.
"""

from __future__ import annotations

import asyncio
import itertools
import tempfile
from collections import defaultdict
from pathlib import Path

from .browser import ACTION_TIMEOUT_MS, IT, USABLE_JS, check, helpers, new_page, settle, start_title, step_list
from .common import Row, Target, hello_app, median, ms
from .steps_floor import AFTER, BEFORE, floor_app, kinds_per_step

THROTTLE = 4  # the CPU slowdown of an old laptop, DevTools' own "4x slowdown" preset
OFFICER_MAX, HELLO_MAX = 1.5, 3.0  # targets: x the other steps' median; x hello world (throttled)
MODES = ("plain", f"{THROTTLE}x CPU")

HELLO_PAGES = """import streamlit as st


def hello():
    st.title("Hello")
    st.write("The first page.")
    st.page_link(WORLD, label="World")


def world():
    st.title("World")
    st.write("The second page.")
    st.page_link(HELLO, label="Hello")


HELLO, WORLD = st.Page(hello, title="Hello", default=True), st.Page(world, title="World")
st.navigation([HELLO, WORLD]).run()
"""

# Armed before a click; every animation frame after the click checks the page (see the
# module's docstring). Shadow roots are searched for the PDF preview's canvas (the
# streamlit-pdf component may draw in one).
ARM_JS = """
(want) => {
  const b = window.__bench = {clickAt: null, doneAt: null, h1At: null};
  const deep = (root, sel) => {
    if (root.querySelector(sel)) return true;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot && deep(el.shadowRoot, sel)) return true;
    return false;
  };
  const frame = () => {
    if (b.clickAt !== null) {
      const now = performance.now();
      const app = document.querySelector('[data-testid="stApp"]');
      const m = document.querySelector('[data-testid="stMain"]');
      const h1 = !!m && [...m.querySelectorAll('h1')].some(e => e.textContent.trim() === want.h1
        && e.getClientRects().length > 0 && !e.closest('[data-stale="true"]'));
      if (h1 && b.h1At === null) b.h1At = now;
      const idle = !!app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-stale="true"]');
      const text = !want.text || m.textContent.includes(want.text);
      if (h1 && idle && text && (!want.canvas || deep(m, 'canvas'))) { b.doneAt = now; return; }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
"""


async def settled_click(page, locator, h1: str, text: str | None = None, canvas: bool = False) -> tuple[float, float]:
    """(click -> settled, click -> new h1 shown), in seconds; then waits for a quiet page."""
    await page.evaluate(ARM_JS, {"h1": h1, "text": text, "canvas": canvas})
    await locator.click(timeout=ACTION_TIMEOUT_MS)
    await page.wait_for_function("() => window.__bench.doneAt !== null", polling=50, timeout=ACTION_TIMEOUT_MS)
    done, shown = await page.evaluate(
        "() => [window.__bench.doneAt - window.__bench.clickAt, window.__bench.h1At - window.__bench.clickAt]"
    )
    await settle(page)
    return done / 1000, shown / 1000


class Tabs:
    """One mode's two tabs: the app's (a new one each walk) and the hello world's."""

    def __init__(self, browser, throttle: int):
        self.browser, self.throttle = browser, throttle
        self.hello = None
        self.hello_on = "Hello"

    async def open(self, url: str):
        context, page = await new_page(self.browser)
        if self.throttle > 1:
            cdp = await context.new_cdp_session(page)
            await cdp.send("Emulation.setCPUThrottlingRate", {"rate": self.throttle})
        await page.goto(url, timeout=ACTION_TIMEOUT_MS)
        await page.wait_for_function(USABLE_JS, arg=0, polling=50, timeout=ACTION_TIMEOUT_MS)
        await settle(page)
        return context, page

    async def switch_hello(self) -> float:
        other = "World" if self.hello_on == "Hello" else "Hello"
        link = helpers.main(self.hello).get_by_role("link", name=other, exact=True)
        took, _ = await settled_click(self.hello, link, other)
        self.hello_on = other
        return took


async def walk(tabs: Tabs, url: str, steps: tuple[str, ...], got: dict[str, list[float]]) -> None:
    """One new session walks the wizard (the module's docstring); `got[action]` gets the
    seconds to settled (and `got[action + " h1"]` to the new h1 shown)."""
    context, page = await tabs.open(url)
    main = helpers.main(page)

    async def timed(action: str, locator, h1: str, **want) -> None:
        got["hello"].append(await tabs.switch_hello())
        done, shown = await settled_click(page, locator, h1, **want)
        got[action].append(done)
        if _is_step_change(action):  # else the h1 was there before the click
            got[f"{action} h1"].append(shown)
        await check(page, action)

    def button(key: str, **fmt):
        return main.get_by_role("button", name=IT(key, **fmt), exact=True)

    try:
        banner = IT["example.banner"].replace("*", "").split(":")[0]
        await timed("example", button("example.single"), start_title(), text=banner)
        for step in steps[1:]:
            await timed(f"Avanti: {step}", button("nav.next", step=IT[f"steps.{step}"]), IT[f"steps.{step}"])
            if step == "letter":  # back into Officer, and on again
                await timed("Indietro: officer", button("nav.back", step=IT["steps.officer"]), IT["steps.officer"])
                await timed(f"Avanti: {step}", button("nav.next", step=IT[f"steps.{step}"]), IT[f"steps.{step}"])
        ready = IT["documents.pdf_ready"]
        await timed("Prepara i PDF", button("documents.pdf_make"), IT["steps.documents"], text=ready, canvas=True)
        await timed("sidebar link: officer", helpers.step_link(page, "officer"), IT["steps.officer"])
    finally:
        await context.close()


async def floor_switches(tabs: Tabs, folder: Path, rounds: int, got: dict[str, list[float]], action: str) -> None:
    """`rounds` + 1 switches from Before to After of a step's floor app (bench/steps_floor.py),
    the first not counted, each after a hello world's switch; `got[action]` gets the seconds."""
    with helpers.Server(root=folder) as floor:
        context, page = await tabs.open(floor.url)
        try:
            for n in range(rounds + 1):
                hello = await tabs.switch_hello()
                after = helpers.main(page).get_by_role("link", name=AFTER, exact=True)
                took, _ = await settled_click(page, after, AFTER)
                if n:
                    got["hello"].append(hello)
                    got[action].append(took)
                back = helpers.main(page).get_by_role("link", name=BEFORE, exact=True)
                await settled_click(page, back, BEFORE)
        finally:
            await context.close()


async def measure(rounds: int, url: str, hello_url: str, floors: dict[str, Path]) -> dict[str, dict[str, list[float]]]:
    """`rounds` + 1 rounds, the first not counted: {mode: {action: seconds}}; then each
    step's floor (`floors`: its app's folder) in the throttled mode, under "floor <step>"."""
    from playwright.async_api import async_playwright

    steps = step_list()
    figures: dict[str, dict[str, list[float]]] = {}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=helpers.CHROMIUM, args=helpers.LAUNCH_ARGS)
        try:
            modes = {mode: Tabs(browser, rate) for mode, rate in zip(MODES, (1, THROTTLE), strict=True)}
            for tabs in modes.values():
                _, tabs.hello = await tabs.open(hello_url)
            for n in range(rounds + 1):
                for mode, tabs in modes.items():
                    got: dict[str, list[float]] = defaultdict(list)
                    await walk(tabs, url, steps, got)
                    if n:  # the first round is not counted
                        for action, times in got.items():
                            figures.setdefault(mode, defaultdict(list))[action] += times
            for step, folder in floors.items():
                await floor_switches(modes[MODES[1]], folder, rounds, figures[MODES[1]], f"floor {step}")
        finally:
            await browser.close()
    return figures


def run(rounds: int) -> tuple[dict[str, dict[str, list[float]]], dict[str, int]]:
    """The figures, and how many elements each step's floor leaves out."""
    steps = step_list()
    with tempfile.TemporaryDirectory(prefix="bench-steps-") as tmp:
        home = hello_app(Path(tmp), HELLO_PAGES)
        with helpers.Server(root=home) as hello, helpers.Server() as app:
            kinds = kinds_per_step(app.url, steps)
            floors, left_out = {}, {}
            for before, step in itertools.pairwise(steps):
                floors[step], left_out[step] = floor_app(Path(tmp) / f"floor-{step}", kinds[before], kinds[step])
            return asyncio.run(measure(rounds, app.url, hello.url, floors)), left_out


def _is_step_change(action: str) -> bool:
    return action.startswith(("Avanti", "Indietro", "sidebar"))


def rows(rounds: int = 3) -> tuple[list[Row], list[Target]]:
    figures, left_out = run(rounds)
    plain, slow = (figures[m] for m in MODES)
    hello = {m: median(figures[m]["hello"]) for m in MODES}
    actions = [a for a in plain if not a.endswith(" h1") and a != "hello"]
    out = [
        Row(
            "10",
            f"hello world (multipage), page switch: click -> settled, plain / {MODES[1]}",
            f"{len(plain['hello'])}+{len(slow['hello'])}",
            f"{ms(hello[MODES[0]])} / {ms(hello[MODES[1]])}",
        )
    ]
    for action in actions:
        values = [median(figures[m][action]) for m in MODES]
        ratio = values[1] / hello[MODES[1]]
        step = _is_step_change(action)
        shown = [f" ({ms(median(figures[m][f'{action} h1']))})" if step else "" for m in MODES]
        out.append(
            Row(
                "10",
                f"{action}: click -> settled{' (h1 shown)' if step else ''}, plain / {MODES[1]}",
                f"{len(plain[action])}+{len(slow[action])}",
                f"{ms(values[0])}{shown[0]} = {values[0] / hello[MODES[0]]:.1f}x hello / "
                f"{ms(values[1])}{shown[1]} = {ratio:.1f}x hello",
                f"< {HELLO_MAX:g}x hello, {MODES[1]}" if step else "",
                ratio < HELLO_MAX if step else None,
            )
        )
    floors = {}  # the throttled floor of each "Avanti", over hello world
    for step, missing in left_out.items():
        found, app = slow[f"floor {step}"], median(slow[f"Avanti: {step}"])
        floors[step] = median(found) / hello[MODES[1]]
        out.append(
            Row(
                "10",
                f"floor of Avanti: {step}: Streamlit alone drawing the same elements (a page switch), {MODES[1]}",
                str(len(found)),
                f"{ms(median(found))} = {floors[step]:.1f}x hello; the app's {app / median(found):.1f}x this floor"
                + (f" ({missing} of kinds it does not draw left out)" if missing else ""),
            )
        )
    targets = []
    for mode in MODES:
        nexts = {a: median(t) for a, t in figures[mode].items() if a.startswith("Avanti") and not a.endswith(" h1")}
        officer = nexts.pop("Avanti: officer")
        others = median(list(nexts.values()))
        targets.append(
            Target(
                f"browser, {mode}: Avanti into Officer <= {OFFICER_MAX:g}x the other steps' median",
                officer <= OFFICER_MAX * others,
                f"{ms(officer)} = {officer / others:.1f}x ({ms(others)}, n={len(figures[mode]['Avanti: officer'])})",
            )
        )
    ratios = {a: median(slow[a]) / hello[MODES[1]] for a in actions if _is_step_change(a)}
    over = [f"{a} {r:.1f}x" for a, r in ratios.items() if r >= HELLO_MAX]
    worst = max(ratios, key=ratios.__getitem__)
    targets.append(
        Target(
            f"browser, {MODES[1]}: every step change < {HELLO_MAX:g}x hello world's page switch",
            not over,
            f"slowest {worst}: {ratios[worst]:.1f}x ({ms(median(slow[worst]))} vs {ms(hello[MODES[1]])}); "
            f"over: {', '.join(over) or 'none'}; Streamlit alone drawing the same elements is itself "
            f"{min(floors.values()):.1f}x-{max(floors.values()):.1f}x (the floor rows)",
        )
    )
    return out, targets


if __name__ == "__main__":  # python -m bench.steps_browser [rounds]: this row alone
    import sys

    from .common import table, targets_text

    found, goals = rows(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    print(table(found))
    print(targets_text(goals))
