"""Render a Dossier + Call into the annexes (DOCX), one ZIP and the email's text (sent by submission.py).

Everything happens in memory: bytes in, bytes out, nothing written to disk.
The templates only place values; every English sentence that depends on the answers
(who applies, who signs) is composed here, so the templates stay editable in Word.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from email.headerregistry import Address
from functools import cached_property, lru_cache, partial
from pathlib import Path
from urllib.parse import quote

from .calls import Call, Commitment
from .eligibility import email_ok, lead_municipality, members_in_order
from .fingerprint import answers_fingerprint, keyword, letter_fingerprint
from .models import CEFR_SKILLS, Dossier, Municipality

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Characters XML 1.0 cannot hold (C0 controls but tab/newline, lone surrogates, U+FFFE/F).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
# Invisible characters that reorder or hide text: bidi marks, embeddings, overrides and
# isolates, zero-width spaces and joiners, the BOM. "Comune di X\u202eevil" would show
# reversed in a sender name, a subject or a document; no English document needs them.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# What a display name cannot hold unquoted (RFC 5322 specials): CPython drops the quotes
# when it folds a long name, and "A, B (C) <x@y>" then parses as other addresses. They
# become spaces in the From name only; the subject and the documents keep the full name.
_HEADER_SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]')


def clean(text: str) -> str:
    """Text as typed, minus what a Word file cannot store; line ends made uniform.

    Control characters but tab and newline (vertical tab, form feed, C1...) become spaces,
    not nothing, so the words on either side stay apart (as the English check sees them).
    Invisible characters that reorder or hide text (`_INVISIBLE`) are dropped.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    return _XML_ILLEGAL.sub("", re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", " ", text))


def one_line(text: str) -> str:
    """A name or title: line breaks and runs of spaces become one space."""
    return _SPACES.sub(" ", clean(text)).strip()


def paragraphs(text: str) -> list[str]:
    """Each non-empty line of an answer becomes a real paragraph in Word."""
    return [line.strip() for line in clean(text).split("\n") if line.strip()]


def long_date(d: date | None) -> str:
    return f"{d.day} {d:%B %Y}" if d else ""


def period(start: date | None, end: date | None, present: str = "present") -> str:
    """A CV entry's months; an open entry ends in `present` (the UI passes its own word)."""
    if start is None:
        return ""
    return f"{start:%m/%Y} – {end:%m/%Y}" if end else f"{start:%m/%Y} – {present}"


def number(n: int | None) -> str:
    return f"{n:,}" if n is not None else ""


def _place(m: Municipality) -> str:
    name = one_line(m.name)
    return f"{name} ({m.province})" if m.province else name


def applicant_name(d: Dossier) -> str:
    """The applicant as the documents name it."""
    e = d.eligibility
    if d.applicant.official_name.strip():
        return one_line(d.applicant.official_name)
    if e.kind == "union":
        return one_line(e.union_name)
    return f"Municipality of {one_line(e.municipality.name)}" if e.municipality.name else ""


def applicant_description(d: Dossier) -> str:
    """One English phrase naming who applies, with a union's members and lead."""
    name = applicant_name(d)
    if d.eligibility.kind != "union":
        m = d.eligibility.municipality
        return f"the {name} ({m.province})" if m.province and name.startswith("Municipality") else name
    lead = lead_municipality(d)
    others = [_place(m) for m in members_in_order(d)[1:]]
    members = ", ".join(others[:-1]) + (" and " if len(others) > 1 else "") + (others[-1] if others else "")
    return f"the {name}, composed of the municipalities of {_place(lead)} (lead municipality)" + (
        f", {members}" if members else ""
    )


def signatory_title(d: Dossier) -> str:
    role = d.letter.signatory_role
    if role == "union_president":
        return f"President of the {applicant_name(d)}"
    if role == "lead_mayor":
        return f"Mayor of {one_line(lead_municipality(d).name)}, lead municipality of the {applicant_name(d)}"
    return f"Mayor of {one_line(d.eligibility.municipality.name)}"


def officer_name(d: Dossier) -> str:
    return one_line(f"{d.officer.first_name} {d.officer.last_name}")


def commitment_text(commitment: Commitment, d: Dossier) -> str:
    """A commitment as the letter words it, with the named officer filled in."""
    return commitment.text.format(officer=officer_name(d), officer_role=one_line(d.officer.role))


def context(d: Dossier, call: Call) -> dict:
    """Everything the templates may use (templates/README.md lists it)."""
    a, o, e = d.applicant, d.officer, d.eligibility
    officer = officer_name(d)
    community = call.community(d.needs.community)
    return {
        "call": {
            "title": call.title,
            "short_name": call.short_name,
            "funder": call.funder,
            "organiser": call.organiser,
            "organiser_full": call.organiser_full,
            "lead_partner": call.lead_partner,
            "submission_email": call.submission_email,
            "project_period": f"{long_date(call.project_start)} – {long_date(call.project_end)}",
        },
        "applicant": {
            "name": applicant_name(d),
            "description": applicant_description(d),
            "is_union": e.kind == "union",
            "address": one_line(a.address),
            "pec": one_line(a.pec),
            "email": one_line(a.email),
            "phone": one_line(a.phone),
            "website": one_line(a.website),
            "population": number(a.population),
            "foreign_residents": number(a.foreign_residents),
            "foreign_share": "" if a.foreign_percent is None else f"{a.foreign_percent:.1f}%",
            "countries_of_origin": one_line(a.countries_of_origin),
            "region": call.eligible_region_en,
        },
        "union": {
            "name": one_line(e.union_name),
            "lead": _place(lead_municipality(d)) if e.kind == "union" else "",
            "members": [
                {
                    "name": _place(m),
                    "population": number(m.population),
                    "role": "Lead municipality" if m == lead_municipality(d) else "Member",
                }
                for m in members_in_order(d)
            ]
            if e.kind == "union"
            else [],
        },
        "signatory": {"name": one_line(d.letter.signatory_name), "title": signatory_title(d)},
        "letter": {
            "place": one_line(d.letter.place),
            "date": long_date(d.letter.signed_on),
            "commitments": [commitment_text(c, d) for c in call.commitments if c.id in d.letter.commitments],
        },
        "needs": {
            "sections": [
                {"heading": q.heading, "paragraphs": paragraphs(d.needs.answers.get(q.id, ""))} for q in call.questions
            ],
            "community": community.title if community else "",
        },
        "officer": {
            "name": officer,
            "first_name": one_line(o.first_name),
            "last_name": one_line(o.last_name),
            "role": one_line(o.role),
            "department": one_line(o.department),
            "organisation": applicant_name(d),
            "email": one_line(o.email),
            "phone": one_line(o.phone),
            "experience": [
                {
                    "period": period(x.start, x.end),
                    "employer": one_line(x.employer),
                    "position": one_line(x.position),
                    "activities": paragraphs(x.activities),
                }
                for x in o.experience
            ],
            "education": [
                {
                    "period": period(x.start, x.end),
                    "title": one_line(x.title),
                    "institution": one_line(x.institution),
                    "details": paragraphs(x.details),
                }
                for x in o.education
            ],
            "mother_tongue": one_line(o.mother_tongue),
            "languages": [
                {"language": one_line(lang.language), **{s: getattr(lang, s) for s in CEFR_SKILLS}}
                for lang in o.languages
            ],
            "digital_skills": paragraphs(o.digital_skills),
            "other_skills": paragraphs(o.other_skills),
            "relevant_experience": paragraphs(o.relevant_experience),
        },
    }


@lru_cache(maxsize=32)
def _template_bytes(path: Path) -> bytes:
    return path.read_bytes()


def render_docx(template: Path, ctx: dict, keywords: str = "") -> bytes:
    # Imported here: docxtpl brings python-docx, lxml and jinja2 (~0.2-0.6 s), which only
    # the Documents step needs; every page imports this module for its names and dates.
    from docxtpl import DocxTemplate

    doc = DocxTemplate(io.BytesIO(_template_bytes(template)))
    doc.render(ctx, autoescape=True)
    doc.docx.core_properties.keywords = keywords  # the PDF made from it carries them (fingerprint.py)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_filename(name: str, max_length: int = 120) -> str:
    """A file name that every system accepts: ASCII letters, digits, '_', '-', '.'."""
    match = re.fullmatch(r"(.*?)(?:\.([A-Za-z0-9]{1,10}))?", name, re.DOTALL)
    assert match is not None  # the pattern matches any text
    stem, ext = match.groups()
    ext = ext or ""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9-]+", "_", ascii_stem).strip("_-") or "document"
    if stem.split("_")[0].upper() in _RESERVED:
        stem = "_" + stem
    stem = stem[: max_length - len(ext) - 1]
    return f"{stem}.{ext}" if ext else stem


@dataclass(frozen=True)
class Document:
    """An annex: its names at once, its DOCX made at the first read of `data`. The Documents
    step draws names and buttons on every visit; a file is made when it is downloaded,
    converted or sent (rendering the three costs ~0.1 s of server CPU)."""

    annex_id: str
    number: int
    title: str
    file_name: str
    render: Callable[[], bytes] = field(repr=False, compare=False)

    @cached_property
    def data(self) -> bytes:
        return self.render()

    @property
    def pdf_file_name(self) -> str:
        return self.file_name.rsplit(".", 1)[0] + ".pdf"


def short_applicant(d: Dossier) -> str:
    """The applicant's name as used in file names: the municipality or the union."""
    e = d.eligibility
    return one_line(e.union_name if e.kind == "union" else e.municipality.name) or applicant_name(d)


# The answers the letter prints (through letter_facts): a change to one of them makes a
# signed letter one of older answers; a change to any other leaves it valid.
LETTER_PATHS = (
    "eligibility.kind",
    "eligibility.municipality",
    "eligibility.union_name",
    "eligibility.members",
    "eligibility.lead",
    "applicant.official_name",
    "applicant.address",
    "applicant.pec",
    "applicant.email",
    "applicant.phone",
    "applicant.website",
    "officer.first_name",
    "officer.last_name",
    "letter.signatory_role",
    "letter.signatory_name",
    "letter.place",
    "letter.signed_on",
    "letter.commitments",
)


def letter_facts(d: Dossier, call: Call) -> dict[str, str]:
    """What the letter says that comes from the answers: the values its template prints."""
    ctx = context(d, call)
    return {
        **{f"applicant.{k}": ctx["applicant"][k] for k in ("name", "description", "address", "pec", "email", "phone")},
        "applicant.website": ctx["applicant"]["website"],
        "union.lead": ctx["union"]["lead"],
        "officer.name": ctx["officer"]["name"],
        "signatory.name": ctx["signatory"]["name"],
        "signatory.title": ctx["signatory"]["title"],
        "letter.place": ctx["letter"]["place"],
        "letter.date": ctx["letter"]["date"],
        "letter.commitments": "\n".join(ctx["letter"]["commitments"]),
    }


def letter_fingerprint_of(d: Dossier, call: Call) -> str:
    """The fingerprint a signed letter of these answers carries."""
    return letter_fingerprint(letter_facts(d, call))


def build_documents(d: Dossier, call: Call) -> list[Document]:
    """The annexes of the answers as they are now (the templates' context is taken here, so
    a later change of the Dossier does not reach a file made later)."""
    ctx = context(d, call)
    names = {"applicant": short_applicant(d), "officer": officer_name(d)}
    marks = keyword(answers_fingerprint(d), letter_fingerprint_of(d, call))
    return [
        Document(
            annex_id=a.id,
            number=a.number,
            title=a.title,
            file_name=safe_filename(a.file_name.format(**names)),
            render=partial(render_docx, call.folder / a.template, ctx, marks),
        )
        for a in call.annexes
    ]


def build_zip(docs: list[Document]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for doc in docs:
            zf.writestr(doc.file_name, doc.data)
    return out.getvalue()


def zip_name(d: Dossier, call: Call) -> str:
    return safe_filename(f"{call.short_name}_application_{short_applicant(d)}.zip")


def email_subject(d: Dossier, call: Call) -> str:
    return one_line(call.email.subject.format(applicant=applicant_name(d)))


def email_body(d: Dossier, call: Call, attached: list[str], signed_by: str = "") -> str:
    """The email text; `attached`: one line per attached file (submission.attachment_lines);
    `signed_by`: who signed, when not the letter's signatory (submission.signer_statement)."""
    signatory = signed_by or ", ".join(filter(None, [one_line(d.letter.signatory_name), signatory_title(d)]))
    return call.email.body.format(
        applicant=applicant_name(d),
        annex_list="\n".join(f"- {line}" for line in attached),
        signatory=signatory,
        officer=officer_name(d),
        officer_email=one_line(d.officer.email),
    )


def sender(d: Dossier) -> Address | None:
    """The applicant's address as the email's From, when it is a valid address."""
    address = one_line(d.applicant.email)
    if not email_ok(address):
        return None
    user, _, domain = address.rpartition("@")
    name = one_line(_HEADER_SPECIALS.sub(" ", applicant_name(d)))
    return Address(display_name=name, username=user, domain=domain)


MAILTO_ATTACH = (
    "[Before sending, attach the {count} files listed below (a mail link cannot attach them), then delete this line.]"
)


def mailto_link(d: Dossier, call: Call, attached: list[str], signed_by: str = "") -> str:
    """A mailto: link with subject and body. A link cannot attach files: the body opens by
    saying which to attach, so that "please find attached" is never sent with nothing."""
    body = MAILTO_ATTACH.format(count=len(attached)) + "\n\n" + email_body(d, call, attached, signed_by)
    return f"mailto:{call.submission_email}?subject={quote(email_subject(d, call))}&body={quote(body)}"
