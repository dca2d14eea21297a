"""The wizard in a real browser: what a clerk sees, types and clicks, end to end.

The UI is Italian by default, so the tests find widgets by their Italian labels, taken
from locales/it.toml (S["applicant.pec"] is the PEC field's label as shown).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from playwright.sync_api import expect

import helpers as h
from dossier import sample
from dossier.calls import load_call
from support import two_call_packs

S = h.IT
EN = h.Strings("en")


@pytest.fixture(scope="module")
def call():
    return load_call(h.CALL_ID)


def step_names(strings: h.Strings) -> list[str]:
    """The sidebar's link texts before the status: "1. Inizio", "2. Requisiti", ..."""
    return [f"{i}. {strings[f'steps.{s}']}" for i, s in enumerate(h.steps(), 1)]


def shown_steps(page) -> list[str]:
    return [link.split(" — ")[0] for link in h.step_links(page)]


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


def assert_step_complete(page, step: str) -> None:
    expect(h.step_link(page, step).locator("p")).to_have_text(re.compile(f"— {S['status.complete']}$"))


def fill_applicant(page, a) -> None:
    for field in ("official_name", "address", "pec", "email", "phone", "website"):
        h.fill_text(page, S[f"applicant.{field}"], getattr(a, field))
    h.set_number(page, S["applicant.population"], a.population)
    h.set_number(page, S["applicant.foreign_residents"], a.foreign_residents)
    h.fill_text(page, S["applicant.countries_of_origin"], a.countries_of_origin)


def fill_needs(page, n, call) -> None:
    h.choose(page, S["needs.community"], call.community(n.community).label.it)
    for number, q in enumerate(call.questions, start=1):
        h.fill_text(page, S("needs.answer_label", n=number), n.answers[q.id])


def fill_officer(page, o) -> None:
    """The personal data, then one experience, one education, one language (not the whole
    sample: it keeps the run short; the assertions are on what was typed)."""
    h.fill_text(page, S["officer.first_name"], o.first_name)
    h.fill_text(page, S["officer.last_name"], o.last_name)
    h.fill_text(page, S["officer.role"], o.role, nth=0)  # each CV entry has a "Ruolo" too
    h.fill_text(page, S["officer.department"], o.department)
    h.fill_text(page, S["officer.email"], o.email)
    h.fill_text(page, S["officer.phone"], o.phone)

    x = o.experience[0]
    h.press_button(page, S["officer.add_experience"])
    box = h.entry_box(page, f"{S['officer.experience_entry']} 1")
    h.set_date(page, S["officer.start"], f"{x.start:%d/%m/%Y}", scope=box)
    h.fill_text(page, S["officer.position"], x.position, scope=box)
    h.fill_text(page, S["officer.employer"], x.employer, scope=box)
    h.fill_text(page, S["officer.activities"], x.activities, scope=box)

    e = o.education[0]
    h.press_button(page, S["officer.add_education"])
    box = h.entry_box(page, f"{S['officer.education_entry']} 1")
    h.set_date(page, S["a11y.start_optional"], f"{e.start:%d/%m/%Y}", scope=box)
    h.set_date(page, S["officer.end"], f"{e.end:%d/%m/%Y}", scope=box)
    h.fill_text(page, S["officer.title"], e.title, scope=box)
    h.fill_text(page, S["officer.institution"], e.institution, scope=box)

    h.fill_text(page, S["officer.mother_tongue"], o.mother_tongue)
    lang = o.languages[0]
    h.press_button(page, S["officer.add_language"])
    box = h.entry_box(page, f"{S['officer.language']} 1")
    h.fill_text(page, S["officer.language"], lang.language, scope=box)
    title = f"{S['officer.language']} 1 · {lang.language}"  # the entry's title follows its language
    expect(h.main(page).locator("strong").filter(has_text=title)).to_have_count(1)
    for skill in ("listening", "reading", "spoken_interaction", "spoken_production", "writing"):
        level = getattr(lang, skill)
        h.select(page, S[f"cefr.{skill}"], level[0], level, scope=box)

    h.fill_text(page, S["officer.digital_skills"], o.digital_skills)
    h.fill_text(page, S["officer.relevant_experience"], o.relevant_experience)
    h.tick(page, S["officer.data_consent"])


def fill_letter(page, lt, call) -> None:
    h.choose(page, S["letter.signatory_role"], S[f"letter.role_{lt.signatory_role}"])
    h.fill_text(page, S["letter.signatory_name"], lt.signatory_name)
    h.fill_text(page, S["letter.place"], lt.place)
    h.set_date(page, S["letter.signed_on"], f"{lt.signed_on:%d/%m/%Y}")
    for c in call.commitments:
        h.tick(page, c.label.it)


def download(page, button: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        h.main(page).get_by_role("button", name=button, exact=True).click()
    return info.value.suggested_filename, info.value.path().read_bytes()


def test_single_municipality_from_start_to_the_downloads(page, base_url, call):
    d = sample.single()
    h.open_app(page, base_url)
    assert h.title(page) == S("start.title", call=call.short_name)

    h.next_step(page)
    assert h.title(page) == S["steps.eligibility"]
    h.fill_eligibility_single(page)
    assert_step_complete(page, "eligibility")

    h.next_step(page)
    assert h.title(page) == S["steps.applicant"]
    # an English official name is proposed from the municipality chosen
    expect(h.field(page, S["applicant.official_name"])).to_have_value("Municipality of Agliè")
    fill_applicant(page, d.applicant)
    h.main(page).get_by_text(S("applicant.share", share="8,2%")).wait_for()
    assert_step_complete(page, "applicant")

    h.next_step(page)
    assert h.title(page) == S["steps.needs"]
    fill_needs(page, d.needs, call)
    assert_step_complete(page, "needs")

    h.next_step(page)
    assert h.title(page) == S["steps.officer"]
    fill_officer(page, d.officer)
    assert_step_complete(page, "officer")

    h.next_step(page)
    assert h.title(page) == S["steps.letter"]
    fill_letter(page, d.letter, call)
    assert_step_complete(page, "letter")

    h.next_step(page)
    assert h.title(page) == S["steps.english"]
    h.main(page).get_by_text(S["english.all_english"]).wait_for()

    h.next_step(page)
    assert h.title(page) == S["steps.review"]
    h.main(page).get_by_text(S["answers.ready"]).wait_for()
    statuses = [h.step_status(page, step) for step in h.steps()]
    # every step done; Documents once the signed letter is accepted
    assert statuses == [S["status.complete"]] * (len(h.steps()) - 1) + [S["status.incomplete"]]

    h.next_step(page)
    assert h.title(page) == S["steps.documents"]
    h.main(page).get_by_text(S["documents.ready"]).wait_for()

    files = {annex.id: download(page, S("documents.download_docx", title=annex.title)) for annex in call.annexes}
    # no email before a signed letter is uploaded and checked (tests/e2e/test_sign_and_send_browser.py)
    h.main(page).get_by_text(S["signing.email_waiting"].split("**")[1]).wait_for()
    expect(h.main(page).get_by_role("button", name=S["signing.eml"])).to_have_count(0)

    o, lt, a = d.officer, d.letter, d.applicant
    typed = {
        "letter": [
            lt.signatory_name,
            a.official_name,
            a.pec,
            a.address,
            f"{o.first_name} {o.last_name}",
            o.role,
            f"{lt.place}, {lt.signed_on.day} {lt.signed_on:%B %Y}",
        ],
        "needs": [
            a.official_name,
            a.countries_of_origin,
            d.needs.answers["expectations"][:80],
            d.needs.answers["context"].split("\n\n")[1][:80],
        ],
        "cv": [
            o.first_name,
            o.last_name,
            o.email,
            o.phone,
            o.experience[0].employer,
            o.experience[0].position,
            o.education[0].title,
            o.education[0].institution,
            o.languages[0].language,
            o.mother_tongue,
        ],
    }
    assert set(files) == set(typed)
    for annex_id, (name, data) in files.items():
        assert name.endswith(".docx"), name
        text = docx_text(data)
        for value in typed[annex_id]:
            assert value in text, f"{value!r} not in {name}"
        xml = raw_xml(data)
        assert "{{" not in xml and "{%" not in xml, f"a template tag is left in {name}"


def test_union_eligibility_and_a_population_field_per_member(page, base_url):
    h.open_app(page, base_url, "eligibility")
    h.choose(page, S["eligibility.kind"], S["eligibility.kind_union"])
    h.fill_text(page, S["eligibility.union_name"], "Union of Municipalities of Alto Canavese")
    for typed in ("Cuorg", "Valperga", "Pertus"):  # one at a time, each Enter adds the one it names
        h.pick_municipality(page, S["picker.add_member"], typed)
    h.select(page, S["eligibility.lead"], "", "Cuorgnè (TO)")
    h.tick(page, S["eligibility.action_plan"])
    h.tick(page, S["eligibility.officer_available"])
    assert_step_complete(page, "eligibility")

    h.go_step(page, "applicant")
    assert h.title(page) == S["steps.applicant"]
    for name in ("Cuorgnè", "Valperga", "Pertusio"):
        label = S("applicant.member_population", name=name)
        expect(h.main(page).get_by_role("textbox", name=label, exact=True)).to_have_count(1)
    h.set_number(page, S("applicant.member_population", name="Valperga"), 3100)
    expect(h.field(page, S("applicant.member_population", name="Valperga"))).to_have_value("3.100")


def test_language_switch_to_english_and_it_stays_on_another_page(page, base_url, call):
    h.open_app(page, base_url)
    h.choose(page, S["sidebar.language"], "English", scope=h.sidebar(page))
    assert h.title(page) == EN("start.title", call=call.short_name)
    assert shown_steps(page) == step_names(EN)
    assert h.step_status(page, "applicant") == EN["status.not_started"]
    assert h.sidebar(page).get_by_text(EN["sidebar.progress"], exact=True).is_visible()

    h.go_step(page, "applicant")
    assert h.title(page) == EN["steps.applicant"]
    expect(h.main(page).get_by_role("textbox", name=EN["applicant.official_name"], exact=True)).to_have_count(1)
    assert shown_steps(page) == step_names(EN)
    h.next_step(page)
    assert h.title(page) == EN["steps.needs"]
    assert h.sidebar(page).get_by_role("radio", name="English", exact=True).is_checked()


def test_an_invalid_pec_is_shown_and_the_message_goes_when_fixed(page, base_url):
    h.open_app(page, base_url, "applicant")
    h.fill_text(page, S["applicant.pec"], "not-an-email")
    message = h.main(page).get_by_text(re.compile("non sembra valido"))
    expect(message).to_have_count(0)  # not an error before the user tries to go on
    before = h.mark(page)
    h.main(page).get_by_role("button", name=re.compile("^Avanti")).click()
    h.settle(page, before)
    expect(message).to_have_count(2)  # in the summary, as a link, and at the field
    expect(message.first).to_contain_text("not-an-email")
    # The summary's link takes the keyboard to the field itself.
    h.main(page).get_by_role("link", name=re.compile("non sembra valido")).click()
    expect(h.field(page, S["applicant.pec"])).to_be_focused()
    h.fill_text(page, S["applicant.pec"], "protocollo@pec.example.org")
    expect(message).to_have_count(0)
    expect(h.field(page, S["applicant.pec"])).to_have_value("protocollo@pec.example.org")


def test_sidebar_lists_the_wizard_steps_once_in_order(page, base_url):
    h.open_app(page, base_url)
    expected = step_names(S)
    assert expected[0] == "1. Inizio" and expected[-1] == f"{len(expected)}. Documenti"
    assert shown_steps(page) == expected
    assert page.get_by_test_id("stSidebarNav").count() == 0  # no page list of Streamlit's own
    assert page.get_by_test_id("stSidebarNavItems").count() == 0
    h.go_step(page, "officer")  # the same on another step
    assert shown_steps(page) == expected


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_step_link_fits_the_sidebar_whole_in_any_state(page, base_url, lang):
    """At 1280 px with the default sidebar width no link is cut ("Letter of commitment —
    not star…"), in either language and whatever its status."""
    strings = h.Strings(lang)
    h.open_app(page, base_url)
    if lang == "en":
        h.choose(page, S["sidebar.language"], "English", scope=h.sidebar(page))
    statuses = [strings[f"status.{s}"] for s in ("not_started", "incomplete", "complete", "to_fix")]
    labels = [[f"{step} — {status}" for status in statuses] for step in step_names(strings)]
    assert h.cut_step_links(page, labels) == []


def test_eligibility_with_the_keyboard_alone(page, base_url):
    h.open_app(page, base_url, "eligibility")
    h.tab_to(page, "radio", S["eligibility.kind_municipality"])
    before = h.mark(page)
    page.keyboard.press("Space")
    h.settle(page, before)
    h.tab_to(page, "textbox", S["eligibility.municipality"])
    page.keyboard.type("Agli", delay=15)
    before = h.mark(page)
    page.keyboard.press("Enter")  # "Agli" starts two names: both are offered
    h.settle(page, before)
    h.tab_to(page, "button", "Agliè (TO)")
    before = h.mark(page)
    page.keyboard.press("Enter")
    h.settle(page, before)
    expect(h.field(page, S["eligibility.municipality"])).to_have_value("Agliè (TO)")
    for label in (S["eligibility.action_plan"], S["eligibility.officer_available"]):
        h.tab_to(page, "checkbox", label)
        before = h.mark(page)
        page.keyboard.press("Space")
        h.settle(page, before)
        assert h.main(page).get_by_role("checkbox", name=label, exact=True).is_checked()
    assert_step_complete(page, "eligibility")


def test_answers_survive_moving_between_steps(page, base_url, call):
    h.open_app(page, base_url, "needs")
    label = S("needs.answer_label", n=1)
    text = "Our town has 2,600 residents.\n\nMany newcomers ask the registry office for help."
    h.fill_text(page, label, text)
    h.go_step(page, "officer")
    assert h.title(page) == S["steps.officer"]
    h.go_step(page, "needs")
    assert h.title(page) == S["steps.needs"]
    expect(h.field(page, label)).to_have_value(text)
    assert h.step_status(page, "needs") == S["status.incomplete"]


def test_a_new_visitor_costs_one_rerun_and_the_first_click_counts(page, base_url):
    """An empty browser reports nothing: no second rerun right after the page opens that
    could swallow the user's first click (seen under load before it was fixed)."""
    h.open_app(page, base_url)
    assert page.evaluate("window.__e2e.sent") == 1  # the page's own first run, nothing more
    h.press_button(page, S["example.single"])
    h.main(page).get_by_text(S["example.start_clean"]).wait_for()


def test_typing_then_clicking_next_at_once_loses_neither(page, base_url):
    """No pause between typing and "Next": both must count, the next page opens and the value
    typed is in the Dossier. (Streamlit 1.67's frontend sends the field's value with the
    click, in one rerun request; were they two, the click would land during the field's rerun.)"""
    h.open_app(page, base_url, "applicant")
    box = h.field(page, S["applicant.address"])
    box.click()
    box.fill("Via Roma 1, 10011 Agliè (TO)")
    h.next_step(page)  # no Tab, no settle before the click
    assert h.title(page) == S["steps.needs"]
    h.go_step(page, "applicant")
    expect(h.field(page, S["applicant.address"])).to_have_value("Via Roma 1, 10011 Agliè (TO)")


def test_a_draft_survives_a_reload_and_is_gone_once_deleted(page, base_url):
    h.open_app(page, base_url, "eligibility")
    h.fill_eligibility_single(page)
    h.go_step(page, "applicant")
    h.fill_text(page, S["applicant.address"], "Piazza Castello 1, 10011 Agliè (TO)")
    h.fill_text(page, S["applicant.pec"], "protocollo@pec.comune.aglie.to.it")

    page.reload()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(S["drafts.offer_title"])
    expect(dialog).to_contain_text("Agliè")
    h.press_button(page, S["drafts.resume"], scope=dialog)
    expect(dialog).to_have_count(0)
    h.go_step(page, "applicant")
    expect(h.field(page, S["applicant.address"])).to_have_value("Piazza Castello 1, 10011 Agliè (TO)")
    expect(h.field(page, S["applicant.pec"])).to_have_value("protocollo@pec.comune.aglie.to.it")
    assert h.step_status(page, "eligibility") == S["status.complete"]

    h.sidebar(page).get_by_text(S["drafts.title"]).click()  # the draft panel, folded
    h.settle(page)
    toggle = h.sidebar(page).get_by_role("button", name=re.compile(S["drafts.delete"]))
    confirm = page.get_by_test_id("stPopoverBody").get_by_role("button", name=S["drafts.delete_yes"], exact=True)
    for _ in range(3):  # a click that lands while the sidebar is redrawn can leave it closed: click again
        toggle.click()
        try:
            confirm.wait_for(timeout=5_000)
            break
        except h.PlaywrightTimeout:
            pass
    h.press_button(page, S["drafts.delete_yes"], scope=page.get_by_test_id("stPopoverBody"))
    expect(h.field(page, S["applicant.address"])).to_have_value("")
    assert page.evaluate("localStorage.getItem('connection-wizard/draft')") is None

    page.reload()
    page.get_by_test_id("stApp").wait_for()
    h.settle(page)
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(h.field(page, S["applicant.address"])).to_have_value("")


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="PDF in the browser skipped: LibreOffice (soffice) or pdftotext is not installed",
)
def test_the_example_as_pdf_shown_in_the_page_and_downloaded(page, base_url):
    h.open_app(page, base_url)
    h.press_button(page, S["example.single"])
    h.go_step(page, "documents")
    h.press_button(page, S["documents.pdf_make"])
    h.main(page).get_by_text(S["documents.pdf_ready"]).wait_for(timeout=120_000)
    d = sample.single()
    for number, annex in enumerate(load_call(h.CALL_ID).annexes, start=1):
        h.main(page).get_by_role("tab", name=S("documents.annex_tab", number=number)).click()
        name, data = download(page, S("documents.download_pdf", title=annex.title))
        assert name.endswith(".pdf") and data.startswith(b"%PDF"), name
        if annex.id == "letter":
            text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
            assert d.letter.signatory_name in " ".join(text.decode().split())
    page_drawn = h.main(page).locator("canvas").first  # pdf.js draws each page of the PDF on a canvas
    page_drawn.wait_for(timeout=60_000)
    assert page_drawn.bounding_box()["height"] > 400


def test_the_draft_file_carries_the_answers_to_another_computer(page, base_url, browser):
    h.open_app(page, base_url, "applicant")
    h.fill_text(page, S["applicant.address"], "Piazza Castello 1, 10011 Agliè (TO)")
    h.sidebar(page).get_by_text(S["drafts.title"]).click()
    with page.expect_download() as info:
        h.sidebar(page).get_by_role("button", name=S["drafts.download"]).click()
    name, data = info.value.suggested_filename, info.value.path().read_bytes()
    assert name.endswith(".json")

    other = h.new_context(browser)  # another computer: no localStorage, a new session
    try:
        there = other.new_page()
        h.open_app(there, base_url, "applicant")
        expect(h.field(there, S["applicant.address"])).to_have_value("")
        h.sidebar(there).get_by_text(S["drafts.title"]).click()
        before = h.mark(there)
        h.sidebar(there).locator("input[type=file]").set_input_files(
            {"name": name, "mimeType": "application/json", "buffer": data}
        )
        h.settle(there, before)
        h.main(there).get_by_text(S["drafts.loaded"]).wait_for()
        expect(h.field(there, S["applicant.address"])).to_have_value("Piazza Castello 1, 10011 Agliè (TO)")
    finally:
        other.close()


def test_a_second_call_pack_is_chosen_on_start_and_the_wizard_follows_it(browser, tmp_path):
    """Another call (two annexes, no CV, its own question and address), in a real browser."""
    with h.Server(env={"CALL_PACKS_DIR": str(two_call_packs(tmp_path))}) as server:
        context = h.new_context(browser)
        try:
            page = context.new_page()
            h.open_app(page, server.url)
            h.choose(
                page, S["calls.choose"], f"WELCOME – Local welcome desks — {S('calls.deadline', date='15/03/2031')}"
            )
            assert h.title(page) == S("start.title", call="WELCOME")
            links = h.step_links(page)
            assert len(links) == 8 and not any(S["steps.officer"] in link for link in links)  # no CV annex
            h.go_step(page, "needs")
            h.main(page).get_by_role("heading", name="1. Perché uno sportello di accoglienza").wait_for()
            h.sidebar(page).get_by_role("link", name=re.compile(rf"^8\. {S['steps.documents']}")).click()
            h.main(page).get_by_text(S["documents.not_ready"]).wait_for()
        finally:
            context.close()


# Streamlit's own English words, as they showed in the Italian interface before (issue 11).
STREAMLIT_ENGLISH = (
    "Select all",
    "matches",
    "Add:",
    "Drag and drop",
    "Limit 2MB",
    "Browse files",
    "Upload",
    "Press Enter to apply",
    "Press Ctrl+Enter to apply",
    "No results",
    "Choose an option",
)


def shown_but_the_uploader(page) -> str:
    text = page.locator("body").inner_text()
    for inner in page.get_by_test_id("stFileUploaderDropzone").all_inner_texts():
        text = text.replace(inner, "")
    return text


def test_the_italian_interface_is_italian_all_the_way(page, base_url):
    """Every step from a blank start, a union with its members, the draft panel open and a
    field being typed in: none of Streamlit's English words is visible, but for the file
    uploader's own (Streamlit offers no way to change them), which are said in Italian beside it."""
    h.open_app(page, base_url, "eligibility")
    h.choose(page, S["eligibility.kind"], S["eligibility.kind_union"])
    h.pick_municipality(page, S["picker.add_member"], "Moiola")
    box = h.main(page).get_by_role("textbox", name=S["picker.add_member"], exact=True)
    box.click()
    box.press_sequentially("Mon", delay=15)  # typing, not yet applied: Streamlit's hint would show
    h.sidebar(page).get_by_text(S["drafts.title"]).click()
    seen = {"eligibility": shown_but_the_uploader(page)}
    box.press("Tab")
    h.settle(page)
    for step in h.steps():
        if step == "eligibility":
            continue
        h.go_step(page, step)
        fields = h.main(page).get_by_role("textbox")
        if fields.count():
            fields.last.click()
            fields.last.press_sequentially("x", delay=15)
        seen[step] = shown_but_the_uploader(page)
        if fields.count():
            before = h.mark(page)
            fields.last.press("Tab")
            h.settle(page, before)
    found = {step: [w for w in STREAMLIT_ENGLISH if w in text] for step, text in seen.items()}
    assert found == {step: [] for step in seen}
    assert S["hints.upload"] in seen["start"]  # the uploader's inner text, said in Italian beside it


def type_unapplied(page, label: str, text: str) -> None:
    """Type into a long answer and do not leave it: Streamlit has not received the text."""
    area = h.main(page).get_by_role("textbox", name=label, exact=True)
    area.click()
    area.press_sequentially(text, delay=5)


def reload_and(page, choice: str) -> None:
    page.reload()
    page.get_by_test_id("stApp").wait_for()
    h.settle(page)
    h.press_button(page, choice, scope=page.get_by_role("dialog"))
    h.settle(page)


def test_a_long_answer_typed_and_not_applied_survives_a_reload_and_its_count_follows(page, base_url):
    h.open_app(page, base_url, "eligibility")
    h.choose(page, S["eligibility.kind"], S["eligibility.kind_municipality"])  # a draft autosaved
    h.go_step(page, "needs")
    label = S("needs.answer_label", n=1)
    type_unapplied(page, label, "Our town has many new families from abroad")
    count = h.main(page).get_by_text(re.compile(r"^\d+ parole \(da 100")).first
    expect(count).to_have_text(re.compile("^8 parole"))  # follows the text, before it is applied
    reload_and(page, S["drafts.resume"])
    expect(h.field(page, label)).to_have_value("Our town has many new families from abroad")
    expect(count).to_have_text(re.compile("^8 parole"))
    h.go_step(page, "review")  # applied: the answer is in the dossier, not only on screen
    h.main(page).get_by_text("Our town has many new families from abroad").wait_for()


def test_typed_text_is_not_given_to_a_new_application_in_the_same_browser(page, base_url):
    h.open_app(page, base_url, "eligibility")
    h.choose(page, S["eligibility.kind"], S["eligibility.kind_municipality"])
    h.go_step(page, "needs")
    type_unapplied(page, S("needs.answer_label", n=1), "Private notes of the previous clerk")
    reload_and(page, S["drafts.start_new"])
    page.wait_for_timeout(1500)  # the restore runs every 0.5 s: give it its chances
    h.settle(page)
    expect(h.field(page, S("needs.answer_label", n=1))).to_have_value("")
    assert page.evaluate("localStorage.getItem('connection-wizard/typed')") in (None, "{}")


def test_typed_html_in_a_message_at_the_field_stays_text(page, base_url):
    """Messages at the fields carry an HTML anchor; the user's text in them must stay literal."""
    h.open_app(page, base_url, "applicant")
    typed = '<img src=x onerror="document.title=1"><b>bold</b> *em*'
    h.fill_text(page, S["applicant.pec"], typed)
    before = h.mark(page)
    h.main(page).get_by_role("button", name=re.compile("^Avanti")).click()
    h.settle(page, before)
    expect(h.main(page).get_by_text(typed, exact=False)).to_have_count(2)  # summary and field, as typed
    assert h.main(page).locator("img, b").count() == 0


# On the Review, each "Correggi" (key "fix-…") and each step's "Modifica" ("edit-…"): the box
# of what it is for (the element just before it: the problem, the step's answers), its
# button's box, and whether any part of its label is cut short ("Modif…").
REVIEW_BUTTONS_JS = """
() => {
  const box = e => { const x = e.getBoundingClientRect(); return [x.left, x.top, x.right, x.bottom]; };
  const out = {fix: [], edit: []};
  for (const kind of Object.keys(out)) {
    for (const holder of document.querySelectorAll(`[data-testid="stMain"] [class*="st-key-${kind}-"]`)) {
      const button = [...holder.querySelectorAll('button')].find(b => b.checkVisibility());
      if (!button) continue;
      const cut = [button, ...button.querySelectorAll('*')].some(x => x.scrollWidth > x.clientWidth + 1);
      out[kind].push({text: box(holder.previousElementSibling), button: box(button), cut});
    }
  }
  return out;
}
"""


@pytest.mark.parametrize("width", [1280, 700, 390])
def test_reviews_buttons_sit_by_what_they_are_for_whole(browser, base_url, width):
    """On the Review of a blank application every "Correggi" is beside its problem, centred on
    it, all of them in one column, from 641 px up; under it on a phone (decision 0018). Each
    step's one "Modifica" is under the step's answers, from their left edge (decision 0039).
    No label is cut short (at 700 px a sixth of the width, where columns put it, is too narrow)."""
    context = h.new_context(browser)
    page = context.new_page()
    try:
        h.open_app(page, base_url, "review")
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(300)
        got = page.evaluate(REVIEW_BUTTONS_JS)
    finally:
        context.close()
    fixes, edits = got["fix"], got["edit"]
    assert len(fixes) > 10 and len(edits) >= 4
    assert not [r for r in fixes + edits if r["cut"]]
    for r in fixes:
        (tl, tt, tr, tb), (bl, bt, _, bb) = r["text"], r["button"]
        if width > 640:
            assert bl >= tr + 15, r  # beside, past the gap
            assert abs((tt + tb) / 2 - (bt + bb) / 2) < 2, r  # centred on each other
        else:
            assert bt >= tb, r  # under its problem
            assert abs(bl - tl) < 1, r  # from the same left edge
    lefts = {round(r["button"][0]) for r in fixes}
    assert max(lefts) - min(lefts) <= 1  # one column of buttons
    for r in edits:
        (tl, _, _, tb), (bl, bt, _, _) = r["text"], r["button"]
        assert bt >= tb and abs(bl - tl) < 1, r  # under the answers, from their left edge


@pytest.mark.parametrize("width", [1280, 390])
def test_back_and_next_sit_as_two_halves_and_one_above_the_other_on_a_phone(browser, base_url, width):
    """ "Indietro" at the left of the page's width, "Avanti" filling its right half, 1rem
    apart, as st.columns(2) put them; "Avanti" alone keeps to the right; up to 640 px wide,
    one above the other at full width (components/session/steps.py FOOT_CSS)."""
    context = h.new_context(browser, viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        h.open_app(page, base_url)
        following = page.get_by_role("button", name=S("nav.next", step=S["steps.eligibility"]), exact=True)
        alone = following.bounding_box()
        h.press_button(page, S("nav.next", step=S["steps.eligibility"]))
        back = page.get_by_role("button", name=S("nav.back", step=S["steps.start"]), exact=True).bounding_box()
        nxt = page.get_by_role("button", name=S("nav.next", step=S["steps.applicant"]), exact=True).bounding_box()
    finally:
        context.close()
    assert back and nxt and alone
    assert abs(alone["x"] - nxt["x"]) < 1 and abs(alone["width"] - nxt["width"]) < 1
    if width > 640:
        assert abs(back["y"] - nxt["y"]) < 1  # side by side
        assert nxt["x"] >= back["x"] + back["width"] + 15
        assert abs((nxt["x"] - back["x"] - 16) - nxt["width"]) < 2  # two equal halves, 1rem apart
    else:
        assert nxt["y"] >= back["y"] + back["height"]  # one above the other
        assert abs(nxt["x"] - back["x"]) < 1 and nxt["width"] > 0.85 * width  # the whole width
