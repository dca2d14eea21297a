"""Draft files: what the app saves is what it loads; anything else is refused, in detail."""

import json

import pytest

from dossier.drafts import MAX_DRAFT_BYTES, DraftError, from_json, to_json
from dossier.models import Dossier


def problems(raw):
    with pytest.raises(DraftError) as err:
        from_json(raw)
    return err.value.problems


def test_round_trip(single, union):
    for d in (single, union):
        assert from_json(to_json(d)) == d


def test_not_json():
    assert [p.code for p in problems("{not json")] == ["not_json"]


def test_json_of_another_shape():
    assert [p.code for p in problems("[1, 2, 3]")] == ["not_a_draft"]
    assert [p.code for p in problems('{"name": "x"}')] == ["not_a_draft"]


def test_newer_schema_version(single):
    data = json.loads(to_json(single))
    data["schema_version"] = 99
    assert [p.code for p in problems(json.dumps(data))] == ["newer_version"]


def test_too_large():
    assert [p.code for p in problems(" " * (MAX_DRAFT_BYTES + 1))] == ["too_large"]


def test_unknown_field_and_wrong_nested_type(single):
    data = json.loads(to_json(single))
    data["applicant"]["favourite_colour"] = "blue"
    data["officer"]["languages"][0]["reading"] = "Z9"
    found = {p.where: p.code for p in problems(json.dumps(data))}
    assert found == {"applicant.favourite_colour": "invalid_field", "officer.languages.0.reading": "invalid_field"}


def test_call_id_cannot_name_a_path(single):
    data = json.loads(to_json(single))
    data["call_id"] = "../../etc"
    assert [p.where for p in problems(json.dumps(data))] == ["call_id"]


def test_json_nested_far_too_deep_is_refused_before_parsing():
    for raw in ("[" * 100_000 + "]" * 100_000, '{"schema_version": 1, "a": ' * 50_000):
        assert [p.code for p in problems(raw)] == ["not_a_draft"]


def test_hostile_strings_are_scanned_in_linear_time():
    """An unterminated string full of escaped quotes once made a naive scan quadratic."""
    import time

    raw = '"\\"' * 600_000
    started = time.perf_counter()
    assert [p.code for p in problems(raw)] == ["not_json"]
    assert time.perf_counter() - started < 2  # quadratic would be hours


@pytest.mark.parametrize("day", ["0001-01-01", "1900-01-01", "2101-01-01"])
def test_a_date_the_pages_cannot_show_is_refused(single, day):
    data = json.loads(to_json(single))
    data["officer"]["experience"][0]["start"] = day
    data["letter"]["signed_on"] = day
    assert {p.where for p in problems(json.dumps(data))} == {"officer.experience.0.start", "letter.signed_on"}


@pytest.mark.parametrize("value", [True, "2_600", "2600", 2600.5])
def test_a_number_must_be_a_number(single, value):
    data = json.loads(to_json(single))
    data["applicant"]["population"] = value
    assert [p.where for p in problems(json.dumps(data))] == ["applicant.population"]


def test_a_draft_without_answers_is_refused_as_empty():
    assert [p.code for p in problems('{"schema_version": 1}')] == ["empty"]
    assert [p.code for p in problems(to_json(Dossier()))] == ["empty"]
