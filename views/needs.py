"""Needs analysis (Annex 2): the call's questions, each with guidance and word limits."""

import streamlit as st

from components.page_parts.findings import error_summary
from components.page_parts.page import page_top
from components.session.fragments import fragment
from components.session.i18n import lang, t
from components.session.state import call
from components.session.steps import back_next
from components.widgets import fields

c = call()
page_top()
st.title(t("steps.needs"))
error_summary("needs")
st.markdown(t("needs.intro"))

if c.communities:
    fields.choice(
        "needs.community",
        t("needs.community"),
        {cm.id: cm.label.get(lang()) for cm in c.communities},
        help=t("needs.community_help"),
    )


# The question is the heading, in the user's language; the answer's label only needs to
# say which answer it is (labels stay unique and visible for screen readers and tests).
def answer(n: int, q) -> None:
    """One question and its answer, with the answer's English check: reruns alone."""
    st.subheader(f"{n}. {q.label.get(lang())}")
    st.caption(q.guidance.get(lang()))
    fields.area(
        f"needs.answers.{q.id}",
        t("needs.answer_label", n=n),
        height=220,
        min_words=q.min_words,
        max_words=q.max_words,
        help=t("needs.answer_help"),
    )


for n, q in enumerate(c.questions, start=1):
    fragment(answer)(n, q)

back_next("needs")
