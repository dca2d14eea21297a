"""Whether the signed letter of the current answers was accepted: the sidebar's Documents
status needs this on every page, and only this, so it lives apart from the signed letter's
check (components/page_parts/signed_letter.py imports pyHanko, ~0.4 s at a new process's first run)."""

from __future__ import annotations

import streamlit as st

from dossier.calls import Call
from dossier.documents import letter_fingerprint_of
from dossier.models import Dossier

# The letter fingerprint of the answers whose signed letter was accepted: the sidebar says
# "fatto" for Documents only then, and while what the letter says stays the same.
READY = "signed_letter_ready"
# The letter fingerprint of a signed letter accepted before the page was reloaded (from the
# browser's draft): the upload did not survive the reload, the Documents page says so.
LETTER_LOST = "signed_letter_lost"


def mark_ready(fingerprint: str | None) -> None:
    """After the check: remember which answers have an accepted signed letter. The step
    list, drawn after the page, shows it in the same run; from the check's fragment, the
    changed status hands over to a full run (components/session/fragments.py)."""
    st.session_state[READY] = fingerprint
    if fingerprint:
        st.session_state.pop(LETTER_LOST, None)


def accepted_letter() -> str | None:
    """The letter fingerprint of the accepted signed letter, if any (the key is set once: a
    key missing from the session state costs a lookup of its own at each ask)."""
    return st.session_state.setdefault(READY, None)


def is_ready_to_send(d: Dossier, call: Call) -> bool:
    """Whether a signed letter of these answers was accepted. The letter's fingerprint is
    computed only when one was: it costs every field change the letter's text and a hash."""
    ready = accepted_letter()
    if ready is None:
        return False
    return bool(ready == letter_fingerprint_of(d, call))
