"""The two apps the AppTest rows run: a hello-world page and the wizard with the example loaded.

Apart from bench/reruns.py so that bench/gc_probe.py (run by reruns in a child process) and
bench/profile_page.py can use them without importing the rows that use them.
"""

from __future__ import annotations

from .common import ROOT

HELLO = 'import streamlit as st\nst.title("Hello")\nst.write("world")'


def share_compiled_scripts() -> None:
    """One ScriptCache for every AppTest run, as the server keeps one for all sessions."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    cache = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: cache


def example_dossier():
    from dossier import sample

    d = sample.single()
    d.example = True
    return d


def wizard_app(timeout: float = 60):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.session_state["dossier"] = example_dossier()
    at.run()
    return at
