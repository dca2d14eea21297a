"""Who may apply and what is still missing: pure functions of a Dossier and a Call.

Each problem is a `Finding` with a message code; the UI (and the command line) turn the
code into words through the locale files, so the rules stay free of any language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum

from .calls import Call
from .checks import cross_checks
from .findings import Finding
from .models import CEFR_SKILLS, Dossier, Education, Experience, Municipality
from .municipalities import find, fold
from .text_memo import memoized

STEPS = ("start", "eligibility", "applicant", "needs", "officer", "letter", "english", "review", "documents")
# The steps whose answers make up the dossier (the others only show or produce).
INPUT_STEPS = ("eligibility", "applicant", "needs", "officer", "letter")


def active_steps(call: Call) -> tuple[str, ...]:
    """The steps this call needs: no CV annex, no Officer step; and so on."""
    skip = set()
    if not call.needs_officer:
        skip.add("officer")
    if call.annex("letter") is None:
        skip.add("letter")
    if not call.questions and not call.communities:
        skip.add("needs")
    return tuple(s for s in STEPS if s not in skip)


def input_steps(call: Call) -> tuple[str, ...]:
    return tuple(s for s in active_steps(call) if s in INPUT_STEPS)


# Codes that exclude the applicant, as opposed to answers not given yet.
class Status(str, Enum):
    NOT_STARTED = "not_started"
    INCOMPLETE = "incomplete"
    TO_FIX = "to_fix"  # the user tried to go on and problems remain
    COMPLETE = "complete"


# A number with separators ("2,600", "8.2") is one word, as is "municipality's".
WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’-][^\W_]+)*")


@memoized
def word_count(text: str) -> int:
    return len(WORD.findall(text or ""))


@memoized
def email_ok(address: str) -> bool:
    """An address that works in the To/From header of a plain SMTP message: ASCII only.

    A PEC or municipal mailbox never has an accented or non-Latin address, and one that
    did could not be written in the application email's headers.
    """
    if not address.isascii():
        return False
    # Imported at the first address checked, not with the module: every page imports this
    # one, and a new server's first visitor (a blank form) waits for what it imports.
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError:
        return False
    return True


@memoized
def phone_ok(number: str) -> bool:
    import phonenumbers  # at the first number checked (as email_ok)

    try:
        parsed = phonenumbers.parse(number, "IT")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed)


def members_in_order(d: Dossier) -> list[Municipality]:
    """The union's members with the lead first, as the documents list them."""
    members = d.eligibility.members
    lead = [m for m in members if fold(m.name) == fold(d.eligibility.lead)]
    return lead + [m for m in members if m not in lead]


def lead_municipality(d: Dossier) -> Municipality:
    """The municipality that applies: the single one, or the union's lead."""
    e = d.eligibility
    if e.kind == "union":
        return next((m for m in e.members if fold(m.name) == fold(e.lead)), Municipality(name=e.lead))
    return e.municipality


def _region_problem(m: Municipality, call: Call, code: str, path: str) -> list[Finding]:
    known = find(m.name, m.province)
    if known is None:
        return [Finding("eligibility", path, "unknown_municipality", {"name": m.name})]
    if fold(known.region) != fold(call.eligible_region):
        return [
            Finding("eligibility", path, code, {"name": known.label, "region": known.region, "eligible": call.region})
        ]
    return []


def eligibility_findings(d: Dossier, call: Call) -> list[Finding]:
    e = d.eligibility
    out: list[Finding] = []
    if e.kind is None:
        out.append(Finding("eligibility", "eligibility.kind", "kind"))
    elif e.kind == "municipality":
        if not e.municipality.name.strip():
            out.append(Finding("eligibility", "eligibility.municipality", "municipality"))
        else:
            out += _region_problem(e.municipality, call, "outside_region", "eligibility.municipality")
    else:
        if not e.union_name.strip():
            out.append(Finding("eligibility", "eligibility.union_name", "union_name"))
        if len(e.members) < 2:
            out.append(Finding("eligibility", "eligibility.members", "union_members", {"count": len(e.members)}))
        for m in e.members:  # the picker refuses them; a draft may still hold one (the lead: below)
            if fold(m.name) == fold(e.lead):
                continue
            known = find(m.name, m.province)
            if known is not None and fold(known.region) != fold(call.eligible_region):
                params = {"name": known.label, "region": known.region, "eligible": call.region}
                out.append(Finding("eligibility", "eligibility.members", "member_outside_region", params))
        if not e.lead.strip():
            out.append(Finding("eligibility", "eligibility.lead", "lead"))
        elif not any(fold(m.name) == fold(e.lead) for m in e.members):
            out.append(Finding("eligibility", "eligibility.lead", "lead_not_member", {"lead": e.lead}))
        else:
            out += _region_problem(lead_municipality(d), call, "lead_outside_region", "eligibility.lead")
    if not e.action_plan:
        out.append(Finding("eligibility", "eligibility.action_plan", "no_action_plan"))
    if call.needs_officer and not e.officer_available:
        out.append(Finding("eligibility", "eligibility.officer_available", "no_officer"))
    return out


def applicant_findings(d: Dossier, call: Call) -> list[Finding]:
    a = d.applicant
    out: list[Finding] = []

    def need(value: str, name: str) -> bool:
        if not value.strip():
            out.append(Finding("applicant", f"applicant.{name}", name))
            return False
        return True

    need(a.official_name, "official_name")
    need(a.address, "address")
    if need(a.pec, "pec") and not email_ok(a.pec):
        out.append(Finding("applicant", "applicant.pec", "pec_invalid", {"value": a.pec}))
    if need(a.email, "email") and not email_ok(a.email):
        out.append(Finding("applicant", "applicant.email", "email_invalid", {"value": a.email}))
    if need(a.phone, "phone") and not phone_ok(a.phone):
        out.append(Finding("applicant", "applicant.phone", "phone_invalid", {"value": a.phone}))
    if a.population is None and d.eligibility.kind != "union":  # a union's is the sum of its members'
        out.append(Finding("applicant", "applicant.population", "population"))
    if a.foreign_residents is None:
        out.append(Finding("applicant", "applicant.foreign_residents", "foreign_residents"))
    need(a.countries_of_origin, "countries_of_origin")
    if d.eligibility.kind == "union":
        for i, m in enumerate(d.eligibility.members):
            if m.population is None:
                out.append(
                    Finding("applicant", f"eligibility.members.{i}.population", "member_population", {"name": m.name})
                )
    return out


def needs_findings(d: Dossier, call: Call) -> list[Finding]:
    out: list[Finding] = []
    for q in call.questions:
        text = d.needs.answers.get(q.id, "")
        words = word_count(text)
        params = {"question": q.label, "words": words, "min": q.min_words, "max": q.max_words}
        if words == 0:
            out.append(Finding("needs", f"needs.answers.{q.id}", "answer", params))
        elif words < q.min_words:
            out.append(Finding("needs", f"needs.answers.{q.id}", "answer_short", params))
        elif words > q.max_words:
            out.append(Finding("needs", f"needs.answers.{q.id}", "answer_long", params))
    if call.communities and call.community(d.needs.community) is None:
        out.append(Finding("needs", "needs.community", "community"))
    return out


def _period_findings(entries: Sequence[Experience | Education], kind: str, required: tuple[str, ...]) -> list[Finding]:
    out: list[Finding] = []
    for i, entry in enumerate(entries):
        path = f"officer.{kind}.{i}"
        gaps = [name for name in required if not getattr(entry, name)]
        if gaps:
            out.append(Finding("officer", path, f"{kind}_entry", {"n": i + 1}))
    return out


def officer_findings(d: Dossier, call: Call) -> list[Finding]:
    o = d.officer
    out: list[Finding] = []
    for name in ("first_name", "last_name", "role", "department", "email", "phone", "mother_tongue"):
        if not getattr(o, name).strip():
            out.append(Finding("officer", f"officer.{name}", f"officer_{name}"))
    if o.email.strip() and not email_ok(o.email):
        out.append(Finding("officer", "officer.email", "email_invalid", {"value": o.email}))
    if o.phone.strip() and not phone_ok(o.phone):
        out.append(Finding("officer", "officer.phone", "phone_invalid", {"value": o.phone}))
    if not o.experience:
        out.append(Finding("officer", "officer.experience", "experience"))
    out += _period_findings(o.experience, "experience", ("start", "employer", "position"))
    if not o.education:
        out.append(Finding("officer", "officer.education", "education"))
    out += _period_findings(o.education, "education", ("title", "institution"))
    for i, lang in enumerate(o.languages):
        if not lang.language.strip() or not all(getattr(lang, s) for s in CEFR_SKILLS):
            out.append(Finding("officer", f"officer.languages.{i}", "language_entry", {"n": i + 1}))
    if not o.relevant_experience.strip():
        out.append(Finding("officer", "officer.relevant_experience", "relevant_experience"))
    if not o.data_consent:
        out.append(Finding("officer", "officer.data_consent", "data_consent"))
    return out


def allowed_signatories(d: Dossier) -> tuple[str, ...]:
    return ("union_president", "lead_mayor") if d.eligibility.kind == "union" else ("mayor",)


def letter_findings(d: Dossier, call: Call) -> list[Finding]:
    lt = d.letter
    out: list[Finding] = []
    if lt.signatory_role not in allowed_signatories(d):
        out.append(Finding("letter", "letter.signatory_role", "signatory_role"))
    if not lt.signatory_name.strip():
        out.append(Finding("letter", "letter.signatory_name", "signatory_name"))
    if not lt.place.strip():
        out.append(Finding("letter", "letter.place", "place"))
    if lt.signed_on is None:
        out.append(Finding("letter", "letter.signed_on", "signed_on"))
    for c in call.commitments:
        if c.id not in lt.commitments:
            out.append(Finding("letter", f"letter.commitments.{c.id}", "commitment", {"label": c.label}))
    return out


CHECKS = {
    "eligibility": eligibility_findings,
    "applicant": applicant_findings,
    "needs": needs_findings,
    "officer": officer_findings,
    "letter": letter_findings,
}


def missing(d: Dossier, call: Call) -> dict[str, list[Finding]]:
    """What is still missing or wrong, step by step (every input step has a list), the
    cross-checks between answers included (warnings last)."""
    steps = input_steps(call)
    crossed = cross_checks(d, call, steps)
    return {step: CHECKS[step](d, call) + sorted(crossed[step], key=lambda f: f.warning) for step in steps}


def blocking(found: list[Finding]) -> list[Finding]:
    return [f for f in found if not f.warning]


def is_ready(d: Dossier, call: Call, found: dict[str, list[Finding]] | None = None) -> bool:
    """Nothing blocking in any step; `found`: `missing(d, call)` when already at hand."""
    return not any(blocking(step) for step in (missing(d, call) if found is None else found).values())


def ineligible(d: Dossier, call: Call) -> list[Finding]:
    return [f for f in eligibility_findings(d, call) if f.ineligible]


def step_status(
    d: Dossier, call: Call, tried: frozenset[str] = frozenset(), found: dict[str, list[Finding]] | None = None
) -> dict[str, Status]:
    """The state of every input step for the progress view; `tried` are the steps the
    user tried to leave with "Next" (only those can be "to fix"); `found`: `missing(d, call)`
    when already at hand."""
    empty = Dossier()
    found = missing(d, call) if found is None else found
    out = {}
    for step in input_steps(call):
        problems = blocking(found[step])
        if not problems:
            out[step] = (
                Status.COMPLETE if getattr(d, step) != getattr(empty, step) or step in tried else Status.NOT_STARTED
            )
        elif step in tried:
            out[step] = Status.TO_FIX
        else:
            out[step] = Status.NOT_STARTED if getattr(d, step) == getattr(empty, step) else Status.INCOMPLETE
    return out
