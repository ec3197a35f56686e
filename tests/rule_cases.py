"""The table every rule test reads: for each rule, a mutation of the sample that breaks it (and
the field it must name), and a nearby mutation that must leave it silent. Shared by the rule
tests and the command-line tests."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Callable

from wagedesk.model import Draft, MinimumForm, Person, SkillLevel, VoteBody


@dataclass(frozen=True)
class Case:
    rule: str
    path: str
    mutate: Callable[[Draft], None]
    for_signing: bool = False
    severity: str = "error"

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.path}"


def _set(path: str, value: object) -> Callable[[Draft], None]:
    """A mutation that assigns ``value`` at a dotted path (list indexes allowed)."""
    def mutate(draft: Draft) -> None:
        *parents, last = path.split(".")
        obj: object = draft
        for part in parents:
            obj = obj[int(part)] if part.isdigit() else getattr(obj, part)  # type: ignore[index]
        if last.isdigit():
            obj[int(last)] = value  # type: ignore[index]
        else:
            setattr(obj, last, value)
    return mutate


def _all(*mutations: Callable[[Draft], None]) -> Callable[[Draft], None]:
    def mutate(draft: Draft) -> None:
        for m in mutations:
            m(draft)
    return mutate


def _add_members(side: str, n: int) -> Callable[[Draft], None]:
    def mutate(draft: Draft) -> None:
        members = getattr(draft, side).members
        getattr(draft, side).members = members + [Person(name=f"代表{i}") for i in range(n)]
    return mutate


def _drop_member(side: str) -> Callable[[Draft], None]:
    def mutate(draft: Draft) -> None:
        getattr(draft, side).members = getattr(draft, side).members[:-1]
    return mutate


D = date
M = Decimal

FIRING = [
    Case("required_for_signing", "enterprise.name", _set("enterprise.name", "  "), True),
    Case("required_for_signing", "procedure.vote.total", _set("procedure.vote.total", None), True),
    Case("required_for_signing", "ladder.levels", _set("ladder.levels", []), True),
    Case("required_for_signing", "procedure.meetings", _set("procedure.meetings", []), True),
    Case("uscc_format", "enterprise.uscc", _set("enterprise.uscc", "9131011SMA1K4C8Q7L")),
    Case("uscc_checksum", "enterprise.uscc", _set("enterprise.uscc", "91310115MA1K4C8Q7X"),
         severity="warning"),
    Case("headcounts_consistent", "enterprise.skilled_count", _set("enterprise.skilled_count", 700)),
    Case("headcounts_consistent", "enterprise.high_skilled_count",
         _set("enterprise.high_skilled_count", 413)),
    Case("counts_not_negative", "training.annual_training_hours",
         _set("training.annual_training_hours", -1)),
    Case("chief_each_side", "worker_side.chief.name", _set("worker_side.chief", None), True),
    Case("representatives_named", "employer_side.members.0.name",
         _set("employer_side.members.0.name", ""), True),
    Case("representatives_count", "employer_side.members",
         _all(_add_members("employer_side", 6), _add_members("worker_side", 6))),
    Case("representatives_count", "worker_side.members",
         _all(_set("worker_side.members", [Person(name="张国强")]),
              _set("employer_side.members", [Person(name="李建华")])), True),
    Case("representatives_equal", "worker_side.members", _drop_member("worker_side"), True),
    Case("employer_side_not_larger", "employer_side.members", _add_members("employer_side", 1)),
    Case("term_length", "term.end_date", _set("term.end_date", D(2029, 7, 1))),
    Case("term_length", "term.end_date", _set("term.end_date", D(2027, 6, 29))),
    Case("ladder_levels_unique", "ladder.levels.1.level", _set("ladder.levels.1.level", SkillLevel.junior)),
    Case("ladder_levels_in_order", "ladder.levels.1.level",
         _all(_set("ladder.levels.0.level", SkillLevel.intermediate),
              _set("ladder.levels.1.level", SkillLevel.junior))),
    Case("sub_levels_positive", "ladder.levels.0.sub_levels", _set("ladder.levels.0.sub_levels", 0)),
    Case("statutory_minimum_known", "pay.region", _set("pay.region", "beijing")),
    Case("level_minimum_above_statutory", "ladder.levels.0.minimum_amount",
         _set("ladder.levels.0.minimum_amount", M("2740"))),
    Case("level_minimum_above_statutory", "ladder.levels.0.minimum_amount",
         _all(_set("pay.minimum_form", MinimumForm.minimum_skill_allowance),
              _set("ladder.levels.0.minimum_amount", M("0")))),
    Case("level_minimum_rising", "ladder.levels.2.minimum_amount",
         _set("ladder.levels.2.minimum_amount", M("3300"))),
    Case("category_floor", "ladder.levels.3.minimum_amount",
         _set("ladder.levels.3.minimum_amount", M("4000")), severity="warning"),
    Case("skill_allowance_not_falling", "ladder.levels.2.skill_allowance",
         _set("ladder.levels.2.skill_allowance", M("150"))),
    Case("optional_allowance_amount", "allowances.mentoring.monthly_amount",
         _set("allowances.mentoring.monthly_amount", M("0"))),
    Case("optional_allowance_amount", "allowances.expert.monthly_amount",
         _set("allowances.expert.monthly_amount", None), True),
    Case("money_to_the_fen", "incentives.promotion_award", _set("incentives.promotion_award", M("2000.001"))),
    Case("money_to_the_fen", "growth.last_year_average_wage",
         _set("growth.last_year_average_wage", M("-1"))),
    Case("percent_range", "training.frontline_fund_share", _set("training.frontline_fund_share", M("120"))),
    Case("skilled_growth_not_below_managers", "growth.skilled_growth_rate",
         _set("growth.skilled_growth_rate", M("4.9"))),
    Case("guideline_lines_ordered", "growth.guideline_upper",
         _all(_set("growth.guideline_lower", M("5")), _set("growth.guideline_base", M("12")),
              _set("growth.guideline_upper", M("10")))),
    Case("procedure_dates_in_order", "procedure.reply_date", _set("procedure.reply_date", D(2026, 4, 9))),
    Case("procedure_dates_in_order", "procedure.vote.vote_date",
         _set("procedure.vote.vote_date", D(2026, 5, 19))),
    Case("term_starts_after_signing", "term.start_date",
         _all(_set("term.start_date", D(2026, 6, 1)), _set("term.end_date", D(2029, 5, 31)))),
    Case("term_ends_after_start", "term.end_date", _set("term.end_date", D(2026, 7, 1))),
    Case("offer_reply_in_time", "procedure.reply_date", _set("procedure.reply_date", D(2026, 5, 1))),
    Case("vote_counts_consistent", "procedure.vote.attending", _set("procedure.vote.attending", 121)),
    Case("vote_counts_consistent", "procedure.vote.in_favour", _set("procedure.vote.against", 9)),
    Case("vote_attendance_two_thirds", "procedure.vote.attending",
         _all(_set("procedure.vote.attending", 79), _set("procedure.vote.in_favour", 70))),
    Case("vote_majority_of_all", "procedure.vote.in_favour", _set("procedure.vote.in_favour", 60)),
    Case("vote_total_matches_employees", "procedure.vote.total",
         _set("procedure.vote.body", VoteBody.all_employees), severity="warning"),
    Case("filing_in_time", "procedure.filing_date", _set("procedure.filing_date", D(2026, 6, 16)),
         severity="warning"),
    Case("start_after_review", "term.start_date", _set("procedure.filing_date", D(2026, 6, 17)),
         severity="warning"),
]

# Mutations right at a rule's boundary that must NOT make it fire.
SILENT = [
    Case("required_for_signing", "enterprise.name", _set("enterprise.name", None), False),
    Case("required_for_signing", "allowances.mentoring",
         _set("allowances.mentoring.enabled", False), True),
    Case("uscc_checksum", "enterprise.uscc", _set("enterprise.uscc", "9131011SMA1K4C8Q7L")),
    Case("headcounts_consistent", "enterprise.skilled_count", _set("enterprise.skilled_count", 680)),
    Case("chief_each_side", "worker_side.chief", _set("worker_side.chief", None), False),
    Case("representatives_count", "both sides 10", _all(_add_members("employer_side", 5),
                                                       _add_members("worker_side", 5)), True),
    Case("representatives_count", "two while drafting",
         _set("worker_side.members", [Person(name="张国强")]), False),
    Case("employer_side_not_larger", "fewer employer", _drop_member("employer_side")),
    Case("term_length", "exactly one year", _set("term.end_date", D(2027, 6, 30))),
    Case("term_length", "exactly three years", _set("term.end_date", D(2029, 6, 30))),
    Case("level_minimum_above_statutory", "one fen above",
         _set("ladder.levels.0.minimum_amount", M("2740.01"))),
    Case("level_minimum_above_statutory", "table picked by start date",
         _all(_set("term.start_date", D(2025, 6, 30)), _set("ladder.levels.0.minimum_amount", M("2700")))),
    Case("level_minimum_above_statutory", "allowance form above zero",
         _all(_set("pay.minimum_form", MinimumForm.minimum_skill_allowance),
              _set("ladder.levels.0.minimum_amount", M("0.01")))),
    Case("category_floor", "exactly 150 %", _set("ladder.levels.3.minimum_amount", M("4110"))),
    Case("optional_allowance_amount", "switched off",
         _all(_set("allowances.mentoring.enabled", False), _set("allowances.mentoring.monthly_amount", None)), True),
    Case("money_to_the_fen", "two decimals", _set("incentives.promotion_award", M("2000.05"))),
    Case("percent_range", "100", _set("training.frontline_fund_share", M("100"))),
    Case("skilled_growth_not_below_managers", "equal", _set("growth.skilled_growth_rate", M("5.0"))),
    Case("procedure_dates_in_order", "same day", _set("procedure.reply_date", D(2026, 4, 10))),
    Case("offer_reply_in_time", "day 20", _set("procedure.reply_date", D(2026, 4, 30))),
    Case("vote_attendance_two_thirds", "exactly two thirds", _set("procedure.vote.attending", 80)),
    Case("vote_majority_of_all", "61 of 120", _set("procedure.vote.in_favour", 61)),
    Case("vote_counts_consistent", "all present", _set("procedure.vote.attending", 120)),
    Case("filing_in_time", "day 10", _set("procedure.filing_date", D(2026, 6, 15))),
    Case("start_after_review", "filed day 1", _set("procedure.filing_date", D(2026, 6, 16))),
]
