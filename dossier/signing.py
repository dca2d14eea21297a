"""The signed Letter of Commitment, checked before it is sent: what it is, that it is whole,
that it is the letter of these answers, who signed it.

Three routes: PAdES (signature inside the PDF), CAdES (`.p7m` envelope, the PDF inside),
or a scan of the letter signed by hand (with the signer's identity document). Signatures
are checked with pyHanko; nothing is fetched: revocation and the EU trusted lists are not
checked, and the verdict says so (`NOT_CHECKED`).

Every input is hostile until proven otherwise: a size cap before any parsing, and any
exception while reading the file becomes the verdict "unusable", never a traceback.
"""

from __future__ import annotations

import asyncio
import logging
import re
import unicodedata
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from io import BytesIO
from typing import Any, TypeVar

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel, SuspiciousModification
from pyhanko.sign.fields import enumerate_sig_fields
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import SignatureCoverageLevel

from . import isolation, signed_pdf
from .envelope import MAX_DEPTH, Appended, is_envelope, open_envelope
from .pades_diff import POLICY
from .signatures import (
    Signature,
    Signer,
    Timestamp,
    authority,
    context,
    signer_of,
    weak_algorithms,
)
from .turns import Busy

__all__ = ["Signature", "Signer", "Timestamp", "Verdict", "check_letter", "names_match", "signer_of"]

# pyHanko logs warnings that quote the file (names, errors): logs never carry user content.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# Megabytes as the upload widget counts them (10**6 bytes), so a file it takes is one we check.
MAX_LETTER_BYTES = 10_000_000  # a signed letter is ~100 KB; a scan of two pages a few MB
MAX_ID_BYTES = 5_000_000
ACCEPTED, REFUSED, UNUSABLE = "accepted", "refused", "unusable"
T = TypeVar("T")
# What one check may take, in a child process of its own (dossier/isolation.py): a genuine
# 10 MB letter takes well under a second and under 100 MB; a crafted one is stopped here.
CHECK_LIMITS = isolation.Limits(cpu_seconds=5, memory_bytes=384 * 2**20, wall_seconds=15, max_wait=60)
isolation.preload(__name__)
NOT_CHECKED = ("revocation", "trusted_lists")  # offline: said plainly, never implied
ID_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


@dataclass(frozen=True)
class Verdict:
    outcome: str  # ACCEPTED, REFUSED or UNUSABLE
    kind: str = ""  # "pades", "cades" or "scan"
    problems: tuple[str, ...] = ()  # why refused or unusable: keys under [signing] in the locales
    warnings: tuple[str, ...] = ()  # what the user must acknowledge before sending
    signer: Signer | None = None  # the signatory's signature if among them, else the latest
    signed_at: datetime | None = None  # as declared by that signer
    fingerprint: str = ""  # the letter's: "match", "older" or "missing"
    answers_fingerprint: str = ""  # of all the answers, as the letter carries it (for the receiver)
    letter_pdf: bytes = field(default=b"", repr=False)  # the PDF signed (inside the envelope for CAdES)
    signatures: tuple[Signature, ...] = ()  # every signature, in signing order (outer envelope last)
    timestamps: tuple[Timestamp, ...] = ()  # document timestamps (PAdES-LTA)
    weak: tuple[str, ...] = ()  # the weak algorithms named by the problem "weak_algorithm"
    active: tuple[str, ...] = ()  # the active content named by the warning "active_content"

    @property
    def accepted(self) -> bool:
        return self.outcome == ACCEPTED

    @property
    def signature(self) -> Signature | None:
        """The signature the verdict's signer made."""
        return next((s for s in self.signatures if s.signer == self.signer), None)

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["letter_pdf"]
        data["not_checked"] = list(NOT_CHECKED) if self.signer else []
        return data


class _Unsupported(Exception):
    """A signature of a kind pyHanko does not read."""


def message_params(verdict: Verdict, signatory: str) -> dict[str, str]:
    """What the messages under [signing] in the locales name: raw user text, escape it to show it."""
    return {
        "signer": verdict.signer.name if verdict.signer else "",
        "signatory": signatory,
        "limit": str(MAX_LETTER_BYTES // 1_000_000),
        "id_limit": str(MAX_ID_BYTES // 1_000_000),
        "weak": ", ".join(verdict.weak),
        "active": ", ".join(verdict.active),
    }


def _refused(*problems: str, kind: str = "", **details: Any) -> Verdict:
    return Verdict(REFUSED, kind, problems=problems, **details)


def _unusable(problem: str) -> Verdict:
    return Verdict(UNUSABLE, problems=(problem,))


def check_letter(
    data: bytes,
    *,
    fingerprint: str,
    signatory: str,
    scan: bool = False,
    on_place: Callable[[int], None] | None = None,
) -> Verdict:
    """The verdict on an uploaded signed letter. `fingerprint`: of the letter of the answers
    now (fingerprint.letter_fingerprint); `signatory`: the name the letter gives; `scan`:
    the hand-signed route; `on_place(n)`: told while n other checks are before this one."""
    if not data:
        return _unusable("empty")
    if len(data) > MAX_LETTER_BYTES:
        return _unusable("too_large")
    try:
        return isolation.run(_check_any, data, fingerprint, signatory, scan, limits=CHECK_LIMITS, on_place=on_place)
    except isolation.TooComplex:
        return _unusable("too_complex")
    except Busy:
        return _unusable("busy")


def off_event_loop(fn: Callable[..., T], *args: Any) -> T:
    """fn(*args), in a worker thread if this thread runs an event loop: pyHanko calls
    asyncio.run, which fails there (a caller inside Playwright's or Jupyter's loop)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no loop running: the usual case (Streamlit's script thread, the CLI)
        return fn(*args)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args).result()


def _check_any(data: bytes, fingerprint: str, signatory: str, scan: bool) -> Verdict:
    try:
        what = _sniff(data)
        if what == "docx":
            return _refused("docx")
        if scan:
            return _check_scan(data, fingerprint, signatory) if what == "pdf" else _refused("scan_not_pdf")
        if what == "cms":
            return _check_cades(data, fingerprint, signatory)
        if what == "pdf":
            return _check_pades(data, fingerprint, signatory)
        return _unusable("not_pdf")
    except (signed_pdf.TooComplex, MemoryError):  # a cap of ours, or the worker's memory limit
        return _unusable("too_complex")
    except _Unsupported:
        return _refused("unsupported_signature", kind="pades")
    except Exception:
        return _unusable("damaged")


def check_identity(data: bytes) -> tuple[str, str]:
    """The identity document of the scan route: (problem, "") or ("", extension)."""
    if not data:
        return "id_missing", ""
    if len(data) > MAX_ID_BYTES:
        return "id_too_large", ""
    for ext, magic in (("pdf", b"%PDF-"), ("jpg", b"\xff\xd8\xff"), ("png", b"\x89PNG\r\n\x1a\n")):
        if data.startswith(magic):
            return "", ext
    return "id_not_supported", ""


def _sniff(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        return "docx" if _is_word(data) else "other"
    if not data.startswith(b"%PDF-") and is_envelope(data):
        return "cms"
    # An envelope holds the PDF near its start, hence the envelope first; PDF readers
    # accept a few bytes before the header.
    return "pdf" if b"%PDF-" in data[:1024] else "other"


def _is_word(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            return any(name.startswith("word/") for name in zf.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False


def _pdf_reader(data: bytes) -> PdfFileReader:
    signed_pdf.raw_caps(data)
    reader = PdfFileReader(BytesIO(data), strict=False)
    if not reader.encrypted:
        signed_pdf.structure_caps(reader)
    return reader


def _check_pades(data: bytes, fingerprint: str, signatory: str) -> Verdict:
    reader = _pdf_reader(data)
    if reader.encrypted:
        return _unusable("encrypted")
    fields = list(enumerate_sig_fields(reader, filled_status=True))
    if len(fields) > signed_pdf.MAX_SIGNATURE_FIELDS:
        raise signed_pdf.TooComplex
    embedded = reader.embedded_signatures
    if len(embedded) < len(fields):  # pyHanko skips the legacy kinds (adbe.pkcs7.sha1, adbe.x509.rsa_sha1)
        return _refused("unsupported_signature", kind="pades")
    regular = [e for e in embedded if e.sig_object_type == "/Sig"]
    if not regular:
        return _refused("unsigned", kind="pades")
    if not signed_pdf.ends_whole(data):
        return _refused("appended", kind="pades")
    signature_fields = {e.field_name for e in embedded}
    signatures, changed = [], False
    for e in regular:
        signature, unchanged = _pdf_signature(e, signature_fields - {e.field_name})
        signatures.append(signature)
        changed = changed or not unchanged
    stamps = []
    for e in reader.embedded_timestamp_signatures:
        try:
            status = validate_pdf_timestamp(e, context(), diff_policy=POLICY)
        except KeyError:  # as for a signature (_pdf_signature)
            status = validate_pdf_timestamp(e, context(), skip_diff=True)
        stamps.append(Timestamp(status.timestamp, authority(status.signing_cert), bool(status.intact and status.valid)))
        changed = changed or not _unchanged_after(
            status.coverage, status.diff_result, signature_fields - {e.field_name}
        )
    problems = []
    if changed:
        problems.append("changed_after_signing")
    return _judge(reader, "pades", data, tuple(signatures), tuple(stamps), problems, fingerprint, signatory)


def _pdf_signature(e: EmbeddedPdfSignature, others: set[str]) -> tuple[Signature, bool]:
    """One PDF signature, and whether what came after it is what PAdES allows (`others`: the
    other signatures' fields, which a later revision may fill)."""
    try:
        status = validate_pdf_signature(e, context(), diff_policy=POLICY)
    except SignatureValidationError:
        # a kind pyHanko does not read (a SubFilter it does not know): said, never skipped
        raise _Unsupported from None
    except KeyError:
        # the difference analysis lost an object of an earlier revision: the signature is
        # still read, and what came after it counts as not shown to be allowed
        status = validate_pdf_signature(e, context(), skip_diff=True)
    stamp = None
    if (ts := status.timestamp_validity) is not None:
        stamp = Timestamp(ts.timestamp, authority(ts.signing_cert), bool(ts.intact and ts.valid))
    signature = Signature(
        signer_of(status.signing_cert),
        bool(status.intact and status.valid),
        status.signer_reported_dt,
        stamp,
        weak_algorithms(e.signer_info, status.signing_cert),
    )
    return signature, _unchanged_after(status.coverage, status.diff_result, others)


def _unchanged_after(coverage: SignatureCoverageLevel | None, diff: Any, signature_fields: set[str]) -> bool:
    """What came after a signature is what PAdES allows: validation data and document
    timestamps, or a later signature (its field filled); not new content, form values or
    annotations."""
    if coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    if coverage != SignatureCoverageLevel.ENTIRE_REVISION or diff is None or isinstance(diff, SuspiciousModification):
        return False
    if diff.modification_level <= ModificationLevel.LTA_UPDATES:
        return True
    filled_only_signatures = diff.changed_form_fields <= signature_fields
    return bool(diff.modification_level == ModificationLevel.FORM_FILLING and filled_only_signatures)


def _check_cades(data: bytes, fingerprint: str, signatory: str) -> Verdict:
    signatures: list[Signature] = []
    content, countersigned = data, False
    for _ in range(MAX_DEPTH):
        try:
            opened = open_envelope(content)
        except Appended:
            return _refused("appended", kind="cades")
        # the inner envelope's signers signed first
        signatures[:0] = opened.signatures
        countersigned = countersigned or opened.countersigned
        content = opened.content
        if not content:
            return _refused("p7m_empty", kind="cades")
        if not is_envelope(content):
            break
    else:
        raise signed_pdf.TooComplex
    certs = [(s.signer.issuer, s.signer.serial) for s in signatures]
    if len(set(certs)) < len(certs):  # the same certificate twice: re-enveloped by mistake
        return _refused("double_envelope", kind="cades", signatures=tuple(signatures))
    what = _sniff(content)
    if what != "pdf":
        return _refused("p7m_docx" if what == "docx" else "p7m_not_pdf", kind="cades", signatures=tuple(signatures))
    reader = _pdf_reader(content)
    if reader.encrypted:
        return _unusable("encrypted")
    verdict = _judge(reader, "cades", content, tuple(signatures), (), [], fingerprint, signatory)
    if countersigned:
        return replace(verdict, warnings=(*verdict.warnings, "countersignature_not_read"))
    return verdict


def _check_scan(data: bytes, fingerprint: str, signatory: str) -> Verdict:
    reader = _pdf_reader(data)
    if reader.encrypted:
        return _unusable("encrypted")
    if reader.embedded_signatures or any(True for _ in enumerate_sig_fields(reader, filled_status=True)):
        return _check_pades(data, fingerprint, signatory)  # signed digitally after all: checked as such
    if any(signed_pdf.fingerprints_in(reader)):  # the PDF this app made, as it was: nobody signed it
        return _refused("scan_is_unsigned", kind="scan")
    warnings = ["scan_unchecked"]
    active = signed_pdf.active_content(data, reader)
    if active or signed_pdf.has_form(reader) or signed_pdf.made_here(reader):
        warnings.append("scan_not_plain")
    return Verdict(ACCEPTED, "scan", warnings=tuple(warnings), letter_pdf=data, active=active)


def _judge(
    reader: PdfFileReader,
    kind: str,
    pdf: bytes,
    signatures: tuple[Signature, ...],
    stamps: tuple[Timestamp, ...],
    problems: list[str],
    fingerprint: str,
    signatory: str,
) -> Verdict:
    """Every signature read: are they all intact, is it this letter, signed by whom, with
    certificates valid at the time and algorithms still strong?"""
    warnings = []
    if not all(s.intact for s in signatures):
        problems.insert(0, "tampered")
    if not all(s.timestamp is None or s.timestamp.intact for s in signatures) or not all(t.intact for t in stamps):
        problems.append("timestamp_broken")
    found, answers = signed_pdf.fingerprints_in(reader)
    state = "missing" if found is None else "match" if found == fingerprint else "older"
    if state == "older":
        problems.append("older_answers")
    elif state == "missing":
        warnings.append("no_fingerprint")
    if not all(s.in_validity for s in signatures):
        problems.append("expired")
    weak = tuple(dict.fromkeys(w for s in signatures for w in s.weak))
    if weak:
        problems.append("weak_algorithm")
    mine = next((s for s in reversed(signatures) if names_match(signatory, s.signer)), None)
    if mine is None:
        warnings.append("signer_mismatch")
    chosen = mine or signatures[-1]
    active = signed_pdf.active_content(pdf, reader)
    if active:
        warnings.append("active_content")
    return Verdict(
        REFUSED if problems else ACCEPTED,
        kind,
        tuple(problems),
        tuple(warnings),
        chosen.signer,
        chosen.signed_at,
        state,
        answers or "",
        pdf,
        signatures,
        stamps,
        weak,
        active,
    )


def _words(text: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    names = [w for w in re.split(r"[\s/]+", plain) if not any(c.isdigit() for c in w)]  # no fiscal codes
    return {part for w in names for part in re.split(r"[^a-z]+", w) if len(part) > 1}  # nor initials


def names_match(signatory: str, signer: Signer) -> bool:
    """Same person by name: given name + surname (or the common name), any order, accents and case aside."""
    wanted = _words(signatory)
    named = _words(f"{signer.given_name} {signer.surname}") or _words(signer.common_name)
    return bool(wanted) and wanted == named
