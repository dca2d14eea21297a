"""Draft files: what the app saves is what it loads; anything else is refused, in detail."""

import json

import pytest

from dossier.drafts import MAX_DRAFT_BYTES, DraftError, from_json, to_json


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
