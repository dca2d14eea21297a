"""A run asks the session state for keys it holds. Streamlit answers a missing key with a
KeyError raised and caught through its layers, about twice the cost of a hit, so a key
asked for on every run (the language, the refused values) is kept from its first ask."""

from __future__ import annotations

from collections import Counter

from streamlit.runtime.state.session_state import SessionState

from wizard import go, new_app


def test_a_run_of_officer_asks_for_no_missing_key_twice(single, monkeypatch):
    at = new_app()
    at.session_state["dossier"] = single
    go(at, "officer")
    missing: Counter[str] = Counter()
    real = SessionState.__getitem__

    def counting(self, key):
        try:
            return real(self, key)
        except KeyError:
            missing[key] += 1
            raise

    monkeypatch.setattr(SessionState, "__getitem__", counting)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Funzionario e CV"  # the page ran, in Italian
    # Was 220 misses, "lang" 181 and "refusals" 28 of them; now a few keys, once each.
    assert [key for key, n in missing.items() if n > 1] == [], missing.most_common(3)
