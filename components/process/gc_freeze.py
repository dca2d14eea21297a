"""Python's full garbage collections skip the code and data every session shares.

A full (oldest-generation) collection walks every tracked object: with Streamlit, pydantic,
Babel, pyHanko and docxtpl loaded, ~140k of them, so each one paused the whole server for
~130 ms (measured under 50 simulated users: 5 in 40 s, 0.7 s in all, and a p95 of ~300 ms).
Those objects live as long as the process. `gc.freeze()` moves every object tracked at that
moment into a permanent generation that collections skip; it is called at the end of a
full run whenever a run has loaded new modules (the first visit, the first Documents
visit, the first English check), so at most a few times per process. The same full
collection then took ~20 ms.

The price: objects of the sessions alive at those few moments are frozen too; they are
still freed when nothing refers to them, but a reference cycle among them is never
collected (a few sessions' worth at most, right after a start). This module keeps one
number, the count of loaded modules, which is the same for everyone.
"""

from __future__ import annotations

import gc
import sys

_modules_frozen = 0  # len(sys.modules) at the last freeze: process-wide, never per user


def freeze_new_imports() -> bool:
    """At the end of a full run: freeze what is tracked now if modules were loaded since the
    last freeze; True if it did."""
    global _modules_frozen
    if len(sys.modules) <= _modules_frozen:
        return False
    _modules_frozen = len(sys.modules)
    gc.freeze()
    return True
