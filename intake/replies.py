"""A reply for each applicant (.eml, to send from the call's mailbox): selected, not selected,
or not admitted with what was missing; Italian, then the English the call uses."""

from __future__ import annotations

import zipfile
from email.message import EmailMessage
from email.policy import SMTP
from io import BytesIO

from dossier.calls import Call
from dossier.documents import one_line, safe_filename
from dossier.eligibility import email_ok

from .cards import Card
from .evaluation import Evaluation, checked, chosen, ranking
from .words import annex_label, name, reasons

TEXTS = {
    "selected": (
        "siamo lieti di comunicarvi che la vostra candidatura al progetto {call} ({name}) è stata selezionata. "
        "Vi contatteremo a breve per i passi successivi.",
        "we are pleased to inform you that your application to the project {call} ({name}) has been selected. "
        "We will contact you shortly about the next steps.",
    ),
    "not_selected": (
        "vi ringraziamo per la vostra candidatura al progetto {call} ({name}). Dopo la valutazione, "
        "non rientra tra le {places} selezionate.",
        "thank you for your application to the project {call} ({name}). After the evaluation, "
        "it is not among the {places} selected.",
    ),
    "not_admitted": (
        "vi ringraziamo per la vostra candidatura al progetto {call} ({name}). Non è stato possibile ammetterla "
        "alla valutazione. Motivo: {why}.",
        "thank you for your application to the project {call} ({name}). It could not be admitted to the "
        "evaluation. Reason: {why}.",
    ),
}
REASONS_EN = {
    "late": "it arrived after the deadline",
    "no_time": "its time of arrival could not be established",
    "missing_annex": "annexes missing ({annexes})",
    "no_letter": "the Letter of Commitment is missing",
    "id_missing": "the Letter of Commitment is signed by hand: please send the signatory's identity document",
    "letter_refused": "the signed Letter of Commitment is not valid",
    "hand_signature_refused": "the handwritten signature of the Letter of Commitment could not be accepted",
    "ineligible": "the applicant is not eligible under the call",
}


def outcomes(cards: list[Card], ev: Evaluation, call: Call) -> dict[str, str]:
    """The reply due to each application, by key. None for one replaced by a later one, nor
    for one tied at the last place (the evaluators decide first)."""
    cards = checked(cards, ev)
    inside, tied = chosen(ranking(cards, ev, call), call.places)
    picked = {r.card.key for r in inside}
    waiting = {r.card.key for r in tied}
    out = {}
    for c in cards:
        if c.replaced_by or c.part_of or c.key in waiting:
            continue
        out[c.key] = "selected" if c.key in picked else "not_selected" if c.admissible else "not_admitted"
    return out


def reply(card: Card, outcome: str, call: Call) -> bytes:
    it, en = TEXTS[outcome]
    missing = ", ".join(annex_label(call, a) for a in card.missing_annexes)
    why_it = "; ".join(reasons(card, call))
    why_en = "; ".join(REASONS_EN[r].format(annexes=missing) for r in card.reasons if r in REASONS_EN)
    params = {"name": one_line(name(card)), "call": call.short_name, "places": call.places}
    msg = EmailMessage(policy=SMTP)
    msg["From"] = call.submission_email
    if email_ok(card.sender):
        msg["To"] = card.sender
    msg["Subject"] = one_line(
        f"{call.short_name} – esito della candidatura / outcome of the application – {name(card)}"
    )
    msg["X-Unsent"] = "1"
    msg.set_content(
        f"Gentili,\n\n{it.format(why=why_it, **params)}\n\nCordiali saluti,\n{call.organiser}\n\n"
        f"---\n\nDear colleagues,\n\n{en.format(why=why_en, **params)}\n\nKind regards,\n{call.organiser_full}\n"
    )
    return msg.as_bytes()


def replies_zip(cards: list[Card], ev: Evaluation, call: Call) -> bytes:
    cards = checked(cards, ev)
    due = outcomes(cards, ev, call)
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, c in enumerate(cards, start=1):
            if c.key in due:
                file = safe_filename(f"{i:02d}_{due[c.key]}_{name(c)}.eml")
                zf.writestr(file, reply(c, due[c.key], call))
    return out.getvalue()
