"""A second call pack drives the wizard: the app is not tied to CONNECTION."""

import email
from datetime import date
from email import policy

import pytest

from dossier.calls import discover_calls, load_call
from dossier.eligibility import active_steps
from support import docx_text, email_of, two_call_packs
from wizard import go, new_app, type_text, w


@pytest.fixture
def two_packs(tmp_path, monkeypatch):
    monkeypatch.setenv("CALL_PACKS_DIR", str(two_call_packs(tmp_path)))
    return tmp_path


def test_packs_are_discovered_newest_first(two_packs):
    assert discover_calls() == ["welcome-2031", "connection-2020"]
    assert active_steps(load_call("welcome-2031")) == (
        "start",
        "eligibility",
        "applicant",
        "needs",
        "letter",
        "english",
        "review",
        "documents",
    )


def test_the_second_pack_drives_the_wizard_end_to_end(two_packs):
    at = new_app()
    at.radio(key="call-choice").set_value("welcome-2031").run()
    assert at.title[0].value == "Candidate il vostro Comune a WELCOME"
    links = [link.label for link in at.sidebar.get("page_link")]
    assert len(links) == 8 and not any("Funzionario" in label for label in links)

    go(at, "eligibility")
    at.radio(key=w("eligibility.kind")).set_value("municipality").run()
    type_text(at, "eligibility.municipality", "Agliè")
    at.checkbox(key=w("eligibility.action_plan")).check().run()
    assert not [c for c in at.checkbox if c.key == w("eligibility.officer_available")]

    go(at, "applicant")
    for path, value in {
        "address": "Piazza Castello 1, 10011 Agliè (TO)",
        "pec": "protocollo@pec.example.org",
        "email": "info@example.org",
        "phone": "011 1234567",
        "countries_of_origin": "Romania",
    }.items():
        type_text(at, f"applicant.{path}", value)
    type_text(at, "applicant.population", "2.600")
    type_text(at, "applicant.foreign_residents", "212")

    go(at, "needs")
    assert at.subheader[0].value == "1. Perché uno sportello di accoglienza"
    type_text(at, "needs.answers.motivation", "Newcomers need one place where they are welcomed and guided.")

    go(at, "letter")
    at.radio(key=w("letter.signatory_role")).set_value("mayor").run()
    type_text(at, "letter.signatory_name", "Marco Bertolino")
    type_text(at, "letter.place", "Agliè")
    at.date_input(key=w("letter.signed_on")).set_value(date(2031, 3, 1)).run()
    at.checkbox(key=w("letter.commitments.desk")).check().run()

    go(at, "documents")
    downloads = [b for b in at.download_button if b.key.startswith("dl-")]
    assert [b.label for b in downloads[:2]] == ["Form A – Letter of Intent (Word)", "Form B – Motivation (Word)"]
    assert len(downloads) == 3  # two annexes and the ZIP: the email waits for the signed letter
    built = at.session_state["built"]
    assert [d.file_name for d in built["docs"]] == ["WELCOME_FormA_Aglie.docx", "WELCOME_FormB_Aglie.docx"]
    assert "to open a welcome desk within six months" in docx_text(built["docs"][0].data)
    assert "Newcomers need one place" in docx_text(built["docs"][1].data)
    msg = email.message_from_bytes(
        email_of(at.session_state["dossier"], load_call("welcome-2031")), policy=policy.default
    )
    assert msg["To"] == "welcome@example.org" and msg["Subject"] == "WELCOME – Municipality of Agliè"
    assert len(list(msg.iter_attachments())) == 3  # two annexes and the answers (JSON)
    assert "15/03/2031" in " ".join(m.value for m in at.markdown)  # this pack's deadline
