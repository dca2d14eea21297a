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
import base64
import logging
import re
import unicodedata
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from typing import Any, TypeVar

from asn1crypto import cms, x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.qualified_asn1 import get_qc_statements
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.generic_cms import (
    async_validate_cms_signature,
    extract_self_reported_ts,
)
from pyhanko.sign.validation.status import StandardCMSSignatureStatus
from pyhanko_certvalidator import ValidationContext

from . import isolation
from .fingerprint import find_fingerprint
from .turns import Busy

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
class Signer:
    given_name: str
    surname: str
    common_name: str
    fiscal_code: str
    issuer: str
    valid_from: datetime
    valid_to: datetime
    qualified: bool  # the certificate declares itself qualified (QcCompliance)

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.surname}".strip() or self.common_name


@dataclass(frozen=True)
class Verdict:
    outcome: str  # ACCEPTED, REFUSED or UNUSABLE
    kind: str = ""  # "pades", "cades" or "scan"
    problems: tuple[str, ...] = ()  # why refused or unusable: keys under [signing] in the locales
    warnings: tuple[str, ...] = ()  # what the user must acknowledge before sending
    signer: Signer | None = None
    signed_at: datetime | None = None  # as declared by the signer (no timestamp authority checked)
    fingerprint: str = ""  # "match", "older" or "missing"
    letter_pdf: bytes = field(default=b"", repr=False)  # the PDF signed (inside the envelope for CAdES)

    @property
    def accepted(self) -> bool:
        return self.outcome == ACCEPTED

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["letter_pdf"]
        data["not_checked"] = list(NOT_CHECKED) if self.signer else []
        return data


def message_params(verdict: Verdict, signatory: str) -> dict[str, str]:
    """What the messages under [signing] in the locales name: raw user text, escape it to show it."""
    return {
        "signer": verdict.signer.name if verdict.signer else "",
        "signatory": signatory,
        "limit": str(MAX_LETTER_BYTES // 1_000_000),
        "id_limit": str(MAX_ID_BYTES // 1_000_000),
    }


def _refused(*problems: str, kind: str = "") -> Verdict:
    return Verdict(REFUSED, kind, problems=problems)


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
    """The verdict on an uploaded signed letter. `fingerprint`: of the answers now;
    `signatory`: the name the letter gives; `scan`: the hand-signed route; `on_place(n)`:
    told while n other checks are ahead of this one."""
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
            return _check_cades(_der(data), fingerprint, signatory)
        if what == "pdf":
            return _check_pades(data, fingerprint, signatory)
        return _unusable("not_pdf")
    except MemoryError:  # at the child's memory limit
        return _unusable("too_complex")
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
    if not data.startswith(b"%PDF-") and _is_envelope(data):
        return "cms"
    # An envelope holds the PDF near its start, hence the envelope first; PDF readers
    # accept a few bytes before the header.
    return "pdf" if b"%PDF-" in data[:1024] else "other"


def _is_envelope(data: bytes) -> bool:
    try:
        return bool(cms.ContentInfo.load(_der(data))["content_type"].native == "signed_data")
    except Exception:
        return False


def _is_word(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            return any(name.startswith("word/") for name in zf.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False


_BASE64 = re.compile(rb"[A-Za-z0-9+/=\s]+")


def _der(data: bytes) -> bytes:
    """Some tools write the .p7m in base64 (PEM or bare); the DER inside."""
    text = data.strip()
    if text.startswith(b"-----BEGIN"):
        text = b"".join(line for line in text.splitlines() if not line.startswith(b"-----"))
    if not (text.startswith(b"MI") and _BASE64.fullmatch(text[:1024])):  # "MI": a DER SEQUENCE, encoded
        return data
    return base64.b64decode(b"".join(text.split()))


def _context() -> ValidationContext:
    # No trust roots and no fetching: the chain, revocation and trusted lists stay unchecked.
    return ValidationContext(trust_roots=[], allow_fetching=False)


def _check_pades(data: bytes, fingerprint: str, signatory: str) -> Verdict:
    reader = PdfFileReader(BytesIO(data), strict=False)
    if reader.encrypted:
        return _unusable("encrypted")
    signatures = reader.embedded_signatures
    if not signatures:
        return _refused("unsigned", kind="pades")
    statuses = [validate_pdf_signature(sig, _context()) for sig in signatures]
    if not all(s.intact and s.valid for s in statuses):
        return _refused("tampered", kind="pades")
    # Whole-file coverage, checked here: a library's overall verdict may be "valid" with bytes appended.
    last = signatures[-1].byte_range
    if last[2] + last[3] != len(data):
        return _refused("appended", kind="pades")
    status = statuses[-1]
    return _judge(reader, "pades", data, status.signing_cert, status.signer_reported_dt, fingerprint, signatory)


def _check_cades(der: bytes, fingerprint: str, signatory: str) -> Verdict:
    info = cms.ContentInfo.load(der)
    if len(info.dump()) != len(der):
        return _refused("appended", kind="cades")
    signed = info["content"]
    content = signed["encap_content_info"]["content"].native
    if not content:
        return _refused("p7m_empty", kind="cades")
    what = _sniff(content)
    if what in ("cms", "docx"):
        return _refused("double_envelope" if what == "cms" else "p7m_docx", kind="cades")
    if what != "pdf":
        return _refused("p7m_not_pdf", kind="cades")
    status = asyncio.run(
        async_validate_cms_signature(signed, status_cls=StandardCMSSignatureStatus, validation_context=_context())
    )
    if not (status.intact and status.valid):
        return _refused("tampered", kind="cades")
    reader = PdfFileReader(BytesIO(content), strict=False)
    if reader.encrypted:
        return _unusable("encrypted")
    signed_at = extract_self_reported_ts(signed["signer_infos"][0])
    return _judge(reader, "cades", content, status.signing_cert, signed_at, fingerprint, signatory)


def _check_scan(data: bytes, fingerprint: str, signatory: str) -> Verdict:
    reader = PdfFileReader(BytesIO(data), strict=False)
    if reader.encrypted:
        return _unusable("encrypted")
    if reader.embedded_signatures:  # signed digitally after all: checked as such
        return _check_pades(data, fingerprint, signatory)
    if _fingerprint_in(reader):  # the PDF this app made, as it was: nobody signed it
        return _refused("scan_is_unsigned", kind="scan")
    return Verdict(ACCEPTED, "scan", warnings=("scan_unchecked",), letter_pdf=data)


def _judge(
    reader: PdfFileReader,
    kind: str,
    pdf: bytes,
    cert: x509.Certificate,
    signed_at: datetime | None,
    fingerprint: str,
    signatory: str,
) -> Verdict:
    """A signature found intact: now, is it this letter, signed by whom, with a valid certificate?"""
    problems, warnings = [], []
    found = _fingerprint_in(reader)
    state = "missing" if found is None else "match" if found == fingerprint else "older"
    if state == "older":
        problems.append("older_answers")
    elif state == "missing":
        warnings.append("no_fingerprint")
    signer = signer_of(cert)
    when = signed_at or datetime.now(UTC)
    if not signer.valid_from <= when <= signer.valid_to:
        problems.append("expired")
    if not names_match(signatory, signer):
        warnings.append("signer_mismatch")
    return Verdict(
        REFUSED if problems else ACCEPTED, kind, tuple(problems), tuple(warnings), signer, signed_at, state, pdf
    )


def _fingerprint_in(reader: PdfFileReader) -> str | None:
    """The answers' fingerprint in the PDF's Info Keywords, else in its XMP metadata."""
    info = reader.trailer_view.get("/Info")
    found = find_fingerprint(str(info.get_object().get("/Keywords", ""))) if info is not None else None
    if found is None and "/Metadata" in reader.root:
        found = find_fingerprint(reader.root["/Metadata"].data.decode("utf-8", "replace"))
    return found


_FISCAL_CODE = re.compile(
    r"^(?:TINIT-|IT:)?([A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z])$"
)


def signer_of(cert: x509.Certificate) -> Signer:
    subject = cert.subject.native
    serial = str(subject.get("serial_number", "")).upper()
    code = _FISCAL_CODE.match(serial)
    issuer = cert.issuer.native
    validity = cert["tbs_certificate"]["validity"]
    return Signer(
        given_name=str(subject.get("given_name", "")),
        surname=str(subject.get("surname", "")),
        common_name=str(subject.get("common_name", "")),
        fiscal_code=code.group(1) if code else "",
        issuer=str(issuer.get("organization_name") or issuer.get("common_name") or ""),
        valid_from=validity["not_before"].native,
        valid_to=validity["not_after"].native,
        qualified=any(s["statement_id"].native == "qc_compliance" for s in get_qc_statements(cert)),
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
