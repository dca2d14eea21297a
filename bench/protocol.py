"""Streamlit's websocket protocol, spoken the way the browser's frontend speaks it.

One `Tab` is one browser tab: a websocket to `/_stcore/stream` (subprotocol "streamlit"),
BackMsg `rerun_script` messages carrying a ClientState (the page's script hash and the
states of all widgets the tab knows), and ForwardMsg replies read until the server says
the script finished. No JavaScript, no rendering: what is measured is the server.

Widgets are found by their proto type and the user key at the end of their element id
(Streamlit 1.67 ids are "$$ID-<hash>-<user key>"; the app keys its fields "w:<dossier path>"
and its buttons "next-<step>"), never by label, so relabelled widgets do not break it.

Like the frontend's WidgetStateManager, a tab keeps a state for every text field and
checkbox of the last run (the server's `value` when it sets one, else the `default`, else
what the user typed), sends them all with each rerun, and forgets widgets that are gone.
Buttons are triggers: sent once, then dropped. A widget drawn inside an `st.fragment`
asks for a rerun of that fragment only (ClientState.fragment_id), as in the browser.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
STATEFUL = {
    "text_input": "string_value",
    "text_area": "string_value",
    "checkbox": "bool_value",
    "radio": "string_value",
}
MAX_MESSAGES = 5_000  # per run: a page of the wizard sends ~100; more means a loop


@dataclass
class Widget:
    kind: str  # the element's proto type: "text_input", "button", ...
    id: str
    key: str  # the user key: "w:applicant.address", "next-start"
    fragment: str = ""  # the id of the st.fragment it is drawn in
    options: tuple[str, ...] = ()  # a radio's options, as shown (its state is the one chosen)


@dataclass
class Run:
    """What one rerun request gave: its duration, the page it ended on, its widgets, errors."""

    seconds: float
    page_hash: str
    widgets: dict[str, Widget]
    errors: list[str] = field(default_factory=list)
    fragment_only: bool = False  # the run was a fragment's alone (the sidebar not redrawn)
    drawn: list[str] = field(default_factory=list)  # the user keys of every widget sent, in every run it took
    runs: int = 0  # script runs it took (each starts with a new_session message): 2 for a st.switch_page
    kinds: Counter[str] = field(default_factory=Counter)  # the last run's elements by type; blocks "block:<type>"


def user_key(element_id: str) -> str:
    """'$$ID-<32 hex>-w:needs.answers.context' -> 'w:needs.answers.context' ('' without a key)."""
    head, _, rest = element_id.partition("-")
    return rest.partition("-")[2] if head == "$$ID" else ""


class Tab:
    """A browser tab on the app: `await Tab.open(url)`, then `change`, `click`, `close`."""

    def __init__(self, ws, error_text: str, timeout: float, ack_at_once: bool):
        self.ws = ws
        # TCP_QUICKACK before each read: this client acknowledges at once instead of after
        # Linux's delayed-ACK timer (~40 ms), which a server that leaves Nagle on waits for.
        self.quickack = ws.transport.get_extra_info("socket") if ack_at_once else None
        self.error_text = error_text  # the app's own "something went wrong" message
        self.timeout = timeout
        self.page_hash = ""
        self.session_id = ""  # the server's, as the browser puts it in upload URLs
        self.widgets: dict[str, Widget] = {}
        self.states: dict[str, WidgetState] = {}  # by widget id
        self.links: dict[str, str] = {}  # the page links' labels (the sidebar's steps), by page
        self.pages: dict[str, str] = {}  # the app's pages' script hashes, by URL path ("" the default)
        self.drafts: list[str] = []  # the JSON the browser-draft components were sent, in order

    @classmethod
    async def open(cls, url: str, error_text: str, timeout: float = 60, ack_at_once: bool = False) -> tuple[Tab, Run]:
        if not url.startswith(("http://127.0.0.1:", "http://localhost:")):
            raise ValueError(f"the bench drives a server on this machine only, not {url}")
        ws = await websockets.connect(
            url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=timeout,
            ping_interval=None,
        )
        tab = cls(ws, error_text, timeout, ack_at_once)
        return tab, await tab.rerun()

    def find(self, kind: str, key: str) -> Widget | None:
        widget = self.widgets.get(key)
        return widget if widget and widget.kind == kind else None

    def fields(self, kind: str = "text_input") -> list[Widget]:
        """The Dossier-bound widgets of a kind on the current page, in page order."""
        return [w for w in self.widgets.values() if w.kind == kind and w.key.startswith("w:")]

    def value(self, widget: Widget):
        state = self.states.get(widget.id)
        return getattr(state, STATEFUL[widget.kind]) if state else None

    async def change(self, widget: Widget, value) -> Run:
        state = WidgetState(id=widget.id)
        setattr(state, STATEFUL[widget.kind], value)
        self.states[widget.id] = state
        return await self.rerun(fragment=widget.fragment)

    async def click(self, widget: Widget) -> Run:
        return await self.rerun(WidgetState(id=widget.id, trigger_value=True), widget.fragment)

    async def goto(self, url_path: str) -> Run:
        """Open another page of the app, as a click on its link in the sidebar does."""
        return await self.rerun(page=self.pages[url_path])

    async def rerun(self, trigger: WidgetState | None = None, fragment: str = "", page: str = "") -> Run:
        msg = BackMsg()
        msg.rerun_script.page_script_hash = page or self.page_hash
        msg.rerun_script.fragment_id = fragment
        states = msg.rerun_script.widget_states.widgets
        states.extend(self.states.values())
        if trigger is not None:
            states.append(trigger)
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        return await asyncio.wait_for(self._read_run(started, fragment), self.timeout)

    async def _read_run(self, started: float, fragment: str) -> Run:
        """ForwardMsgs until a run finishes successfully (a page switch first ends the
        asking run early, then runs the new page); the widgets are the last run's, and
        after a fragment's run those outside the fragment too."""
        widgets: dict[str, Widget] = {}
        errors: list[str] = []
        drawn: list[str] = []
        kinds: Counter[str] = Counter()
        runs = 0
        for _ in range(MAX_MESSAGES):
            if self.quickack:
                self.quickack.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            fwd = ForwardMsg.FromString(await self.ws.recv())
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                runs += 1
                kinds = Counter()
                self.page_hash = fwd.new_session.page_script_hash
                self.session_id = fwd.new_session.initialize.session_id or self.session_id
                widgets = {k: w for k, w in self.widgets.items() if fragment and w.fragment != fragment}
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                kinds[fwd.delta.new_element.WhichOneof("type")] += 1
                drawn += self._element(fwd.delta.new_element, fwd.delta.fragment_id, widgets, errors)
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "add_block":
                kinds[f"block:{fwd.delta.add_block.WhichOneof('type')}"] += 1
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in fwd.navigation.app_pages}
                # The page this run draws: the one asked for, or another the app chose in its run
                # (steps.navigate), which the browser then shows and asks for from then on.
                self.page_hash = fwd.navigation.page_script_hash or self.page_hash
            elif kind == "page_not_found":
                errors.append(f"page not found: {fwd.page_not_found.page_name!r}")
            elif kind == "script_finished" and fwd.script_finished in FINISHED:
                self.widgets = widgets
                self.states = {i: s for i, s in self.states.items() if i in {w.id for w in widgets.values()}}
                fragment_only = fwd.script_finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                seconds = time.perf_counter() - started
                return Run(seconds, self.page_hash, widgets, errors, fragment_only, drawn, runs, kinds)
            elif kind == "script_finished" and fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                errors.append("script compile error")
        raise RuntimeError(f"no successful script_finished in {MAX_MESSAGES} messages")

    def _element(self, element, fragment: str, widgets: dict[str, Widget], errors: list[str]) -> list[str]:
        """Note one element; the user key of a widget, if it is one."""
        kind = element.WhichOneof("type")
        if kind == "exception":
            errors.append(f"exception: {element.exception.type}: {element.exception.message[:120]}")
            return []
        if kind == "alert" and self.error_text and self.error_text in element.alert.body:
            errors.append(f"app error shown: {element.alert.body[:120]}")
            return []
        proto = getattr(element, kind)
        if kind == "page_link":
            self.links[proto.page] = proto.label
        elif kind == "bidi_component" and proto.WhichOneof("data") == "json":
            self.drafts.append(proto.json)
        element_id = getattr(proto, "id", "")
        key = user_key(element_id)
        if not key:
            return []
        widgets[key] = Widget(kind, element_id, key, fragment, tuple(getattr(proto, "options", ())))
        if kind == "radio" and (proto.set_value or element_id not in self.states):
            chosen = proto.raw_value if proto.set_value else None
            if chosen is None and proto.HasField("default"):
                chosen = proto.options[proto.default]
            self.states.pop(element_id, None)
            if chosen is not None:
                self.states[element_id] = WidgetState(id=element_id, string_value=chosen)
        elif kind in STATEFUL and (proto.set_value or element_id not in self.states):
            source = "value" if proto.set_value else "default"
            if kind == "checkbox" or proto.HasField(source):
                state = WidgetState(id=element_id)
                setattr(state, STATEFUL[kind], getattr(proto, source))
                self.states[element_id] = state
            else:  # a text field holding None: the frontend has no value to send either
                self.states.pop(element_id, None)
        return [key]

    async def close(self) -> None:
        await self.ws.close()


async def step_change(tab: Tab, steps: Sequence[str], i: int) -> Run:
    """To the wizard's step `i`, as the bench's walks go: Start through its sidebar link,
    any other step with the "Next" of the step before."""
    if i == 0:
        return await tab.goto("")
    return await tab.click(tab.find("button", f"next-{steps[i - 1]}"))
