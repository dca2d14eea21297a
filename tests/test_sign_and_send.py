"""The Documents step, signed letter to email: nothing unsigned leaves (AppTest).

The PDFs are the app's own (LibreOffice, converted once for the session: `letter_pdfs`),
signed by the test PKI; the email offered is parsed and its attachments checked.
"""

import email
import hashlib
from email import policy
from urllib.parse import unquote

import pki
import pytest

from components.page_parts import annex_pdfs, send
from components.session.markdown import escape_md
from dossier import sample
from dossier.fingerprint import answers_fingerprint
from wizard import go, new_app, type_text

NEEDS, CV = b"%PDF-1.7 needs as PDF/A", b"%PDF-1.7 cv as PDF/A"


@pytest.fixture
def documents(monkeypatch, letter_pdfs):
    """The Documents step of the example, its PDFs prepared; `sent` collects what the
    email and the record buttons offer."""
    monkeypatch.setattr(annex_pdfs, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(
        annex_pdfs, "to_pdfs", lambda docs, **_: {"letter": letter_pdfs["now"], "needs": NEEDS, "cv": CV}
    )
    sent = {}
    for name in ("build_eml", "submission_record"):
        real = getattr(send, name)
        monkeypatch.setattr(send, name, lambda *a, _real=real, _name=name: sent.setdefault(_name, _real(*a)))
    at = new_app()
    at.button(key="example-single").click().run()
    go(at, "documents")
    assert answers_fingerprint(at.session_state["dossier"]) == answers_fingerprint(sample.single())
    at.button(key="pdf-make").click().run()
    return at, sent


def text(at) -> str:
    return " ".join(e.value for kind in ("success", "error", "warning", "info", "markdown") for e in getattr(at, kind))


def upload(at, key, name, data):
    at.file_uploader(key=key).set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, at.exception


def keys(at) -> set[str]:
    return {b.key for b in at.download_button}


def parsed(sent) -> tuple[email.message.EmailMessage, list]:
    msg = email.message_from_bytes(sent["build_eml"], policy=policy.default)
    return msg, [(a.get_filename(), a.get_content()) for a in msg.iter_attachments()]


def test_before_the_upload_no_email_and_the_page_says_why(documents):
    at, sent = documents
    assert "sign-download" in keys(at) and "dl-eml" not in keys(at) and not sent
    assert "L'email non è ancora pronta" in text(at)
    assert not [b for b in at.link_button if "mailto:" in b.url]


@pytest.mark.parametrize(
    ("kind", "sign", "name"),
    [
        ("pades", pki.pades, "CONNECTION_Annex1_Letter_of_Commitment_Aglie_signed.pdf"),
        ("cades", pki.cades, "CONNECTION_Annex1_Letter_of_Commitment_Aglie.pdf.p7m"),
    ],
)
def test_a_signed_letter_is_checked_and_the_email_carries_it_byte_for_byte(documents, letter_pdfs, kind, sign, name):
    at, sent = documents
    signed = sign(letter_pdfs["now"])
    upload(at, "signed-letter-digital", "lettera firmata.pdf", signed)
    shown = text(at)
    assert "La lettera firmata va bene" in shown and "Marco Bertolino" in shown and "BRTMRC70A01A074X" in shown
    assert "si dichiara qualificato" in shown and "la lettera di queste risposte" in shown
    assert "Non verificato qui" in shown  # revocation and trusted lists: said plainly
    assert {"dl-eml", "dl-record"} <= keys(at)

    msg, files = parsed(sent)
    assert [n for n, _ in files] == [
        name,
        "CONNECTION_Annex2_Needs_Analysis_Aglie.pdf",
        "CONNECTION_Annex3_CV_Giulia_Ferrero.pdf",
        "CONNECTION_answers_Aglie.json",  # the answers, for ANCI's side (intake/)
    ]
    assert files[0][1] == signed and [data for _, data in files[1:3]] == [NEEDS, CV]
    assert escape_md("CONNECTION_answers_Aglie.json") in shown  # listed to the applicant like the others
    assert not [n for n, _ in files if n.endswith(".docx")]
    assert letter_pdfs["now"] not in [data for _, data in files]  # never the unsigned letter
    body = msg.get_body(preferencelist=("plain",)).get_content()
    assert all(n in body for n, _ in files) and kind.replace("pades", "PAdES").replace("cades", "CAdES") in body
    record = sent["submission_record"]
    assert hashlib.sha256(signed).hexdigest() in record and f"{len(signed):,} bytes" in record
    assert "Marco Bertolino, fiscal code BRTMRC70A01A074X" in record
    webmail = [b.label for b in at.download_button if b.key.startswith("send-file-")]
    assert len(webmail) == 4 and all(escape_md(n) in label for (n, _), label in zip(files, webmail, strict=False))
    # The mail link attaches nothing: the page says so, with the files, and so does the message it opens.
    [note] = [w.value for w in at.warning if "non allega i file" in w.value]
    assert all(escape_md(n) in note for n, _ in files)
    mailto = unquote(next(b.url for b in at.link_button if b.url.startswith("mailto:")))
    assert mailto.split("body=", 1)[1].startswith("[Before sending, attach the 4 files listed below")
    assert all(n in mailto for n, _ in files)


def test_documents_is_done_in_the_sidebar_only_once_the_signed_letter_is_accepted(documents, letter_pdfs):
    at, _ = documents
    assert documents_status(at) == "in corso"  # documents ready, nothing signed yet
    upload(at, "signed-letter-digital", "lettera firmata.pdf", pki.pades(letter_pdfs["now"]))
    assert documents_status(at) == "fatto"
    go(at, "letter")  # an answer changed after signing: the letter is no longer these answers'
    type_text(at, "letter.place", "Agliè (Torino)")
    assert documents_status(at) == "in corso"


def documents_status(at) -> str:
    link = next(p for p in at.sidebar.get("page_link") if "Documenti" in p.label)
    return link.label.rsplit(" — ", 1)[1]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: b"PK\x03\x04" + b"\x00" * 30, "non è un PDF"),
        (lambda p: p, "non è firmato"),
        (lambda p: pki.pades(p) + b"\n% saved again\n", "aggiunti dati"),
        (lambda p: pki.cades(pki.cades(p)), "due volte dalla stessa persona"),
    ],
    ids=["zip", "unsigned", "appended", "p7m.p7m"],
)
def test_a_refused_letter_says_what_to_do_and_offers_no_email(documents, letter_pdfs, make, message):
    at, sent = documents
    upload(at, "signed-letter-digital", "letter.pdf", make(letter_pdfs["now"]))
    assert message in " ".join(e.value for e in at.error)
    assert "dl-eml" not in keys(at) and not sent


def test_the_word_file_is_refused_sign_the_pdf(documents):
    at, sent = documents
    upload(at, "signed-letter-digital", "letter.docx", at.session_state["built"]["docs"][0].data)
    assert "Firmate il PDF, non il file Word" in " ".join(e.value for e in at.error)
    assert "dl-eml" not in keys(at) and not sent


def test_someone_else_signing_must_be_acknowledged(documents, letter_pdfs):
    at, sent = documents
    upload(at, "signed-letter-digital", "letter.pdf", pki.pades(letter_pdfs["now"], "other"))
    assert "Giulia Bianchi" in " ".join(w.value for w in at.warning)
    assert not [s for s in at.success if "va bene" in s.value] and "dl-eml" not in keys(at)  # not "fine" yet
    [ack] = [c for c in at.checkbox if c.key.startswith("sign-ack-")]
    ack.check().run()
    assert "dl-eml" in keys(at)
    # the email says who really signed, not the signatory the letter names
    body = parsed(sent)[0].get_body(preferencelist=("plain",)).get_content()
    assert "signed by Giulia Bianchi (digital signature; the letter names Marco Bertolino" in " ".join(body.split())
    mailto = next(b.url for b in at.link_button if b.url.startswith("mailto:"))
    assert "Giulia%20Bianchi" in mailto


def test_a_letter_signed_before_an_answer_changed_is_refused(documents, letter_pdfs):
    at, _ = documents
    signed = pki.pades(letter_pdfs["now"])
    go(at, "applicant")
    type_text(at, "applicant.address", "Via Roma 1, 10011 Agliè (TO)")
    go(at, "documents")
    at.button(key="pdf-make").click().run()
    upload(at, "signed-letter-digital", "letter.pdf", signed)
    assert "versione precedente delle risposte" in " ".join(e.value for e in at.error)
    assert "dl-eml" not in keys(at)


def test_scan_route_needs_the_identity_document_and_attaches_it(documents):
    at, sent = documents
    at.radio(key="sign-route").set_value("scan").run()
    scan = pki.foreign_pdf()
    upload(at, "signed-letter-scan", "scansione.pdf", scan)
    assert "documento d'identità" in " ".join(e.value for e in at.error) and "dl-eml" not in keys(at)
    identity = b"\xff\xd8\xff\xe0 a photo of the ID card"
    upload(at, "signed-id", "carta identità.jpg", identity)
    assert "dl-eml" not in keys(at)  # a handwritten signature is confirmed by the user
    [ack] = [c for c in at.checkbox if c.key.startswith("sign-ack-")]
    ack.check().run()
    _, files = parsed(sent)
    assert [n for n, _ in files] == [
        "CONNECTION_Annex1_Letter_of_Commitment_Aglie_signed_scan.pdf",
        "Identity_document_Marco_Bertolino.jpg",
        "CONNECTION_Annex2_Needs_Analysis_Aglie.pdf",
        "CONNECTION_Annex3_CV_Giulia_Ferrero.pdf",
        "CONNECTION_answers_Aglie.json",
    ]
    assert files[0][1] == scan and files[1][1] == identity


def test_upload_check_and_email_write_no_file(documents, letter_pdfs, tmp_path):
    from test_isolation import _watch  # its audit hook sees every file opened for writing

    at, sent = documents
    _watch.update(on=True, allowed=str(tmp_path), writes=[])
    try:
        upload(at, "signed-letter-digital", "letter.pdf.p7m", pki.cades(letter_pdfs["now"]))
        assert "dl-eml" in keys(at) and sent
    finally:
        _watch["on"] = False
    assert _watch["writes"] == []
