"""A test PKI made on the spot (no network, no files): a CA, a timestamp authority and the
people who sign.

`signer("mayor")` is the sample's Mayor, Marco Bertolino, with a qualified-looking certificate
(QCStatements: QcCompliance) and his fiscal code as serialNumber, as Italian signature
cards carry it; `signer("other")` is someone else, with a plain certificate.
The helpers sign bytes the way Dike or ArubaSign would: PAdES inside the PDF (levels B, T,
LT and LTA, once or by several people), CAdES `.p7m` (DER or BER, one or two signers side by
side, envelopes inside envelopes).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from functools import cache
from io import BytesIO

from asn1crypto import cms, keys, parser
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import PdfFileWriter, copy_into_new_writer
from pyhanko.sign import signers
from pyhanko.sign.ades.qualified_asn1 import QcStatement, QcStatements
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.timestamps import DummyTimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.policy_decl import AcceptAllAlgorithms
from pyhanko_certvalidator.registry import SimpleCertificateStore

from dossier.signing import off_event_loop

# id-pe-qcStatements with id-etsi-qcs-QcCompliance: "I am a qualified certificate"
QC_COMPLIANCE = QcStatements([QcStatement({"statement_id": "qc_compliance"})]).dump()
NOW = dt.datetime.now(dt.UTC)

PEOPLE = {
    "mayor": {
        "given": "Marco",
        "surname": "Bertolino",
        "cn": "BERTOLINO MARCO",
        "serial": "TINIT-BRTMRC70A01A074X",
        "qualified": True,
    },
    "other": {"given": "Giulia", "surname": "Bianchi", "cn": "Giulia Bianchi", "serial": "", "qualified": False},
}


def _key(rsa_bits: int = 0):
    return rsa.generate_private_key(65537, rsa_bits) if rsa_bits else ec.generate_private_key(ec.SECP256R1())


def _name(*attrs) -> x509.Name:
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in attrs if value])


@cache
def ca():
    key = _key()
    name = _name(
        (NameOID.COUNTRY_NAME, "IT"),
        (NameOID.ORGANIZATION_NAME, "Test Trust Service"),
        (NameOID.COMMON_NAME, "Test Qualified CA"),
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=400))
        .not_valid_after(NOW + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .sign(key, hashes.SHA256())
    )
    return key, cert


@cache
def signer(who: str = "mayor", *, expired: bool = False, rsa_bits: int = 0) -> signers.SimpleSigner:
    p = PEOPLE[who]
    ca_key, ca_cert = ca()
    key = _key(rsa_bits)
    start = NOW - dt.timedelta(days=30 if not expired else 800)
    builder = (
        x509.CertificateBuilder()
        .subject_name(
            _name(
                (NameOID.COUNTRY_NAME, "IT"),
                (NameOID.GIVEN_NAME, p["given"]),
                (NameOID.SURNAME, p["surname"]),
                (NameOID.SERIAL_NUMBER, p["serial"]),
                (NameOID.COMMON_NAME, p["cn"]),
            )
        )
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=365 * 2 if not expired else 30))
        # Italian signature certificates: non-repudiation only
        .add_extension(x509.KeyUsage(False, True, False, False, False, False, False, False, False), critical=True)
    )
    if p["qualified"]:
        builder = builder.add_extension(
            x509.UnrecognizedExtension(x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3"), QC_COMPLIANCE), critical=False
        )
    cert = builder.sign(ca_key, hashes.SHA256())
    der_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    ca_der = ca_cert.public_bytes(serialization.Encoding.DER)
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([asn1_x509.Certificate.load(ca_der)]),
    )


@cache
def tsa() -> DummyTimeStamper:
    """A timestamp authority under the test CA (RFC 3161 tokens, made offline)."""
    ca_key, ca_cert = ca()
    key = _key(2048)  # pyHanko's test TSA signs with RSA only
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name((NameOID.COUNTRY_NAME, "IT"), (NameOID.COMMON_NAME, "Test TSA")))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=30))
        .not_valid_after(NOW + dt.timedelta(days=3650))
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    der_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=keys.PrivateKeyInfo.load(der_key),
    )


def pades(
    pdf: bytes, who: str = "mayor", *, level: str = "B", field: str = "Signature1", md: str = "", **kwargs
) -> bytes:
    """The PDF signed inside (PAdES), as an incremental update: the file stays a .pdf.
    `level`: "B", "T" (signature timestamp), "LT" (+ validation data in the DSS) or
    "LTA" (+ a document timestamp over it all)."""
    return off_event_loop(_pades, pdf, who, level, field, md, kwargs)


def _pades(pdf: bytes, who: str, level: str, field: str, md: str, kwargs: dict) -> bytes:
    ca_cert = asn1_x509.Certificate.load(ca()[1].public_bytes(serialization.Encoding.DER))
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm=md or None,
        embed_validation_info=level in ("LT", "LTA"),
        use_pades_lta=level == "LTA",
        # the chain is validated when one is given: only for the validation data (LT, LTA),
        # and to allow any algorithm (the tests also sign with weak ones, as old tools did)
        validation_context=ValidationContext(
            trust_roots=[ca_cert], allow_fetching=False, algorithm_usage_policy=AcceptAllAlgorithms()
        )
        if level in ("LT", "LTA") or md
        else None,
    )
    out = signers.sign_pdf(
        IncrementalPdfFileWriter(BytesIO(pdf), strict=False),
        meta,
        signer=signer(who, **kwargs),
        timestamper=tsa() if level != "B" else None,
    )
    return out.getvalue()


def cades(content: bytes, who: str = "mayor", *, ber: bool = False, timestamp: bool = False, **kwargs) -> bytes:
    """`content` in a CAdES envelope (attached SignedData, DER or `ber`): the `.p7m` file."""

    def sign() -> bytes:
        envelope = signer(who, **kwargs).async_sign_general_data(
            content, "sha256", detached=False, use_cades=True, timestamper=tsa() if timestamp else None
        )
        return asyncio.run(envelope).dump()

    der = off_event_loop(sign)
    return to_ber(der) if ber else der


def cosigned(content: bytes, *people: str) -> bytes:
    """`content` signed by several people side by side in one envelope (parallel signatures)."""
    envelopes = [cms.ContentInfo.load(cades(content, who)) for who in people]
    first = envelopes[0]["content"]
    signed = cms.SignedData(
        {
            "version": first["version"],
            "digest_algorithms": first["digest_algorithms"],
            "encap_content_info": first["encap_content_info"],
            "certificates": [c for e in envelopes for c in e["content"]["certificates"]],
            "signer_infos": [e["content"]["signer_infos"][0] for e in envelopes],
        }
    )
    return cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()


def to_ber(der: bytes) -> bytes:
    """The envelope as most Italian tools write it: indefinite lengths on the way to the
    content (ContentInfo > [0] > SignedData > EncapsulatedContentInfo > [0]), the content in
    1000-byte chunks; the rest (certificates, what is signed) stays DER."""
    oid, explicit = _children(der)
    (signed,) = _children(explicit)
    parts = _children(signed)
    eci_oid, eci_explicit = _children(parts[2])
    data = parser.parse(_children(eci_explicit)[0])[4]
    chunks = b"".join(parser.emit(0, 0, 4, data[i : i + 1000]) for i in range(0, len(data), 1000))
    parts[2] = _indefinite(parts[2], eci_oid, _indefinite(eci_explicit, b"\x24\x80" + chunks + b"\x00\x00"))
    return _indefinite(der, oid, _indefinite(explicit, _indefinite(signed, *parts)))


def _children(der: bytes) -> list[bytes]:
    contents, out = parser.parse(der)[4], []
    while contents:
        _, _, _, header, body, trailer = parser.parse(contents)
        size = len(header) + len(body) + len(trailer)
        out.append(contents[:size])
        contents = contents[size:]
    return out


def _indefinite(der: bytes, *children: bytes) -> bytes:
    return der[:1] + b"\x80" + b"".join(children) + b"\x00\x00"


def foreign_pdf(info: dict[str, str] | None = None) -> bytes:
    """A one-page PDF this app did not make (as a scanner or Word would): no fingerprint,
    unless `info` (the document's Info: {"/Title": ..., "/Keywords": ...}) brings one."""
    w = PdfFileWriter()
    w.insert_page(
        generic.DictionaryObject(
            {
                generic.NameObject("/Type"): generic.NameObject("/Page"),
                generic.NameObject("/MediaBox"): generic.ArrayObject(
                    [generic.NumberObject(n) for n in (0, 0, 595, 842)]
                ),
                generic.NameObject("/Resources"): generic.DictionaryObject(),
            }
        )
    )
    if info:
        w.set_info(
            generic.DictionaryObject({generic.NameObject(k): generic.TextStringObject(v) for k, v in info.items()})
        )
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def encrypted(pdf: bytes) -> bytes:
    """The PDF with a password (AES-256)."""
    w = copy_into_new_writer(PdfFileReader(BytesIO(pdf), strict=False))
    w.encrypt("owner-secret", "user-secret")
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def saved_again(pdf: bytes) -> bytes:
    """The PDF re-saved by a viewer after signing: a new revision appended (here, a /Lang)."""
    w = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    w.root["/Lang"] = generic.TextStringObject("it-IT")
    w.update_root()
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def annotated(pdf: bytes) -> bytes:
    """A note added on the first page after signing (an annotation in a new revision)."""
    w = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    page_ref = w.root["/Pages"]["/Kids"].raw_get(0).reference
    page = page_ref.get_object()
    note = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Text"),
            generic.NameObject("/Rect"): generic.ArrayObject([generic.NumberObject(n) for n in (10, 10, 30, 30)]),
            generic.NameObject("/Contents"): generic.TextStringObject("added after signing"),
        }
    )
    page[generic.NameObject("/Annots")] = generic.ArrayObject([w.add_object(note)])
    w.mark_update(page_ref)
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def with_script(pdf: bytes) -> bytes:
    """The PDF with a JavaScript action run on opening (before it is signed)."""
    w = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    w.root["/OpenAction"] = generic.DictionaryObject(
        {
            generic.NameObject("/S"): generic.NameObject("/JavaScript"),
            generic.NameObject("/JS"): generic.TextStringObject("app.alert('hi')"),
        }
    )
    w.update_root()
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def legacy_subfilter(signed: bytes) -> bytes:
    """A PAdES whose signature declares the legacy adbe.pkcs7.sha1 kind (same length, padded)."""
    return signed.replace(b"/ETSI.CAdES.detached", b"/adbe.pkcs7.sha1    ", 1)
