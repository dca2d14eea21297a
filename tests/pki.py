"""A test PKI made on the spot (no network, no files): a CA and the people who sign.

`signer("mayor")` is the sample's Mayor, Marco Bertolino, with a qualified-looking certificate
(QCStatements: QcCompliance) and his fiscal code as serialNumber, as Italian signature
cards carry it; `signer("other")` is someone else, with a plain certificate.
The helpers sign bytes the way Dike or ArubaSign would: PAdES inside the PDF, CAdES `.p7m`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from functools import cache
from io import BytesIO

from asn1crypto import keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import PdfFileWriter, copy_into_new_writer
from pyhanko.sign import signers
from pyhanko.sign.ades.qualified_asn1 import QcStatement, QcStatements
from pyhanko.sign.fields import SigSeedSubFilter
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


def _key():
    return ec.generate_private_key(ec.SECP256R1())


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
def signer(who: str = "mayor", *, expired: bool = False) -> signers.SimpleSigner:
    p = PEOPLE[who]
    ca_key, ca_cert = ca()
    key = _key()
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


def pades(pdf: bytes, who: str = "mayor", **kwargs) -> bytes:
    """The PDF signed inside (PAdES), as an incremental update: the file stays a .pdf."""
    return off_event_loop(_pades, pdf, who, kwargs)


def _pades(pdf: bytes, who: str, kwargs: dict) -> bytes:
    out = signers.sign_pdf(
        IncrementalPdfFileWriter(BytesIO(pdf), strict=False),
        signers.PdfSignatureMetadata(field_name="Signature1", subfilter=SigSeedSubFilter.PADES),
        signer=signer(who, **kwargs),
    )
    return out.getvalue()


def cades(content: bytes, who: str = "mayor", **kwargs) -> bytes:
    """`content` in a CAdES envelope (attached SignedData, DER): the `.p7m` file."""

    def sign() -> bytes:
        envelope = signer(who, **kwargs).async_sign_general_data(content, "sha256", detached=False, use_cades=True)
        return asyncio.run(envelope).dump()

    return off_event_loop(sign)


def foreign_pdf() -> bytes:
    """A one-page PDF this app did not make (as a scanner or Word would): no fingerprint."""
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
