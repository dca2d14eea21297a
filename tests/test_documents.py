"""The files a user downloads: annexes, ZIP, the email of a signed letter; safe whatever was typed."""

import email
import io
import re
import zipfile
from email import policy

import pytest

from dossier.documents import (
    build_documents,
    build_zip,
    mailto_link,
    paragraphs,
    safe_filename,
)
from dossier.drafts import from_json
from support import docx_text, email_of

HOSTILE = (
    "Tom & Jerry <b>\"quoted\" 'single'</b> {{ 7*7 }} {% if x %} àèìòù 🇮🇹 \u202eRTL\u202c e\u0301\t\x00\x07\x1f end"
)


def test_file_names_follow_the_call_pack(single, call):
    names = [doc.file_name for doc in build_documents(single, call)]
    assert names == [
        "CONNECTION_Annex1_Letter_of_Commitment_Aglie.docx",
        "CONNECTION_Annex2_Needs_Analysis_Aglie.docx",
        "CONNECTION_Annex3_CV_Giulia_Ferrero.docx",
    ]


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("CON.docx", "_CON.docx"),
        ("../../etc/passwd", "etc_passwd"),
        ("a\\b/c:d*e?.docx", "a_b_c_d_e.docx"),
        ("Settimo Torinese\n(TO).docx", "Settimo_Torinese_TO.docx"),
        ("", "document"),
    ],
)
def test_safe_filename(raw, expected):
    assert safe_filename(raw) == expected


def test_very_long_names_are_cut():
    assert len(safe_filename("x" * 500 + ".docx")) <= 120


def test_the_email_carries_the_signed_letter_as_uploaded_and_the_other_annexes_as_pdf(single, call):
    docs = build_documents(single, call)
    letter = b"%PDF-1.7 the letter as the Mayor signed it"
    msg = email.message_from_bytes(email_of(single, call, letter), policy=policy.default)
    assert msg["To"] == call.submission_email
    assert msg["Subject"] == "CONNECTION – Application of the Municipality of Agliè"
    assert "info@example.org" in msg["From"]
    attachments = [(p.get_filename(), p.get_content_type(), p.get_content()) for p in msg.iter_attachments()]
    assert [name for name, _, _ in attachments] == [
        "CONNECTION_Annex1_Letter_of_Commitment_Aglie_signed.pdf",
        docs[1].pdf_file_name,
        docs[2].pdf_file_name,
        "CONNECTION_answers_Aglie.json",
    ]
    assert attachments[0][2] == letter
    assert all(kind == "application/pdf" for _, kind, _ in attachments[:3])  # no Word file
    # The answers, as the draft's JSON: the receiver checks them against the letter's fingerprint.
    assert from_json(attachments[3][2]) == single
    body = msg.get_body(preferencelist=("plain",)).get_content()
    assert "Giulia Ferrero" in body and "Marco Bertolino, Mayor of Agliè" in body
    for name, _, _ in attachments:
        assert name in body  # the body names exactly what is attached
    assert "(PAdES)" in body


def test_a_p7m_goes_as_a_p7m_with_its_own_name(single, call):
    msg = email.message_from_bytes(email_of(single, call, b"0\x80envelope", kind="cades"), policy=policy.default)
    letter = next(msg.iter_attachments())
    assert letter.get_filename() == "CONNECTION_Annex1_Letter_of_Commitment_Aglie.pdf.p7m"
    assert letter.get_content_type() == "application/pkcs7-mime" and letter.get_content() == b"0\x80envelope"
    assert "CAdES" in msg.get_body(preferencelist=("plain",)).get_content()


def test_a_line_break_in_a_name_cannot_add_email_headers(single, call):
    single.applicant.official_name = "Municipality of X\r\nBcc: victim@example.org\nX-Evil: 1"
    single.applicant.email = "info@example.org\r\nCc: other@example.org"
    raw = email_of(single, call)
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["Bcc"] is None and msg["X-Evil"] is None and msg["Cc"] is None
    assert "Bcc: victim" in msg["Subject"]  # kept as text in the subject, on one line
    assert msg["From"] is None  # an address with a line break is not an address


def test_zip_holds_the_annexes(single, call):
    docs = build_documents(single, call)
    with zipfile.ZipFile(io.BytesIO(build_zip(docs))) as zf:
        assert zf.namelist() == [d.file_name for d in docs]
        assert zf.testzip() is None


def test_mailto_link_is_encoded(single, call):
    single.applicant.official_name = "A & B ? C"
    link = mailto_link(single, call, ["Annex 1: letter.pdf"])
    assert link.startswith("mailto:europa@anci.piemonte.it?subject=")
    assert "A%20%26%20B%20%3F%20C" in link and "\n" not in link


def test_hostile_text_comes_out_as_typed_in_every_annex(single, call):
    single.needs.answers["context"] = HOSTILE + "\nsecond paragraph"
    single.officer.role = HOSTILE
    single.letter.signatory_name = HOSTILE
    docs = {d.annex_id: docx_text(d.data) for d in build_documents(single, call)}
    typed = HOSTILE.replace("\x00", " ").replace("\x07", " ").replace("\x1f", " ")  # controls: spaces
    typed = typed.replace("\u202e", "").replace("\u202c", "")  # bidi controls: dropped
    assert typed in docs["needs"]
    one_line = re.sub(r"\s+", " ", typed)  # names and roles are single lines: tabs become spaces
    assert one_line in docs["cv"] and one_line in docs["letter"]
    assert "49" not in typed and "{{ 7*7 }}" in docs["needs"]
    # Each line of an answer is its own Word paragraph.
    assert "second paragraph" in docx_text(build_documents(single, call)[1].data).split("\n")


def test_answers_become_real_paragraphs():
    assert paragraphs("First.\r\n\r\nSecond.\rThird.\n  \n") == ["First.", "Second.", "Third."]


def test_the_email_headers_are_plain_ascii_whatever_address_was_typed(single, call):
    single.applicant.email = "üser@comune.aglie.to.it"  # refused at the field, but typed anyway
    raw = email_of(single, call)
    headers = raw.split(b"\r\n\r\n", 1)[0]
    assert headers.isascii() and b"From:" not in headers


@pytest.mark.parametrize(
    "name",
    [
        "Comune di Settimo Torinese (TO) - Area Servizi Sociali, Ufficio Stranieri e Integrazione",
        "x" * 60 + " <ceo@anci.piemonte.it>, yyy",
        "y" * 70 + ' "europa@anci.piemonte.it" <europa@anci.piemonte.it>',
        'Comune di S. Mauro: "Servizi"; [Area] \\ Integrazione, Ufficio (TO) ' + "z" * 40,
        "Comune di Agliè (TO), Unione Montana " + "Valle " * 12,
    ],
)
def test_a_long_name_with_specials_leaves_one_from_address_the_applicants(single, call, name):
    single.applicant.official_name = name
    msg = email.message_from_bytes(email_of(single, call), policy=policy.default)
    assert [a.addr_spec for a in msg["From"].addresses] == ["info@example.org"]
    assert not msg["From"].defects


def test_text_reordering_controls_reach_no_sender_subject_or_document(single, call):
    hidden = "\u202e\u2066\u200b\u200f\ufeff"
    single.applicant.official_name = f"Comune di X{hidden}evil"
    single.officer.role = f"Officer{hidden} role"
    msg = email.message_from_bytes(email_of(single, call), policy=policy.default)
    assert msg["From"].addresses[0].display_name == "Comune di Xevil"
    assert msg["Subject"].endswith("Comune di Xevil")
    cv = docx_text(build_documents(single, call)[2].data)
    assert "Officer role" in cv and not any(c in cv for c in hidden)


def test_the_cv_has_no_signature_line_it_would_be_sent_without(single, call):
    """The CV goes out as the wizard's PDF, unsigned: no blank line waiting for a signature."""
    cv = next(docx_text(d.data) for d in build_documents(single, call) if d.annex_id == "cv")
    assert "signature" not in cv.lower() and "____" not in cv
    assert f"{single.officer.first_name} {single.officer.last_name}" in cv and single.letter.place in cv
