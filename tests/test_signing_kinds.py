"""Signed files as real tools write them: BER envelopes, several signers, PAdES levels B to
LTA, legacy and weak signatures, Italian certificates, active content, and files too
complex to check (each cap with a hostile file made here).

The test PKI (tests/pki.py) signs a one-page PDF that is not the app's (so the verdicts
carry the warning "no_fingerprint"); test_signing.py signs the app's own letter.
"""

import base64
import time
import zlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from io import BytesIO

import pki
import pytest
from asn1crypto import cms
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from components.session.i18n import _strings
from dossier import signed_pdf
from dossier.fingerprint import find_fingerprint, keyword
from dossier.signatures import Signature, Timestamp, fiscal_code, signer_of
from dossier.signing import check_letter, message_params

SIGNATORY = "Marco Bertolino"
PDF = pki.foreign_pdf()


def check(data: bytes, scan: bool = False):
    return check_letter(data, fingerprint="0" * 64, signatory=SIGNATORY, scan=scan)


def signers(v) -> list[tuple[str, bool]]:
    return [(s.signer.name, s.intact) for s in v.signatures]


def pem(der: bytes) -> bytes:
    body = base64.encodebytes(der)
    return b"-----BEGIN PKCS7-----\n" + body + b"-----END PKCS7-----\n"


@pytest.mark.parametrize(
    "encode",
    [lambda d: d, pki.to_ber, base64.b64encode, pem],
    ids=["DER", "BER with indefinite lengths", "Base64", "PEM"],
)
def test_an_envelope_in_any_encoding_is_read_and_nothing_follows_it(encode):
    der = pki.cades(PDF)
    data = encode(der)
    v = check(data)
    assert (v.outcome, v.kind, signers(v), v.letter_pdf) == ("accepted", "cades", [(SIGNATORY, True)], PDF)
    if encode is pki.to_ber:
        assert data[1] == 0x80 and len(data) > len(der)  # really BER: the DER re-encoding would be shorter
        assert check(data + b"\x00\x00").problems == ("appended",)


def test_a_pdf_ending_with_end_of_line_bytes_is_whole_but_not_with_anything_else():
    signed = pki.pades(PDF)
    assert check(signed + b"\r\n").accepted
    assert check(signed + b"\r\n% a tool's comment\r\n").problems == ("appended",)


@pytest.mark.parametrize("level", ["B", "T", "LT", "LTA"])
def test_pades_at_every_baseline_level_is_accepted_with_its_timestamps(level):
    v = check(pki.pades(PDF, level=level))
    assert (v.outcome, v.problems, signers(v)) == ("accepted", (), [(SIGNATORY, True)])
    stamp = v.signatures[0].timestamp
    if level == "B":
        assert stamp is None
    else:  # the signature timestamp, verified, and its authority named
        assert (stamp.by, stamp.intact) == ("Test TSA", True)
        assert abs(stamp.at - datetime.now(UTC)) < timedelta(minutes=5)
    assert [(t.by, t.intact) for t in v.timestamps] == ([("Test TSA", True)] if level == "LTA" else [])


def test_cades_with_a_signature_timestamp_is_timestamped():
    v = check(pki.cades(PDF, timestamp=True))
    assert v.accepted and v.signatures[0].timestamp.by == "Test TSA"


@pytest.mark.parametrize(
    "make",
    [
        lambda: pki.cosigned(PDF, "other", "mayor"),
        lambda: pki.cades(pki.cades(PDF, "other")),
        lambda: pki.pades(pki.pades(PDF, "other"), field="Signature2"),
        lambda: pki.pades(pki.pades(PDF, "other", level="LTA"), field="Signature2", level="LTA"),
    ],
    ids=["two signers in one envelope", "envelope in an envelope", "PDF signed twice", "PDF signed twice, LTA"],
)
def test_several_signers_are_each_listed_and_the_signatory_is_found_among_them(make):
    v = check(make())
    assert (v.outcome, v.problems) == ("accepted", ())
    assert sorted(signers(v)) == [("Giulia Bianchi", True), (SIGNATORY, True)]
    assert v.signer.name == SIGNATORY and "signer_mismatch" not in v.warnings


def test_several_signers_without_the_signatory_is_a_warning():
    v = check(pki.cosigned(PDF, "other"))
    assert v.accepted and v.warnings == ("no_fingerprint", "signer_mismatch")


def test_one_broken_signature_of_two_refuses_the_letter():
    envelope = cms.ContentInfo.load(pki.cosigned(PDF, "other", "mayor"))
    info = envelope["content"]["signer_infos"][0]
    broken = bytearray(info["signature"].native)
    broken[-1] ^= 1
    info["signature"] = bytes(broken)
    v = check(envelope.dump(force=True))
    assert (v.outcome, v.problems) == ("refused", ("tampered",))
    assert sorted(intact for _, intact in signers(v)) == [False, True]  # each signer its own verdict


def test_the_same_signer_enveloping_twice_is_refused_as_such():
    v = check(pki.cades(pki.cades(PDF)))
    assert (v.outcome, v.problems) == ("refused", ("double_envelope",))
    assert "stessa persona" in _strings("it")["signing.double_envelope"]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (pki.annotated, "changed_after_signing"),
        (pki.saved_again, "changed_after_signing"),
        (pki.legacy_subfilter, "unsupported_signature"),
    ],
    ids=["a note added", "saved again by a viewer", "a legacy signature kind"],
)
def test_what_pades_does_not_allow_after_signing_is_refused(change, problem):
    v = check(change(pki.pades(PDF, level="LTA")))
    assert (v.outcome, v.problems) == ("refused", (problem,))


def test_a_form_value_filled_in_after_signing_is_refused():
    signed = pki.pades(_form(1))
    w = IncrementalPdfFileWriter(BytesIO(signed), strict=False)
    field = w.root["/AcroForm"]["/Fields"].raw_get(0).reference
    field.get_object()[generic.NameObject("/V")] = generic.TextStringObject("added after signing")
    w.mark_update(field)
    out = BytesIO()
    w.write(out)
    assert check(signed).accepted
    assert check(out.getvalue()).problems == ("changed_after_signing",)


@pytest.mark.parametrize(
    ("kwargs", "named"),
    [({"rsa_bits": 1024}, "RSA 1024 bit"), ({"md": "sha1"}, "SHA-1"), ({"md": "md5", "rsa_bits": 2048}, "MD5")],
    ids=["RSA-1024", "SHA-1", "MD5"],
)
def test_a_weak_algorithm_is_refused_and_named(kwargs, named):
    v = check(pki.pades(PDF, **kwargs))
    assert (v.outcome, v.problems, v.weak) == ("refused", ("weak_algorithm",), (named,))
    assert v.signatures[0].intact  # read, not called broken
    assert named in _strings("it")["signing.weak_algorithm"].format(**message_params(v, SIGNATORY))


def test_a_strong_rsa_key_is_not_weak():
    assert check(pki.pades(PDF, rsa_bits=2048)).accepted


@pytest.mark.parametrize(
    ("subject", "code"),
    [
        ({"serial_number": "TINIT-RSSMRA80A01H501U"}, "RSSMRA80A01H501U"),
        ({"serial_number": "rssmra80a01h501u"}, "RSSMRA80A01H501U"),
        ({"serial_number": "TINIT- RSSMRA80A01H501U "}, "RSSMRA80A01H501U"),
        ({"serial_number": "IT:RSSMRA80A01H501U"}, "RSSMRA80A01H501U"),
        ({"common_name": "ROSSI MARIO/RSSMRA80A01H501U/7420000012345.abcd"}, "RSSMRA80A01H501U"),
        ({"serial_number": "12345", "common_name": "Mario Rossi"}, ""),
    ],
)
def test_the_fiscal_code_is_found_where_italian_certificates_put_it(subject, code):
    assert fiscal_code(subject) == code


def test_the_holders_name_is_given_name_and_surname_else_the_common_name():
    mayor = signer_of(pki.signer("mayor").signing_cert)
    assert mayor.name == SIGNATORY and mayor.fiscal_code == "BRTMRC70A01A074X"
    cn_only = replace(mayor, given_name="", surname="", common_name="ROSSI MARIO")
    assert cn_only.name == "ROSSI MARIO"


def test_the_certificate_is_judged_at_the_signing_time_not_today():
    mayor = signer_of(pki.signer("mayor").signing_cert)
    old = mayor.__class__(
        **{
            **mayor.__dict__,
            "valid_from": datetime(2018, 1, 1, tzinfo=UTC),
            "valid_to": datetime(2020, 1, 1, tzinfo=UTC),
        }
    )
    back_then = datetime(2019, 6, 1, tzinfo=UTC)
    assert Signature(old, True, back_then).in_validity  # expired today, valid when it signed
    assert not Signature(old, True, None).in_validity  # no time declared: judged today
    # a timestamp authority's time prevails over the signer's declared one
    assert Signature(old, True, datetime(2021, 1, 1, tzinfo=UTC), Timestamp(back_then, "TSA", True)).in_validity
    assert not Signature(old, True, back_then, Timestamp(datetime(2021, 1, 1, tzinfo=UTC), "TSA", True)).in_validity


def test_active_content_in_a_signed_letter_is_a_warning_naming_it():
    v = check(pki.pades(pki.with_script(PDF)))
    assert (v.outcome, v.warnings, v.active) == (
        "accepted",
        ("no_fingerprint", "active_content"),
        ("JavaScript", "OpenAction"),
    )
    said = _strings("it")["signing.active_content"].format(**message_params(v, SIGNATORY))
    assert "JavaScript, OpenAction" in said and "così com'è" in said
    assert check(pki.cades(pki.with_script(PDF))).active == ("JavaScript", "OpenAction")  # inside an envelope too


def test_a_scan_that_is_not_a_plain_scan_is_named():
    assert check(PDF, scan=True).warnings == ("scan_unchecked",)
    assert check(pki.with_script(PDF), scan=True).warnings == ("scan_unchecked", "scan_not_plain")
    # a PDF the wizard's converter wrote (its fingerprint taken out), not a scanner
    w = IncrementalPdfFileWriter(BytesIO(PDF), strict=False)
    w.set_info(generic.DictionaryObject({generic.NameObject("/Producer"): generic.TextStringObject("LibreOffice 7.4")}))
    out = BytesIO()
    w.write(out)
    assert check(out.getvalue(), scan=True).warnings == ("scan_unchecked", "scan_not_plain")


# Hostile files: each cap of dossier/signed_pdf, broken by a file made here.


def _xref_stream_pdf(objstm_n: int) -> bytes:
    """A PDF whose catalog lives in an object stream declaring `objstm_n` objects."""
    header = b"%PDF-1.7\n"
    pages = b"1 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    inner = b"<< /Type /Catalog /Pages 1 0 R >>"
    first = b"3 0 "
    objstm = (
        b"2 0 obj\n<< /Type /ObjStm /N %d /First %d /Length %d >>\nstream\n"
        % (objstm_n, len(first), len(first + inner))
        + first
        + inner
        + b"\nendstream\nendobj\n"
    )
    off1 = len(header)
    off2 = off1 + len(pages)
    off4 = off2 + len(objstm)
    rows = [(0, 0, 65535), (1, off1, 0), (1, off2, 0), (2, 2, 0), (1, off4, 0)]
    entries = b"".join(bytes([t]) + a.to_bytes(4, "big") + b.to_bytes(2, "big") for t, a, b in rows)
    xref = (
        b"4 0 obj\n<< /Type /XRef /Size 5 /W [1 4 2] /Root 3 0 R /Length %d >>\nstream\n" % len(entries)
        + entries
        + b"\nendstream\nendobj\n"
    )
    return header + pages + objstm + xref + b"startxref\n%d\n%%%%EOF\n" % off4


def _form(fields: int) -> bytes:
    """The PDF with a form of `fields` empty text fields (each signature field re-read them all)."""
    w = IncrementalPdfFileWriter(BytesIO(PDF), strict=False)
    refs = [
        w.add_object(
            generic.DictionaryObject(
                {
                    generic.NameObject("/FT"): generic.NameObject("/Tx"),
                    generic.NameObject("/T"): generic.TextStringObject(f"f{i}"),
                }
            )
        )
        for i in range(fields)
    ]
    w.root["/AcroForm"] = generic.DictionaryObject({generic.NameObject("/Fields"): generic.ArrayObject(refs)})
    w.update_root()
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def _saved_many_times(pdf: bytes, times: int) -> bytes:
    for _ in range(times):
        pdf = pki.saved_again(pdf)
    return pdf


HOSTILE = {
    f"{signed_pdf.MAX_SIGNATURE_FIELDS + 1} signatures": lambda: _signed_many_times(
        signed_pdf.MAX_SIGNATURE_FIELDS + 1
    ),
    f"{signed_pdf.MAX_REVISIONS + 1} revisions": lambda: pki.pades(_saved_many_times(PDF, signed_pdf.MAX_REVISIONS)),
    "an object stream declaring a million objects": lambda: _xref_stream_pdf(1_000_000),
    "a form of 101 fields": lambda: pki.pades(_form(signed_pdf.MAX_FORM_FIELDS + 1)),
    f"{signed_pdf.MAX_EOF_MARKERS + 1} end-of-file markers": lambda: pki.pades(PDF) + b"%%EOF\n" * 101,
}


def _signed_many_times(n: int) -> bytes:
    pdf = PDF
    for i in range(n):
        pdf = pki.pades(pdf, field=f"Signature{i + 1}")
    return pdf


@pytest.mark.parametrize("case", HOSTILE)
@pytest.mark.parametrize("scan", [False, True], ids=["digital", "scan"])
def test_a_file_over_a_cap_is_too_complex_and_says_what_to_do(case, scan):
    data = HOSTILE[case]()
    started = time.process_time()
    v = check(data, scan=scan)
    assert (v.outcome, v.problems) == ("unusable", ("too_complex",))
    assert time.process_time() - started < 1
    for lang in ("it", "en"):
        assert "2" in _strings(lang)["signing.too_complex"]  # what to do: sign the wizard's PDF (step 2) again


def test_an_envelope_of_eleven_signers_is_too_complex():
    assert check(pki.cosigned(PDF, *["mayor", "other"] * 5, "mayor")).problems == ("too_complex",)


def test_envelopes_four_deep_are_too_complex():
    three = pki.cades(pki.cades(pki.cades(PDF, "other"), "mayor"), "other")
    assert check(three).problems == ("double_envelope",)  # read to the PDF: Giulia Bianchi signed twice
    assert check(pki.cades(three, "mayor")).problems == ("too_complex",)


def test_a_file_just_under_the_caps_is_checked():
    assert check(_xref_stream_pdf(1)).problems == ("unsigned",)
    assert check(pki.pades(_form(signed_pdf.MAX_FORM_FIELDS - 1))).accepted
    assert check(_signed_many_times(2)).accepted


def test_the_xmp_is_read_only_up_to_its_head():
    """A Flate "bomb" as /Metadata (64 MiB of zeros, 64 KB in the file): only its head is decoded."""
    flate = {generic.NameObject("/Filter"): generic.NameObject("/FlateDecode")}
    bomb = generic.StreamObject(flate, encoded_data=zlib.compress(b"0" * (64 * 2**20), 9))
    started = time.process_time()
    assert len(signed_pdf._xmp_head(bomb)) == signed_pdf.XMP_HEAD
    assert time.process_time() - started < 0.1
    plain = generic.StreamObject(stream_data=b"<x:xmpmeta>" + keyword("a" * 64).encode() + b" " * 10**6)
    assert find_fingerprint(signed_pdf._xmp_head(plain).decode()) == "a" * 64


def test_every_message_of_the_check_is_said_in_both_languages():
    v = check(pki.pades(pki.with_script(PDF), rsa_bits=1024))
    params = message_params(v, SIGNATORY)
    codes = (
        "too_complex changed_after_signing unsupported_signature weak_algorithm timestamp_broken active_content "
        "countersignature_not_read scan_not_plain double_envelope appended tampered"
    ).split()
    for lang in ("it", "en"):
        for code in codes:
            assert _strings(lang)[f"signing.{code}"].format(**params)


def test_a_verdict_with_every_part_crosses_a_process_boundary():
    """The check may run in a child process: its verdict is plain data, pickled whole."""
    import pickle

    v = check(pki.pades(pki.pades(PDF, "other", level="LTA"), field="Signature2", level="LTA"))
    assert len(v.signatures) == 2 and v.timestamps
    assert pickle.loads(pickle.dumps(v)) == v
