"""Input widgets bound to a field of the Dossier: seeded from it, writing back on change.

Public Streamlit API only: safe to touch; a Streamlit upgrade may change how they look, not
what they do (tests/test_wizard.py and the browser tests say if it did).
"""
