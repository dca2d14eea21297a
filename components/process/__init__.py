"""The server process's memory: Python's garbage collector and glibc's allocator.

No Streamlit in here: safe across Streamlit upgrades.
"""
