"""Applicant: official name, contacts, population and foreign residents."""

import streamlit as st

from components.page_parts.findings import at_field, error_summary
from components.page_parts.page import page_top
from components.session.fragments import fragment
from components.session.i18n import number, percent, t
from components.session.markdown import escape_md
from components.session.state import call, dossier, update
from components.session.steps import back_next
from components.widgets import fields
from dossier.checks import population
from dossier.documents import applicant_name

c = call()
d = dossier()
page_top()
st.title(t("steps.applicant"))
error_summary("applicant")
st.markdown(t("applicant.intro"))

if not d.applicant.official_name and applicant_name(d):
    update("applicant.official_name", applicant_name(d))  # a sensible English default to edit


def contacts() -> None:
    """Name and contacts: they change nothing else on the page, so they rerun alone."""
    fields.text(
        "applicant.official_name",
        t("applicant.official_name"),
        help=t("applicant.official_name_help"),
        purpose="organization",
    )
    fields.text(
        "applicant.address",
        t("applicant.address"),
        help=t("applicant.address_help"),
        placeholder=t("placeholders.address"),
        purpose="street-address",
    )
    # One row of columns per pair of fields, so that the page, and Tab, go in reading order.
    left, right = st.columns(2)
    with left:
        fields.text("applicant.pec", t("applicant.pec"), help=t("applicant.pec_help"))
    with right:
        fields.text(
            "applicant.email",
            t("applicant.email"),
            help=t("applicant.email_help", organiser=c.organiser),
            purpose="email",
        )
    left, right = st.columns(2)
    with left:
        fields.text("applicant.phone", t("applicant.phone"), help=t("applicant.phone_help"), purpose="tel")
    with right:
        fields.text("applicant.website", t("applicant.website"), help=t("applicant.website_help"), purpose="url")


fragment(contacts)()

st.subheader(t("applicant.population_title"))
union = d.eligibility.kind == "union"
if union:
    # Each member's residents are entered once; the union's total is their sum, never typed.
    if not d.eligibility.members:
        st.info(t("applicant.no_members"), icon=":material/info:")
    for i, m in enumerate(d.eligibility.members):
        fields.number(
            f"eligibility.members.{i}.population",
            t("applicant.member_population", name=escape_md(m.name)),
            help=t("applicant.member_population_help"),
        )
    if d.applicant.population != population(d):
        update("applicant.population", population(d))
    at_field("applicant.population")
    if population(d) is not None:
        st.markdown(t("population.union_total", total=number(population(d))))
    fields.number(
        "applicant.foreign_residents", t("applicant.foreign_residents"), help=t("applicant.foreign_residents_help")
    )
else:
    left, right = st.columns(2)
    with left:
        fields.number("applicant.population", t("applicant.population"), help=t("applicant.population_help"))
    with right:
        fields.number(
            "applicant.foreign_residents", t("applicant.foreign_residents"), help=t("applicant.foreign_residents_help")
        )
if d.applicant.foreign_percent is not None:
    st.caption(t("applicant.share", share=percent(d.applicant.foreign_percent)))
size = c.size_category(population(d))
if size:
    preferred = size in c.preferred_sizes
    (st.info if preferred else st.warning)(
        t(f"applicant.size_{size}", small=number(c.small_max), medium=number(c.medium_max))
        + " "
        + t("applicant.size_preferred" if preferred else "applicant.size_not_preferred"),
        icon=":material/groups:",
    )
fields.text(
    "applicant.countries_of_origin",
    t("applicant.countries_of_origin"),
    help=t("applicant.countries_of_origin_help"),
    placeholder=t("placeholders.countries"),
)

back_next("applicant")
