"""ANCI's side: the applications received, checked, compared and decided (no Streamlit here)."""
