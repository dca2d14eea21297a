"""The whole wizard driven page by page in AppTest, as a user fills it in."""

from datetime import date

import pytest

from dossier.eligibility import STEPS
from dossier.models import MAX_DESCRIPTION, MAX_EXPERIENCE, MAX_SKILLS, MAX_TEXT, Dossier, Municipality
from support import docx_text
from wizard import fill_everything, go, new_app, type_text, w


def downloads(at):
    """The document downloads of the Documents step (the sidebar has the draft's too)."""
    return [b for b in at.download_button if b.key.startswith("dl-")]


def sidebar_labels(at):
    return [link.label for link in at.sidebar.get("page_link")]


@pytest.mark.parametrize("which", ["single", "union"])
def test_full_run_gives_the_three_annexes_and_the_email(which, request, call):
    expected = request.getfixturevalue(which)
    at = new_app()
    fill_everything(at, expected, call)

    # Everything typed in the widgets reached the Dossier, nothing else did.
    assert at.session_state["dossier"] == expected

    go(at, "review")
    assert any("pronto" in s.value for s in at.success)
    steps = [s.value for s in at.subheader]
    assert steps and all(s.endswith(" — fatto") for s in steps), steps  # each step says it is complete
    labels = sidebar_labels(at)
    assert labels[-1].endswith("Documenti — in corso"), labels  # the signed letter is still to come
    assert all(label.endswith(" — fatto") for label in labels[:-1]), labels

    go(at, "documents")
    labels = [b.label for b in downloads(at)]
    assert [f"{a.title} (Word)" for a in call.annexes] == labels[:3]
    assert any("ZIP" in label for label in labels)
    assert not any(".eml" in label for label in labels)  # no email before the signed letter is checked
    assert "L'email non è ancora pronta" in " ".join(i.value for i in at.info)

    docs = {doc.annex_id: docx_text(doc.data) for doc in at.session_state["built"]["docs"]}
    assert expected.officer.experience[1].employer in docs["cv"]
    assert expected.letter.signatory_name in docs["letter"]
    assert expected.applicant.countries_of_origin in docs["needs"]
    if which == "union":
        for m in expected.eligibility.members:
            assert m.name in docs["letter"]
        assert "lead municipality" in docs["letter"]


def test_documents_wait_until_nothing_is_missing():
    at = go(new_app(), "documents")
    assert not downloads(at)
    assert at.warning
    text = " ".join(m.value for m in at.markdown)
    assert "Scegliete il Comune" not in text  # kind not chosen yet: asks for that first
    assert "Indicate se si candida" in text
    assert [b for b in at.button if b.key.startswith("fix-")]  # a way to each field to fix


def test_sidebar_lists_every_step_once_in_order():
    at = new_app()
    labels = sidebar_labels(at)
    assert len(labels) == len(STEPS)
    assert [label.split(". ", 1)[1].rsplit(" — ", 1)[0] for label in labels] == [
        "Inizio",
        "Requisiti",
        "Ente",
        "Analisi dei bisogni",
        "Funzionario e CV",
        "Lettera di impegno",
        "Controllo inglese",
        "Riepilogo",
        "Documenti",
    ]
    assert labels[1].endswith(" — da fare")


def test_language_switch_turns_the_interface_english():
    at = new_app()
    assert at.title[0].value.startswith("Candidate")
    at.sidebar.segmented_control(key="lang_switch").set_value("en").run()
    assert at.title[0].value.startswith("Apply")
    go(at, "eligibility")
    assert at.title[0].value == "Eligibility"


def test_answers_survive_leaving_and_coming_back():
    at = go(new_app(), "needs")
    type_text(at, "needs.answers.context", "Our town has 2,000 residents.\nMany are young families.")
    go(at, "officer")
    go(at, "needs")
    assert (
        at.text_area(key=w("needs.answers.context")).value == "Our town has 2,000 residents.\nMany are young families."
    )
    assert "9 parole" in " ".join(c.value for c in at.caption)


def test_a_paste_too_long_is_refused_and_the_previous_text_kept():
    at = go(new_app(), "needs")
    type_text(at, "needs.answers.context", "A first careful answer.")
    area = at.text_area(key=w("needs.answers.context"))
    assert area.max_chars == MAX_TEXT  # the browser stops the paste at the limit
    area.input("x " * 60_000).run()
    assert at.session_state["dossier"].needs.answers["context"] == "A first careful answer."
    assert not at.exception


def test_the_cv_says_its_limits_at_each_field_and_stops_adding_at_the_last_entry(single):
    single.officer.experience = [single.officer.experience[0]] * (MAX_EXPERIENCE - 1)
    at = new_app()
    at.session_state["dossier"] = single
    go(at, "officer")
    at.button(key="open-entry-officer.experience-0").click().run()  # entries are lines until opened
    area = at.text_area(key=w("officer.experience.0.activities"))
    assert area.max_chars == MAX_DESCRIPTION
    assert any("Al massimo 1.000 caratteri." in c.value for c in at.caption)  # said under the field
    assert at.text_area(key=w("officer.relevant_experience")).max_chars == MAX_SKILLS
    add = at.button(key="add-officer.experience")
    assert not add.disabled and any(c.value == "Al massimo 10 voci." for c in at.caption)
    add.click().run()
    assert len(at.session_state["dossier"].officer.experience) == MAX_EXPERIENCE
    assert at.button(key="add-officer.experience").disabled
    assert any("massimo di 10 voci" in c.value for c in at.caption)


def test_union_lead_must_be_chosen_among_members_and_follows_them():
    at = go(new_app(), "eligibility")
    at.radio(key=w("eligibility.kind")).set_value("union").run()
    type_text(at, "eligibility.members", "cuorgne")
    type_text(at, "eligibility.members", "Valperga")
    lead = at.selectbox(key=w("eligibility.lead"))
    assert lead.options == ["Cuorgnè (TO)", "Valperga (TO)"]
    lead.set_value("Valperga (TO)").run()
    assert at.session_state["dossier"].eligibility.lead == "Valperga"
    # Removing the lead from the members clears the lead: it must be one of them.
    at.button(key="rm-member-1").click().run()
    at.button(key="rm-member-yes-1").click().run()  # asked once
    assert at.session_state["dossier"].eligibility.lead == ""
    at.button(key="next-eligibility").click().run()
    assert any("almeno due" in m.value for m in at.markdown)


def test_cv_entries_can_be_added_reordered_and_removed():
    at = go(new_app(), "officer")
    for position in ("Clerk", "Head of office"):
        at.button(key="add-officer.experience").click().run()
        n = len(at.session_state["dossier"].officer.experience) - 1
        type_text(at, f"officer.experience.{n}.position", position)
    at.button(key="up-officer.experience-1").click().run()
    assert [x.position for x in at.session_state["dossier"].officer.experience] == ["Head of office", "Clerk"]
    assert at.text_input(key=w("officer.experience.0.position")).value == "Head of office"
    at.button(key="rm-officer.experience-0").click().run()
    assert [x.position for x in at.session_state["dossier"].officer.experience] == ["Clerk"]


def test_a_fresh_session_starts_empty():
    at = new_app()
    assert at.session_state["dossier"] == Dossier()


@pytest.mark.parametrize("button,kind", [("example-single", "municipality"), ("example-union", "union")])
def test_the_example_loads_marked_and_builds_then_one_click_starts_clean(button, kind):
    at = new_app()
    at.button(key=button).click().run()
    assert at.session_state["dossier"].example and at.session_state["dossier"].eligibility.kind == kind
    go(at, "documents")
    assert any("esempio" in m.value for m in at.markdown)  # the banner, on every page
    assert len(downloads(at)) == 4  # 3 Word files + ZIP; no email yet
    at.button(key="example-clean").click().run()
    assert at.session_state["dossier"] == Dossier()
    assert not downloads(at)


def test_the_example_asks_before_replacing_own_answers():
    at = go(new_app(), "applicant")
    type_text(at, "applicant.address", "Via Roma 1")
    go(at, "start")
    assert any("sostituisce" in wmsg.value for wmsg in at.warning)  # said before the buttons
    at.button(key="example-single").click().run()
    assert at.session_state["dossier"].example  # the user confirmed in the popover


def test_size_guidance_follows_the_population():
    at = go(new_app(), "applicant")
    type_text(at, "applicant.population", "2.600")
    assert any("piccolo" in m.value for m in at.info)
    type_text(at, "applicant.population", "120.000")
    assert any("grande" in m.value and "preferisce" in m.value for m in at.warning)


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("aglie", "Agliè (TO)"),
        ("SETTIMO TORINESE", "Settimo Torinese (TO)"),
        ("Cuneo (CN)", "Cuneo (CN)"),
        ("bergamo", "Bergamo (BG)"),
    ],
)
def test_typed_names_resolve_without_accents_or_case(typed, expected):
    from components.widgets.municipality_picker import lookup

    assert lookup(typed, "Piemonte")[0].label == expected


def test_an_unknown_name_is_not_kept_and_the_user_is_told():
    at = go(new_app(), "eligibility")
    at.radio(key=w("eligibility.kind")).set_value("municipality").run()
    type_text(at, "eligibility.municipality", "Settimo T.se")
    assert at.session_state["dossier"].eligibility.municipality.name == ""
    assert any("Nessun Comune del Piemonte inizia con «Settimo T.se»" in m.value for m in at.error)


def test_a_municipality_outside_piedmont_is_refused_with_the_reason():
    at = new_app()
    d = Dossier()
    d.eligibility.kind = "municipality"
    d.eligibility.municipality = Municipality(name="Bergamo", province="BG")
    at.session_state["dossier"] = d
    go(at, "eligibility")
    assert any(
        "non può candidarsi" in e.value and "Bergamo (BG) è in Lombardia" in e.value.replace("\\", "") for e in at.error
    )
    assert at.text_input(key=w("eligibility.municipality")).value == "Bergamo (BG)"


def test_a_union_whose_lead_is_outside_piedmont_is_refused():
    at = new_app()
    d = Dossier()
    at.session_state["dossier"] = d
    e = d.eligibility
    e.kind = "union"
    e.members = [Municipality(name="Cuorgnè", province="TO"), Municipality(name="Aosta", province="AO")]
    e.lead = "Aosta"
    go(at, "eligibility")
    assert any("Il capofila Aosta (AO) è in Valle d'Aosta" in m.value.replace("\\", "") for m in at.error)


def test_typed_markdown_and_html_stay_text_on_screen():
    at = go(new_app(), "officer")
    at.button(key="add-officer.experience").click().run()
    type_text(at, "officer.experience.0.position", "**Boss** [click](http://evil.example) <script>x</script>")
    heads = [m.value for m in at.markdown if "Boss" in m.value]
    assert heads and all("\\*\\*Boss\\*\\*" in h and "\\[click\\]" in h and "\\<script\\>" in h for h in heads)


def english(at):
    at.sidebar.segmented_control(key="lang_switch").set_value("en").run()
    return at


def shown(at) -> str:
    """The page's markdown as read on screen (without the escapes of the user's text)."""
    return " ".join(m.value for m in [*at.markdown, *at.error]).replace("\\", "")


def test_the_region_is_named_in_the_interface_language():
    at = new_app()
    assert "un **Comune** del Piemonte" in shown(at)
    english(at)
    assert "a **municipality** of Piedmont" in shown(at)
    at.session_state["dossier"].eligibility.kind = "municipality"
    at.session_state["dossier"].eligibility.municipality = Municipality(name="Bergamo", province="BG")
    go(at, "eligibility")
    assert "The call is for municipalities of Piedmont" in shown(at)
    assert any("municipalities of Piedmont" in c.value for c in at.caption)  # the field's help, under it
    assert "the call is for municipalities of Piedmont only" in shown(at)
    assert "Piemonte" not in shown(at).replace("ANCI Piemonte", "")


def test_an_open_cv_entry_ends_in_the_interface_language():
    at = go(new_app(), "officer")
    at.button(key="add-officer.experience").click().run()
    at.date_input(key=w("officer.experience.0.start")).set_value(date(2015, 3, 1)).run()
    assert "Esperienza 1 · 03/2015 – in corso" in shown(at)
    go(at, "review")
    assert "03/2015 – in corso" in shown(at)
    english(at)
    assert "03/2015 – present" in shown(at)


def test_missing_answers_name_the_question_in_the_interface_language(call):
    at = go(new_app(), "needs")
    at.button(key="next-needs").click().run()  # problems are shown once the user tries to go on
    assert "«Il contesto locale e i bisogni»: manca la risposta" in shown(at)
    assert call.questions[0].heading not in shown(at)
    english(at)
    assert "“Local context and needs”: the answer is missing" in shown(at)


def test_each_needs_answer_is_labelled_once_by_its_question_number(call):
    at = go(new_app(), "needs")
    numbers = range(1, len(call.questions) + 1)
    assert [s.value for s in at.subheader] == [
        f"{n}. {q.label.it}" for n, q in zip(numbers, call.questions, strict=False)
    ]
    assert [a.label for a in at.text_area] == [f"Risposta {n}, in inglese" for n in numbers]


def test_review_says_in_which_annexes_the_answers_appear():
    at = go(new_app(), "review")
    assert any(c.value.startswith('Presente in: <span lang="en">Annex 1') for c in at.caption)  # English, said so


def test_the_foreign_share_is_written_as_the_interface_language_writes_it():
    at = go(new_app(), "applicant")
    type_text(at, "applicant.population", "2.600")
    type_text(at, "applicant.foreign_residents", "212")
    assert "Quota di residenti stranieri: 8,2%" in [c.value for c in at.caption]
    english(at)
    assert "Share of foreign residents: 8.2%" in [c.value for c in at.caption]


def test_paired_fields_are_in_reading_order_for_the_keyboard():
    """Tab follows the page's order: each row of two fields, left then right."""
    at = go(new_app(), "applicant")
    assert [x.key for x in at.text_input] == [
        w(f"applicant.{name}")
        for name in (
            "official_name",
            "address",
            "pec",
            "email",
            "phone",
            "website",
            "population",
            "foreign_residents",
            "countries_of_origin",
        )
    ]
    go(at, "officer")
    assert [x.key for x in at.text_input][:6] == [
        w(f"officer.{name}") for name in ("first_name", "last_name", "role", "department", "email", "phone")
    ]


def test_the_documents_step_makes_a_file_only_when_it_is_asked_for(monkeypatch, single):
    """Arriving at Documents draws names and buttons; each DOCX is made at its first use
    (a download, the PDFs, the email), once per version of the answers."""
    from dossier import documents

    made = []
    real = documents.render_docx
    monkeypatch.setattr(
        documents, "render_docx", lambda template, *args: made.append(template.name) or real(template, *args)
    )
    at = new_app()
    at.session_state["dossier"] = single
    go(at, "documents")
    go(at, "review")
    go(at, "documents")
    assert len(downloads(at)) == 4 and made == []
    letter = at.session_state["built"]["docs"][0]
    assert "Letter of Commitment" in docx_text(letter.data) and docx_text(letter.data)
    assert len(made) == 1


def test_a_step_asked_for_that_the_call_no_longer_has_leaves_the_user_where_they_are():
    """A "Next" noted a step, then the same click changed the call pack (a draft of another
    call): the page stays, no error."""
    from components.session.steps import GO_TO

    at = new_app()
    go(at, "applicant")
    at.session_state[GO_TO] = "no-such-step"
    at.run()
    assert not at.exception and at.title[0].value == "Ente"


@pytest.mark.parametrize("streamlit_takes_the_intent", [True, False])
def test_next_goes_on_even_if_streamlit_ignores_the_page_asked_for(monkeypatch, streamlit_takes_the_intent):
    """`steps.navigate` asks Streamlit's page manager (not a public API) for the new page; if
    an upgrade ignores that, st.switch_page still takes the user on, and nothing of the page
    being left is lost."""
    import components.session.steps

    if not streamlit_takes_the_intent:
        monkeypatch.setattr(components.session.steps, "run_instead", lambda url_path: None)
    at = new_app()
    at.button(key="example-single").click().run()  # complete: "Next" goes on at once
    go(at, "applicant").text_input(key=w("applicant.pec")).set_value("comune.aglie@pec.it")
    at.button(key="next-applicant").click().run()
    assert not at.exception and at.title[0].value == "Analisi dei bisogni"
    assert at.session_state["dossier"].applicant.pec == "comune.aglie@pec.it"


def test_an_answer_over_its_word_limit_turns_red_as_soon_as_it_is_typed(call):
    q = next(q for q in call.questions if q.max_words)
    at = go(new_app(), "needs")
    type_text(at, f"needs.answers.{q.id}", "word " * (q.max_words + 279))
    [count] = [c.value for c in at.caption if "parole" in c.value and "oltre il limite" in c.value]
    assert ":red[**279 parole oltre il limite**]" in count  # before any "Avanti"
    type_text(at, f"needs.answers.{q.id}", "word " * q.max_words)
    assert not any(":red[" in c.value for c in at.caption)
