"""Who may apply and what is still missing."""

from datetime import date

import pytest

from dossier.eligibility import (
    Status,
    eligibility_findings,
    ineligible,
    is_ready,
    missing,
    step_status,
    word_count,
)
from dossier.models import Dossier, Experience, Municipality


def codes(findings):
    return {f.code for f in findings}


def test_the_samples_are_complete(single, union, call):
    assert is_ready(single, call) and is_ready(union, call)


def test_an_empty_dossier_says_what_to_do_first(call):
    found = missing(Dossier(), call)
    assert codes(found["eligibility"]) == {"kind", "no_action_plan", "no_officer"}
    assert set(step_status(Dossier(), call).values()) == {Status.NOT_STARTED}


def test_municipality_outside_the_region_is_ineligible_with_the_reason(single, call):
    single.eligibility.municipality = Municipality(name="Bergamo", province="BG")
    [finding] = ineligible(single, call)
    assert finding.code == "outside_region"
    assert finding.params["region"] == "Lombardia"
    assert finding.params["eligible"].it == "Piemonte" and finding.params["eligible"].en == "Piedmont"


def test_unknown_municipality_is_reported(single, call):
    single.eligibility.municipality = Municipality(name="Settimo T.se", province="TO")
    assert "unknown_municipality" in codes(eligibility_findings(single, call))


def test_union_lead_must_be_a_member(union, call):
    union.eligibility.lead = "Agliè"
    assert [f.code for f in ineligible(union, call)] == ["lead_not_member"]


def test_union_lead_outside_piedmont_is_refused(union, call):
    union.eligibility.members.append(Municipality(name="Aosta", province="AO"))
    union.eligibility.lead = "Aosta"
    assert [f.code for f in ineligible(union, call)] == ["lead_outside_region"]


def test_union_needs_two_members(union, call):
    union.eligibility.members = union.eligibility.members[:1]
    union.eligibility.lead = union.eligibility.members[0].name
    assert "union_members" in codes(eligibility_findings(union, call))


def test_union_members_need_a_population(union, call):
    union.eligibility.members[1].population = None
    found = missing(union, call)["applicant"]
    assert [f.params["name"] for f in found] == ["Valperga"]


def test_commitments_are_required(single, call):
    single.eligibility.action_plan = False
    single.letter.commitments.remove("meetings")
    found = missing(single, call)
    assert "no_action_plan" in codes(found["eligibility"])
    assert [f.field for f in found["letter"]] == ["letter.commitments.meetings"]


def test_word_limits_come_from_the_call(single, call):
    q = call.questions[0]
    single.needs.answers[q.id] = "word " * (q.max_words + 1)
    single.needs.answers[call.questions[1].id] = "Too short."
    found = {f.field: f.code for f in missing(single, call)["needs"]}
    assert found == {f"needs.answers.{q.id}": "answer_long", f"needs.answers.{call.questions[1].id}": "answer_short"}


@pytest.mark.parametrize(
    "value,ok",
    [
        ("protocollo@pec.comune.aglie.to.it", True),
        ("not an email", False),
        ("a@b", False),
        # what a plain SMTP header cannot carry is refused at the field
        ("üser@comune.aglie.to.it", False),
        ("info@comune.agliè.to.it", False),
    ],
)
def test_email_format(single, call, value, ok):
    single.applicant.email = value
    assert ("email_invalid" not in codes(missing(single, call)["applicant"])) is ok


@pytest.mark.parametrize(
    "value,ok", [("011 1234567", True), ("+39 333 1234567", True), ("12", False), ("phone", False)]
)
def test_phone_format(single, call, value, ok):
    single.officer.phone = value
    assert ("phone_invalid" not in codes(missing(single, call)["officer"])) is ok


def test_foreign_residents_cannot_exceed_residents(single, call):
    single.applicant.foreign_residents = single.applicant.population + 1
    assert "foreign_over_population" in codes(missing(single, call)["applicant"])


def test_cv_entries_need_their_essentials_and_ordered_dates(single, call):
    single.officer.experience.append(Experience(position="Clerk"))
    single.officer.education[0].end = date(2001, 1, 1)
    found = codes(missing(single, call)["officer"])
    assert {"experience_entry", "dates_order"} <= found


def test_signatory_must_fit_the_applicant(single, union, call):
    single.letter.signatory_role = "union_president"
    assert "signatory_role" in codes(missing(single, call)["letter"])
    union.letter.signatory_role = "lead_mayor"
    assert not missing(union, call)["letter"]


def test_step_status_follows_the_answers(call):
    d = Dossier()
    d.eligibility.kind = "municipality"
    status = step_status(d, call)
    assert status["eligibility"] is Status.INCOMPLETE and status["officer"] is Status.NOT_STARTED


@pytest.mark.parametrize(
    "text,n", [("", 0), ("Agliè has 2,600 residents.", 4), ("The municipality's plan", 3), ("one\ntwo  three", 3)]
)
def test_word_count(text, n):
    assert word_count(text) == n


@pytest.mark.parametrize(
    "population,expected",
    [(None, None), (0, "small"), (5000, "small"), (5001, "medium"), (50000, "medium"), (50001, "large")],
)
def test_size_category_at_the_thresholds(call, population, expected):

    assert (call.small_max, call.medium_max) == (5000, 50000)
    assert call.size_category(population) == expected
