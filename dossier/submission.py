"""What is sent, and nothing else: the signed letter byte for byte as uploaded, the other
annexes as PDF/A, the identity document on the scan route; the email that carries them,
and the submission record the applicant keeps (sizes and SHA-256 of each file sent).

Only a letter whose Verdict is accepted gets here: the caller (view or CLI) makes sure.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from zoneinfo import ZoneInfo

from .calls import Call
from .documents import (
    Document,
    applicant_name,
    email_body,
    email_subject,
    one_line,
    safe_filename,
    sender,
    short_applicant,
)
from .drafts import to_json
from .models import Dossier
from .signing import ID_TYPES, Verdict

HOW_SIGNED = {
    "pades": "signed with a digital signature inside the PDF (PAdES)",
    "cades": "signed with a digital signature, CAdES envelope (.p7m)",
    "scan": "signed by hand, scanned",
}
LETTER_MIME = {"pades": "application/pdf", "cades": "application/pkcs7-mime", "scan": "application/pdf"}


@dataclass(frozen=True)
class Attachment:
    file_name: str
    data: bytes
    mime: str
    what: str  # English: for the email body and the record

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def letter_annex(call: Call) -> str:
    """The id of the annex the Mayor signs: the one whose signed file is uploaded."""
    return next(a.id for a in call.annexes if a.signed_by == "mayor")


def signed_letter_name(doc: Document, kind: str) -> str:
    stem = doc.pdf_file_name.removesuffix(".pdf")
    return {"pades": f"{stem}_signed.pdf", "cades": f"{stem}.pdf.p7m", "scan": f"{stem}_signed_scan.pdf"}[kind]


def attachments(
    d: Dossier,
    call: Call,
    docs: list[Document],
    pdfs: dict[str, bytes],
    letter: bytes,
    verdict: Verdict,
    identity: bytes = b"",
    identity_ext: str = "",
) -> list[Attachment]:
    """The files of the email, in the annexes' order; `pdfs`: PDF/A by annex id."""
    if not verdict.accepted:
        raise ValueError("only an accepted signed letter is sent")
    signed_id = letter_annex(call)
    out = []
    for doc in docs:
        if doc.annex_id == signed_id:
            out.append(
                Attachment(
                    signed_letter_name(doc, verdict.kind),
                    letter,
                    LETTER_MIME[verdict.kind],
                    f"{doc.title}, {HOW_SIGNED[verdict.kind]}",
                )
            )
        else:
            out.append(Attachment(doc.pdf_file_name, pdfs[doc.annex_id], "application/pdf", f"{doc.title} (PDF/A)"))
    if verdict.kind == "scan":
        name = safe_filename(f"Identity_document_{one_line(d.letter.signatory_name)}.{identity_ext}")
        out.insert(
            1,
            Attachment(
                name,
                identity,
                ID_TYPES[identity_ext],
                f"Identity document of the signatory, {one_line(d.letter.signatory_name)}",
            ),
        )
    out.append(answers_attachment(d, call))
    return out


def answers_attachment(d: Dossier, call: Call) -> Attachment:
    """The answers as the draft's JSON (versioned by its schema_version): the receiver
    (intake/) reads them and checks them against the fingerprint in the signed letter."""
    return Attachment(
        answers_file_name(d, call),
        to_json(d).encode(),
        "application/json",
        "The answers of this application, machine-readable (JSON), as in the signed letter",
    )


def answers_file_name(d: Dossier, call: Call) -> str:
    return safe_filename(f"{call.short_name}_answers_{short_applicant(d)}.json")


def attachment_lines(files: list[Attachment]) -> list[str]:
    return [f"{f.what}: {f.file_name}" for f in files]


def signer_statement(d: Dossier, verdict: Verdict) -> str:
    """Who signed, for the email, when the certificate names someone other than the letter's
    signatory (the user confirmed it): the email must not say the signatory signed."""
    if verdict.signer is None or "signer_mismatch" not in verdict.warnings:
        return ""
    return (
        f"{one_line(verdict.signer.name)} (digital signature; the letter names "
        f"{one_line(d.letter.signatory_name)} as its signatory)"
    )


def build_eml(d: Dossier, call: Call, files: list[Attachment], signed_by: str = "") -> bytes:
    """The application email: opened in a mail program, it is a draft ready to send."""
    msg = EmailMessage(policy=SMTP)
    msg["To"] = call.submission_email
    if (address := sender(d)) is not None:
        msg["From"] = address
    msg["Subject"] = email_subject(d, call)
    msg["X-Unsent"] = "1"  # Outlook and Thunderbird open it as a draft to send
    msg.set_content(email_body(d, call, attachment_lines(files), signed_by))
    for f in files:
        maintype, subtype = f.mime.split("/")
        msg.add_attachment(f.data, maintype=maintype, subtype=subtype, filename=f.file_name)
    return msg.as_bytes()


def eml_name(d: Dossier, call: Call) -> str:
    return safe_filename(f"{call.short_name}_application_email_{short_applicant(d)}.eml")


def record_name(d: Dossier, call: Call) -> str:
    return safe_filename(f"{call.short_name}_submission_record_{short_applicant(d)}.txt")


def _day(when: datetime | None, tz: ZoneInfo) -> str:
    return when.astimezone(tz).strftime("%Y-%m-%d %H:%M") if when else "not declared"


def submission_record(
    d: Dossier, call: Call, files: list[Attachment], verdict: Verdict, fingerprint: str, made_at: datetime
) -> str:
    """A plain-text record to keep with the sent email: what was attached, who signed, when."""
    tz = ZoneInfo(call.timezone)
    lines = [
        f"{call.short_name} - submission record",
        f"Made on: {_day(made_at, tz)} ({call.timezone})",
        f"Applicant: {applicant_name(d)}",
        f"To: {call.submission_email}",
        f"Subject: {email_subject(d, call)}",
        f"Answers fingerprint (SHA-256): {fingerprint}",
        "",
        f"Letter of Commitment: {HOW_SIGNED[verdict.kind]}.",
    ]
    s = verdict.signer
    if s:
        code = f", fiscal code {s.fiscal_code}" if s.fiscal_code else ""
        lines += [
            f"Signer found in the certificate: {one_line(s.name)}{code}",
            (
                f"Certificate issued by {one_line(s.issuer)}, "
                f"valid {_day(s.valid_from, tz)} to {_day(s.valid_to, tz)}; "
                f"declares itself qualified: {'yes' if s.qualified else 'no'}."
            ),
            f"Signing time declared by the signer: {_day(verdict.signed_at, tz)}",
            "The letter's text is the one made from these answers."
            if verdict.fingerprint == "match"
            else "The letter carries no fingerprint of the answers: checked by the applicant.",
        ]
        if verdict.answers_fingerprint and verdict.answers_fingerprint != fingerprint:
            lines.append(
                f"Answers fingerprint carried by the letter: {verdict.answers_fingerprint} "
                "(answers not printed in the letter changed after it was made)."
            )
        if len(verdict.signatures) > 1:
            signers = "; ".join(one_line(x.signer.name) for x in verdict.signatures)  # accepted: all intact
            lines.append(f"Signatures, in signing order, each intact: {signers}.")
        stamps = [x.timestamp for x in verdict.signatures if x.timestamp] + list(verdict.timestamps)
        lines += [f"Timestamp: {_day(ts.at, tz)} by {one_line(ts.by)}." for ts in stamps]
        lines.append(
            "Not checked (offline): certificate revocation, EU trusted lists"
            + (", the timestamp authorities." if stamps else ".")
        )
    else:
        lines.append(
            f"Signatory named in the letter: {one_line(d.letter.signatory_name)} "
            "(a handwritten signature cannot be checked by the app)."
        )
    if verdict.warnings:
        lines.append("Acknowledged by the applicant: " + ", ".join(w.replace("_", " ") for w in verdict.warnings) + ".")
    lines += ["", f"Files attached to the email ({len(files)}):"]
    for i, f in enumerate(files, start=1):
        lines += [f"{i}. {f.file_name}", f"   {f.what}", f"   size: {len(f.data):,} bytes", f"   SHA-256: {f.sha256}"]
    return "\n".join(lines) + "\n"
