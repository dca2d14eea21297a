"""Screenshots of every wizard step, for the docs: docs/screenshots/NN-<step>.png.

    .venv/bin/python scripts/screenshots.py [--lang it|en] [--height 900] [--out docs/screenshots]

Starts its own Streamlit server (a free port) and drives Chromium with the browser tests'
helpers (tests/e2e/helpers.py). It loads the example dossier, then visits every step
through the sidebar and takes a viewport screenshot of each (not full_page: in Streamlit
1.67 a full-page screenshot loses the sidebar). Start is taken before the example is
loaded, as a new user sees it. Where LibreOffice is installed, a last one shows the
annexes as PDF on the Documents step.

Then the same on a phone (390×844), docs/screenshots/phone-NN-<step>.png: each step as it
opens after "Avanti", the sidebar opened over the page, and a CV entry's controls.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]

import helpers as h  # noqa: E402 (tests/e2e is put on sys.path just above)

EXAMPLE_BUTTON = re.compile(r"^(Prova con un esempio|Esempio: un Comune|Example: a municipality)$")


def load_example(page) -> None:
    """Fill the wizard with the example: the one place to change when the app's loader
    changes. With an example button on Start, one click; without one, Eligibility is
    filled through the UI (the other steps then show what is still missing)."""
    h.go_step(page, "start")
    button = h.main(page).get_by_role("button", name=EXAMPLE_BUTTON)
    if button.count():
        button.first.click()
        h.settle(page)
        return
    h.go_step(page, "eligibility")
    h.fill_eligibility_single(page)


def shoot(page, path: Path) -> None:
    h.settle(page)
    page.evaluate("window.scrollTo(0, 0)")
    h.main(page).evaluate("el => el.scrollTo(0, 0)")
    page.mouse.move(h.VIEWPORT["width"] - 5, 5)  # no hover effects (the sidebar's collapse arrow)
    page.wait_for_timeout(300)  # fonts and icons settle after the last rerun
    page.screenshot(path=str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def shoot_pdf(page, path: Path) -> None:
    """Documents with the letter as PDF in the page: what the Mayor will sign."""
    strings = h.Strings("en") if h.sidebar(page).get_by_role("radio", name="English").is_checked() else h.IT
    h.press_button(page, strings["documents.pdf_make"])
    h.main(page).get_by_text(strings["documents.pdf_ready"]).wait_for(timeout=120_000)
    drawn = h.main(page).locator("canvas").first
    drawn.wait_for(timeout=60_000)
    h.settle(page)
    h.main(page).get_by_role("tablist").evaluate("el => el.scrollIntoView({block: 'start'})")
    page.mouse.move(h.VIEWPORT["width"] - 5, 5)
    page.wait_for_timeout(800)  # pdf.js finishes drawing
    page.screenshot(path=str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


PHONE = {"width": 390, "height": 844}


def phone_shots(browser, url: str, out: Path, suffix: str, lang: str) -> int:
    """The wizard on a phone: the step bar on top, the sidebar closed until asked for."""
    context = h.new_context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    h.open_app(page, url)
    if lang == "en":  # through the sidebar, which a phone opens on request
        page.get_by_test_id("stExpandSidebarButton").tap()
        h.choose(page, h.IT["sidebar.language"], "English", scope=h.sidebar(page))
        page.get_by_test_id("stSidebarCollapseButton").get_by_role("button").tap()
    strings = h.Strings(lang)
    taken = []

    def snap(name: str) -> None:
        h.settle(page)
        page.wait_for_timeout(300)
        path = out / f"phone-{name}{suffix}.png"
        page.screenshot(path=str(path))
        taken.append(path)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

    snap("01-start")
    h.press_button(page, strings["example.single"])
    order = h.steps()
    for i, step in enumerate(order[1:], 2):
        h.next_step(page)
        snap(f"{i:02d}-{step}")
        if step == "officer":
            box = h.entry_box(page, f"{strings['officer.experience_entry']} 1")
            box.evaluate("el => el.scrollIntoView({block: 'center'})")
            snap(f"{i:02d}-{step}-cv")
    page.get_by_test_id("stExpandSidebarButton").tap()
    snap(f"{len(order) + 1:02d}-sidebar")
    context.close()
    return len(taken)


def run(out: Path, lang: str, height: int) -> None:
    from playwright.sync_api import sync_playwright

    reason = h.unavailable()
    if reason:
        sys.exit(reason)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if lang == "it" else f"-{lang}"
    started = time.monotonic()
    with h.Server() as server, sync_playwright() as p:
        browser = h.launch(p)
        context = h.new_context(browser, viewport={"width": h.VIEWPORT["width"], "height": height})
        page = context.new_page()
        h.open_app(page, server.url)
        if lang == "en":
            h.choose(page, h.IT["sidebar.language"], "English", scope=h.sidebar(page))
        shoot(page, out / f"01-start{suffix}.png")
        load_example(page)
        order = h.steps()
        for i, step in enumerate(order[1:], 2):
            h.go_step(page, step)
            shoot(page, out / f"{i:02d}-{step}{suffix}.png")
        shots = len(order)
        if shutil.which("soffice"):
            shoot_pdf(page, out / f"{shots + 1:02d}-documents-pdf{suffix}.png")
            shots += 1
        shots += phone_shots(browser, server.url, out, suffix, lang)
        browser.close()
    print(f"{shots} screenshots in {time.monotonic() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=("it", "en"), default="it")
    parser.add_argument("--height", type=int, default=h.VIEWPORT["height"], help="viewport height in pixels")
    args = parser.parse_args()
    run(args.out.resolve(), args.lang, args.height)


if __name__ == "__main__":
    main()
