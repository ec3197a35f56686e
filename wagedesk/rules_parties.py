"""Rules on the parties, the representatives and the term: what must be filled before signing,
the unified social credit code, headcounts that agree with each other, 3–10 representatives a
side with a chief each, and a term of one to three years."""
from __future__ import annotations

import re
from typing import Iterable

from stdnum.cn import uscc as stdnum_uscc

from wagedesk.model import USCC_PATTERN, Side
from wagedesk.rules_base import (
    B_CONSISTENT,
    B_CONTENT,
    B_FILING_PACKAGE,
    B_REPS,
    B_REPS_SH,
    B_SIGN,
    B_TERM,
    B_USCC,
    Ctx,
    Finding,
    add_years,
    blank,
    cn,
    error,
    iter_leaves,
    missing,
    shift,
)

_USCC = re.compile(USCC_PATTERN)

# Fields the contract or its filing package cannot do without, by section.
_REQUIRED_PARTIES = ("enterprise.name", "enterprise.uscc", "enterprise.address",
                     "enterprise.legal_representative", "enterprise.economic_type",
                     "enterprise.industry", "enterprise.employee_count",
                     "enterprise.skilled_count", "enterprise.high_skilled_count",
                     "union.name", "union.chair")
_REQUIRED_CONTENT = ("term.start_date", "term.end_date", "coverage.posts", "coverage.covered_count",
                     "pay.system", "pay.minimum_form", "growth.skilled_growth_rate",
                     "growth.manager_growth_rate", "implementation.supervision",
                     "implementation.dispute_resolution")
_REQUIRED_PACKAGE = ("growth.last_year_average_wage", "growth.adjustment_rate",
                     "procedure.offer_party", "procedure.offer_date", "procedure.reply_date",
                     "procedure.vote.body", "procedure.vote.vote_date", "procedure.vote.total",
                     "procedure.vote.attending", "procedure.vote.in_favour",
                     "procedure.vote.against", "procedure.signing_date",
                     "procedure.signing_place")
_REQUIRED_TRAINING = ("training.frontline_fund_share", "training.annual_training_hours",
                      "training.measures")


def _get(obj: object, path: str) -> object:
    for part in path.split("."):
        obj = getattr(obj, part, None)
    return obj


def required_for_signing(ctx: Ctx) -> Iterable[Finding]:
    """Every field the contract and its filing package need is filled (signing only)."""
    d = ctx.draft
    groups = [(_REQUIRED_PARTIES, B_FILING_PACKAGE), (_REQUIRED_CONTENT, B_CONTENT),
              (_REQUIRED_PACKAGE, B_FILING_PACKAGE)]
    if d.training.enabled:
        groups.append((_REQUIRED_TRAINING, B_CONTENT))
    if d.top_talent.enabled:
        groups.append((("top_talent.eligibility",), B_CONTENT))
    for paths, basis in groups:
        for path in paths:
            yield from missing(ctx, path, _get(d, path), basis)
    if not d.ladder.levels:
        yield from missing(ctx, "ladder.levels", None, B_CONTENT, "（至少一个技能等级）")
    for i, row in enumerate(d.ladder.levels):
        for name in ("level", "sub_levels", "post_category", "minimum_amount"):
            yield from missing(ctx, f"ladder.levels.{i}.{name}", getattr(row, name), B_CONTENT)
        if d.allowances.skill_level_enabled:
            yield from missing(ctx, f"ladder.levels.{i}.skill_allowance", row.skill_allowance, B_CONTENT)
    if not d.procedure.meetings:
        yield from missing(ctx, "procedure.meetings", None, B_FILING_PACKAGE, "（至少一次协商会议）")
    for i, meeting in enumerate(d.procedure.meetings):
        yield from missing(ctx, f"procedure.meetings.{i}.meeting_date", meeting.meeting_date,
                           B_FILING_PACKAGE)
    if d.top_talent.enabled and not (d.top_talent.annual_salary or d.top_talent.negotiated_salary):
        yield from missing(ctx, "top_talent.annual_salary", None, B_CONTENT,
                           "（已约定本章节，请选择年薪制或协议工资制）")


def uscc_format(ctx: Ctx) -> Iterable[Finding]:
    """The USCC is 18 characters of the GB 32100 alphabet."""
    code = ctx.draft.enterprise.uscc
    if not blank(code) and not _USCC.match(code.strip()):
        yield error("enterprise.uscc", f"“{code[:30]}”不是 18 位统一社会信用代码（只含数字和除 I、O、S、V、Z "
                    "外的大写字母）。请对照营业执照填写。", B_USCC)


def uscc_checksum(ctx: Ctx) -> Iterable[Finding]:
    """A well-formed USCC whose check character fails is a warning: some early codes are real."""
    code = ctx.draft.enterprise.uscc
    if not blank(code) and _USCC.match(code.strip()) and not stdnum_uscc.is_valid(code.strip()):
        yield Finding("enterprise.uscc", "warning",
                      f"「企业 › 统一社会信用代码」{code.strip()} 的校验位不符。请对照营业执照再核对一遍；"
                      "个别早期代码确实如此，核对无误可忽略。", B_USCC)


def headcounts_consistent(ctx: Ctx) -> Iterable[Finding]:
    """Skilled ≤ employees, high-skilled ≤ skilled, covered ≤ employees."""
    e, cov = ctx.draft.enterprise, ctx.draft.coverage
    pairs = [("enterprise.skilled_count", e.skilled_count, e.employee_count, "职工总数"),
             ("enterprise.high_skilled_count", e.high_skilled_count, e.skilled_count, "技能人才人数"),
             ("coverage.covered_count", cov.covered_count, e.employee_count, "职工总数")]
    for path, part, whole, whole_name in pairs:
        if part is not None and whole is not None and part > whole:
            yield error(path, f"（{part}）多于{whole_name}（{whole}）。请核对人数。", B_CONSISTENT)


def counts_not_negative(ctx: Ctx) -> Iterable[Finding]:
    """No headcount, vote count or number of hours is negative."""
    for path, value, _info in iter_leaves(ctx.draft):
        if isinstance(value, int) and not isinstance(value, bool) and value < 0 \
                and path != "schema_version":
            yield error(path, f"不能为负数（现为 {value}）。", B_CONSISTENT)


def _side_paths(ctx: Ctx) -> list[tuple[str, str, Side]]:
    return [("employer_side", "企业方", ctx.draft.employer_side),
            ("worker_side", "职工方", ctx.draft.worker_side)]


def chief_each_side(ctx: Ctx) -> Iterable[Finding]:
    """Each side names a chief representative, who signs (signing only)."""
    for path, _name, side in _side_paths(ctx):
        yield from missing(ctx, f"{path}.chief.name", side.chief.name if side.chief else None, B_SIGN)


def representatives_named(ctx: Ctx) -> Iterable[Finding]:
    """Every listed representative has a name (signing only)."""
    for path, _name, side in _side_paths(ctx):
        for i, member in enumerate(side.members):
            yield from missing(ctx, f"{path}.members.{i}.name", member.name, B_REPS)


def representatives_count(ctx: Ctx) -> Iterable[Finding]:
    """3–10 representatives a side: too many always, too few when checked for signing."""
    low, high = ctx.settings.representatives_min, ctx.settings.representatives_max
    for path, name, side in _side_paths(ctx):
        n = side.count()
        if n > high or (ctx.for_signing and n < low):
            yield error(f"{path}.members", f"：{name}共 {n} 名代表（含首席代表），每方应为 {low} 至 {high} 名。",
                        B_REPS)


def representatives_equal(ctx: Ctx) -> Iterable[Finding]:
    """Both sides have the same number of representatives (signing only)."""
    employer, worker = ctx.draft.employer_side.count(), ctx.draft.worker_side.count()
    if ctx.for_signing and employer != worker:
        yield error("worker_side.members", f"：职工方 {worker} 名、企业方 {employer} 名，双方代表人数应当对等。",
                    B_REPS)


def employer_side_not_larger(ctx: Ctx) -> Iterable[Finding]:
    """The employer side never has more representatives than the worker side (Shanghai), once
    the worker side has at least the minimum."""
    employer, worker = ctx.draft.employer_side.count(), ctx.draft.worker_side.count()
    if worker >= ctx.settings.representatives_min and employer > worker:
        yield error("employer_side.members", f"：企业方 {employer} 名多于职工方 {worker} 名；"
                    "企业方代表人数不得多于职工方。", B_REPS_SH)


def term_length(ctx: Ctx) -> Iterable[Finding]:
    """The term runs one to three years (the end date is the term's last day)."""
    start, end = ctx.draft.term.start_date, ctx.draft.term.end_date
    low, high = ctx.settings.term_min_years, ctx.settings.term_max_years
    if start is None or end is None or end <= start:
        return
    shortest, longest = shift(add_years(start, low), -1), shift(add_years(start, high), -1)
    if (shortest is not None and end < shortest) or (longest is not None and end > longest):
        window = f"，即期限届满日期在 {cn(shortest)} 至 {cn(longest)} 之间" if shortest and longest else ""
        yield error("term.end_date", f"：合同期限应为 {low} 至 {high} 年{window}。", B_TERM)


RULES = (required_for_signing, uscc_format, uscc_checksum, headcounts_consistent,
         counts_not_negative, chief_each_side, representatives_named, representatives_count,
         representatives_equal, employer_side_not_larger, term_length)
