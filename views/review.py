"""Review: every answer in one place, grouped by step and annex, with what is missing."""

import streamlit as st

from components.answers import annex_titles, rows, show_rows
from components.findings import step_summary
from components.i18n import t
from components.page import page_top
from components.state import call, dossier
from components.steps import back_next
from dossier.eligibility import is_ready, missing

c = call()
d = dossier()
page_top()
st.title(t("steps.review"))
st.markdown(t("review.intro"))
found = missing(d, c)
if is_ready(d, c):
    st.success(t("review.ready"), icon=":material/task_alt:")
else:
    st.warning(t("review.not_ready", count=sum(len(v) for v in found.values())), icon=":material/pending:")

for step in found:
    with st.container(border=True):
        st.subheader(t(f"steps.{step}"))
        st.caption(t("review.in_annexes", annexes=", ".join(annex_titles(step, c))))
        step_summary(step, found[step], link=True)
        with st.expander(t("review.show_answers"), expanded=True):
            show_rows(rows(step, d, c))

back_next("review")
