"""The wizard in a real browser: what a clerk sees and clicks, end to end.

The UI is Italian by default, so the tests speak Italian (the labels of locales/it.toml).
"""

from __future__ import annotations

import email
import io
import re
import zipfile
from email import policy

import pytest
from docx import Document

import helpers as h
from dossier import sample

STEPS_IT = ["Inizio", "Requisiti", "Ente", "Analisi dei bisogni", "Funzionario e CV", "Lettera di impegno",
            "Riepilogo", "Documenti"]
COMPLETE = "completo"


def docx_text(data: bytes) -> str:
    """Every paragraph a reader sees: body, tables (nested too), headers and footers."""
    doc = Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]

    def tables(ts):
        for table in ts:
            for row in table.rows:
                for cell in row.cells:
                    lines.extend(p.text for p in cell.paragraphs)
                    tables(cell.tables)

    tables(doc.tables)
    for section in doc.sections:
        lines += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(lines)


def raw_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))


def fill_applicant(page, a) -> None:
    h.fill_text(page, "Nome ufficiale (in inglese)", a.official_name)
    h.fill_text(page, "Indirizzo della sede", a.address)
    h.fill_text(page, "PEC (posta elettronica certificata)", a.pec)
    h.fill_text(page, "Email ordinaria", a.email)
    h.fill_text(page, "Telefono", a.phone)
    h.fill_text(page, "Sito web", a.website)
    h.set_number(page, "Residenti", a.population)
    h.set_number(page, "Residenti stranieri", a.foreign_residents)
    h.fill_text(page, "Principali Paesi di origine (in inglese)", a.countries_of_origin)


def fill_needs(page, n, call) -> None:
    label = next(c.label.it for c in call.communities if c.id == n.community)
    h.choose(page, "Comunità di pratica di maggiore interesse", label)
    for q in call.questions:
        h.fill_text(page, f"Risposta in inglese: {q.heading}", n.answers[q.id])


def fill_officer(page, o) -> None:
    """The personal data, then one experience, one education, one language (not the whole
    sample: it keeps the run short; the assertions are on what was typed)."""
    h.fill_text(page, "Nome", o.first_name)
    h.fill_text(page, "Cognome", o.last_name)
    h.fill_text(page, "Ruolo (in inglese)", o.role, nth=0)  # the CV entries have a "Ruolo" too
    h.fill_text(page, "Settore o ufficio (in inglese)", o.department)
    h.fill_text(page, "Email", o.email)
    h.fill_text(page, "Telefono", o.phone)

    x = o.experience[0]
    h.press_button(page, "Aggiungi un'esperienza")
    box = h.entry_box(page, "Esperienza 1")
    h.set_date(page, "Dal", f"{x.start:%d/%m/%Y}", scope=box)
    h.fill_text(page, "Ruolo (in inglese)", x.position, scope=box)
    h.fill_text(page, "Datore di lavoro", x.employer, scope=box)
    h.fill_text(page, "Attività principali (in inglese)", x.activities, scope=box)

    e = o.education[0]
    h.press_button(page, "Aggiungi un titolo di studio")
    box = h.entry_box(page, "Titolo 1")
    h.set_date(page, "Dal", f"{e.start:%d/%m/%Y}", scope=box)
    h.set_date(page, "Al", f"{e.end:%d/%m/%Y}", scope=box)
    h.fill_text(page, "Titolo di studio (in inglese)", e.title, scope=box)
    h.fill_text(page, "Istituto o università", e.institution, scope=box)

    h.fill_text(page, "Madrelingua (in inglese)", o.mother_tongue)
    lang = o.languages[0]
    h.press_button(page, "Aggiungi una lingua")
    box = h.entry_box(page, "Lingua 1")
    h.fill_text(page, "Lingua", lang.language, scope=box)
    box = h.entry_box(page, lang.language)  # the entry is now titled by its language
    for label, level in (("Ascolto", lang.listening), ("Lettura", lang.reading),
                         ("Interazione orale", lang.spoken_interaction), ("Produzione orale", lang.spoken_production),
                         ("Scrittura", lang.writing)):
        h.select(page, label, level[0], level, scope=box)

    h.fill_text(page, "Competenze digitali (in inglese)", o.digital_skills)
    h.fill_text(page, "Esperienza in migrazione, integrazione o progetti europei (in inglese)", o.relevant_experience)
    h.tick(page, "Il funzionario autorizza il trattamento dei dati personali contenuti nel CV ai sensi del "
                 "Regolamento (UE) 2016/679")


def fill_letter(page, lt, call) -> None:
    h.choose(page, "Chi firma la lettera?", "Il Sindaco")
    h.fill_text(page, "Nome e cognome di chi firma", lt.signatory_name)
    h.fill_text(page, "Luogo", lt.place)
    h.set_date(page, "Data", f"{lt.signed_on:%d/%m/%Y}")
    for c in call.commitments:
        h.tick(page, c.label.it)


def assert_step_complete(page, number: int) -> None:
    h.main(page).get_by_text("Questo passaggio è completo.").wait_for()
    assert h.step_status(page, number) == COMPLETE


@pytest.fixture(scope="module")
def call():
    from dossier.calls import load_call
    return load_call("connection-2020")


def test_single_municipality_from_start_to_the_downloads(page, base_url, call):
    d = sample.single()
    h.open_app(page, base_url)
    assert h.title(page) == "Candidate il vostro Comune a CONNECTION"

    h.next_step(page)
    assert h.title(page) == "Requisiti"
    h.fill_eligibility_single(page)
    assert_step_complete(page, 2)

    h.next_step(page)
    assert h.title(page) == "Ente"
    # the English official name is proposed from the municipality chosen
    assert h.expect_value(page, "Nome ufficiale (in inglese)") == "Municipality of Agliè"
    fill_applicant(page, d.applicant)
    h.main(page).get_by_text("Quota di residenti stranieri: 8.2%").wait_for()
    assert_step_complete(page, 3)

    h.next_step(page)
    assert h.title(page) == "Analisi dei bisogni"
    fill_needs(page, d.needs, call)
    assert_step_complete(page, 4)

    h.next_step(page)
    assert h.title(page) == "Funzionario e CV"
    fill_officer(page, d.officer)
    assert_step_complete(page, 5)

    h.next_step(page)
    assert h.title(page) == "Lettera di impegno"
    fill_letter(page, d.letter, call)
    assert_step_complete(page, 6)

    h.next_step(page)
    assert h.title(page) == "Riepilogo"
    h.main(page).get_by_text("Tutto è completo: potete scaricare i documenti.").wait_for()
    assert [h.step_status(page, n) for n in range(1, 9)] == [COMPLETE] * 8

    h.next_step(page)
    assert h.title(page) == "Documenti"
    h.main(page).get_by_text("I documenti sono pronti.", exact=False).wait_for()

    files = {}
    for annex in call.annexes:
        with page.expect_download() as info:
            h.main(page).get_by_role("button", name=annex.title, exact=True).click()
        download = info.value
        files[annex.id] = (download.suggested_filename, download.path().read_bytes())
    with page.expect_download() as info:
        h.main(page).get_by_role("button", name="Scarica l'email pronta (.eml)").click()
    eml_name, eml = info.value.suggested_filename, info.value.path().read_bytes()

    o, lt, a = d.officer, d.letter, d.applicant
    typed = {
        "letter": [lt.signatory_name, a.official_name, a.pec, a.address, f"{o.first_name} {o.last_name}", o.role,
                   f"{lt.place}, {lt.signed_on.day} {lt.signed_on:%B %Y}"],
        "needs": [a.official_name, a.countries_of_origin, d.needs.answers["expectations"][:80],
                  d.needs.answers["context"].split("\n\n")[1][:80]],
        "cv": [o.first_name, o.last_name, o.email, o.phone, o.experience[0].employer, o.experience[0].position,
               o.education[0].title, o.education[0].institution, o.languages[0].language, o.mother_tongue],
    }
    for annex_id, (name, data) in files.items():
        assert name.endswith(".docx"), name
        text = docx_text(data)
        for value in typed[annex_id]:
            assert value in text, f"{value!r} not in {name}"
        xml = raw_xml(data)
        assert "{{" not in xml and "{%" not in xml, f"a template tag is left in {name}"

    assert eml_name.endswith(".eml"), eml_name
    msg = email.message_from_bytes(eml, policy=policy.default)
    attachments = list(msg.iter_attachments())
    assert sorted(att.get_filename() for att in attachments) == sorted(name for name, _ in files.values())
    assert len(attachments) == 3
    assert msg["To"] == call.submission_email
    assert a.official_name in msg["Subject"]
