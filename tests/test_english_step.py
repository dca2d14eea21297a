"""The English check in the wizard: under each field, its own step, and the Documents gate."""

from dossier.english import Budget, EnglishChecker, sentence_key
from wizard import go, intended_box, new_app, type_text

ITALIAN = "Il Comune gestisce uno sportello per i cittadini stranieri ogni martedì mattina."


def with_example_and_italian():
    at = new_app()
    at.button(key="example-single").click().run()
    go(at, "needs")
    d = at.session_state["dossier"]
    type_text(at, "needs.answers.measures", d.needs.answers["measures"] + "\n" + ITALIAN)
    return at


def downloads(at):
    return [b for b in at.download_button if b.key.startswith("dl-")]


def test_the_field_says_where_it_is_typed_that_a_sentence_is_not_english():
    at = with_example_and_italian()
    statuses = " ".join(c.value for c in at.caption)
    assert "Frasi che non sembrano in inglese: 1 (italiano)" in statuses


def test_documents_refuse_until_the_sentence_is_fixed_or_marked_intended():
    at = with_example_and_italian()
    go(at, "documents")
    assert not downloads(at)
    listed = " ".join(m.value for m in at.markdown)
    assert "Misure di integrazione in corso o programmate" in listed and "sportello per i cittadini" in listed

    go(at, "english")
    assert any("Frasi che non sembrano in inglese: 1" in w.value for w in at.warning)
    key = sentence_key(ITALIAN)
    intended_box(at, ITALIAN).check().run()
    assert key in at.session_state["dossier"].english_intended  # saved in the Dossier, so in the draft
    assert not at.success  # never "all in English" with a sentence kept in Italian
    assert any("Frasi lasciate così di proposito, che andranno così nei documenti: 1" in i.value for i in at.info)

    go(at, "documents")
    assert len(downloads(at)) == 4  # 3 Word files + ZIP; no email yet


def test_fixing_the_sentence_also_unblocks():
    at = with_example_and_italian()
    d = at.session_state["dossier"]
    type_text(
        at,
        "needs.answers.measures",
        d.needs.answers["measures"].replace(
            ITALIAN, "The municipality runs a help desk for foreign citizens every Tuesday morning."
        ),
    )
    go(at, "documents")
    assert len(downloads(at)) == 4  # 3 Word files + ZIP; no email yet


def test_glossary_hint_is_shown_with_its_suggestion():
    at = go(new_app(), "needs")
    type_text(at, "needs.answers.context", "Every newcomer must register at the anagrafe within twenty days.")
    go(at, "english")
    hints = " ".join(m.value for m in at.markdown)
    assert "anagrafe" in hints and "registry office" in hints


def test_documents_list_every_flagged_sentence_and_cut_long_ones_visibly():
    at = new_app()
    at.button(key="example-single").click().run()
    long_italian = (
        "Il Comune ha aperto uno sportello per i cittadini stranieri in collaborazione con il CPIA "
        "di Ivrea e con le associazioni del territorio."
    )
    second = "Offriamo corsi di lingua italiana due volte alla settimana."
    d = at.session_state["dossier"]
    go(at, "needs")
    type_text(at, "needs.answers.measures", f"{d.needs.answers['measures']}\n\n{long_italian} {second}")
    go(at, "documents")
    listed = [m.value for m in at.markdown if "«" in m.value]
    assert len(listed) == 1 and listed[0].count("\n- ") == 1  # two sentences of one answer, two lines
    assert "con il …»" in listed[0] and "Offriamo corsi di lingua italiana" in listed[0]


def test_a_text_past_the_budget_says_it_was_not_checked_and_nothing_is_ready_until_it_is():
    at = new_app()
    at.session_state["english_checker"] = EnglishChecker(Budget(field_chars=60))  # a small budget
    go(at, "needs")
    type_text(at, "needs.answers.context", "The help desk is open on Mondays. " * 3 + "Il Comune è chiuso.")
    assert "Una parte di questo testo non è stata ancora controllata" in " ".join(c.value for c in at.caption)
    go(at, "english")
    shown = " ".join(m.value for m in at.markdown)
    assert "Non controllato: il testo è troppo lungo" in shown and "Il Comune è chiuso" in shown
    assert not at.success
    assert any("Parti di testo non ancora controllate: 1" in w.value for w in at.warning)
    go(at, "review")
    assert not at.success  # never "ready" with a sentence not checked
    assert any("Parti di testo non ancora controllate" in w.value for w in at.warning)
    go(at, "documents")
    assert not downloads(at)
    assert "(non ancora controllata)" in " ".join(m.value for m in at.markdown)


def test_one_click_applies_a_fix_to_the_sentence_in_the_answer():
    at = go(new_app(), "needs")
    type_text(at, "needs.answers.context", "Our staff participated to a seminar in Turin.\nThe desk is open.")
    go(at, "english")
    hints = " ".join(m.value for m in at.markdown)
    assert "Preposizione ricalcata dall'italiano." in hints  # what is wrong, in Italian
    [button] = [b for b in at.button if b.key.startswith("fix-needs.answers.context-")]
    assert button.label == "Scrivi «participated in»"
    button.click().run()
    fixed = "Our staff participated in a seminar in Turin.\nThe desk is open."
    assert at.session_state["dossier"].needs.answers["context"] == fixed
    assert any("participated in" in s.value for s in at.success)
    assert not [b for b in at.button if b.key.startswith("fix-")]  # the hint is gone
    go(at, "needs")
    assert at.text_area(key="w:needs.answers.context").value == fixed  # the field shows the new text


def test_a_long_list_of_tips_is_cut_and_says_how_many_more():
    at = go(new_app(), "needs")
    unknown = " ".join(f"qqx{c}{d}" for c in "abcdef" for d in "ab")  # 12 words, no suggestion
    lines = [f"We need the following for the office: {unknown}."]
    lines += [f"Line {i}: the registy office is open." for i in range(25)]
    type_text(at, "needs.answers.context", "\n".join(lines))
    go(at, "english")
    fixes = [b for b in at.button if b.key.startswith("fix-needs.answers.context-")]
    assert len(fixes) == 19  # "registry" in the 19 sentences shown after the first
    captions = " ".join(c.value for c in at.caption)
    assert "E altri 2 suggerimenti in questa frase" in captions
    assert "E altre 6 frasi con suggerimenti in questa risposta" in captions


def test_the_english_step_draws_at_most_60_sentences_and_says_how_many_more():
    at = go(new_app(), "needs")
    italian = [f"Il Comune numero {i} gestisce uno sportello per gli stranieri ogni martedì." for i in range(70)]
    type_text(at, "needs.answers.context", "\n".join(italian))
    go(at, "english")
    boxes = [c for c in at.checkbox if c.key.startswith("intended-")]
    assert len(boxes) == 60
    assert any("E altre 10 frasi da guardare" in w.value for w in at.warning)


def test_fix_in_jumps_to_the_answer_itself():
    at = with_example_and_italian()
    go(at, "english")
    at.button(key="jump-needs.answers.measures").click().run()
    assert at.title[0].value == "Analisi dei bisogni"
    assert at.session_state["dossier"].needs.answers["measures"].endswith(ITALIAN)


def test_the_same_italian_sentence_in_two_answers_has_a_box_each_and_one_choice():
    at = with_example_and_italian()
    d = at.session_state["dossier"]
    type_text(at, "needs.answers.context", d.needs.answers["context"] + "\n" + ITALIAN)
    go(at, "english")
    boxes = [c for c in at.checkbox if c.key.endswith(sentence_key(ITALIAN))]
    assert len(boxes) == 2
    boxes[0].check().run()
    assert not at.exception
    assert all(c.value for c in at.checkbox if c.key.endswith(sentence_key(ITALIAN)))
    assert any("Frasi lasciate così di proposito, che andranno così nei documenti: 2" in i.value for i in at.info)


def test_a_one_click_fix_is_offered_only_where_it_leaves_english():
    """In an Italian sentence a fix would make it half Italian ("frequenta le primary school
    della città"): the tip names the word, with no button; in a short list of Italian names
    the fixes together make it English, so each is a button."""
    at = go(new_app(), "needs")
    italian = "La maggior parte dei bambini stranieri frequenta le scuole primarie della città."
    type_text(at, "needs.answers.context", italian)
    go(at, "applicant")
    type_text(at, "applicant.countries_of_origin", "Romania, Marocco, Albania, Cina")
    go(at, "english")
    shown = " ".join(m.value for m in at.markdown)
    assert "«primary school»" in shown  # the tip is still there
    fixes = [b.label for b in at.button if b.key.startswith("fix-")]
    assert not any(b.key.startswith("fix-needs.answers.context") for b in at.button), fixes
    assert [b for b in at.button if b.key.startswith("fix-applicant.countries_of_origin")]
    next(b for b in at.button if b.key.startswith("fix-applicant.countries_of_origin")).click().run()
    next(b for b in at.button if b.key.startswith("fix-applicant.countries_of_origin")).click().run()
    assert at.session_state["dossier"].applicant.countries_of_origin == "Romania, Morocco, Albania, China"
