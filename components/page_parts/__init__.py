"""Pieces of pages the views put together: the sidebar, each step's header, the error
summary, Review's rows, the signed letter and the email, ANCI's cards.

Public Streamlit API only: safe to touch.
"""
