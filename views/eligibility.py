"""Eligibility: single municipality or union with a lead; Piedmont; the two commitments."""

import streamlit as st

from components import fields
from components.findings import message, step_summary
from components.i18n import lang, t
from components.municipality_picker import members_picker, municipality_picker
from components.page import page_top
from components.state import call, dossier
from components.steps import back_next
from dossier.eligibility import eligibility_findings, ineligible

c = call()
page_top()
st.title(t("steps.eligibility"))
st.markdown(t("eligibility.intro", region=c.region.get(lang())))

kind = fields.choice("eligibility.kind", t("eligibility.kind"),
                     {"municipality": t("eligibility.kind_municipality"), "union": t("eligibility.kind_union")},
                     help=t("eligibility.kind_help"))

if kind == "municipality":
    municipality_picker("eligibility.municipality", t("eligibility.municipality"))
elif kind == "union":
    fields.text("eligibility.union_name", t("eligibility.union_name"), help=t("eligibility.union_name_help"),
                placeholder=t("eligibility.union_name_placeholder"))
    members_picker()

st.subheader(t("eligibility.commitments"))
fields.checkbox("eligibility.action_plan", t("eligibility.action_plan"), help=t("eligibility.action_plan_help"))
if c.needs_officer:
    fields.checkbox("eligibility.officer_available", t("eligibility.officer_available"),
                    help=t("eligibility.officer_available_help"))

d = dossier()
blocking = ineligible(d, c)
if blocking:
    st.error(t("eligibility.not_eligible"), icon=":material/block:")
    st.markdown("\n".join(f"- {message(f)}" for f in blocking))
elif kind:
    step_summary("eligibility", eligibility_findings(d, c))

back_next("eligibility")
