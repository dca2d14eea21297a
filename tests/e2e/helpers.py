"""Drive the wizard in a real browser (Playwright, sync API) the way a clerk would.

Used by the browser tests (tests/e2e) and by scripts/screenshots.py. Everything here finds
widgets by what the user sees (labels, button texts), never by Streamlit's generated CSS.

Selectors that work in Streamlit 1.67 (react-aria widgets):
- text input / text area: role "textbox" with the label as accessible name;
- counts (residents): a text input, role "textbox" (st.number_input read "29.000" as 29);
- municipality pickers: a text input; Enter picks the one municipality the text names, or
  offers the matches as buttons named by the municipality ("Agliè (TO)");
- selectbox / multiselect: role "combobox" with the label as name; options are role "option"
  in a popover outside the widget;
- radio (and st.segmented_control): role "radiogroup" named by the label, role "radio" inside;
  the <input> is visually hidden, so click the option's text, not the input;
- checkbox: role "checkbox" named by the label; the input is hidden too, click its text;
- date input: role "group" named by the label with three "spinbutton" segments (day, month,
  year); the value is committed only when focus leaves the whole widget (Enter does nothing,
  and the first Tab only reaches the calendar button);
- sidebar links (st.page_link): role "link" named by their text (icons are aria-hidden, but
  inner_text() of the link includes the icon's ligature name, e.g. "check_circle": read the
  <p> inside instead).

Waiting for Streamlit: every interaction that changes a widget sends a message on the
websocket and the server answers with the rerun. An init script counts the messages both
ways; `settle` waits until the app says it is not running (stApp's data-test-script-state),
every message sent has had an answer and nothing has moved on the websocket for a short
quiet time. Two races this avoids, both seen on a loaded 2-core machine:
- the click's message can leave the page later than any fixed pause: helpers take
  `mark(page)` before acting and `settle(page, since)` waits for a message after it;
- after a page switch (a sidebar link, a "Next"), the URL follows the run's navigation
  message, not the click: `go_step`/`next_step` also wait for the new step's URL, then settle.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from pathlib import Path
from typing import Self
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the domain package (dossier) is imported for step names
    sys.path.insert(0, str(ROOT))
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1280, "height": 900}
QUIET_MS = 300  # nothing on the websocket for this long: the rerun is over
TIMEOUT_MS = 30_000
SEND_MS = 3_000  # an action's message reaches the websocket within this, or never comes

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # the tests are skipped then (see unavailable); scripts say why and stop
    PlaywrightError = PlaywrightTimeout = TimeoutError


def unavailable() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "browser tests skipped: the playwright package is not installed (pip install -r requirements-dev.txt)"
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium, or set E2E_CHROMIUM)"
    return None


class Strings(dict):
    """The UI texts of one language (locales/<lang>.toml), flattened: S["steps.start"].
    Tests find widgets by the texts a user sees; reading them from the locale file keeps
    the tests true when the wording is improved."""

    def __init__(self, lang: str = "it"):
        with open(ROOT / "locales" / f"{lang}.toml", "rb") as fh:
            data = tomllib.load(fh)

        def flat(prefix: str, node: dict) -> dict:
            out = {}
            for key, value in node.items():
                out.update(flat(f"{prefix}{key}.", value) if isinstance(value, dict) else {f"{prefix}{key}": value})
            return out

        super().__init__(flat("", data))

    def __call__(self, key: str, **params) -> str:
        return self[key].format(**params) if params else self[key]


IT = Strings("it")


# --- the Streamlit server -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(proc: subprocess.Popen, url: str, timeout: float, poll: float, log=lambda: "") -> None:
    """Until the server at `url` answers /_stcore/health; RuntimeError with the tail of its
    log if it exits or does not answer within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:  # not listening yet (URLError, connection refused or reset, time out)
            pass
        time.sleep(poll)
    raise RuntimeError(f"streamlit not healthy after {timeout:.0f} s:\n{log()}")


def stop_process(proc: subprocess.Popen | None) -> None:
    """Terminate a server we started, politely first."""
    if proc and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def streamlit_command(python: str, port: int) -> list[str]:
    """`streamlit run app.py` as a deployment runs it, headless, on `port`."""
    return [python, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
            "--server.port", str(port), "--browser.gatherUsageStats", "false"]  # fmt: skip


class Server:
    """`streamlit run app.py` on a free port, from the repository root, headless."""

    def __init__(
        self,
        root: Path = ROOT,
        python: str = sys.executable,
        port: int | None = None,
        env: dict[str, str] | None = None,
    ):
        self.root = root
        self.env = {**os.environ, **(env or {})}
        self.python = python
        self.port = port or free_port()
        self.url = f"http://localhost:{self.port}"
        self.proc: subprocess.Popen | None = None
        # open for as long as the server runs, closed in stop()
        self.log = tempfile.NamedTemporaryFile(prefix="streamlit-e2e-", suffix=".log", delete=False)  # noqa: SIM115

    def start(self, timeout: float = 60) -> str:
        cmd = streamlit_command(self.python, self.port)
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        try:
            wait_healthy(self.proc, self.url, timeout, poll=0.3, log=self.output)
        except RuntimeError:
            self.stop()
            raise
        return self.url

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        stop_process(self.proc)
        self.log.close()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
        Path(self.log.name).unlink(missing_ok=True)


# --- the browser ----------------------------------------------------------------------


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)


# Counts websocket traffic so that `settle` knows when a rerun has been answered and is over.
WATCH_JS = """
(() => {
  if (window.__e2e) return;
  const w = window.__e2e = {sent: 0, recv: 0, lastSend: 0, lastRecv: 0};
  const Native = window.WebSocket;
  class Watched extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { w.recv++; w.lastRecv = performance.now(); });
    }
    send(data) { w.sent++; w.lastSend = performance.now(); return super.send(data); }
  }
  window.WebSocket = Watched;
})();
"""

SETTLED_JS = """
(quiet) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const w = window.__e2e;
  if (!app || !w) return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (w.recv === 0 || w.lastSend > w.lastRecv) return false;  // a request not answered yet
  const now = performance.now();
  if (now - w.lastRecv < quiet || now - w.lastSend < quiet) return false;
  return !document.querySelector('[data-stale="true"]');
}
"""


PHONE = {"width": 390, "height": 844}  # a common phone, in CSS pixels


def new_context(browser, viewport: dict | None = None, **kwargs):
    """A fresh context (own cookies and localStorage: a new user) that watches the websocket."""
    context = browser.new_context(viewport=viewport or VIEWPORT, locale="it-IT", accept_downloads=True, **kwargs)
    context.add_init_script(WATCH_JS)
    context.set_default_timeout(TIMEOUT_MS)
    return context


class AppError(AssertionError):
    """Streamlit shows its own exception box: the script failed outside our error handling."""


def mark(page) -> int:
    """How many messages the page has sent so far: take it before an action, give it to
    `settle`, which then waits for the action's own rerun instead of an earlier quiet."""
    return page.evaluate("window.__e2e ? window.__e2e.sent : 0")


def settle(page, since: int | None = None, timeout: int = TIMEOUT_MS) -> None:
    """Wait until Streamlit has finished the current rerun and the page is still.

    With `since` (from `mark`), first wait for the page to send something after it (the
    widget's change reaching the server); under load that can take longer than the quiet
    time. An action that sends nothing (a value typed again unchanged) costs SEND_MS."""
    if since is None:
        page.wait_for_timeout(50)
    else:
        try:
            page.wait_for_function("n => window.__e2e && window.__e2e.sent > n", arg=since, polling=20, timeout=SEND_MS)
        except PlaywrightTimeout:
            pass
    page.wait_for_function(SETTLED_JS, arg=QUIET_MS, polling=50, timeout=timeout)
    shown = page.get_by_test_id("stException")
    if shown.count():
        raise AppError(f"the app shows an exception on {page.url}: {shown.first.inner_text()[:300]!r}")


def open_app(page, base_url: str, step: str = "") -> None:
    """Load the app at a step's URL: a new Streamlit session, so a fresh, empty dossier."""
    page.goto(f"{base_url}/{'' if step == 'start' else step}")
    page.get_by_test_id("stApp").wait_for()
    settle(page)
    try:
        main(page).get_by_role("heading", level=1).first.wait_for(timeout=5_000)
    except PlaywrightTimeout:
        raise AssertionError(f"{page.url} shows no title; the page says: {main(page).inner_text()[:400]!r}") from None


def main(page):
    return page.get_by_test_id("stMain")


def sidebar(page):
    return page.get_by_test_id("stSidebar")


def _scope(page, scope):
    return main(page) if scope is None else scope


def _pick(locator, nth: int | None):
    return locator if nth is None else locator.nth(nth)


def _labelled(page, scope, role: str, label: str):
    """A widget by its label. Inside a scope (a CV entry's box) its name may go on with the
    entry's name ("Ruolo (in inglese), Esperienza 2", components/browser/aria.py)."""
    if scope is None:
        return main(page).get_by_role(role, name=label, exact=True)
    return scope.get_by_role(role, name=re.compile(rf"^{re.escape(label)}(, .+)?$"))


def title(page) -> str:
    return main(page).get_by_role("heading", level=1).first.inner_text().strip()


# --- widgets, by their visible label ----------------------------------------------------


def fill_text(page, label: str, value: str, *, scope=None, nth: int | None = None) -> None:
    """A text input or text area: click, fill, Tab (Streamlit commits on blur)."""
    box = _pick(_labelled(page, scope, "textbox", label), nth)
    if box.input_value() == value:
        return  # nothing to commit: Streamlit would not rerun
    before = mark(page)
    box.click()
    box.fill(value)
    box.press("Tab")
    settle(page, before)


def set_number(page, label: str, value: int | str, *, scope=None, nth: int | None = None) -> None:
    """A count, typed as text ("2600" or "2.600")."""
    fill_text(page, label, str(value), scope=scope, nth=nth)


def pick_municipality(page, label: str, typed: str, option: str | None = None, *, scope=None) -> None:
    """Type the start of a name and press Enter; if several match, click `option` among them."""
    box = _scope(page, scope).get_by_role("textbox", name=label, exact=True)
    before = mark(page)
    box.click()
    box.fill(typed)
    box.press("Enter")
    settle(page, before)
    if option and main(page).get_by_role("button", name=option, exact=True).count():
        press_button(page, option)


def select(page, label: str, typed: str, option: str | None = None, *, scope=None, nth: int | None = None) -> None:
    """A selectbox: click its input, type to search, click the option shown."""
    box = _pick(_labelled(page, scope, "combobox", label), nth)
    # Centred first: a select box at the bottom edge scrolls the page as it opens, and a
    # scroll closes its list at once (Streamlit 1.67).
    box.evaluate("el => el.scrollIntoView({block: 'center'})")
    before = mark(page)
    box.click()
    box.press_sequentially(typed, delay=15)
    page.get_by_role("option", name=option or typed, exact=True).click()
    settle(page, before)


def tick(page, label: str, checked: bool = True, *, scope=None) -> None:
    """A checkbox by its label: click the label's text (the input itself is hidden)."""
    box = _scope(page, scope).get_by_role("checkbox", name=label, exact=True)
    if box.is_checked() != checked:
        widget = box.locator('xpath=ancestor::div[@data-testid="stCheckbox"][1]')
        before = mark(page)
        widget.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True).click()
        settle(page, before)
    assert box.is_checked() == checked, f"checkbox {label!r} did not become {checked}"


def choose(page, label: str, option: str, *, scope=None) -> None:
    """A radio group (or segmented control) by its label, then the option by its text."""
    group = _scope(page, scope).get_by_role("radiogroup", name=label, exact=True)
    radio = group.get_by_role("radio", name=option, exact=True)
    if not radio.is_checked():
        before = mark(page)
        group.get_by_text(option, exact=True).click()
        settle(page, before)


def press_button(page, text: str, *, scope=None, nth: int | None = None) -> None:
    before = mark(page)
    _pick(_scope(page, scope).get_by_role("button", name=text, exact=True), nth).click()
    settle(page, before)


def set_date(page, label: str, day: str, *, scope=None, nth: int | None = None) -> None:
    """A date input: type DD/MM/YYYY into its day segment, then Tab out of the widget."""
    group = _pick(_labelled(page, scope, "group", label), nth)
    widget = group.locator('xpath=ancestor::div[@data-testid="stDateInput"][1]')
    before = mark(page)
    group.get_by_role("spinbutton").first.click()
    page.keyboard.type(day, delay=15)
    leave_widget(page, widget)
    settle(page, before)
    shown = re.sub(r"\s+", "", group.inner_text())
    assert shown == day, f"date {label!r} shows {shown!r}, not {day!r}"


def leave_widget(page, widget, limit: int = 4) -> None:
    """Tab until the focus is outside `widget` (some widgets commit only on leaving)."""
    for _ in range(limit):
        if not widget.evaluate("el => el.contains(document.activeElement)"):
            return
        page.keyboard.press("Tab")
    raise AssertionError("focus did not leave the widget")


def field(page, label: str, *, role: str = "textbox", scope=None, nth: int | None = None):
    """A widget's input by its label, for `expect(...).to_have_value(...)` (which waits)."""
    return _pick(_scope(page, scope).get_by_role(role, name=label, exact=True), nth)


def line(page, title: str):
    """A closed CV entry's line, the button that opens it, by its start ("Esperienza 1")."""
    return main(page).get_by_role("button", name=re.compile(rf"^{re.escape(title)}(\s·|$)"))


def open_entry(page, title: str) -> None:
    """Open a closed CV entry by its line (`title`: "Esperienza 1")."""
    edit = line(page, title)
    before = mark(page)
    edit.click()
    settle(page, before)


def entry_box(page, title_start: str):
    """The bordered box of one CV entry, found by the start of its bold title
    ("Esperienza 1", "Titolo 1", "English"...): its fields can then be filled by label."""
    head = main(page).locator("strong").filter(has_text=re.compile(rf"^{re.escape(title_start)}(\s·|$)"))
    return head.locator('xpath=ancestor::div[@data-testid="stVerticalBlock"][1]')


# --- the keyboard ----------------------------------------------------------------------

FOCUSED_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const role = el.getAttribute('role') || (el.type === 'radio' ? 'radio' : el.type === 'checkbox' ? 'checkbox'
               : el.tagName === 'TEXTAREA' || el.type === 'text' ? 'textbox' : el.tagName.toLowerCase());
  const label = el.closest('label');
  const name = el.getAttribute('aria-label') || (label ? label.innerText : el.innerText) || '';
  return {role, name: name.trim()};
}
"""


def focused(page) -> dict | None:
    """Role and accessible name (roughly) of the element that has the keyboard focus."""
    return page.evaluate(FOCUSED_JS)


def tab_to(page, role: str, name: str, limit: int = 60) -> None:
    """Press Tab until the focus is on the widget with this role and name (keyboard only)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now and now["role"] == role and now["name"] == name:
            return
        seen.append(now)
    raise AssertionError(f"Tab never reached {role} {name!r}; the focus went through {seen}")


# --- the sidebar ----------------------------------------------------------------------


def step_links(page) -> list[str]:
    """The texts of the sidebar's step links, in order (once the sidebar has drawn them:
    on a busy machine it can come a moment after the page's title)."""
    links = sidebar(page).get_by_role("link")
    links.first.wait_for()
    return [s.strip() for s in links.locator("p").all_inner_texts()]


# Each text in a copy of the link's <p> (same styles; the link itself is left alone for
# React), in bold as the current step is shown: cut when it needs more than the room.
CUT_JS = """
(p, texts) => {
  const probe = p.cloneNode(false);
  probe.style.fontWeight = '600';
  p.style.display = 'none';
  p.after(probe);
  const cut = texts.filter(text => { probe.textContent = text; return probe.scrollWidth > probe.clientWidth; });
  probe.remove();
  p.style.display = '';
  return cut;
}
"""


def cut_step_links(page, labels: list[list[str]]) -> list[str]:
    """Which of the texts would be cut short (…) in the sidebar: labels[i] are texts tried
    in the i-th step link."""
    links = sidebar(page).get_by_role("link").locator("p")
    return [text for i, texts in enumerate(labels) for text in links.nth(i).evaluate(CUT_JS, texts)]


CALL_ID = "connection-2020"  # the pack the app opens with


def steps(call_id: str = CALL_ID) -> tuple[str, ...]:
    """The wizard's steps for a call pack, in the sidebar's order."""
    from dossier.calls import load_call
    from dossier.eligibility import active_steps

    return active_steps(load_call(call_id))


def step_number(step: str) -> int:
    """1-based position of a step ("officer") in the wizard, as the sidebar numbers it."""
    return steps().index(step) + 1


def step_link(page, step: str):
    return sidebar(page).get_by_role("link", name=re.compile(rf"^{step_number(step)}\. "))


def current_step(page) -> str:
    path = urlsplit(page.url).path.rstrip("/").rsplit("/", 1)[-1]
    return path if path in steps() else "start"


def _arrive(page, step: str) -> None:
    """After a page switch: wait for the step's URL, then for its run to end. (The URL
    changes when the run's navigation message arrives, before the page is drawn.)"""
    path = "" if step == "start" else step
    page.wait_for_url(lambda url: urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] == path)
    settle(page)


def go_step(page, step: str) -> None:
    """Move to a step through its sidebar link (same session, answers kept)."""
    before = mark(page)
    step_link(page, step).click()
    settle(page, before)
    _arrive(page, step)


def step_status(page, step: str) -> str:
    """The status word after the dash in the step's sidebar link, e.g. "completo"."""
    text = step_link(page, step).locator("p").inner_text().strip()
    return text.rsplit("—", 1)[-1].strip()


def next_step(page) -> None:
    """The primary "Avanti: …" / "Next: …" button at the foot of the page; pressed again when
    the page stayed to show its error summary (an unfinished draft may go on)."""
    starts = "|".join(re.escape(Strings(lang)["nav.next"].split("{")[0]) for lang in ("it", "en"))
    order = steps()
    target = order[order.index(current_step(page)) + 1]
    button = main(page).get_by_role("button", name=re.compile(f"^({starts})"))
    before = mark(page)
    button.click()
    settle(page, before)
    summary = "|".join(re.escape(Strings(lang)["summary.title"]) for lang in ("it", "en"))
    stayed = main(page).get_by_text(re.compile(summary))
    for _ in range(60):  # wait for the new URL or the summary
        if current_step(page) == target or stayed.count():
            break
        page.wait_for_timeout(50)
    if current_step(page) != target and stayed.count():  # it stayed to show what is missing
        before = mark(page)
        button.click()
        settle(page, before)
    _arrive(page, target)


# --- the wizard, filled in through the UI --------------------------------------------------


def fill_eligibility_single(page, typed: str = "Agli", option: str = "Agliè (TO)") -> None:
    choose(page, IT["eligibility.kind"], IT["eligibility.kind_municipality"])
    pick_municipality(page, IT["eligibility.municipality"], typed, option)
    tick(page, IT["eligibility.action_plan"])
    tick(page, IT["eligibility.officer_available"])
