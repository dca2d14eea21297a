"""Per-session plumbing every page uses: the Dossier in session state, the UI strings,
literal Markdown, the steps and the moves between them, fragments, jumps to a field.

Public Streamlit API only (what they need of the running script comes from
streamlit_patches/run_context.py); a change to Streamlit's reruns, fragments or navigation
shows in tests/test_wizard.py, tests/test_callbacks.py, tests/e2e/test_fragments.py.
"""
