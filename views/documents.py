"""Documents: the annexes, then sign and send (PDFs, signed letter, check, email), once
nothing required is missing."""

import hashlib
from textwrap import shorten
from zoneinfo import ZoneInfo

import streamlit as st

from components.page_parts.annex_pdfs import annex_pdfs
from components.page_parts.english_check import check_state, field_label
from components.page_parts.findings import step_summary
from components.page_parts.page import page_top
from components.page_parts.send import send_step
from components.page_parts.signed_letter import sign_step, upload_and_check
from components.session.fragments import fragment
from components.session.i18n import t
from components.session.jump import rows_box
from components.session.letter_ready import mark_ready
from components.session.markdown import escape_md
from components.session.state import call, dossier, find_problems
from components.session.steps import back_next, page_file
from dossier.documents import (
    DOCX_MIME,
    build_documents,
    build_zip,
    email_subject,
    letter_fingerprint_of,
    zip_name,
)
from dossier.drafts import to_json
from dossier.eligibility import is_ready
from dossier.fingerprint import answers_fingerprint
from dossier.submission import letter_annex

c = call()
d = dossier()
page_top()
st.title(t("steps.documents"))


def what_is_missing(problems, not_english) -> None:
    st.warning(t("documents.not_ready"), icon=":material/lock:")
    for step, found in problems.items():
        if found:
            with rows_box(f"documents-{step}"):
                st.markdown(f"#### {t(f'steps.{step}')}")
                step_summary(step, found, link=True)
    if not_english:
        st.markdown(f"#### {t('steps.english')}")
        items = [
            t(
                "english.pending_item" if r.verdict == "not_english" else "english.unchecked_item",
                field=field_label(path),
                sentence=escape_md(shorten(r.sentence, 90, placeholder=" …")),
            )
            for path, r in not_english
        ]
        st.markdown("\n".join(f"- {item}" for item in items))
        st.page_link(page_file("english"), label=t("findings.fix", step=t("steps.english")), icon=":material/edit:")


def built() -> dict:
    """The files for the current answers, made again only when an answer changed (per
    session); each DOCX and the ZIP are made at their first download or use."""
    digest = hashlib.sha256(to_json(d).encode()).hexdigest()
    cached = st.session_state.get("built")
    if not cached or cached["digest"] != digest:
        cached = {
            "digest": digest,
            "docs": build_documents(d, c),
            "fingerprint": answers_fingerprint(d),
            "letter_fingerprint": letter_fingerprint_of(d, c),
        }
        st.session_state["built"] = cached
    return cached


def the_zip(files: dict) -> bytes:
    if "zip" not in files:
        files["zip"] = build_zip(files["docs"])
    return files["zip"]


def sign_and_send(files: dict) -> None:
    sign_step(files, d, letter_annex(c))
    signed = upload_and_check(files, d, ZoneInfo(c.timezone))
    send_step(files, d, c, signed)
    mark_ready(files["letter_fingerprint"] if signed else None)


def downloads() -> None:
    files = built()
    st.success(t("documents.ready"), icon=":material/task_alt:")
    st.subheader(t("documents.annexes"))
    st.caption(t("documents.annexes_note"))
    for doc in files["docs"]:
        st.download_button(
            t("documents.download_docx", title=doc.title),
            lambda doc=doc: doc.data,  # made when clicked (a callable is deferred)
            file_name=doc.file_name,
            mime=DOCX_MIME,
            icon=":material/description:",
            on_click="ignore",
            key=f"dl-{doc.annex_id}",
            width="stretch",
        )
    st.download_button(
        t("documents.zip"),
        lambda: the_zip(files),
        file_name=zip_name(d, c),
        mime="application/zip",
        icon=":material/folder_zip:",
        on_click="ignore",
        key="dl-zip",
        width="stretch",
    )
    annex_pdfs(files)
    # The route, the uploads and the confirmations rerun this part alone; an accepted (or
    # no longer accepted) letter turns the sidebar's status, and the app reruns (fragments.py).
    fragment(sign_and_send)(files)

    st.subheader(t("documents.next_title"))
    letter = next(a for a in c.annexes if a.id == letter_annex(c))
    steps = [
        t("documents.next_read"),
        t("documents.next_pdf"),
        t("documents.next_sign", annex=letter.title),
        t("documents.next_upload"),
        t(
            "documents.next_send",
            email=c.submission_email,
            subject=escape_md(email_subject(d, c)),
            deadline=c.deadline_local.strftime("%d/%m/%Y %H:%M"),
        ),
        t("documents.next_keep"),
    ]
    st.markdown("\n".join(f"{i}. {step}" for i, step in enumerate(steps, start=1)))


not_english = check_state().blocking  # a sentence not checked yet is never taken for English
problems = find_problems()
if is_ready(d, c, problems) and not not_english:
    downloads()
else:
    what_is_missing(problems, not_english)
back_next("documents")
