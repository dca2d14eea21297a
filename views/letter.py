"""Letter of commitment (Annex 1): who signs, where and when, what the letter commits to."""

import streamlit as st

from components.page_parts.findings import error_summary
from components.page_parts.page import page_top
from components.session.fragments import fragment
from components.session.i18n import lang, t
from components.session.markdown import escape_md
from components.session.state import call, dossier
from components.session.steps import back_next
from components.widgets import fields
from dossier.documents import commitment_text, context
from dossier.eligibility import allowed_signatories

c = call()
d = dossier()
page_top()
st.title(t("steps.letter"))
error_summary("letter")
st.markdown(t("letter.intro_union" if d.eligibility.kind == "union" else "letter.intro"))


def letter() -> None:
    """Who signs, where, when, the commitments and the preview that follows them."""
    fields.choice(
        "letter.signatory_role",
        t("letter.signatory_role"),
        {role: t(f"letter.role_{role}") for role in allowed_signatories(d)},
        help=t("letter.signatory_role_help"),
    )
    fields.text("letter.signatory_name", t("letter.signatory_name"), help=t("letter.signatory_name_help"))
    left, right = st.columns(2)
    with left:
        fields.text("letter.place", t("letter.place"), help=t("letter.place_help"))
    with right:
        fields.day("letter.signed_on", t("letter.signed_on"), help=t("letter.signed_on_help"))

    st.subheader(t("letter.commitments"))
    st.caption(t("letter.commitments_help"))
    for commitment in c.commitments:
        fields.in_list(
            "letter.commitments",
            commitment.id,
            commitment.label.get(lang()),
            help=t("letter.commitment_help", text=escape_md(commitment_text(commitment, d))),
        )

    ctx = context(d, c)
    with st.expander(t("letter.preview"), icon=":material/visibility:"):
        st.text(
            "\n".join(
                [f"{ctx['signatory']['name'] or '…'}, {ctx['signatory']['title']}", ""]
                + [f"– {line}" for line in ctx["letter"]["commitments"]]
            )
        )


fragment(letter)()

back_next("letter")
