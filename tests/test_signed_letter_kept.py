"""The accepted signed letter stays with the session while it is right (AppTest): across
steps, through changes to answers the letter does not print; a change to one it prints is
named. Several signers and the timestamps are each said."""

import pki
from test_autosave import browser_reports, sent_to_browser
from test_sign_and_send import documents, documents_status, keys, text, upload  # noqa: F401 (fixture)

from components.browser.autosave import read_envelope
from wizard import go, new_app, type_text


def test_the_letter_stays_accepted_across_steps(documents, letter_pdfs):  # noqa: F811
    at, _ = documents
    upload(at, "signed-letter-digital", "lettera firmata.pdf", pki.pades(letter_pdfs["now"]))
    assert "dl-eml" in keys(at) and documents_status(at) == "fatto"
    go(at, "review")
    go(at, "documents")  # Streamlit dropped the upload widget's file: the session kept it
    assert "La lettera firmata va bene" in text(at) and "dl-eml" in keys(at)
    assert documents_status(at) == "fatto"


def test_removing_the_file_from_the_uploader_forgets_it(documents, letter_pdfs):  # noqa: F811
    at, _ = documents
    upload(at, "signed-letter-digital", "lettera firmata.pdf", pki.pades(letter_pdfs["now"]))
    at.file_uploader(key="signed-letter-digital").set_value(None).run()
    assert "dl-eml" not in keys(at) and "Caricate la lettera firmata" in text(at)


def test_an_answer_not_in_the_letter_leaves_it_valid(documents, letter_pdfs):  # noqa: F811
    at, _ = documents
    upload(at, "signed-letter-digital", "lettera firmata.pdf", pki.pades(letter_pdfs["now"]))
    go(at, "needs")
    before = at.session_state["dossier"].needs.answers["context"]
    type_text(at, "needs.answers.context", before + " The library opens on Saturdays.")  # Annex 2 only
    go(at, "documents")
    shown = text(at)
    assert "La lettera firmata va bene" in shown and "versione precedente" not in shown
    assert "non sono nella lettera" in shown  # said, so the user knows why it still holds


def test_an_answer_in_the_letter_is_named_when_it_changed(documents, letter_pdfs):  # noqa: F811
    at, _ = documents
    upload(at, "signed-letter-digital", "lettera firmata.pdf", pki.pades(letter_pdfs["now"]))
    go(at, "applicant")
    type_text(at, "applicant.address", "Via Roma 1, 10011 Agliè (TO)")
    go(at, "documents")
    assert documents_status(at) == "in corso" and "dl-eml" not in keys(at)
    shown = text(at)
    assert "versione precedente delle risposte" in shown
    assert "è scritta nella lettera" in shown and "Indirizzo della sede" in shown


def test_two_signers_and_timestamps_are_each_said(documents, letter_pdfs):  # noqa: F811
    at, _ = documents
    signed = pki.pades(pki.pades(letter_pdfs["now"], "other", level="LTA"), field="Signature2", level="LTA")
    upload(at, "signed-letter-digital", "lettera firmata.pdf", signed)
    shown = text(at)
    assert "La lettera firmata va bene" in shown and "Firme trovate (2)" in shown
    assert "Le firme sono **integre**" in shown and "copre **tutto il file**" not in shown
    assert "**Giulia Bianchi**, firma **integra**, marca temporale del" in shown
    assert "Marca temporale sul documento del" in shown and "di Test TSA" in shown
    assert "autorità delle marche temporali" in shown  # their trust is not checked: said


def test_a_kept_letter_is_named_and_can_be_removed(documents, letter_pdfs):  # noqa: F811
    at, _ = documents
    upload(at, "signed-letter-digital", "lettera firmata.pdf", pki.pades(letter_pdfs["now"]))
    go(at, "review")
    go(at, "documents")
    at.run()  # a later run of the page, the widget still empty: the letter stays
    assert "lettera firmata.pdf" in text(at) and "dl-eml" in keys(at)
    at.button(key="signed-letter-digital-remove").click().run()
    assert "dl-eml" not in keys(at) and "Caricate la lettera firmata" in text(at)


def test_after_a_reload_the_page_says_the_accepted_letter_must_be_uploaded_again(documents, letter_pdfs):  # noqa: F811
    at, _ = documents
    upload(at, "signed-letter-digital", "lettera firmata.pdf", pki.pades(letter_pdfs["now"]))
    stored = sent_to_browser(at)["value"]  # the browser's draft now knows a letter was accepted
    assert read_envelope(stored)[2] == at.session_state["built"]["letter_fingerprint"]

    again = new_app()  # the reload: a new session, the browser reports its draft
    browser_reports(again, stored)
    again.button(key="draft-resume").click().run()
    go(again, "documents")
    again.button(key="pdf-make").click().run()
    shown = text(again)
    assert "Caricate di nuovo la lettera firmata" in shown and "dl-eml" not in keys(again)


def test_the_record_lists_every_signer_and_timestamp(documents, letter_pdfs):  # noqa: F811
    at, sent = documents
    signed = pki.pades(pki.pades(letter_pdfs["now"], "other", level="T"), field="Signature2", level="LTA")
    upload(at, "signed-letter-digital", "lettera firmata.pdf", signed)
    record = sent["submission_record"]
    assert "Signatures, in signing order, each intact: Giulia Bianchi; Marco Bertolino." in record
    assert record.count("by Test TSA.") == 3  # two signature timestamps, one document timestamp
    assert "the timestamp authorities." in record
