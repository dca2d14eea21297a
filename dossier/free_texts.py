"""The free texts of a Dossier that the documents print in English, which the English
check reads. Apart from the check itself (dossier/english), so that the sidebar can tell
that a blank form has nothing to check without loading it."""

from __future__ import annotations

from .calls import Call
from .models import Dossier


def dossier_texts(d: Dossier, call: Call) -> dict[str, str]:
    """Every free text of `d` that the documents print in English, by dotted path.

    Short answers are in: countries of origin, the mother tongue and each language are
    often written in Italian ("Marocco, Cina", "Italiano"). Left out on purpose: names of
    people, municipalities, unions, employers and schools (proper names stay as they are),
    addresses, e-mails, phones, URLs, dates and numbers.
    """
    o = d.officer
    out: dict[str, str] = {"applicant.countries_of_origin": d.applicant.countries_of_origin}
    for q in call.questions:
        out[f"needs.answers.{q.id}"] = d.needs.answers.get(q.id, "")
    out["officer.role"] = o.role
    out["officer.department"] = o.department
    for i, job in enumerate(o.experience):
        out[f"officer.experience.{i}.position"] = job.position
        out[f"officer.experience.{i}.activities"] = job.activities
    for i, course in enumerate(o.education):
        out[f"officer.education.{i}.title"] = course.title
        out[f"officer.education.{i}.details"] = course.details
    out["officer.mother_tongue"] = o.mother_tongue
    for i, known in enumerate(o.languages):
        out[f"officer.languages.{i}.language"] = known.language
    out["officer.digital_skills"] = o.digital_skills
    out["officer.other_skills"] = o.other_skills
    out["officer.relevant_experience"] = o.relevant_experience
    return out
