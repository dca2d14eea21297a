"""Each keyed widget looks up its own key instead of copying the whole session state.

Streamlit 1.67's text, number, select, radio, date and time widgets each begin with
`get_session_state().filtered_state`: a dict built from every key of the session (values
presented, widget ids mapped back to their keys), only to ask whether their own key is in
it and holds None. A page's run therefore costs keys x keyed widgets: Officer draws 38
keyed widgets in a session of ~77 keys, and the copies were ~10% of its step change
(docs/performance-history.md, issue 15, sixth pass). `install()` makes the property return
`FilteredView`, which answers one key at a time with what the dict would have held under
it, and builds the dict only when it is iterated, counted or printed.

Not public API: the view mirrors `SessionState.filtered_state` and `_keys()` as 1.67.0
writes them, so `install()` does nothing on any other Streamlit (the copies come back, no
answer changes) and `tests/test_filtered_state.py` fails until the view is checked again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import streamlit
from streamlit.runtime.state.common import is_element_id
from streamlit.runtime.state.safe_session_state import SafeSessionState
from streamlit.runtime.state.session_state import SessionState, _is_internal_key
from streamlit.runtime.state.session_state_proxy import SessionStateProxy, get_session_state

from .pinned import PINNED

_MISSING = object()


class FilteredView(Mapping[str, Any]):
    """A session's `filtered_state`: the same keys and values, looked up per key asked."""

    __slots__ = ("_safe",)

    def __init__(self, safe: SafeSessionState):
        self._safe = safe

    def _whole(self) -> dict[str, Any]:
        with self._safe._lock:
            return self._safe._state.filtered_state

    def _get(self, key: object) -> Any:
        """The value the dict holds under `key`, or _MISSING."""
        if isinstance(key, str) and not is_element_id(key) and not _is_internal_key(key):
            with self._safe._lock:
                try:
                    return _value(self._safe._state, key)
                except KeyError:  # a widget's value whose metadata is gone: the dict decides
                    pass
        return self._whole().get(key, _MISSING)  # type: ignore[call-overload]

    def __contains__(self, key: object) -> bool:
        return self._get(key) is not _MISSING

    def __getitem__(self, key: str) -> Any:
        value = self._get(key)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def __repr__(self) -> str:
        return repr(self._whole())


def _value(state: SessionState, key: str) -> Any:
    """What `state.filtered_state[key]` would be, or _MISSING, for a user key (neither a
    widget id nor internal), without building it. The dict lists each of `state._keys()`,
    where a key bound to a widget stands as the widget's id, under its user key."""
    widget_id = state._get_widget_id(key)  # the key itself when no widget has it
    listed = (
        key in state._old_state
        or key in state._new_session_state
        or widget_id in state._old_state
        or widget_id in state._new_widget_state.states
    )
    # When a field of the last run and one of this run have the same key, the dict holds the
    # value of either (the order of a set decides); this, the value of the one it now names.
    return state[key] if listed else _MISSING


def _to_dict(self: SessionStateProxy) -> dict[str, Any]:
    return dict(get_session_state().filtered_state)


@cache
def install() -> bool:
    """Once per process: `filtered_state` answers through the view (and `st.session_state.
    to_dict()` still returns a dict); False, and nothing changed, on another Streamlit."""
    if streamlit.__version__ != PINNED:
        return False
    SafeSessionState.filtered_state = property(FilteredView)  # type: ignore[method-assign,assignment]
    SessionStateProxy.to_dict = _to_dict  # type: ignore[method-assign]
    return True
