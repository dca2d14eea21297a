"""The Streamlit every patch of this package was read against and tested on."""

PINNED = "1.67.0"  # moved only with requirements.txt, once PATCHES' tests pass (see __init__.py)
