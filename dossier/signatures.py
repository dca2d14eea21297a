"""One signature, checked: who signed, whether the signature matches what it signs, when,
whether a timestamp authority vouches for the time, and whether its algorithms are weak.

Shared by both digital routes (PAdES and CAdES). pyHanko does the cryptography, with every
algorithm allowed so that a weak one is still read and then named (ETSI TS 119 312, AgID),
rather than silently called broken. No trust roots and no fetching: the chain, revocation
and the trusted lists stay unchecked, here as for the timestamp authority.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import cms, x509
from pyhanko.sign.ades.qualified_asn1 import get_qc_statements
from pyhanko.sign.validation.generic_cms import collect_timing_info, extract_self_reported_ts
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.policy_decl import AcceptAllAlgorithms

# Refused for a signature made today: MD5 and SHA-1 digests (broken for signatures;
# AgID has required SHA-256 since 2011), RSA keys under 2048 bits (ETSI TS 119 312).
WEAK_DIGESTS = {"md2": "MD2", "md5": "MD5", "sha1": "SHA-1"}
MIN_RSA_BITS = 2048


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
    serial: int = 0  # with the issuer, the certificate itself: the same signer twice

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.surname}".strip() or self.common_name


@dataclass(frozen=True)
class Timestamp:
    """A timestamp token, its signature checked (its authority's trust is not)."""

    at: datetime | None  # None: a token that cannot be read
    by: str  # the timestamp authority, as its certificate names it
    intact: bool


@dataclass(frozen=True)
class Signature:
    signer: Signer
    intact: bool  # the signature matches the content it signs
    signed_at: datetime | None  # as declared by the signer
    timestamp: Timestamp | None = None  # the signature timestamp (PAdES/CAdES-T), if any
    weak: tuple[str, ...] = ()  # the weak algorithms it uses, named ("SHA-1", "RSA 1024 bit")

    @property
    def when(self) -> datetime | None:
        """The time to judge the certificate at: the timestamp's, else the declared one."""
        if self.timestamp is not None and self.timestamp.intact:
            return self.timestamp.at
        return self.signed_at

    @property
    def in_validity(self) -> bool:
        when = self.when or datetime.now(UTC)
        return self.signer.valid_from <= when <= self.signer.valid_to


def context() -> ValidationContext:
    # No trust roots and no fetching: the chain, revocation and trusted lists stay unchecked.
    # Every algorithm accepted, for the signature as for its timestamps: weak ones are named after.
    return ValidationContext(trust_roots=[], allow_fetching=False, algorithm_usage_policy=AcceptAllAlgorithms())


def weak_algorithms(info: cms.SignerInfo, cert: x509.Certificate) -> tuple[str, ...]:
    weak = []
    digest = info["digest_algorithm"]["algorithm"].native
    mechanism = info["signature_algorithm"]["algorithm"].native  # e.g. "sha1_rsa" or plain "rsassa_pkcs1v15"
    for algo in (digest, mechanism.split("_")[0]):
        if algo in WEAK_DIGESTS and WEAK_DIGESTS[algo] not in weak:
            weak.append(WEAK_DIGESTS[algo])
    key = cert.public_key
    if key.algorithm == "rsa" and key.bit_size < MIN_RSA_BITS:
        weak.append(f"RSA {key.bit_size} bit")
    return tuple(weak)


def timing(info: cms.SignerInfo, digest: Callable[[str], bytes]) -> tuple[datetime | None, Timestamp | None]:
    """The declared signing time and the signature timestamp (verified over this signature)."""
    try:
        found = asyncio.run(collect_timing_info(info, context(), raw_digest=digest))
    except ValueError:  # a token that does not parse: a timestamp that vouches for nothing
        return extract_self_reported_ts(info), Timestamp(None, "", False)
    status = found.get("timestamp_validity")
    stamp = None
    if status is not None:
        stamp = Timestamp(status.timestamp, authority(status.signing_cert), bool(status.intact and status.valid))
    return found.get("signer_reported_dt") or extract_self_reported_ts(info), stamp


def authority(cert: x509.Certificate | None) -> str:
    if cert is None:
        return ""
    subject = cert.subject.native
    return str(subject.get("common_name") or subject.get("organization_name") or "")


# An Italian fiscal code: 6 letters (surname, name), birth year, month, day/sex, place, check letter;
# digits may be replaced by letters (omocodia).
_CODE = r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]"
_FISCAL_CODE = re.compile(rf"^(?:TINIT-?|IT:?)?({_CODE})$")
_IN_CN = re.compile(rf"/({_CODE})(?![A-Z0-9])")  # "ROSSI MARIO/RSSMRA80A01H501U/7420..." (older CNS cards)


def fiscal_code(subject: dict) -> str:
    serial = re.sub(r"\s+", "", str(subject.get("serial_number", ""))).upper()
    if found := _FISCAL_CODE.match(serial):
        return found.group(1)
    found = _IN_CN.search(str(subject.get("common_name", "")).upper())
    return found.group(1) if found else ""


def _cn_name(cn: str) -> str:
    """A common name without the codes some cards append to it ("ROSSI MARIO/RSSMRA.../123")."""
    return cn.split("/")[0].strip()


def signer_of(cert: x509.Certificate) -> Signer:
    subject = cert.subject.native
    issuer = cert.issuer.native
    validity = cert["tbs_certificate"]["validity"]
    return Signer(
        given_name=str(subject.get("given_name", "")),
        surname=str(subject.get("surname", "")),
        common_name=_cn_name(str(subject.get("common_name", ""))),
        fiscal_code=fiscal_code(subject),
        issuer=str(issuer.get("organization_name") or issuer.get("common_name") or ""),
        valid_from=validity["not_before"].native,
        valid_to=validity["not_after"].native,
        qualified=any(s["statement_id"].native == "qc_compliance" for s in get_qc_statements(cert)),
        serial=cert.serial_number,
    )
