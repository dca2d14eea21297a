"""Every answer is what the user meant, and every error is shown where it is (issue 11)."""

from itertools import pairwise

from components.page_parts.answers import rows
from components.session.markdown import WORD_JOINER, escape_md
from dossier import sample
from dossier.models import Dossier, Municipality
from wizard import drawn, focus_target, go, new_app, type_text, w


def sidebar(at) -> dict[str, str]:
    """Step name -> its status word, as the sidebar says it."""
    out = {}
    for link in at.sidebar.get("page_link"):
        name, status = link.label.split(". ", 1)[1].rsplit(" — ", 1)
        out[name] = status
    return out


def shown(markdown: str) -> str:
    """What the reader sees of escaped Markdown: no backslashes, no invisible joiners."""
    return markdown.replace("\\", "").replace(WORD_JOINER, "")


def errors_shown(at) -> str:
    return shown(" ".join(e.value for e in at.error))


def field_messages(at) -> str:
    return shown(" ".join(m.value for m in at.markdown if 'id="f-' in m.value))


# 1. Numbers the Italian way -------------------------------------------------------------


def test_29000_typed_the_italian_way_is_29000_and_said_so():
    at = go(new_app(), "applicant")
    type_text(at, "applicant.population", "29.000")
    assert at.session_state["dossier"].applicant.population == 29000
    assert at.text_input(key=w("applicant.population")).value == "29.000"
    assert not any("piccolo" in m.value for m in at.info)  # 29,000 is a medium one
    assert any("media" in m.value for m in at.info)
    type_text(at, "applicant.population", "29 000")
    assert at.session_state["dossier"].applicant.population == 29000


def test_a_decimal_or_ambiguous_count_is_refused_at_the_field_and_kept_on_screen():
    at = go(new_app(), "applicant")
    type_text(at, "applicant.population", "29,000")
    assert at.session_state["dossier"].applicant.population is None  # never a wrong number stored
    assert at.text_input(key=w("applicant.population")).value == "29,000"  # nothing lost
    assert any("Non è chiaro" in m.value and "12.500" in m.value for m in at.markdown)
    type_text(at, "applicant.population", "2.600")
    assert not any("Non è chiaro" in m.value for m in at.markdown)


def test_the_english_interface_takes_both_groupings():
    at = new_app()
    at.sidebar.segmented_control(key="lang_switch").set_value("en").run()
    go(at, "applicant")
    type_text(at, "applicant.population", "29.000")
    assert at.session_state["dossier"].applicant.population == 29000
    assert at.text_input(key=w("applicant.population")).value == "29,000"
    type_text(at, "applicant.foreign_residents", "1.5")
    assert any("whole number" in m.value for m in at.markdown)


# 2. Members one at a time ---------------------------------------------------------------


def union_page():
    at = go(new_app(), "eligibility")
    at.radio(key=w("eligibility.kind")).set_value("union").run()
    return at


def members(at) -> list[str]:
    return [m.name for m in at.session_state["dossier"].eligibility.members]


def test_moiola_and_enter_adds_moiola_only():
    at = union_page()
    type_text(at, "eligibility.members", "Moiola")
    assert members(at) == ["Moiola"]
    assert at.text_input(key=w("eligibility.members")).value == ""  # ready for the next one


def test_a_start_shared_by_several_names_offers_them_one_click_each():
    at = union_page()
    type_text(at, "eligibility.members", "mon")
    assert members(at) == []
    offered = [b.label for b in at.button if b.key.startswith("pick-eligibility.members-")]
    assert len(offered) == 8 and all(label.lower().startswith("mon") for label in offered)
    assert any("scrivete qualche lettera in più" in c.value for c in at.caption)
    type_text(at, "eligibility.members", "mong")
    offered = [b.label for b in at.button if b.key.startswith("pick-eligibility.members-")]
    assert sorted(offered) == ["Mongardino (AT)", "Mongiardino Ligure (AL)", "Mongrando (BI)"]
    next(b for b in at.button if b.label == "Mongiardino Ligure (AL)").click().run()
    assert members(at) == ["Mongiardino Ligure"]


def test_accents_and_case_are_ignored_and_free_text_is_never_a_member():
    at = union_page()
    type_text(at, "eligibility.members", "CUORGNE")
    type_text(at, "eligibility.members", "Paese che non c'è")
    assert members(at) == ["Cuorgnè"]
    assert any("Nessun Comune del Piemonte inizia con" in m.value for m in at.error)  # an alert: announced
    type_text(at, "eligibility.members", "cuorgnè")
    assert members(at) == ["Cuorgnè"]  # not twice


def test_the_union_total_is_the_sum_of_its_members_residents():
    at = union_page()
    for name in ("Moiola", "Valdieri"):
        type_text(at, "eligibility.members", name)
    go(at, "applicant")
    assert not [x for x in at.text_input if x.key == w("applicant.population")]  # never typed again
    type_text(at, "eligibility.members.0.population", "2.000")
    type_text(at, "eligibility.members.1.population", "1.500")
    assert at.session_state["dossier"].applicant.population == 3500
    assert any("**3.500**" in m.value for m in at.markdown)
    type_text(at, "eligibility.members.1.population", "1.000")  # a member's residents changed
    assert at.session_state["dossier"].applicant.population == 3000
    assert any("**3.000**" in m.value for m in at.markdown)


# 3. Facts that follow each other --------------------------------------------------------


def test_changing_the_municipality_offers_to_update_what_named_the_old_one():
    at = new_app()
    at.session_state["dossier"] = sample.single()  # Agliè, all steps done
    go(at, "eligibility")
    type_text(at, "eligibility.municipality", "Alba")
    assert any("da Agliè a Alba" in m.value for m in at.markdown)
    at.button(key="follow-update").click().run()
    d = at.session_state["dossier"]
    assert (d.applicant.official_name, d.letter.place) == ("Municipality of Alba", "Alba")
    assert "Alba (TO)" in d.applicant.address


def test_changing_the_union_lead_offers_the_same():
    at = new_app()
    at.session_state["dossier"] = sample.union()  # lead Cuorgnè, letter signed in Cuorgnè
    go(at, "eligibility")
    at.selectbox(key=w("eligibility.lead")).set_value("Valperga (TO)").run()
    at.button(key="follow-update").click().run()
    assert at.session_state["dossier"].letter.place == "Valperga"


def test_review_lists_what_still_names_the_old_municipality():
    at = new_app()
    d = sample.single()
    d.eligibility.municipality = Municipality(name="Alba", province="CN", istat_code="004003")
    at.session_state["dossier"] = d
    go(at, "review")
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Il luogo della lettera «Agliè» non è il Comune che si candida (Alba)" in text
    assert "Il nome ufficiale «Municipality of Agliè» non contiene" in text


# 5. The error pattern -------------------------------------------------------------------


def test_nothing_is_an_error_before_next_then_a_summary_links_each_field():
    at = go(new_app(), "applicant")
    assert not at.error and not field_messages(at)
    type_text(at, "applicant.pec", "protocollo@pec")  # a wrong PEC
    assert not at.error
    at.button(key="next-applicant").click().run()
    assert at.title[0].value == "Ente"  # stays, to show the problems
    summary = errors_shown(at)
    assert "C'è qualcosa da correggere" in summary
    assert (
        "[L'indirizzo PEC «protocollo@pec» non sembra valido. Scrivetelo nella forma `nome@dominio.it`, "
        "senza spazi né lettere accentate.](#f-applicant-pec)"
    ) in summary
    assert "(#f-applicant-address)" in summary  # an empty required field
    assert "L'indirizzo PEC «protocollo@pec» non sembra valido." in field_messages(at)
    assert sidebar(at)["Ente"] == "errori"
    at.button(key="next-applicant").click().run()  # a draft may be left unfinished
    assert at.title[0].value == "Analisi dei bisogni"
    at.session_state["dossier"] = sample.single()  # another dossier (an example, a draft): not tried yet
    at.run()
    assert sidebar(at)["Ente"] == "fatto"
    at.session_state["dossier"] = Dossier()
    at.run()
    assert sidebar(at)["Ente"] == "da fare"


def test_next_without_problems_goes_on_at_once():
    at = new_app()
    at.session_state["dossier"] = sample.single()
    go(at, "letter")
    at.button(key="next-letter").click().run()
    assert at.title[0].value == "Controllo inglese"


# 6. Review = check your answers ---------------------------------------------------------


def test_review_never_says_ready_while_documents_would_refuse():
    at = new_app()
    d = sample.single()
    d.officer.relevant_experience = "Il funzionario coordina lo sportello per i cittadini stranieri dal 2018."
    at.session_state["dossier"] = d
    go(at, "review")
    assert not at.success or not any("Tutto è pronto" in s.value for s in at.success)
    assert any("Controllo inglese" in m.value for m in at.warning)
    go(at, "documents")
    assert not [b for b in at.get("download_button") if b.key.startswith("dl-")]


REVIEWED = ("eligibility", "applicant", "needs", "officer", "letter")


def test_review_shows_every_answer_of_a_step_in_one_text_and_one_change_to_the_step(call):
    at = new_app()
    d = sample.single()
    d.applicant.website = ""  # optional
    at.session_state["dossier"] = d
    go(at, "review")
    for step in REVIEWED:
        items = rows(step, d, call)
        texts = [m.value for m in at.markdown if all(f"**{escape_md(label)}**" in m.value for label, _, _ in items)]
        assert len(texts) == 1, step  # one text holds them all
        for label, value, _ in items:
            for typed in value.split("\n"):  # every line of every answer, as typed
                assert typed in shown(texts[0]), (label, typed)
    everything = " ".join(m.value for m in at.markdown)
    assert "**Sito web (facoltativo)**  \n*Non indicato*" in everything
    assert "**Data**  \n20 febbraio 2020" in everything  # the letter's date, the Italian way
    assert any("Tutto è pronto" in s.value for s in at.success)
    edits = [b for b in at.button if b.key.startswith("edit-")]
    assert [b.key for b in edits] == [f"edit-{step}" for step in REVIEWED]  # one a step, in order
    assert {b.label for b in edits} == {"Modifica"}
    at.button(key="edit-applicant").click().run()
    assert at.title[0].value == "Ente"
    assert focus_target(at) is None  # the step's heading takes the focus, as after "Avanti"


def test_review_draws_few_elements():
    """Every element and block is paid for by the browser (decision 0039): with the example,
    the Review drew 106 in the main area with an answer and its "Modifica" each."""
    at = new_app()
    at.session_state["dossier"] = sample.single()
    go(at, "review")
    assert drawn(at.main) <= 40


def test_reviews_problems_still_link_to_their_fields():
    at = new_app()
    d = sample.single()
    d.applicant.pec = "protocollo@pec"
    at.session_state["dossier"] = d
    go(at, "review")
    assert "L'indirizzo PEC «protocollo@pec» non sembra valido." in shown(" ".join(m.value for m in at.markdown))
    at.button(key="fix-applicant.pec-pec_invalid").click().run()
    assert at.title[0].value == "Ente"
    assert focus_target(at) == "f-applicant-pec"


# 9. Statuses that mean something --------------------------------------------------------


def test_statuses_from_a_blank_start():
    at = new_app()
    at.run()
    status = sidebar(at)
    assert status["Inizio"] == "fatto"  # read
    assert status["Riepilogo"] == status["Documenti"] == "da fare"
    at.session_state["dossier"] = sample.single()
    at.run()
    status = sidebar(at)
    assert status.pop("Documenti") == "in corso"  # done once the signed letter is accepted
    assert set(status.values()) == {"fatto"}


def test_the_sidebar_says_what_the_page_filled_in_the_same_run():
    """Applicant fills its official name from the municipality chosen (views/applicant.py):
    the step list, drawn after the page, already says the step is under way."""
    at = new_app()
    d = Dossier()
    d.eligibility.kind = "municipality"
    d.eligibility.municipality = Municipality(name="Agliè", province="TO", istat_code="001001")
    at.session_state["dossier"] = d
    go(at, "applicant")
    assert at.text_input(key=w("applicant.official_name")).value == "Municipality of Agliè"
    assert sidebar(at)["Ente"] == "in corso"


def test_placeholders_are_examples_not_answers():
    at = go(new_app(), "officer")
    shown = [x.placeholder for x in at.text_input if x.placeholder]
    assert shown and all(p.startswith("es.:") for p in shown)


def test_reviews_answers_keep_the_users_words_literal(call):
    """Markdown typed in an answer is shown as typed, its line breaks kept; a label made of
    the user's words (a language's name) too."""
    at = new_app()
    d = sample.single()
    d.officer.languages[0].language = "[Inglese](https://example.com)"
    typed = ["**non grassetto** e _non corsivo_", "# non un titolo", "- non una voce", "<b>non HTML</b>"]
    d.needs.answers[call.questions[0].id] = "\n".join(typed)
    at.session_state["dossier"] = d
    go(at, "review")
    texts = [m.value for m in at.markdown]
    assert any("**\\[Inglese\\](https:⁠//example.com)**" in m for m in texts), texts
    assert not any("[Inglese](" in m for m in texts)
    needs = next(m for m in texts if escape_md(typed[0]) in m)
    for line, following in pairwise(typed):  # each line on a line of its own, in order
        assert f'{escape_md(line)}</span>  \n<span lang="en">{escape_md(following)}' in needs
    assert "<b>" not in needs and "**non" not in needs and "\n#" not in needs and "\n-" not in needs
