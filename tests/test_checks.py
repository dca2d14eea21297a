"""Cross-checks between answers: each rule at its edges (dossier/checks.py)."""

from datetime import date

import pytest

from dossier.checks import RULES, follow_change, population
from dossier.eligibility import Status, is_ready, missing, step_status
from dossier.models import Dossier, LanguageSkill, Municipality


def codes(d, call, step):
    return [f.code for f in missing(d, call)[step]]


def test_every_rule_has_an_id_a_step_and_a_message_in_both_languages():
    import tomllib

    from support import ROOT

    for lang in ("it", "en"):
        messages = tomllib.loads((ROOT / f"locales/{lang}.toml").read_text())["checks"]
        assert {r.id for r in RULES} == set(messages)


@pytest.mark.parametrize("foreign,flagged", [(2600, False), (2601, True)])
def test_foreign_residents_at_most_the_residents(single, call, foreign, flagged):
    single.applicant.foreign_residents = foreign  # population 2600
    assert ("foreign_over_population" in codes(single, call, "applicant")) is flagged
    assert is_ready(single, call) is not flagged


def test_a_union_total_is_the_sum_of_its_members(union, call):
    # The union of "Why": 5,000 typed against members summing to 3,500.
    union.eligibility.members = union.eligibility.members[:2]
    union.eligibility.members[0].population, union.eligibility.members[1].population = 2000, 1500
    union.applicant.population = 5000
    union.applicant.foreign_residents = 100
    [f] = [f for f in missing(union, call)["applicant"] if f.code == "union_total_mismatch"]
    assert (f.params, f.field, f.warning) == ({"total": 5000, "sum": 3500}, "applicant.population", False)
    union.applicant.population = 3500
    assert "union_total_mismatch" not in codes(union, call, "applicant")
    assert population(union) == 3500


def test_a_union_total_is_unknown_while_a_member_is():
    d = Dossier()
    d.eligibility.kind = "union"
    d.eligibility.members = [Municipality(name="A", population=10), Municipality(name="B")]
    assert population(d) is None


def test_the_size_guidance_uses_the_union_sum(union, call):
    union.eligibility.members[0].population = 50_000
    union.applicant.population = population(union)  # as the Applicant step keeps it
    assert "size_not_preferred" in codes(union, call, "applicant")
    assert is_ready(union, call)  # guidance, never a refusal


def test_changing_the_municipality_flags_what_still_names_the_old_one(single, call):
    # Bra to Alba after the other steps (the "Why" of the issue), here Agliè to Alba.
    single.eligibility.municipality = Municipality(name="Alba", province="CN", istat_code="004003")
    found = {f.code: f for step in ("applicant", "letter") for f in missing(single, call)[step]}
    assert {"official_name_mismatch", "address_mismatch", "place_mismatch"} <= set(found)
    assert all(found[c].warning for c in ("official_name_mismatch", "address_mismatch", "place_mismatch"))
    changes = follow_change(single, "Agliè", "Alba")
    assert changes == {
        "applicant.official_name": "Municipality of Alba",
        "applicant.address": "Piazza Castello 1, 10011 Alba (TO), Italy",
        "letter.place": "Alba",
    }


def test_names_match_as_whole_words_with_accents_and_case_ignored(single, call):
    single.letter.place = "AGLIE"
    assert "place_mismatch" not in codes(single, call, "letter")
    single.eligibility.municipality = Municipality(name="Bra", province="CN")
    single.letter.place = "Brandizzo"
    assert "place_mismatch" in codes(single, call, "letter")


def test_a_union_letter_may_be_signed_in_any_member(union, call):
    union.letter.place = "Valperga"
    assert "place_mismatch" not in codes(union, call, "letter")


@pytest.mark.parametrize(
    "languages,mother,warned",
    [
        ([LanguageSkill(language="French", spoken_interaction="C1")], "Italian", True),  # French only
        ([LanguageSkill(language="English", spoken_interaction="A2")], "Italian", True),
        ([LanguageSkill(language="English", spoken_interaction="B1")], "Italian", False),
        ([LanguageSkill(language="inglese", spoken_interaction="C2")], "Italian", False),
        ([], "English", False),
    ],
)
def test_the_officer_needs_english_for_meetings_a_warning_below_b1(single, call, languages, mother, warned):
    single.officer.languages = languages
    single.officer.mother_tongue = mother
    found = [f for f in missing(single, call)["officer"] if f.code == "english_level_low"]
    assert bool(found) is warned
    assert all(f.warning for f in found)


@pytest.mark.parametrize("end,flagged", [(date(2003, 10, 1), False), (date(2003, 9, 30), True)])
def test_cv_dates_in_order(single, call, end, flagged):
    single.officer.education[0].end = end  # starts 2003-10-01
    assert ("dates_order" in codes(single, call, "officer")) is flagged


def test_warnings_do_not_block_and_a_tried_step_with_problems_is_to_fix(single, call):
    single.letter.place = "Somewhere else"
    assert is_ready(single, call)
    assert step_status(single, call)["letter"] is Status.COMPLETE
    single.letter.signatory_name = ""
    assert step_status(single, call)["letter"] is Status.INCOMPLETE
    assert step_status(single, call, frozenset({"letter"}))["letter"] is Status.TO_FIX
