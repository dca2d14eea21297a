"""English check: every answer that goes into the documents, sentence by sentence."""

import streamlit as st

from components.english_check import MAX_TIP_SENTENCES, checker, field_label, pending, sentence_box, summary
from components.i18n import t
from components.page import page_top
from components.state import call, dossier
from components.steps import back_next, page_file
from dossier.english import NOT_CHECKED, dossier_texts

page_top()
st.title(t("steps.english"))
st.markdown(t("english.intro"))

results = checker().check_fields(dossier_texts(dossier(), call()))
flagged = {
    path: [r for r in found if r.verdict in ("not_english", NOT_CHECKED) or r.hints] for path, found in results.items()
}
flagged = {path: found for path, found in flagged.items() if found}
blocking = pending()

if not any(text.strip() for text in dossier_texts(dossier(), call()).values()):
    st.info(t("english.nothing_yet"), icon=":material/info:")
elif blocking:
    st.warning(t("english.blocking", count=len(blocking)), icon=":material/translate:")
else:
    st.success(t("english.all_english"), icon=":material/check_circle:")

with st.expander(t("english.every_answer"), icon=":material/list:"):
    st.markdown("\n".join(f"- **{field_label(path)}**: {summary(found)}" for path, found in results.items() if found))

for path, found in flagged.items():
    step = path.split(".")[0]
    st.subheader(field_label(path))
    st.page_link(page_file(step), label=t("english.fix_in", step=t(f"steps.{step}")), icon=":material/edit:")
    # Sentences only with tips: the first few per answer (a pasted list could give
    # hundreds); every sentence that blocks, or was not checked, is always shown.
    tips_only = [r for r in found if r.verdict not in ("not_english", NOT_CHECKED)]
    for r in found:
        if r.verdict in ("not_english", NOT_CHECKED) or r in tips_only[:MAX_TIP_SENTENCES]:
            sentence_box(path, r)
    if len(tips_only) > MAX_TIP_SENTENCES:
        st.caption(t("english_budget.more_sentences", count=len(tips_only) - MAX_TIP_SENTENCES))

back_next("english")
