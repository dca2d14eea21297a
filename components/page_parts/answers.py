"""Every answer of a step as (label, value) rows, and the Review's text of them."""

from __future__ import annotations

import streamlit as st

from dossier.calls import Call
from dossier.documents import context
from dossier.models import CEFR_SKILLS, Dossier

from ..browser.a11y import in_language
from ..session.i18n import lang, long_date, number, percent, period, t
from ..session.markdown import escape_md
from ..session.steps import go

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


# Besides the free texts the English check reads: answers the documents print as typed, in
# English (names asked for in English, a CV entry's role and activities, the commitments).
_ENTRIES = ("officer.experience.", "officer.education.")
_ENGLISH = ("applicant.official_name", "eligibility.union_name", "letter.commitments.", *_ENTRIES)


def is_english(path: str, texts: set[str]) -> bool:
    """Whether the answer at `path` is written in English (it is marked so on Italian pages)."""
    return path in texts or path.startswith(_ENGLISH)


def rows(step: str, d: Dossier, call: Call) -> list[tuple[str, str, str]]:
    """(label, value, path of the field that edits it) for every answer of the step."""
    e, a, o = d.eligibility, d.applicant, d.officer
    if step == "eligibility":
        out = [(t("eligibility.kind"), t(f"eligibility.kind_{e.kind}") if e.kind else "", "eligibility.kind")]
        if e.kind == "union":
            out += [
                (t("eligibility.union_name"), e.union_name, "eligibility.union_name"),
                (
                    t("eligibility.members"),
                    ", ".join(f"{m.name} ({m.province})" for m in e.members),
                    "eligibility.members",
                ),
                (t("eligibility.lead"), e.lead, "eligibility.lead"),
            ]
        else:
            out.append(
                (
                    t("eligibility.municipality"),
                    f"{e.municipality.name} ({e.municipality.province})" if e.municipality.name else "",
                    "eligibility.municipality",
                )
            )
        return [
            *out,
            (t("eligibility.action_plan"), t("review.yes") if e.action_plan else "", "eligibility.action_plan"),
            (
                t("eligibility.officer_available"),
                t("review.yes") if e.officer_available else "",
                "eligibility.officer_available",
            ),
        ]
    if step == "applicant":
        out = [
            (t(f"applicant.{name}"), getattr(a, name), f"applicant.{name}")
            for name in ("official_name", "address", "pec", "email", "phone", "website")
        ]
        out += [
            (t(f"applicant.{name}"), "" if getattr(a, name) is None else number(getattr(a, name)), f"applicant.{name}")
            for name in ("population", "foreign_residents")
        ]
        out.append(
            (
                t("review.share"),
                "" if a.foreign_percent is None else percent(a.foreign_percent),
                "applicant.foreign_residents",
            )
        )
        out.append((t("applicant.countries_of_origin"), a.countries_of_origin, "applicant.countries_of_origin"))
        out += [
            (
                t("applicant.member_population", name=m.name),
                "" if m.population is None else number(m.population),
                f"eligibility.members.{i}.population",
            )
            for i, m in enumerate(e.members if e.kind == "union" else [])
        ]
        return out
    if step == "needs":
        community = call.community(d.needs.community)
        out = [(t("needs.community"), community.label.get(lang()) if community else "", "needs.community")]
        return out + [
            (q.label.get(lang()), d.needs.answers.get(q.id, ""), f"needs.answers.{q.id}") for q in call.questions
        ]
    if step == "officer":
        out = [
            (t(f"officer.{name}"), getattr(o, name), f"officer.{name}")
            for name in ("first_name", "last_name", "role", "department", "email", "phone")
        ]
        out += [
            (
                f"{t('officer.experience_entry')} {i}",
                "\n".join(filter(None, [period(x.start, x.end), f"{x.position} – {x.employer}", x.activities])),
                f"officer.experience.{i - 1}",
            )
            for i, x in enumerate(o.experience, 1)
        ]
        out += [
            (
                f"{t('officer.education_entry')} {i}",
                "\n".join(filter(None, [period(x.start, x.end), f"{x.title} – {x.institution}", x.details])),
                f"officer.education.{i - 1}",
            )
            for i, x in enumerate(o.education, 1)
        ]
        out.append((t("officer.mother_tongue"), o.mother_tongue, "officer.mother_tongue"))
        out += [
            (
                lang_.language or t("officer.language"),
                " · ".join(f"{t(f'cefr.{s}')} {getattr(lang_, s) or '–'}" for s in CEFR_SKILLS),
                f"officer.languages.{i}",
            )
            for i, lang_ in enumerate(o.languages)
        ]
        out += [
            (t(f"officer.{name}"), getattr(o, name), f"officer.{name}")
            for name in ("digital_skills", "other_skills", "relevant_experience")
        ]
        return [*out, (t("officer.consent_title"), t("review.yes") if o.data_consent else "", "officer.data_consent")]
    if step == "letter":
        ctx = context(d, call)
        first = f"letter.commitments.{call.commitments[0].id}" if call.commitments else "letter.signatory_role"
        return [
            (
                t("letter.signatory_role"),
                t(f"letter.role_{d.letter.signatory_role}") if d.letter.signatory_role else "",
                "letter.signatory_role",
            ),
            (t("letter.signatory_name"), d.letter.signatory_name, "letter.signatory_name"),
            (t("letter.place"), d.letter.place, "letter.place"),
            (t("letter.signed_on"), long_date(d.letter.signed_on), "letter.signed_on"),
            (t("letter.commitments"), "\n".join(f"– {c}" for c in ctx["letter"]["commitments"]), first),
        ]
    return []


def show_answers(step: str, items: list[tuple[str, str, str]], to_fill: set[str], english: set[str]) -> None:
    """Every answer of the step in ONE Markdown (a delta each costs the browser more than the
    text in it: decision 0039), then ONE "Change" to the step. Labels are ours; values are
    the user's, escaped and with their line breaks kept, marked English where they are
    (`is_english`; `english`: the paths of `dossier_texts`). An empty answer is "to fill in"
    where a rule asks for it, else "not given"."""
    answers = []
    for label, value, path in items:
        if value:
            lines = [escape_md(line) for line in value.split("\n")]
            if is_english(path, english):
                # A CV entry starts with its period, in the interface's words ("03/2014 – in corso").
                first = 1 if path.startswith(_ENTRIES) else 0
                lines = lines[:first] + [in_language(line, "en") for line in lines[first:]]
            shown = "  \n".join(lines)
        else:
            shown = f":red[**{t('answers.to_fill')}**]" if path in to_fill else f"*{t('answers.not_given')}*"
        answers.append(f"**{escape_md(label)}**  \n{shown}")
    st.markdown("\n\n".join(answers), unsafe_allow_html=True)  # user text escaped
    # Named "Modifica: <step>" by the page script (components/browser/aria.py); the step's
    # heading takes the focus there, as after any step change (decision 0039).
    st.button(t("answers.edit"), key=f"edit-{step}", icon=":material/edit:", on_click=go, args=(step,))
