"""The draft file's JSON Schema: generated from the model, plain strings for free text, enum /
format / pattern for coded fields, and the sample validates against it."""
from __future__ import annotations

import json

import jsonschema
import pytest

from wagedesk import draftfile
from wagedesk.model import Draft
from wagedesk.sample import sample_draft
from wagedesk.schema import draft_json_schema


@pytest.fixture(scope="module")
def validator():
    schema = draft_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _prop(section: str, name: str) -> dict:
    return draft_json_schema()["$defs"][section]["properties"][name]


def test_free_text_is_a_plain_string():
    assert _prop("Enterprise", "name")["type"] == ["string", "null"]
    assert "anyOf" not in _prop("Enterprise", "name") and "pattern" not in _prop("Enterprise", "name")


def test_coded_fields_carry_enum_format_or_pattern():
    defs = draft_json_schema()["$defs"]
    assert defs["SkillLevel"]["enum"][0] == "apprentice"
    assert defs["SkillLevel"]["x-enum-labels"]["chief_technician"] == "首席技师"
    assert _prop("Term", "start_date")["format"] == "date"
    assert _prop("Enterprise", "uscc")["pattern"].startswith("^")
    assert "pattern" in _prop("LevelRow", "minimum_amount")
    assert _prop("Growth", "adjustment_rate")["maximum"] == 100
    assert _prop("Vote", "total")["minimum"] == 0


def test_every_field_keeps_its_chinese_title_and_step():
    for name, definition in draft_json_schema()["$defs"].items():
        for field, prop in definition.get("properties", {}).items():
            assert prop.get("title") and prop.get("x-step"), (name, field)


def test_sample_and_empty_draft_validate(validator):
    assert list(validator.iter_errors(json.loads(draftfile.dumps(sample_draft())))) == []
    assert list(validator.iter_errors(json.loads(draftfile.dumps(Draft())))) == []


@pytest.mark.parametrize("section, field, value", [
    ("enterprise", "uscc", "abc"), ("term", "start_date", "2026-13-01"),
    ("enterprise", "economic_type", "statal"), ("growth", "adjustment_rate", "150"),
    ("growth", "last_year_average_wage", "9800.123"), ("enterprise", "employee_count", -3)])
def test_schema_refuses_wrong_coded_values(validator, section, field, value):
    data = json.loads(draftfile.dumps(sample_draft()))
    data[section][field] = value
    assert list(validator.iter_errors(data))
