"""Browser tests: the real app under `streamlit run`, driven by Chromium through Playwright.

One Streamlit server and one browser for the whole session; a fresh browser context (a new
Streamlit session, an empty dossier) for every test. A test fails if the page asked any host
other than localhost for anything: the app must download nothing at run time.

Without Playwright or Chromium every module here is reported as skipped, with the reason,
in one line (`pytest -ra` shows it); nothing is skipped silently.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from helpers import PHONE, PlaywrightError, Server, launch, new_context, unavailable

UNAVAILABLE = unavailable()
FAILURES = Path(tempfile.gettempdir()) / "e2e-failures"  # a screenshot of the page when a test fails
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


class _Unavailable(pytest.Module):
    """A test module that is not even imported: it reports one skip with the reason."""

    def collect(self):
        pytest.skip(UNAVAILABLE)


def pytest_pycollect_makemodule(module_path, parent):
    if UNAVAILABLE:
        return _Unavailable.from_parent(parent, path=module_path)
    return None


@pytest.fixture(scope="session")
def server():
    """`streamlit run app.py` on a free port for the whole session; stopped at the end."""
    with Server() as running:
        yield running


@pytest.fixture(scope="session")
def base_url(server):
    return server.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


class Traffic:
    """What the page did that a test may want to look at: console errors, failed and
    foreign requests."""

    def __init__(self):
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []

    def on_request(self, request) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        if urlsplit(url).hostname not in LOCAL_HOSTS:
            self.foreign.append(url)

    def on_failed(self, request) -> None:
        self.failed.append(f"{request.method} {request.url}: {request.failure}")

    def on_response(self, response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.request.method} {response.url}: HTTP {response.status}")

    def on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)


@pytest.fixture
def traffic():
    return Traffic()


@pytest.fixture
def phone(browser, traffic):
    """A page on a phone-sized touch screen (390 x 844)."""
    context = new_context(browser, viewport=PHONE, has_touch=True, is_mobile=True)
    context.on("request", traffic.on_request)
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture
def page(browser, base_url, traffic):
    context = new_context(browser)
    context.on("request", traffic.on_request)
    context.on("requestfailed", traffic.on_failed)
    context.on("response", traffic.on_response)
    p = context.new_page()
    p.on("console", traffic.on_console)
    yield p
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After the test body: fail it if the page reached out beyond localhost; attach what
    the browser logged (console errors, failed requests) to the report."""
    traffic = item.funcargs.get("traffic") if "page" in item.fixturenames else None
    try:
        return (yield)
    except BaseException:
        if traffic is not None:
            shot = FAILURES / (re.sub(r"[^\w.-]+", "_", item.name) + ".png")
            try:
                FAILURES.mkdir(parents=True, exist_ok=True)
                item.funcargs["page"].screenshot(path=str(shot))
                item.add_report_section("call", "screenshot", str(shot))
            except (PlaywrightError, OSError) as err:  # the page may be gone; the test's error matters more
                item.add_report_section("call", "screenshot", f"none: {err}")
        if "server" in item.funcargs:
            item.add_report_section("call", "streamlit log (tail)", item.funcargs["server"].output())
        raise
    finally:
        if traffic is not None:
            log = [f"console error: {m}" for m in traffic.console_errors] + [
                f"failed request: {r}" for r in traffic.failed
            ]
            if log:
                item.add_report_section("call", "browser", "\n".join(log))
            if traffic.foreign:
                pytest.fail(
                    "the app asked hosts other than localhost (it must download nothing at run time):\n"
                    + "\n".join(traffic.foreign),
                    pytrace=False,
                )
