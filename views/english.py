"""English check: every answer that goes into the documents, sentence by sentence."""

import streamlit as st

from components.page_parts.english_check import (
    MAX_TIP_SENTENCES,
    check_state,
    checker,
    field_label,
    sentence_box,
    summary,
)
from components.page_parts.page import page_top
from components.session.i18n import t
from components.session.jump import jump_button
from components.session.state import call, dossier
from components.session.steps import back_next
from dossier.english import NOT_CHECKED, dossier_texts

page_top()
st.title(t("steps.english"))
st.markdown(t("english.intro"))

results = checker().check_fields(dossier_texts(dossier(), call()))
flagged = {
    path: [r for r in found if r.verdict in ("not_english", NOT_CHECKED) or r.hints] for path, found in results.items()
}
flagged = {path: found for path, found in flagged.items() if found}
state = check_state()

# Never "all in English" while a sentence stays Italian on purpose or is not checked yet.
if not any(text.strip() for text in dossier_texts(dossier(), call()).values()):
    st.info(t("english.nothing_yet"), icon=":material/info:")
elif state.pending:
    st.warning(t("english.blocking", count=len(state.pending)), icon=":material/translate:")
elif state.unchecked:
    st.warning(t("english.unchecked", count=len(state.unchecked)), icon=":material/hourglass_top:")
elif state.kept:
    st.info(t("english.all_english_kept", kept=state.kept), icon=":material/check_circle:")
else:
    st.success(t("english.all_english"), icon=":material/check_circle:")
if state.pending and state.unchecked:
    st.warning(t("english.unchecked", count=len(state.unchecked)), icon=":material/hourglass_top:")

with st.expander(t("english.every_answer"), icon=":material/list:"):
    st.markdown("\n".join(f"- **{field_label(path)}**: {summary(found)}" for path, found in results.items() if found))


def to_draw(found: list) -> tuple[list, int]:
    """The sentences of one answer to draw, and how many tip-only ones are left out: every
    sentence that blocks or was not checked, and the first few with tips only (a pasted
    list could give hundreds)."""
    tips_only = [r for r in found if r.verdict not in ("not_english", NOT_CHECKED)]
    kept = [r for r in found if r.verdict in ("not_english", NOT_CHECKED) or r in tips_only[:MAX_TIP_SENTENCES]]
    return kept, max(len(tips_only) - MAX_TIP_SENTENCES, 0)


# What the page draws at most: each box is a few elements, and a pasted text could give
# hundreds; past the cap the page says how many more there are (they come up as these go).
MAX_BOXES = 60
drawn = 0
for path, found in flagged.items():
    kept, more = to_draw(found)
    if drawn >= MAX_BOXES:
        break
    step = path.split(".")[0]
    st.subheader(field_label(path))
    jump_button(step, path, t("english.fix_in", step=t(f"steps.{step}")), key=f"jump-{path}")
    for r in kept[: MAX_BOXES - drawn]:
        sentence_box(path, r)
    drawn += len(kept[: MAX_BOXES - drawn])
    if more:
        st.caption(t("english_budget.more_sentences", count=more))
left = sum(len(to_draw(found)[0]) for found in flagged.values()) - drawn
if left > 0:
    st.warning(t("english_budget.more_on_page", count=left), icon=":material/more_horiz:")

back_next("english")
