"""The sidebar's draft panel: download the draft, load one, delete it from this browser."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dossier.documents import safe_filename, short_applicant
from dossier.drafts import MAX_DRAFT_BYTES, DraftError, from_json, to_json

from .autosave import forget_browser_draft
from .i18n import lang, t
from .state import available_calls, call, replace_dossier


def _problem_text(p) -> str:
    where = f" ({p.where})" if p.where else ""
    return t(f"drafts.problem_{p.code}") + where


def _load_uploaded() -> None:
    """Replace the Dossier with the uploaded draft, or say what is wrong and change nothing."""
    upload = st.session_state.get("draft_upload")
    if upload is None:
        return
    try:
        new = from_json(upload.getvalue()[: MAX_DRAFT_BYTES + 1])
    except DraftError as err:
        lines = "\n".join(f"- {_problem_text(p)}" for p in err.problems[:12])
        st.session_state["flash"] = t("drafts.refused") + "\n\n" + lines
        return
    if new.call_id not in available_calls():
        st.session_state["flash"] = t("drafts.refused") + "\n\n- " + t("drafts.problem_unknown_call")
        return
    replace_dossier(new)
    st.session_state["flash_success"] = t("drafts.loaded")


def draft_panel(d) -> None:
    with st.expander(t("drafts.title"), icon=":material/save:"):
        st.caption(t("drafts.autosave_note"))
        name = safe_filename(f"{call().short_name}_draft_{short_applicant(d) or 'new'}_{date.today():%Y-%m-%d}.json")
        # Serialised when clicked, not on every rerun of every page (a callable is deferred).
        st.download_button(t("drafts.download"), lambda: to_json(d), file_name=name, mime="application/json",
                           icon=":material/download:", on_click="ignore", key="draft-download", width="stretch")
        if lang() == "it":  # the uploader's own words are English, with no option to change them
            st.caption(t("hints.upload"))
        st.file_uploader(t("drafts.upload"), type=["json"], key="draft_upload", on_change=_load_uploaded,
                         help=t("drafts.upload_help"), max_upload_size=2)
        with st.popover(t("drafts.delete"), icon=":material/delete_forever:", help=t("drafts.delete_help"),
                        width="stretch"):
            st.warning(t("drafts.delete_confirm"), icon=":material/warning:")
            st.button(t("drafts.delete_yes"), key="draft-delete", type="primary", on_click=forget_browser_draft)
