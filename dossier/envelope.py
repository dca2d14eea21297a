"""A CAdES envelope (`.p7m`) as signing tools write it: DER or BER (indefinite lengths, as
most Italian tools write it), bare or in Base64/PEM; one or more signers side by side; an
envelope inside an envelope when a second person signs the first one's file ("matrioska").

The envelope's end is measured on the bytes as the file encodes them, never on a DER
re-encoding (which is shorter for a BER file); pyHanko verifies each signer over the signed
attributes as the file carries them.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
from dataclasses import dataclass

from asn1crypto import cms, parser
from pyhanko.sign.validation.generic_cms import async_validate_cms_signature
from pyhanko.sign.validation.status import StandardCMSSignatureStatus

from .signatures import Signature, context, signer_of, timing, weak_algorithms
from .signed_pdf import TooComplex

MAX_SIGNERS = 10  # side by side in one envelope
MAX_DEPTH = 3  # envelopes inside envelopes

_BASE64 = re.compile(rb"[A-Za-z0-9+/=\s]+")


class Appended(Exception):
    """Bytes after the envelope's end."""


@dataclass(frozen=True)
class Opened:
    content: bytes  # what the envelope holds (empty: a detached signature)
    signatures: tuple[Signature, ...]
    countersigned: bool  # a countersignature is there, and is not read


def decoded(data: bytes) -> bytes:
    """Some tools write the .p7m in Base64 (PEM or bare); the binary inside."""
    text = data.strip()
    if text.startswith(b"-----BEGIN"):
        text = b"".join(line for line in text.splitlines() if not line.startswith(b"-----"))
    if not (text.startswith(b"MI") and _BASE64.fullmatch(text[:1024])):  # "MI": a SEQUENCE, encoded
        return data
    return base64.b64decode(b"".join(text.split()))


def is_envelope(data: bytes) -> bool:
    try:
        return bool(cms.ContentInfo.load(decoded(data))["content_type"].native == "signed_data")
    except Exception:
        return False


def open_envelope(data: bytes) -> Opened:
    """The envelope's content and every signer's signature; Appended if bytes follow it."""
    der = decoded(data)
    _, _, _, header, contents, trailer = parser.parse(der)
    if len(header) + len(contents) + len(trailer) != len(der):
        raise Appended
    signed = cms.ContentInfo.load(der)["content"]
    infos = signed["signer_infos"]
    if not infos:
        raise ValueError("an envelope without signers")
    if len(infos) > MAX_SIGNERS:
        raise TooComplex
    content = signed["encap_content_info"]["content"].native or b""
    signatures = tuple(_signature(der, i, content) for i in range(len(infos)))
    countersigned = any(
        attr["type"].native == "counter_signature"
        for info in infos
        if isinstance(info["unsigned_attrs"], cms.CMSAttributes)
        for attr in info["unsigned_attrs"]
    )
    return Opened(content, signatures, countersigned)


def _signer(der: bytes, index: int, der_attributes: bool = False) -> cms.SignedData | None:
    """The envelope as if signer `index` were its only one (pyHanko checks the first), read
    afresh from the bytes: asn1crypto objects that were read through are slow to encode again.
    `der_attributes`: with the signed attributes in DER (None if the file has them so), for
    tools that list them in another order and sign their DER form (a SET OF in order)."""
    signed = cms.ContentInfo.load(der)["content"]
    info = signed["signer_infos"][index]
    if der_attributes:
        attrs = info["signed_attrs"]
        if not isinstance(attrs, cms.CMSAttributes) or attrs.dump() == attrs.dump(force=True):
            return None  # force: encoded again, in place (only the attributes, not the CRLs beside)
    if len(signed["signer_infos"]) == 1:
        return signed
    fields = {
        "version": signed["version"],
        "digest_algorithms": signed["digest_algorithms"],
        "encap_content_info": signed["encap_content_info"],
        "signer_infos": cms.SignerInfos([info]),
    }
    if isinstance(signed["certificates"], cms.CertificateSet):
        fields["certificates"] = signed["certificates"]
    return cms.SignedData(fields)


def _status(signed: cms.SignedData) -> StandardCMSSignatureStatus:
    # every algorithm allowed by the context: a weak one is read, then named
    return asyncio.run(
        async_validate_cms_signature(signed, status_cls=StandardCMSSignatureStatus, validation_context=context())
    )


def _signature(der: bytes, index: int, content: bytes) -> Signature:
    single = _signer(der, index)
    assert single is not None
    status = _status(single)
    if not status.valid and (in_der := _signer(der, index, der_attributes=True)) is not None:
        status = _status(in_der)
    info = single["signer_infos"][0]
    signed_at, stamp = timing(info, lambda algo: hashlib.new(algo, content).digest())
    cert = status.signing_cert
    return Signature(
        signer_of(cert),
        bool(status.intact and status.valid),
        signed_at,
        stamp,
        weak_algorithms(info, cert),
    )
