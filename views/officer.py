"""Officer and CV (Annex 3), Europass-like."""

import streamlit as st

from components.page_parts.findings import at_field, error_summary
from components.page_parts.page import page_top
from components.session.fragments import fragment
from components.session.i18n import period, t
from components.session.state import call
from components.session.steps import back_next
from components.widgets import fields
from components.widgets.cefr import cefr_row
from components.widgets.entries import entry_list
from dossier.models import (
    CEFR_SKILLS,
    MAX_DESCRIPTION,
    MAX_EDUCATION,
    MAX_EXPERIENCE,
    MAX_LANGUAGES,
    MAX_SKILLS,
    Education,
    Experience,
    LanguageSkill,
)

page_top()
st.title(t("steps.officer"))
error_summary("officer")
st.markdown(t("officer.intro"))


def personal() -> None:
    st.subheader(t("officer.personal"))
    # One row of columns per pair of fields, so that the page, and Tab, go in reading order.
    left, right = st.columns(2)
    with left:
        fields.text(
            "officer.first_name", t("officer.first_name"), help=t("officer.first_name_help"), purpose="given-name"
        )
    with right:
        fields.text(
            "officer.last_name", t("officer.last_name"), help=t("officer.last_name_help"), purpose="family-name"
        )
    left, right = st.columns(2)
    with left:
        fields.text(
            "officer.role",
            t("officer.role"),
            help=t("officer.role_help"),
            placeholder=t("placeholders.role"),
            purpose="organization-title",
        )
    with right:
        fields.text("officer.department", t("officer.department"), help=t("officer.department_help"))
    left, right = st.columns(2)
    with left:
        fields.text("officer.email", t("officer.email"), help=t("officer.email_help"), purpose="email")
    with right:
        fields.text("officer.phone", t("officer.phone"), help=t("officer.phone_help"), purpose="tel")


# A change in these fields reruns this block alone (components/session/fragments.py), not the CV.
fragment(personal)()


def period_fields(path: str, start_label: str) -> None:
    left, right = st.columns(2)
    with left:
        fields.day(f"{path}.start", start_label, help=t("officer.start_help"))
    with right:
        fields.day(f"{path}.end", t("officer.end"), help=t("officer.end_help"))


def experience_body(path: str) -> None:
    at_field(path)
    # What and where first, as in the Europass editor: the field the focus goes to on opening.
    fields.text(
        f"{path}.position",
        t("officer.position"),
        help=t("officer.position_help"),
        placeholder=t("placeholders.position"),
    )
    fields.text(
        f"{path}.employer",
        t("officer.employer"),
        help=t("officer.employer_help"),
        placeholder=t("placeholders.employer"),
    )
    period_fields(path, t("officer.start"))
    fields.area(
        f"{path}.activities",
        t("officer.activities"),
        help=t("officer.activities_help"),
        height=100,
        max_chars=MAX_DESCRIPTION,
    )


def education_body(path: str) -> None:
    at_field(path)
    fields.text(f"{path}.title", t("officer.title"), help=t("officer.title_help"), placeholder=t("placeholders.title"))
    fields.text(
        f"{path}.institution",
        t("officer.institution"),
        help=t("officer.institution_help"),
        placeholder=t("placeholders.institution"),
    )
    period_fields(path, t("a11y.start_optional"))  # an education's dates are not required
    fields.area(
        f"{path}.details", t("officer.details"), help=t("officer.details_help"), height=80, max_chars=MAX_DESCRIPTION
    )


def language_body(path: str) -> None:
    at_field(path)
    fields.text(
        f"{path}.language",
        t("officer.language"),
        help=t("officer.language_help"),
        placeholder=t("placeholders.language"),
    )
    cefr_row(path)


def experience(x: Experience) -> tuple[str, str, str]:
    return period(x.start, x.end), ", ".join(filter(None, [x.position, x.employer])), ""


def education(x: Education) -> tuple[str, str, str]:
    return period(x.start, x.end), ", ".join(filter(None, [x.title, x.institution])), ""


def language(x: LanguageSkill) -> tuple[str, str, str]:
    levels = [f"{t(f'cefr.{s}')} {getattr(x, s)}" for s in CEFR_SKILLS if getattr(x, s)]
    return "", x.language, " · ".join(levels)


st.subheader(t("officer.experience"))
st.caption(t("officer.experience_help"))
at_field("officer.experience")
entry_list(
    "officer.experience",
    Experience,
    t("officer.experience_entry"),
    experience,
    experience_body,
    t("officer.add_experience"),
    MAX_EXPERIENCE,
)

st.subheader(t("officer.education"))
at_field("officer.education")
entry_list(
    "officer.education",
    Education,
    t("officer.education_entry"),
    education,
    education_body,
    t("officer.add_education"),
    MAX_EDUCATION,
)

st.subheader(t("officer.languages"))
fields.text(
    "officer.mother_tongue",
    t("officer.mother_tongue"),
    help=t("officer.mother_tongue_help"),
    placeholder=t("placeholders.mother_tongue"),
)
st.caption(t("officer.languages_help"))
at_field("officer.languages")
entry_list(
    "officer.languages",
    LanguageSkill,
    t("officer.language"),
    language,
    language_body,
    t("officer.add_language"),
    MAX_LANGUAGES,
)


def skills() -> None:
    st.subheader(t("officer.skills"))
    for name, height in (("digital_skills", 90), ("other_skills", 90)):
        fields.area(
            f"officer.{name}", t(f"officer.{name}"), help=t(f"officer.{name}_help"), height=height, max_chars=MAX_SKILLS
        )
    fields.area(
        "officer.relevant_experience",
        t("officer.relevant_experience"),
        help=t("officer.relevant_experience_help", organiser=call().organiser),
        height=120,
        max_chars=MAX_SKILLS,
    )


fragment(skills)()

st.subheader(t("officer.consent_title"))
fields.checkbox("officer.data_consent", t("officer.data_consent"), help=t("officer.data_consent_help"))

back_next("officer")
