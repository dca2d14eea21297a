"""The sidebar's draft panel: download the draft, load one, delete it from this browser."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dossier.documents import applicant_name, safe_filename, short_applicant
from dossier.drafts import MAX_DRAFT_BYTES, DraftError, check_answers, from_json, to_json

from ..browser.a11y import hint
from ..browser.autosave import forget_browser_draft, problem_text
from ..session.i18n import lang, t
from ..session.markdown import escape_md
from ..session.state import available_calls, call, call_pack, dossier, replace_dossier
from ..streamlit_patches.upload_guard import SERVER_MAX_MB

PANEL = "draft-panel"  # the panel's widget: open (True) or folded
OPEN = "draft_panel_open"  # the same, kept from page to page (a widget's own state is dropped)
PENDING = "draft_pending"  # a good draft file waiting for the user to confirm the replacement


def _load_uploaded() -> None:
    """Replace the Dossier with the uploaded draft, or say what is wrong and change nothing."""
    upload = st.session_state.get("draft_upload")
    if upload is None:
        return
    try:
        new = from_json(upload.getvalue()[: MAX_DRAFT_BYTES + 1])
        if new.call_id not in available_calls():
            st.session_state["flash"] = t("drafts.refused") + "\n\n- " + t("drafts.problem_unknown_call")
            return
        check_answers(new, call_pack(new.call_id))
    except DraftError as err:
        lines = "\n".join(f"- {problem_text(p)}" for p in err.problems[:12])
        st.session_state["flash"] = t("drafts.refused") + "\n\n" + lines
        return
    if dossier().is_blank():
        _replace(new)
    else:
        st.session_state[PENDING] = new


def _replace(new) -> None:
    st.session_state.pop(PENDING, None)
    replace_dossier(new)
    st.session_state["flash_success"] = t("drafts.loaded")


def _keep_current() -> None:
    st.session_state.pop(PENDING, None)


def _confirm_dialog(new) -> None:
    # Decorated here, in the user's language: the dialog is named by its title (an empty
    # title left it without a name for screen readers).
    st.dialog(t("drafts.replace_title"), dismissible=False, width="medium")(_confirm_body)(new)


def _confirm_body(new) -> None:
    st.markdown(
        t(
            "drafts.replace",
            current=escape_md(applicant_name(dossier())) or t("drafts.unnamed"),
            new=escape_md(applicant_name(new)) or t("drafts.unnamed"),
        )
    )
    left, right = st.columns(2)
    if left.button(
        t("drafts.replace_yes"), type="primary", icon=":material/upload_file:", key="draft-replace", width="stretch"
    ):
        _replace(new)
        st.rerun()
    if right.button(t("drafts.replace_no"), icon=":material/undo:", key="draft-keep", width="stretch"):
        _keep_current()
        st.rerun()


def draft_panel(d) -> None:
    """Folded, and drawn only while open (a stateful expander reruns when it opens): its
    seven elements, sent on every rerun of every page, cost ~2 ms of server CPU each time
    (docs/performance-history.md, issue 15, third pass)."""
    st.session_state[PANEL] = st.session_state.get(OPEN, False)
    panel = st.expander(t("drafts.title"), icon=":material/save:", key=PANEL, on_change=_remember_panel)
    if panel.open:
        with panel:
            _panel_body(d)
    if PENDING in st.session_state:
        _confirm_dialog(st.session_state[PENDING])


def _remember_panel() -> None:
    st.session_state[OPEN] = st.session_state[PANEL]


def _panel_body(d) -> None:
    st.caption(t("drafts.autosave_note"))
    name = safe_filename(f"{call().short_name}_draft_{short_applicant(d) or 'new'}_{date.today():%Y-%m-%d}.json")
    # Serialised when clicked, not on every rerun of every page (a callable is deferred).
    st.download_button(
        t("drafts.download"),
        lambda: to_json(d),
        file_name=name,
        mime="application/json",
        icon=":material/download:",
        on_click="ignore",
        key="draft-download",
        width="stretch",
    )
    if lang() == "it":  # the uploader's own words are English, with no option to change them
        st.caption(t("hints.upload"))
    st.file_uploader(
        t("drafts.upload"),
        type=["json"],
        key="draft_upload",
        on_change=_load_uploaded,
        max_upload_size=SERVER_MAX_MB,  # over MAX_DRAFT_BYTES: refused by from_json, in words
    )
    hint(t("drafts.upload_help"))
    with st.popover(
        t("drafts.delete"), icon=":material/delete_forever:", help=t("drafts.delete_help"), width="stretch"
    ):
        st.warning(t("drafts.delete_confirm"), icon=":material/warning:")
        st.button(t("drafts.delete_yes"), key="draft-delete", type="primary", on_click=forget_browser_draft)
