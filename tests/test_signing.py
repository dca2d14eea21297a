"""The signed letter, checked: each file a secretary might upload gets a verdict in words.

A test PKI (tests/pki.py) signs the app's own letter PDF as Dike or ArubaSign would.
"""

import base64

import pki
import pytest

from components.session.i18n import _strings
from dossier import sample
from dossier.calls import load_call
from dossier.documents import build_documents, letter_fingerprint_of
from dossier.fingerprint import answers_fingerprint
from dossier.signing import (
    MAX_LETTER_BYTES,
    check_identity,
    check_letter,
    names_match,
    signer_of,
)
from support import ROOT

FINGERPRINT = answers_fingerprint(sample.single())
LETTER = letter_fingerprint_of(sample.single(), load_call("connection-2020"))
SIGNATORY = sample.single().letter.signatory_name  # Marco Bertolino


def check(data: bytes, scan: bool = False):
    return check_letter(data, fingerprint=LETTER, signatory=SIGNATORY, scan=scan)


def test_the_fingerprint_is_of_the_answers_not_of_volatile_fields():
    d = sample.single()
    d.example = True
    d.english_intended = ["some-sentence"]
    assert answers_fingerprint(d) == FINGERPRINT
    d.applicant.address = "Via Roma 1"
    assert answers_fingerprint(d) != FINGERPRINT


def test_the_letter_fingerprint_is_of_what_the_letter_says(call):
    d = sample.single()
    d.needs.answers["context"] = "One more sentence."  # Annex 2, not in the letter
    d.officer.digital_skills = "Spreadsheets."  # Annex 3, not in the letter
    assert letter_fingerprint_of(d, call) == LETTER and answers_fingerprint(d) != FINGERPRINT
    d.applicant.address = "Via Roma 1"
    assert letter_fingerprint_of(d, call) != LETTER


def test_pades_of_the_apps_letter_is_accepted_and_said_in_words(letter_pdfs):
    v = check(pki.pades(letter_pdfs["now"]))
    assert (v.outcome, v.kind, v.problems, v.warnings, v.fingerprint) == ("accepted", "pades", (), (), "match")
    assert v.answers_fingerprint == FINGERPRINT  # the whole answers', for the receiver
    s = v.signer
    assert (s.given_name, s.surname, s.fiscal_code, s.qualified) == ("Marco", "Bertolino", "BRTMRC70A01A074X", True)
    assert s.valid_from <= v.signed_at <= s.valid_to
    assert v.as_dict()["not_checked"] == ["revocation", "trusted_lists"]  # said, never implied as checked
    assert v.letter_pdf.startswith(letter_pdfs["now"][:1000])


@pytest.mark.parametrize("encode", [lambda b: b, base64.b64encode], ids=["der", "base64"])
def test_cades_p7m_is_accepted_and_the_pdf_inside_is_the_letter(letter_pdfs, encode):
    v = check(encode(pki.cades(letter_pdfs["now"])))
    assert (v.outcome, v.kind, v.fingerprint, v.signer.name) == ("accepted", "cades", "match", "Marco Bertolino")
    assert v.letter_pdf == letter_pdfs["now"]


def flip_a_byte(data: bytes) -> bytes:
    changed = bytearray(data)
    changed[len(data) // 3] ^= 0x01
    return bytes(changed)


REFUSED = {
    "tampered PAdES": (lambda p, docx: flip_a_byte(pki.pades(p)), "tampered"),
    "tampered p7m": (lambda p, docx: flip_a_byte(pki.cades(p)), "tampered"),
    "bytes appended after PAdES": (lambda p, docx: pki.pades(p) + b"\n% appended by a tool\n", "appended"),
    "PDF saved again after PAdES": (lambda p, docx: pki.saved_again(pki.pades(p)), "changed_after_signing"),
    "bytes appended after p7m": (lambda p, docx: pki.cades(p) + b"\x00" * 16, "appended"),
    "unsigned PDF": (lambda p, docx: p, "unsigned"),
    "the Word file": (lambda p, docx: docx, "docx"),
    "a p7m of the Word file": (lambda p, docx: pki.cades(docx), "p7m_docx"),
    "a p7m.p7m": (lambda p, docx: pki.cades(pki.cades(p)), "double_envelope"),
    "an expired certificate": (lambda p, docx: pki.pades(p, expired=True), "expired"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_wrong_file_is_refused_with_what_to_do(letter_pdfs, case):
    make, problem = REFUSED[case]
    docx = build_documents(sample.single(), load_call("connection-2020"))[0].data
    v = check(make(letter_pdfs["now"], docx))
    assert (v.outcome, v.problems) == ("refused", (problem,))
    assert not v.accepted
    for lang in ("it", "en"):
        assert _strings(lang)[f"signing.{problem}"]  # a message in both languages


def test_a_letter_signed_from_older_answers_is_named_as_such(letter_pdfs):
    v = check(pki.pades(letter_pdfs["older"]))
    assert (v.outcome, v.problems, v.fingerprint) == ("refused", ("older_answers",), "older")
    assert "versione precedente delle risposte" in _strings("it")["signing.older_answers"]


def test_someone_else_signing_is_a_warning_naming_both(letter_pdfs):
    v = check(pki.pades(letter_pdfs["now"], "other"))
    assert (v.outcome, v.warnings) == ("accepted", ("signer_mismatch",))
    assert v.signer.name == "Giulia Bianchi" and not v.signer.qualified and v.signer.fiscal_code == ""


def test_a_pdf_not_made_here_can_be_sent_only_once_acknowledged():
    v = check(pki.pades(pki.foreign_pdf()))
    assert (v.outcome, v.warnings, v.fingerprint) == ("accepted", ("no_fingerprint",), "missing")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"just some text, not a document" * 3, "not_pdf"),
        (b"%PDF-1.7\n" + b"0" * MAX_LETTER_BYTES, "too_large"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R", "damaged"),
    ],
    ids=["empty", "not a PDF", "too large", "truncated PDF"],
)
def test_an_unusable_file_is_said_so(data, problem):
    v = check(data)
    assert (v.outcome, v.problems) == ("unusable", (problem,))


def test_an_encrypted_pdf_is_unusable(letter_pdfs):
    v = check(pki.encrypted(pki.pades(letter_pdfs["now"])))
    assert (v.outcome, v.problems) == ("unusable", ("encrypted",))


def test_scan_route(letter_pdfs):
    assert check(letter_pdfs["now"], scan=True).problems == ("scan_is_unsigned",)  # our PDF, as it was
    v = check(pki.foreign_pdf(), scan=True)
    assert (v.outcome, v.kind, v.warnings, v.signer) == ("accepted", "scan", ("scan_unchecked",), None)
    assert check(b"\xff\xd8\xff\xe0 a photo", scan=True).problems == ("scan_not_pdf",)
    assert check(pki.pades(letter_pdfs["now"]), scan=True).kind == "pades"  # signed digitally after all


def test_identity_document():
    assert check_identity(b"\xff\xd8\xff\xe0photo") == ("", "jpg")
    assert check_identity(b"\x89PNG\r\n\x1a\n...") == ("", "png")
    assert check_identity(b"%PDF-1.4 ...") == ("", "pdf")
    assert check_identity(b"GIF89a") == ("id_not_supported", "")
    assert check_identity(b"") == ("id_missing", "")
    assert check_identity(b"%PDF-" + b"0" * 6 * 2**20) == ("id_too_large", "")


def test_names_match_whatever_the_order_accents_and_case():
    mayor = signer_of(pki.signer("mayor").signing_cert)
    assert names_match("Marco Bertolino", mayor) and names_match("BERTOLINO marco", mayor)
    assert not names_match("Marco Bertolini", mayor) and not names_match("", mayor)
    cn_only = mayor.__class__(
        **{**mayor.__dict__, "given_name": "", "surname": "", "common_name": "D'AMICO NICOLO'/DMCNCL80A01L219X"}
    )
    assert names_match("Nicolò D'Amico", cn_only)


def test_every_verdict_code_has_a_message_in_both_languages():
    import re

    codes = set(re.findall(r'"([a-z_0-9]+)"', (ROOT / "dossier" / "signing.py").read_text()))
    for lang in ("it", "en"):
        strings = _strings(lang)
        used = {c for c in codes if f"signing.{c}" in strings}
        assert {"tampered", "appended", "older_answers", "signer_mismatch", "scan_unchecked", "id_missing"} <= used


def test_the_check_works_inside_a_running_event_loop(letter_pdfs):
    """pyHanko's asyncio.run fails in a thread with a running loop (Playwright's, in the browser tests)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def inside():
        return check(pki.pades(letter_pdfs["now"]))

    with ThreadPoolExecutor(1) as pool:  # a thread of its own: this one may run Playwright's loop already
        assert pool.submit(asyncio.run, inside()).result().accepted
