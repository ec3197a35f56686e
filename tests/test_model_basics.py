"""The draft model: labels once, round-trip exact, money as Decimal."""
from __future__ import annotations

from decimal import Decimal

from wagedesk import draftfile
from wagedesk.model import STEPS, Draft, iter_fields, label_for, step_for
from wagedesk.sample import sample_draft


def test_every_field_has_a_chinese_label_help_and_step():
    for path, info in iter_fields():
        if path in {"format", "schema_version", "status", "supersedes"}:
            continue
        assert info.title and any("\u4e00" <= ch <= "\u9fff" for ch in info.title), path
        assert info.description, path
        assert step_for(path) in STEPS, path


def test_sample_round_trips_exactly_through_the_draft_file():
    draft = sample_draft()
    again = draftfile.loads(draftfile.dumps(draft))
    assert again == draft
    assert isinstance(again.ladder.levels[0].minimum_amount, Decimal)


def test_label_for_numbers_list_items_from_one():
    assert label_for("ladder.levels.0.minimum_amount") == "技能等级体系 › 采用的技能等级 第 1 项 › 月最低标准（元）"


def test_empty_draft_is_a_valid_draft_object():
    assert draftfile.loads(draftfile.dumps(Draft())) == Draft()
