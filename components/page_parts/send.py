"""Step 5 of the Documents page: the email, only with an accepted signed letter.

It attaches what was checked and nothing else (submission.attachments); the mailto link
and the webmail instructions list the same files, each downloadable on its own.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from dossier.calls import Call
from dossier.documents import email_subject, mailto_link
from dossier.models import Dossier
from dossier.submission import (
    attachment_lines,
    attachments,
    build_eml,
    eml_name,
    record_name,
    signer_statement,
    submission_record,
)

from ..session.i18n import t
from ..session.markdown import escape_md
from .signed_letter import SignedLetter


def send_step(files: dict, d: Dossier, c: Call, signed: SignedLetter | None) -> None:
    st.subheader(t("signing.email_title"))
    if signed is None or "pdfs" not in files:
        st.info(t("signing.email_waiting"), icon=":material/lock:")
        return
    sent = attachments(
        d, c, files["docs"], files["pdfs"], signed.data, signed.verdict, signed.identity, signed.identity_ext
    )
    signed_by = signer_statement(d, signed.verdict)
    where = {"email": c.submission_email, "subject": escape_md(email_subject(d, c)), "count": len(sent)}
    st.markdown(t("signing.email_intro", **where))
    st.markdown("\n".join(f"1. **{escape_md(f.file_name)}** – {escape_md(f.what)}" for f in sent))
    left, right = st.columns(2)
    left.download_button(
        t("signing.eml"),
        build_eml(d, c, sent, signed_by),
        file_name=eml_name(d, c),
        mime="message/rfc822",
        icon=":material/mail:",
        on_click="ignore",
        key="dl-eml",
        type="primary",
        width="stretch",
    )
    right.link_button(
        t("signing.mailto"),
        mailto_link(d, c, attachment_lines(sent), signed_by),
        icon=":material/open_in_new:",
        width="stretch",
    )
    st.caption(t("signing.eml_note"))
    names = ", ".join(f"**{escape_md(f.file_name)}**" for f in sent)
    st.warning(t("signing.mailto_attach", count=len(sent), files=names), icon=":material/attach_file:")
    with st.expander(t("signing.webmail_title"), icon=":material/language:"):
        st.markdown(t("signing.webmail", **where))
        for i, f in enumerate(sent):
            st.download_button(
                t("signing.download_file", name=escape_md(f.file_name)),
                f.data,
                file_name=f.file_name,
                mime=f.mime,
                icon=":material/attach_file:",
                on_click="ignore",
                key=f"send-file-{i}",
                width="stretch",
            )
    record = submission_record(d, c, sent, signed.verdict, files["fingerprint"], datetime.now(UTC))
    st.download_button(
        t("signing.record"),
        record.encode(),
        file_name=record_name(d, c),
        mime="text/plain",
        icon=":material/receipt_long:",
        on_click="ignore",
        key="dl-record",
        width="stretch",
    )
    st.caption(t("signing.record_note"))
