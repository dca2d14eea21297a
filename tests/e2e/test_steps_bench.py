"""Row 10 of `python -m bench` (bench/steps_browser.py): a click is timed until the page has
*settled*, the new title shown and Streamlit's run over, not merely until the title shows."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bench.browser import new_page, settle
from bench.common import hello_app
from bench.steps_browser import HELLO_PAGES, settled_click
from helpers import CHROMIUM, LAUNCH_ARGS, Server, main

# The hello world's second page goes on working for 0.6 s after its title.
SLOW_WORLD = HELLO_PAGES.replace('st.title("World")', 'st.title("World")\n    __import__("time").sleep(0.6)')


def test_a_page_switch_is_settled_when_the_run_is_over(tmp_path):
    assert SLOW_WORLD != HELLO_PAGES

    async def switch(url: str) -> tuple[float, float]:
        from playwright.async_api import async_playwright

        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            try:
                _, page = await new_page(browser)
                await page.goto(url)
                await settle(page)
                return await settled_click(page, main(page).get_by_role("link", name="World"), "World")
            finally:
                await browser.close()

    with Server(root=hello_app(tmp_path / "hello", SLOW_WORLD)) as hello, ThreadPoolExecutor(1) as pool:
        done, shown = pool.submit(asyncio.run, switch(hello.url)).result()
    assert 0 < shown < done and done - shown >= 0.5
