"""Per-session plumbing every page uses: the Dossier in session state, the UI strings,
literal Markdown, the steps and the moves between them, fragments, jumps to a field.

Public Streamlit API, and `get_script_run_ctx` (steps.py, fragments.py) to know the running
session; a change to Streamlit's reruns, fragments or navigation shows in
tests/test_wizard.py, tests/test_callbacks.py and tests/test_language_switch.py.
"""
