"""The importer on mail as mail programs write it (tests/mail_clients.py, written byte by
byte, not by Python's email package): every application is found whole, whatever the client."""

from __future__ import annotations

from functools import cache

import mail_clients as mc
import pytest
from inbox_factory import CALL

from intake import mailbox as mb
from intake.cards import Card
from intake.inbox import import_cards

CLIENTS = {
    "thunderbird": lambda: mc.thunderbird("Alba"),
    "outlook": lambda: mc.outlook("Chieri"),
    "gmail": lambda: mc.gmail("Ivrea"),
    "apple_mail": lambda: mc.apple_mail("Biella"),
    "forwarded_as_attachment": lambda: mc.forwarded(mc.thunderbird("Novara"), "Novara"),
    "zip_cp437": lambda: mc.zipped_annexes("Asti", "cp437"),
    "zip_utf8": lambda: mc.zipped_annexes("Cuneo", "utf-8"),
    "zip_utf8_unflagged": lambda: mc.zipped_annexes("Saluzzo", "utf-8-unflagged"),
}


@cache
def cards() -> dict[str, Card]:
    one, two = mc.split_over_two("Bra")
    given = [(f"{n}.eml", make()) for n, make in CLIENTS.items()] + [("split_1.eml", one), ("split_2.eml", two)]
    got, found = import_cards(given, CALL)
    assert got.skipped == []
    return {source.removesuffix(".eml"): c for (source, _), c in zip(given, found, strict=True)}


@pytest.mark.parametrize("client", list(CLIENTS))
def test_each_clients_application_is_found_whole_and_admissible(client):
    card = cards()[client]
    assert card.missing_annexes == [] and card.unrecognised in ([], ["image001.png"])  # Outlook's inline logo
    assert card.letter == "accepted" and card.signatory == "Marco Bertolino"
    assert card.admissible, card.reasons
    assert card.applicant.startswith("Comune di ")


def test_names_encoded_as_each_client_encodes_them_are_read_as_written():
    assert cards()["thunderbird"].annexes["letter"] == "Lettera d'impegno – Comune di Alba.pdf"  # RFC 2231, in two
    assert cards()["outlook"].annexes["needs"] == "Allegato 2 – Needs analysis.docx"  # RFC 2047 in quotes
    assert cards()["gmail"].annexes["letter"] == "Lettera d’impegno.pdf"
    for client in ("zip_cp437", "zip_utf8", "zip_utf8_unflagged"):
        card = cards()[client]
        assert card.annexes["needs"] == "Analisi dei bisogni è.docx", client
        assert "zip_opened" in card.notes


def test_a_forwarded_application_is_read_from_inside_and_says_so():
    card = cards()["forwarded_as_attachment"]
    assert "forwarded" in card.notes and card.annexes["cv"] == "Curriculum vitae funzionario.docx"


def test_an_application_split_over_two_emails_is_one_application_received_with_its_last_part():
    first, second = cards()["split_1"], cards()["split_2"]
    assert first.annexes["cv"] == "CV.docx" and first.admissible and "completed" in first.notes
    assert first.received_at == second.received_at
    assert second.part_of == first.key and second.reasons == ["part_of"]
    assert not first.replaced_by and not second.replaces


def test_the_identity_document_sent_in_a_reply_completes_a_letter_signed_on_paper():
    from email.message import EmailMessage

    from inbox_factory import JPEG, at, hand_email

    first = hand_email("Chivasso", at(20), signed=False)
    reply = EmailMessage()
    reply["From"], reply["Subject"] = "segreteria@comune.chivasso.example.it", "Re: Candidatura - Comune di Chivasso"
    reply["Date"] = "Sat, 22 Feb 2020 10:00:00 +0100"
    reply.set_content("In allegato il documento d'identità del Sindaco.")
    reply.add_attachment(JPEG, maintype="image", subtype="jpeg", filename="documento identita sindaco.jpg")
    _, (card, later) = import_cards([("1.eml", first), ("2.eml", reply.as_bytes())], CALL)
    assert card.letter == "by_hand" and card.identity == "documento identita sindaco.jpg"
    assert card.reasons == [] and card.to_check_by_hand and later.part_of == card.key


def test_a_crlf_mbox_with_escaped_from_lines_gives_each_email_whole():
    quoting = b"From: a@b.it\r\nSubject: x\r\n\r\nFrom here on\r\n"
    box = mc.mbox_crlf([mc.thunderbird("Alba"), mc.gmail("Ivrea"), quoting])
    got = mb.read_files([("export.mbox", box)])
    assert [len(m.files) for m in got.messages] == [3, 3, 0]
    assert got.messages[2].body.startswith("From here on")  # the ">From " escape undone


def test_an_email_without_a_name_behind_a_long_relay_header_block_is_read():
    """A Maildir file (no .eml name), its From after 40 Received headers and an ARC seal."""
    got = mb.read_files([("1582276320.M1P2.mx,S=12345:2,S", mc.outlook("Chieri"))])
    assert got.skipped == [] and got.messages[0].subject.endswith("Comune di Chieri")


def test_a_pec_receipt_is_said_not_taken_for_an_application():
    """The provider's receipt of a message ANCI sent (X-Ricevuta: accettazione, avvenuta-consegna)."""
    receipt = b"".join(
        (
            b"From: posta-certificata@pec.example.it\r\nTo: europa@pec.anci.example.it\r\n",
            b"Subject: ACCETTAZIONE: Esito della candidatura\r\nDate: Mon, 2 Mar 2020 10:00:00 +0100\r\n",
            b"X-Ricevuta: accettazione\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nRicevuta\r\n",
        )
    )
    got = mb.read_files([("ricevuta.eml", receipt), ("app.eml", mc.thunderbird("Alba"))])
    assert got.skipped == [("ricevuta.eml", "pec_receipt")] and len(got.messages) == 1
