"""Reusable Streamlit pieces of the wizard; the domain lives in `dossier/`."""
