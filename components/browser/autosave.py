"""Autosave in the browser's localStorage, and the offer to resume on the next visit.

A tiny custom component (Streamlit's components v2, inline JS, nothing downloaded) keeps
one draft under one key. streamlit-extras' local_storage_manager was not used: it
namespaces storage by URL path, so a draft saved on /needs is invisible from /start.

Protocol: on mount the browser reads what it holds and, only if it holds a draft, sends
it ("stored") once. The server sends numbered operations (save / clear) with `known`,
whether it has seen the stored draft; the browser applies each number once and never
overwrites a draft the server has not seen. Nothing is kept on the server: the draft lives
in the user's browser only.
"""

from __future__ import annotations

import json
from contextlib import nullcontext
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import streamlit as st
import streamlit.components.v2

from dossier.documents import applicant_name
from dossier.drafts import MAX_DRAFT_BYTES, DraftError, Problem, from_json, parse_json
from dossier.models import Dossier

from ..session.i18n import number, t
from ..session.letter_ready import LETTER_LOST, accepted_letter
from ..session.markdown import escape_md
from ..session.state import dossier, replace_dossier, version

COMPONENT_KEY = "browser_draft"
STATE_KEY = "autosave"

_BROWSER_DRAFT = st.components.v2.component(
    name="connection_wizard.browser_draft",
    html="<div aria-hidden='true'></div>",
    js="""
    const KEY = "connection-wizard/draft";
    let heldAtMount = null;  // what this browser held when the page opened ("" if nothing)
    let lastDone = -1;

    export default function (component) {
        const { data, setStateValue } = component;
        if (heldAtMount === null) {
            try { heldAtMount = localStorage.getItem(KEY) || ""; } catch (error) { heldAtMount = ""; }
            // Only a stored draft is reported: an empty browser costs no extra rerun, which
            // could swallow the first click on a slow server.
            if (heldAtMount) { setStateValue("stored", heldAtMount); }
        }
        const op = data || {};
        if (typeof op.n === "number" && op.n > lastDone && op.op) {
            lastDone = op.n;
            // Never overwrite a stored draft the server has not seen yet.
            const blind = heldAtMount && !op.known;
            try {
                if (op.op === "save" && typeof op.value === "string" && !blind) {
                    localStorage.setItem(KEY, op.value);
                } else if (op.op === "clear") {
                    localStorage.removeItem(KEY);
                }
            } catch (error) {
                console.warn("draft not saved in this browser:", error.name);
            }
        }
        return () => {};
    }
    """,
)


def _state() -> dict:
    return st.session_state.setdefault(
        STATE_KEY, {"known": False, "offer": None, "refused": None, "saved": None, "op": {}, "n": 0}
    )


def _asking(state: dict) -> bool:
    """A stored draft waits for the user's word (resume it, or keep it as a file): until
    then nothing is saved over it."""
    return state["offer"] is not None or state["refused"] is not None


def envelope(draft_json: str, now: datetime | None = None, letter: str = "") -> str:
    """What the browser keeps: the draft (`Dossier.model_dump_json()`, a JSON object, put in
    as it is rather than parsed and written again at every change), when it was saved, and
    the letter fingerprint of a signed letter accepted for it (the upload itself stays on the
    server: after a reload, the page says it must be uploaded again)."""
    saved_at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    return f'{{"saved_at": {json.dumps(saved_at)}, "letter": {json.dumps(letter)}, "draft": {draft_json}}}'


def read_envelope(raw: str) -> tuple[Dossier, datetime, str] | None:
    """The draft a browser holds, when it was saved and its accepted letter's fingerprint
    ("" if none), or None if it holds nothing of ours."""
    try:
        data = parse_json(raw, max_bytes=MAX_DRAFT_BYTES + 1024)  # the draft, its date, a fingerprint
        letter = data.get("letter", "")
        return (
            from_json(json.dumps(data["draft"])),
            datetime.fromisoformat(data["saved_at"]),
            letter if isinstance(letter, str) else "",
        )
    except (ValueError, KeyError, TypeError, AttributeError, DraftError):
        return None


def refused_envelope(raw: str) -> tuple[str, list[Problem]] | None:
    """A draft of ours this version refuses (a text longer than its limit, which an older
    version allowed): the draft as a file's JSON, for the user to keep, and why."""
    try:
        draft = parse_json(raw, max_bytes=MAX_DRAFT_BYTES + 1024)["draft"]
    except (DraftError, KeyError, TypeError):
        return None
    try:
        from_json(json.dumps(draft))  # as read_envelope reads it
    except DraftError as err:
        problems = [p for p in err.problems if p.code != "empty"]
        return (json.dumps(draft, ensure_ascii=False, indent=2), problems) if problems else None
    return None


def problem_text(p: Problem) -> str:
    """A reason a draft was refused, in words; `where` may hold a key of the file: literal,
    and cut to a line (a key may be as long as the file)."""
    where = f" ({escape_md(p.where if len(p.where) <= 120 else p.where[:119] + '…')})" if p.where else ""
    return t(f"drafts.problem_{p.code}", limit=number(p.limit)) + where


def _send(op: str, value: str | None = None) -> None:
    state = _state()
    state["n"] += 1
    state["op"] = {"op": op, "n": state["n"], **({"value": value} if value is not None else {})}


def _resume() -> None:
    state = _state()
    replace_dossier(state["offer"][0])
    st.session_state[LETTER_LOST] = state["offer"][2]  # accepted before the reload: to upload again
    state["offer"] = None


def _start_new() -> None:
    state = _state()
    state["offer"] = None
    state["saved"] = None
    _send("clear")


def forget_browser_draft() -> None:
    """The visible "delete from this browser" button: storage cleared, wizard emptied."""
    replace_dossier(Dossier(call_id=dossier().call_id))
    _state()["saved"] = None
    _send("clear")
    st.session_state["flash_success"] = t("drafts.deleted")


def _offer_dialog(name: str, when: str) -> None:
    # Decorated here, in the user's language: the dialog is named by its title (components/page_parts/draft_panel.py).
    st.dialog(t("drafts.offer_title"), dismissible=False, width="medium")(_offer_body)(name, when)


def _offer_body(name: str, when: str) -> None:
    st.markdown(t("drafts.offer", name=name, when=when))
    left, right = st.columns(2)
    if left.button(t("drafts.resume"), type="primary", icon=":material/history:", key="draft-resume", width="stretch"):
        _resume()
        st.rerun()
    if right.button(t("drafts.start_new"), icon=":material/note_add:", key="draft-new", width="stretch"):
        _start_new()
        st.rerun()
    st.caption(t("drafts.offer_note"))


def _let_go() -> None:
    _state()["refused"] = None  # the user kept the draft as a file, or chose not to


@st.dialog(" ", dismissible=False, width="medium")
def _refused_dialog(draft: str, problems: list[Problem]) -> None:
    """The browser holds a draft this version cannot open: it stays there, untouched,
    until the user has downloaded it (to shorten it and load it) or let it go."""
    st.markdown(f"### {t('limits.stored_title')}")
    st.markdown(t("limits.stored") + "\n\n" + "\n".join(f"- {problem_text(p)}" for p in problems[:12]))
    st.download_button(
        t("limits.stored_download"),
        draft,
        file_name="draft_from_this_browser.json",
        mime="application/json",
        icon=":material/download:",
        on_click="ignore",
        key="stored-download",
        width="stretch",
    )
    if st.button(t("limits.stored_continue"), key="stored-continue", width="stretch"):
        _let_go()
        st.rerun()


def _queue_changes(state: dict) -> bool:
    """Queue a save (or a clear) if the Dossier differs from what the browser was sent.
    Looked at again only when the Dossier's version (state.version(): what the statuses and
    the problems key on too), the accepted letter or what was sent changed: writing and
    comparing the Dossier cost ~0.13 ms of every run."""
    seen = (version(), accepted_letter())
    if state.get("seen") == (*seen, state["saved"]):
        return False
    queued = _queue(state)
    state["seen"] = (*seen, state["saved"])
    return queued


@lru_cache(maxsize=8)  # a few call packs; the same for everyone
def _blank_json(call_id: str) -> str:
    return Dossier(call_id=call_id).model_dump_json()


def _queue(state: dict) -> bool:
    current = (dossier().model_dump_json(), accepted_letter() or "")
    if current[0] == _blank_json(dossier().call_id):  # Dossier.is_blank, on the JSON at hand (~0.05 ms)
        if state["saved"] is not None:  # emptied (start clean, delete): nothing to keep
            state["saved"] = None
            _send("clear")
            return True
    elif current != state["saved"]:
        state["saved"] = current
        _send("save", envelope(current[0], letter=current[1]))
        return True
    return False


def _draw(key: str, state: dict, where: Any = st.sidebar) -> None:
    state["op"]["known"] = state["known"]
    with where:
        _BROWSER_DRAFT(key=key, data=state["op"], default={"stored": None}, on_stored_change=lambda: None, height=0)
    # The value went to the browser with this run; later runs repeat only its number.
    state["op"] = {k: v for k, v in state["op"].items() if k != "value"}


def save_from_fragment(fragment_id: str) -> None:
    """A fragment's own rerun skips `sync()`: a change made in it is sent from there.

    Drawn at the fragment's end under a key of its own, hidden (a11y.CSS: no gap): the
    sidebar's instance is not redrawn by a fragment, and a fragment may write into the
    sidebar only if it did in the last full run. The browser side is one module for every
    instance of the component (the same script, loaded once): operation numbers are
    applied once in all, and only the first instance reports the stored draft.
    """
    state = _state()
    if not _asking(state) and _queue_changes(state):
        _draw(f"{COMPONENT_KEY}-{fragment_id}", state, nullcontext())


def sync() -> None:
    """Run at the end of every script run: offer the stored draft once, then save changes."""
    state = _state()
    stored = st.session_state.get(COMPONENT_KEY, {}).get("stored")
    if stored and not state["known"]:
        state["known"] = True
        found = read_envelope(stored)
        if found and found[0] != dossier():
            state["offer"] = found
        elif found is None:
            state["refused"] = refused_envelope(stored)
    if not _asking(state):
        _queue_changes(state)
    _draw(COMPONENT_KEY, state)
    if state["offer"] is not None:
        draft, saved_at, _ = state["offer"]
        when = saved_at.astimezone(ZoneInfo("Europe/Rome")).strftime("%d/%m/%Y %H:%M")
        _offer_dialog(escape_md(applicant_name(draft)) or t("drafts.unnamed"), when)
    elif state["refused"] is not None:
        _refused_dialog(*state["refused"])
