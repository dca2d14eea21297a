"""ANCI's path: the applications received, checked, compared and decided (intake/)."""

import streamlit as st

from components.page_parts import applications
from components.session.i18n import t
from components.session.state import call

c = call()
st.title(t("anci.title"))
st.caption(c.title)
st.markdown(t("anci.intro"))
st.caption(t("anci.privacy"))
cards = applications.upload(c)
if cards:
    tabs = st.tabs([t(f"anci.tab_{name}") for name in ("cards", "table", "needs", "decide", "files")])
    with tabs[0]:
        applications.draw_cards(cards, c)
    with tabs[1]:
        applications.table(cards, c)
    with tabs[2]:
        applications.needs_side_by_side(cards, c)
    with tabs[3]:
        applications.decide(cards, c)
    with tabs[4]:
        applications.files(cards, c)
