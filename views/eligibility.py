"""Eligibility: single municipality or union with a lead; Piedmont; the two commitments.

The form is one fragment that also draws the sidebar's step list: each of its fields can
turn a status (a ticked commitment completes the step), and the fragment's own rerun shows
it without rerunning the whole app (components/session/fragments.py, decisions/0015)."""

import streamlit as st

from components.page_parts.findings import error_summary, message
from components.page_parts.page import page_top
from components.page_parts.progress import step_list
from components.session.fragments import fragment
from components.session.i18n import lang, t
from components.session.markdown import escape_md
from components.session.state import call, dossier, update
from components.session.steps import back_next, pages
from components.widgets import fields
from components.widgets.municipality_picker import FOLLOW, members_picker, municipality_picker
from dossier.checks import follow_change
from dossier.eligibility import ineligible
from dossier.paths import get_path

c = call()
page_top()
st.title(t("steps.eligibility"))


def _apply_follow(changes: dict[str, str], new: str) -> None:
    for path, value in changes.items():
        update(path, value)
    st.session_state.pop(FOLLOW, None)
    st.session_state["flash_success"] = t("follow.updated", new=new)


@fragment(draws_step_list=True)
def _form() -> None:
    error_summary("eligibility")
    st.markdown(t("eligibility.intro", region=c.region.get(lang())))

    kind = fields.choice(
        "eligibility.kind",
        t("eligibility.kind"),
        {"municipality": t("eligibility.kind_municipality"), "union": t("eligibility.kind_union")},
        help=t("eligibility.kind_help"),
    )

    if kind == "municipality":
        municipality_picker("eligibility.municipality", t("eligibility.municipality"))
    elif kind == "union":
        fields.text(
            "eligibility.union_name",
            t("eligibility.union_name"),
            help=t("eligibility.union_name_help"),
            placeholder=t("placeholders.union_name"),
        )
        members_picker()

    # The municipality (or lead) changed: offer to update the answers derived from the old one.
    if FOLLOW in st.session_state:
        old, new = st.session_state[FOLLOW]
        changes = follow_change(dossier(), old, new)
        if changes:
            with st.container(border=True):
                st.markdown(t("follow.offer", old=escape_md(old), new=escape_md(new)))
                st.markdown(
                    "\n".join(
                        f"- {escape_md(get_path(dossier(), path))} → {escape_md(value)}"
                        for path, value in changes.items()
                    )
                )
                st.button(
                    t("follow.update", new=new),
                    key="follow-update",
                    icon=":material/sync:",
                    on_click=_apply_follow,
                    args=(changes, new),
                )

    st.subheader(t("eligibility.commitments"))
    fields.checkbox("eligibility.action_plan", t("eligibility.action_plan"), help=t("eligibility.action_plan_help"))
    if c.needs_officer:
        fields.checkbox(
            "eligibility.officer_available",
            t("eligibility.officer_available"),
            help=t("eligibility.officer_available_help"),
        )

    blocking = ineligible(dossier(), c)
    if blocking:
        st.error(
            t("eligibility.not_eligible") + "\n\n" + "\n".join(f"- {message(f)}" for f in blocking),
            icon=":material/block:",
        )
    step_list(pages())  # last: the statuses after whatever this run changed


_form()
back_next("eligibility")
