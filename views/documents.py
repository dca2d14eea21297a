"""Documents: the annexes, the ZIP and the email, once nothing required is missing."""

import hashlib
from textwrap import shorten

import streamlit as st

from components.annex_pdfs import annex_pdfs
from components.english_check import field_label, pending
from components.findings import escape_md, step_summary
from components.i18n import t
from components.page import page_top
from components.state import call, dossier
from components.steps import back_next, page_file
from dossier.documents import (
    DOCX_MIME,
    build_documents,
    build_eml,
    build_zip,
    email_subject,
    eml_name,
    mailto_link,
    zip_name,
)
from dossier.drafts import to_json
from dossier.eligibility import is_ready, missing

c = call()
d = dossier()
page_top()
st.title(t("steps.documents"))


def what_is_missing(not_english) -> None:
    st.warning(t("documents.not_ready"), icon=":material/lock:")
    for step, found in missing(d, c).items():
        if found:
            st.markdown(f"#### {t(f'steps.{step}')}")
            step_summary(step, found, link=True)
    if not_english:
        st.markdown(f"#### {t('steps.english')}")
        items = [t("english.pending_item", field=field_label(path),
                   sentence=escape_md(shorten(r.sentence, 90, placeholder=" …"))) for path, r in not_english]
        st.markdown("\n".join(f"- {item}" for item in items))
        st.page_link(page_file("english"), label=t("findings.fix", step=t("steps.english")), icon=":material/edit:")


def built() -> dict:
    """The files for the current answers, rebuilt only when an answer changed (per session)."""
    digest = hashlib.sha256(to_json(d).encode()).hexdigest()
    cached = st.session_state.get("built")
    if not cached or cached["digest"] != digest:
        docs = build_documents(d, c)
        cached = {"digest": digest, "docs": docs, "zip": build_zip(docs), "eml": build_eml(d, c, docs)}
        st.session_state["built"] = cached
    return cached


def downloads() -> None:
    files = built()
    st.success(t("documents.ready"), icon=":material/task_alt:")
    st.subheader(t("documents.annexes"))
    for doc in files["docs"]:
        st.download_button(t("documents.download_docx", title=doc.title), doc.data, file_name=doc.file_name, mime=DOCX_MIME,
                           icon=":material/description:", on_click="ignore", key=f"dl-{doc.annex_id}",
                           width="stretch")
    st.download_button(t("documents.zip"), files["zip"], file_name=zip_name(d, c), mime="application/zip",
                       icon=":material/folder_zip:", on_click="ignore", key="dl-zip", type="primary",
                       width="stretch")
    annex_pdfs(files)

    st.subheader(t("documents.email_title"))
    st.markdown(t("documents.email_intro", email=c.submission_email, subject=escape_md(email_subject(d, c))))
    left, right = st.columns(2)
    left.download_button(t("documents.eml"), files["eml"], file_name=eml_name(d, c), mime="message/rfc822",
                         icon=":material/mail:", on_click="ignore", key="dl-eml", width="stretch")
    right.link_button(t("documents.mailto"), mailto_link(d, c), icon=":material/open_in_new:", width="stretch")
    st.caption(t("documents.mailto_note"))

    st.subheader(t("documents.next_title"))
    steps = [t("documents.next_read")]
    steps += [t(f"documents.sign_{a.signed_by}", annex=a.title) for a in c.annexes if a.signed_by]
    steps += [t("documents.next_send", email=c.submission_email, subject=escape_md(email_subject(d, c)),
                deadline=c.deadline_local.strftime("%d/%m/%Y %H:%M")), t("documents.next_keep")]
    st.markdown("\n".join(f"{i}. {step}" for i, step in enumerate(steps, start=1)))


not_english = pending()
if is_ready(d, c) and not not_english:
    downloads()
else:
    what_is_missing(not_english)
back_next("documents")
