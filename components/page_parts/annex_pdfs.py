"""The annexes as PDF, shown in the page: what the Mayor signs with a digital signature.

Converting takes LibreOffice a few seconds, so it runs when the user asks, once per
version of the answers; the PDFs live in this session only, next to the built DOCX.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dossier.pdf import PDF_MIME, PdfError, soffice_path, to_pdfs

from ..session.i18n import t

PDF_PREVIEW_HEIGHT = 640


def _convert(files: dict) -> None:
    """The user's place in the converter's queue is said while they wait (redrawn about
    once a second: each redraw also lets Streamlit stop the wait of a user who left)."""
    place = st.empty()
    ctx = get_script_run_ctx()
    try:
        # PDF/A-2b: the archival PDF Italian offices keep in their records; signs as PAdES like any PDF.
        files["pdfs"] = to_pdfs(
            {doc.annex_id: doc.data for doc in files["docs"]},
            pdfa=True,
            owner=ctx.session_id if ctx else None,
            on_wait=lambda ahead: place.info(t("limits.pdf_queue", ahead=ahead), icon=":material/hourglass_top:"),
        )
    except PdfError as err:
        files["pdf_problem"] = err.reason
    place.empty()


def annex_pdfs(files: dict) -> None:
    """`files`: the session's built documents (views/documents.py), PDFs are added to it."""
    st.subheader(t("documents.pdf_title"))
    if soffice_path() is None:
        st.info(t("documents.pdf_unavailable"), icon=":material/info:")
        return
    if "pdfs" not in files:
        ask = st.empty()  # the offer goes once the PDFs are there, in this same run
        with ask.container():
            st.caption(t("documents.pdf_intro"))
            if st.button(t("documents.pdf_make"), icon=":material/picture_as_pdf:", key="pdf-make"):
                with st.spinner(t("documents.pdf_working")):
                    files.pop("pdf_problem", None)
                    _convert(files)
            if "pdf_problem" in files:
                st.error(t(f"documents.pdf_problem_{files['pdf_problem']}"), icon=":material/error:")
        if "pdfs" not in files:
            return
        ask.empty()
    st.caption(t("documents.pdf_ready"))
    tabs = st.tabs([t("documents.annex_tab", number=doc.number) for doc in files["docs"]])
    for tab, doc in zip(tabs, files["docs"], strict=True):
        with tab:
            st.download_button(
                t("documents.download_pdf", title=doc.title),
                files["pdfs"][doc.annex_id],
                file_name=doc.pdf_file_name,
                mime=PDF_MIME,
                icon=":material/picture_as_pdf:",
                on_click="ignore",
                key=f"pdf-{doc.annex_id}",
                width="stretch",
            )
            st.pdf(files["pdfs"][doc.annex_id], height=PDF_PREVIEW_HEIGHT, key=f"pdf-view-{doc.annex_id}")
