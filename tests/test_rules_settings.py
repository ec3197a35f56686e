"""Settings (defaults, the shipped TOML, overrides, bad files) and the computed dates."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from wagedesk.errors import UnreadableFileError
from wagedesk.model import PostCategory
from wagedesk.resources import templates_dir
from wagedesk.rules import check, computed_dates
from wagedesk.sample import sample_draft
from wagedesk.settings import Settings


@pytest.mark.parametrize("day, monthly", [
    (date(2023, 6, 30), None), (date(2023, 7, 1), "2690"), (date(2025, 6, 30), "2690"),
    (date(2025, 7, 1), "2740"), (date(2031, 1, 1), "2740")])
def test_statutory_minimum_is_picked_by_date(day, monthly):
    row = Settings().minimum_wage_on("shanghai", day)
    assert (row.monthly if row else None) == (Decimal(monthly) if monthly else None)


def test_defaults_hold_the_domain_numbers():
    s = Settings()
    assert (s.filing_days, s.review_days, s.offer_reply_days) == (10, 15, 20)
    assert (s.representatives_min, s.representatives_max, s.term_min_years, s.term_max_years) == (3, 10, 1, 3)
    assert s.category_floors[PostCategory.core] == Decimal("200")
    assert Settings().minimum_wage_on("shanghai", date(2026, 1, 1)).hourly == Decimal("25")


def test_shipped_settings_file_equals_the_built_in_defaults():
    assert Settings.load(templates_dir() / "settings.toml") == Settings()
    assert Settings.load(None) == Settings()


def test_a_settings_file_overrides_only_what_it_names(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text("filing_days = 7\n[category_floors_percent]\nbasic = 110\n"
                    "[[minimum_wage.beijing]]\nfrom = 2025-09-01\nmonthly = 2540\nhourly = 27.7\n",
                    encoding="utf-8")
    s = Settings.load(path)
    assert s.filing_days == 7 and s.review_days == 15
    assert s.category_floors[PostCategory.basic] == Decimal("110")
    assert s.category_floors[PostCategory.core] == Decimal("200")
    assert s.minimum_wage_on("beijing", date(2026, 1, 1)).hourly == Decimal("27.7")
    assert s.minimum_wage_on("shanghai", date(2026, 1, 1)).monthly == Decimal("2740")


@pytest.mark.parametrize("text", ["filing_days = ", "filing_days = -1", "filing_days = 'ten'",
                                  "no_such_key = 1", "[category_floors_percent]\nsuper = 300",
                                  "[[minimum_wage.shanghai]]\nmonthly = 1", "representatives_min = 11"])
def test_a_bad_settings_file_is_refused_in_chinese(tmp_path, text):
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UnreadableFileError) as err:
        Settings.load(path)
    assert "设置文件" in err.value.message and err.value.exit_code == 2


def test_missing_settings_file_is_refused():
    with pytest.raises(UnreadableFileError, match="找不到设置文件"):
        Settings.load("/nonexistent/s.toml")


def test_settings_change_what_the_rules_find(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text("[[minimum_wage.shanghai]]\nfrom = 2026-07-01\nmonthly = 3000\nhourly = 27\n",
                    encoding="utf-8")
    findings = check(sample_draft(), settings=Settings.load(path))
    assert [f.path for f in findings if f.rule == "level_minimum_above_statutory"] == [
        "ladder.levels.0.minimum_amount"]


def test_filing_deadline_is_signing_plus_filing_days():
    dates = computed_dates(sample_draft(), Settings())
    assert dates.filing_deadline == date(2026, 6, 15)
    assert dates.statutory_minimum.monthly == Decimal("2740")


def test_earliest_effective_counts_from_the_deadline_until_filed():
    dates = computed_dates(sample_draft(), Settings())
    assert (dates.earliest_effective, dates.effective_from_filing) == (date(2026, 6, 30), False)


def test_earliest_effective_counts_from_the_filing_date_once_filed():
    draft = sample_draft()
    draft.procedure.filing_date = date(2026, 6, 8)
    dates = computed_dates(draft, Settings())
    assert (dates.earliest_effective, dates.effective_from_filing) == (date(2026, 6, 23), True)


def test_filing_days_is_a_setting():
    assert computed_dates(sample_draft(), Settings(filing_days=7)).filing_deadline == date(2026, 6, 12)


def test_computed_dates_at_the_end_of_the_calendar_are_unknown_not_a_crash():
    draft = sample_draft()
    draft.procedure.signing_date = date(9999, 12, 30)
    dates = computed_dates(draft)
    assert dates.filing_deadline is None and dates.earliest_effective is None
    check(draft, for_signing=True)


def test_empty_draft_has_no_computed_dates():
    from wagedesk.model import Draft
    dates = computed_dates(Draft())
    assert dates.filing_deadline is None and dates.statutory_minimum is None
