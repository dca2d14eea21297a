"""Start: what the call is, who may apply, the deadline, what to have at hand."""

import streamlit as st

from components.page_parts.call_choice import choose_call
from components.page_parts.example import example_buttons
from components.page_parts.page import page_top
from components.page_parts.progress import deadline_notice
from components.session.i18n import lang, t
from components.session.state import available_calls, call
from components.session.steps import back_next

page_top()
if len(available_calls()) > 1:
    choose_call()
c = call()
st.title(t("start.title", call=c.short_name))
st.caption(c.title)
st.markdown(c.summary.get(lang()))

text, passed = deadline_notice()
(st.warning if passed else st.info)(text, icon=":material/event:")
if passed:
    st.caption(t("start.still_usable"))

st.subheader(t("start.who_title"))
st.markdown(t("start.who", region=c.region.get(lang()), places=c.places))

st.subheader(t("start.steps_title"))
st.markdown(t("start.steps", email=c.submission_email))

st.subheader(t("start.need_title"))
st.markdown(t("start.need"))
st.caption(t("start.time"))
st.caption(t("start.privacy"))

example_buttons()

st.page_link("views/anci.py", label=t("anci.start_link"), icon=":material/inbox:", help=t("anci.start_link_help"))

back_next("start")
