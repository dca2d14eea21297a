"""Every answer of a step as (label, value) rows, for the Review step."""

from __future__ import annotations

import streamlit as st

from dossier.calls import Call
from dossier.documents import context, long_date
from dossier.models import CEFR_SKILLS, Dossier

from .findings import escape_md
from .i18n import lang, percent, period, t


# Which annexes print the answers of each step.
STEP_ANNEXES = {
    "eligibility": ("letter", "needs"),
    "applicant": ("letter", "needs"),
    "needs": ("needs",),
    "officer": ("cv", "letter"),
    "letter": ("letter",),
}


def annex_titles(step: str, call: Call) -> list[str]:
    return [a.title for a in call.annexes if a.id in STEP_ANNEXES[step]]


def rows(step: str, d: Dossier, call: Call) -> list[tuple[str, str]]:
    e, a, o = d.eligibility, d.applicant, d.officer
    if step == "eligibility":
        out = [(t("eligibility.kind"), t(f"eligibility.kind_{e.kind}") if e.kind else "")]
        if e.kind == "union":
            out += [(t("eligibility.union_name"), e.union_name),
                    (t("eligibility.members"), ", ".join(f"{m.name} ({m.province})" for m in e.members)),
                    (t("eligibility.lead"), e.lead)]
        else:
            out.append((t("eligibility.municipality"),
                        f"{e.municipality.name} ({e.municipality.province})" if e.municipality.name else ""))
        return out + [(t("eligibility.action_plan"), t("review.yes") if e.action_plan else ""),
                      (t("eligibility.officer_available"), t("review.yes") if e.officer_available else "")]
    if step == "applicant":
        out = [(t(f"applicant.{name}"), str(getattr(a, name) or "")) for name in
               ("official_name", "address", "pec", "email", "phone", "website", "population", "foreign_residents")]
        out.append((t("review.share"), "" if a.foreign_percent is None else percent(a.foreign_percent)))
        out.append((t("applicant.countries_of_origin"), a.countries_of_origin))
        out += [(t("applicant.member_population", name=m.name), str(m.population or ""))
                for m in (e.members if e.kind == "union" else [])]
        return out
    if step == "needs":
        community = call.community(d.needs.community)
        out = [(t("needs.community"), community.label.get(lang()) if community else "")]
        return out + [(q.label.get(lang()), d.needs.answers.get(q.id, "")) for q in call.questions]
    if step == "officer":
        out = [(t(f"officer.{name}"), getattr(o, name)) for name in
               ("first_name", "last_name", "role", "department", "email", "phone")]
        out += [(f"{t('officer.experience_entry')} {i}", "\n".join(filter(None, [
            period(x.start, x.end), f"{x.position} – {x.employer}", x.activities]))) for i, x in enumerate(o.experience, 1)]
        out += [(f"{t('officer.education_entry')} {i}", "\n".join(filter(None, [
            period(x.start, x.end), f"{x.title} – {x.institution}", x.details]))) for i, x in enumerate(o.education, 1)]
        out.append((t("officer.mother_tongue"), o.mother_tongue))
        out += [(lang_.language or t("officer.language"), " · ".join(
            f"{t(f'cefr.{s}')} {getattr(lang_, s) or '–'}" for s in CEFR_SKILLS)) for lang_ in o.languages]
        out += [(t(f"officer.{name}"), getattr(o, name)) for name in
                ("digital_skills", "other_skills", "relevant_experience")]
        return out + [(t("officer.consent_title"), t("review.yes") if o.data_consent else "")]
    if step == "letter":
        ctx = context(d, call)
        return [(t("letter.signatory_role"), t(f"letter.role_{d.letter.signatory_role}") if d.letter.signatory_role else ""),
                (t("letter.signatory_name"), d.letter.signatory_name),
                (t("letter.place"), d.letter.place),
                (t("letter.signed_on"), long_date(d.letter.signed_on)),
                (t("letter.commitments"), "\n".join(f"– {c}" for c in ctx["letter"]["commitments"]))]
    return []


def show_rows(items: list[tuple[str, str]]) -> None:
    """Labels are ours; values are the user's, escaped and with their line breaks kept."""
    for label, value in items:
        shown = "  \n".join(escape_md(line) for line in value.split("\n")) if value else f"*{t('review.empty')}*"
        st.markdown(f"**{escape_md(label)}**  \n{shown}")
