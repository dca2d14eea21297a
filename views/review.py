"""Review: check your answers. Every step's answers with "Change" to its step, what is
missing or inconsistent (each with "Correct" to its field), and every gate of the Documents
step (the English check included)."""

import streamlit as st

from components.browser.a11y import in_language
from components.page_parts.answers import annex_titles, rows, show_answers
from components.page_parts.english_check import check_state
from components.page_parts.findings import step_summary
from components.page_parts.page import page_top
from components.session.i18n import t
from components.session.jump import rows_box
from components.session.markdown import escape_md
from components.session.state import call, dossier, find_problems
from components.session.steps import back_next, page_file
from dossier.eligibility import blocking, is_ready
from dossier.free_texts import dossier_texts

c = call()
d = dossier()
page_top()
st.title(t("steps.review"))
st.markdown(t("review.intro"))
found = find_problems()
english = check_state()
# The same gate as Documents: never "complete" where Documents would refuse, nor while a
# sentence is not checked yet.
if is_ready(d, c, found) and not english.blocking:
    st.success(t("answers.ready"), icon=":material/task_alt:")
else:
    count = sum(len(blocking(v)) for v in found.values()) + len(english.blocking)
    st.warning(t("review.not_ready", count=count), icon=":material/pending:")

in_english = set(dossier_texts(d, c))  # the answers written in English: marked so (WCAG 3.1.2)
for step in found:
    with rows_box(step, border=True):
        # A step with nothing to fix says so in its heading, as the sidebar does ("Ente — fatto"),
        # not in a box of its own: one element less a step, the same words read.
        done = f" — {t('status.complete')}" if not found[step] else ""
        st.subheader(t(f"steps.{step}") + done)
        titles = ", ".join(in_language(escape_md(title), "en") for title in annex_titles(step, c))
        st.caption(t("review.in_annexes", annexes=titles), unsafe_allow_html=True)
        if found[step]:
            step_summary(step, found[step], link=True)
        show_answers(step, rows(step, d, c), {f.field for f in blocking(found[step])}, in_english)

if english.blocking:
    with st.container(border=True):
        st.subheader(t("steps.english"))
        if english.pending:
            st.warning(t("answers.english_pending", count=len(english.pending)), icon=":material/translate:")
        if english.unchecked:
            st.warning(t("answers.english_unchecked", count=len(english.unchecked)), icon=":material/hourglass_top:")
        st.page_link(page_file("english"), label=t("english.fix_in", step=t("steps.english")), icon=":material/edit:")

back_next("review")
