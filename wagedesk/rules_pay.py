"""Rules on the skill ladder and pay: levels unique and in ladder order, the per-level minimum
above the statutory minimum in force and rising with the level, the post-category reference
floors (warnings), allowances that have an amount, money to the fen, percentages 0–100, and
skilled workers' growth not below managers'."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from wagedesk.model import MinimumForm, value_kind
from wagedesk.rules_base import (
    B_CONSISTENT,
    B_CONTENT,
    B_FLOORS,
    B_GROWTH,
    B_LADDER,
    B_LEVEL_MIN,
    B_MINWAGE,
    B_MONEY,
    Ctx,
    Finding,
    cn,
    error,
    iter_leaves,
    missing,
    warning,
)
from wagedesk.settings import REGION_LABELS

HUNDRED = Decimal(100)


def _yuan(value: Decimal) -> str:
    return f"{value:,.2f} 元" if abs(value) < Decimal("1e15") else f"{value} 元"


def ladder_levels_unique(ctx: Ctx) -> Iterable[Finding]:
    """Each of the eight levels appears at most once."""
    seen: set[object] = set()
    for i, row in enumerate(ctx.draft.ladder.levels):
        if row.level is not None and row.level in seen:
            yield error(f"ladder.levels.{i}.level", f"“{row.level.label}”重复出现。每个等级只能列一次，"
                        "细分请用“档次数”。", B_LADDER)
        seen.add(row.level)


def ladder_levels_in_order(ctx: Ctx) -> Iterable[Finding]:
    """Levels are listed from low to high, in the order of the new eight-level ladder."""
    highest = None
    for i, row in enumerate(ctx.draft.ladder.levels):
        if row.level is None:
            continue
        if highest is not None and row.level.rank < highest.rank:
            yield error(f"ladder.levels.{i}.level", f"“{row.level.label}”排在“{highest.label}”之后。"
                        "请按学徒工、初级工……首席技师由低到高排列。", B_LADDER)
        elif highest is None or row.level.rank > highest.rank:
            highest = row.level


def sub_levels_positive(ctx: Ctx) -> Iterable[Finding]:
    """A level has at least one sub-level."""
    for i, row in enumerate(ctx.draft.ladder.levels):
        if row.sub_levels is not None and row.sub_levels < 1:
            yield error(f"ladder.levels.{i}.sub_levels", f"应至少为 1（现为 {row.sub_levels}；无细分填 1）。",
                        B_LADDER)


def statutory_minimum_known(ctx: Ctx) -> Iterable[Finding]:
    """The settings know the region's statutory minimum in force on the start date."""
    region, day = ctx.draft.pay.region, ctx.draft.term.start_date or ctx.draft.procedure.signing_date
    if region not in ctx.settings.minimum_wages:
        known = "、".join(f"{k}（{REGION_LABELS.get(k, k)}）" for k in ctx.settings.minimum_wages)
        yield error("pay.region", f"“{region}”不在最低工资标准表中（已有：{known}）。请改正或在设置文件中补充。",
                    B_MINWAGE)
    elif day is not None and ctx.dates.statutory_minimum is None:
        yield warning("term.start_date", "时尚无有效的法定最低工资标准记录，无法核对分级最低标准。"
                      "请核对日期或在设置文件中补充。", B_MINWAGE)


def _amounts(ctx: Ctx) -> list[tuple[int, Decimal]]:
    return [(i, row.minimum_amount) for i, row in enumerate(ctx.draft.ladder.levels)
            if row.minimum_amount is not None]


def level_minimum_above_statutory(ctx: Ctx) -> Iterable[Finding]:
    """Monthly-minimum form: every level's minimum is above the statutory minimum in force;
    skill-allowance form: every level's allowance is above zero."""
    statutory = ctx.dates.statutory_minimum
    form = ctx.draft.pay.minimum_form
    for i, amount in _amounts(ctx):
        path = f"ladder.levels.{i}.minimum_amount"
        if form == MinimumForm.minimum_skill_allowance and amount <= 0:
            yield error(path, "：月最低技能津贴应大于零。", B_LEVEL_MIN)
        elif form == MinimumForm.minimum_wage and statutory is not None and amount <= statutory.monthly:
            yield error(path, f"（{_yuan(amount)}）不高于当时的法定月最低工资标准 {_yuan(statutory.monthly)}"
                        f"（{cn(statutory.effective_from)}起执行）。技能人才的分级最低标准应高于法定标准。",
                        B_MINWAGE)


def level_minimum_rising(ctx: Ctx) -> Iterable[Finding]:
    """Each level's minimum is strictly above the one below it."""
    amounts = _amounts(ctx)
    for (_i, lower), (j, higher) in zip(amounts, amounts[1:]):
        if higher <= lower:
            yield error(f"ladder.levels.{j}.minimum_amount", f"（{_yuan(higher)}）不高于低一级（上一行）的 "
                        f"{_yuan(lower)}。分级最低标准应随等级提高而提高。", B_LEVEL_MIN)


def category_floor(ctx: Ctx) -> Iterable[Finding]:
    """The minimum meets its post category's reference floor (105/120/150/200 % of the statutory
    minimum; for the allowance form the allowance covers the part above 100 %). A warning."""
    statutory = ctx.dates.statutory_minimum
    form = ctx.draft.pay.minimum_form
    if statutory is None or form is None:
        return
    for i, row in enumerate(ctx.draft.ladder.levels):
        floor = ctx.settings.category_floors.get(row.post_category) if row.post_category else None
        if floor is None or row.minimum_amount is None:
            continue
        share = floor if form == MinimumForm.minimum_wage else floor - HUNDRED
        needed = statutory.monthly * share / HUNDRED
        if row.minimum_amount < needed:
            yield warning(f"ladder.levels.{i}.minimum_amount",
                          f"（{_yuan(row.minimum_amount)}）低于{row.post_category.label}岗位的参考标准 "
                          f"{_yuan(needed)}（法定最低工资 {_yuan(statutory.monthly)} 的 {floor}%"
                          f"{'' if form == MinimumForm.minimum_wage else '，扣除法定标准部分'}）。"
                          "参考标准不是强制要求，请双方斟酌。", B_FLOORS)


def skill_allowance_not_falling(ctx: Ctx) -> Iterable[Finding]:
    """A higher level's skill-level allowance is not below a lower level's."""
    if not ctx.draft.allowances.skill_level_enabled:
        return
    rows = [(i, r.skill_allowance) for i, r in enumerate(ctx.draft.ladder.levels)
            if r.skill_allowance is not None]
    for (_i, lower), (j, higher) in zip(rows, rows[1:]):
        if higher < lower:
            yield error(f"ladder.levels.{j}.skill_allowance",
                        f"（{_yuan(higher)}）低于低一级（上一行）的 {_yuan(lower)}。技能等级津贴应随等级提高。", B_CONTENT)


def optional_allowance_amount(ctx: Ctx) -> Iterable[Finding]:
    """An allowance switched on has a monthly amount above zero."""
    for name in ("mentoring", "team_leader", "expert"):
        item = getattr(ctx.draft.allowances, name)
        if not item.enabled:
            continue
        path = f"allowances.{name}.monthly_amount"
        yield from missing(ctx, path, item.monthly_amount, B_CONTENT, "（已约定此项津贴）")
        if item.monthly_amount is not None and item.monthly_amount <= 0:
            yield error(path, "：已约定此项津贴，标准应大于零；不发放请关闭“约定此项”。", B_CONTENT)


def money_to_the_fen(ctx: Ctx) -> Iterable[Finding]:
    """Every amount is not negative and has at most two decimals (yuan, jiao, fen)."""
    for path, value, info in iter_leaves(ctx.draft):
        if value is None or value_kind(info) != "money":
            continue
        if value < 0:
            yield error(path, f"不能为负数（现为 {value}）。", B_MONEY)
        elif value.as_tuple().exponent < -2:  # type: ignore[operator]
            yield error(path, f"最多两位小数（计至分），现为 {value}。", B_MONEY)


def percent_range(ctx: Ctx) -> Iterable[Finding]:
    """Every percentage lies between 0 and 100."""
    for path, value, info in iter_leaves(ctx.draft):
        if value is not None and value_kind(info) == "percent" and not 0 <= value <= HUNDRED:
            yield error(path, f"应在 0 至 100 之间（现为 {value}）。", B_CONSISTENT)


def skilled_growth_not_below_managers(ctx: Ctx) -> Iterable[Finding]:
    """Skilled workers' pay growth is at least that of managers at the same level."""
    g = ctx.draft.growth
    if g.skilled_growth_rate is not None and g.manager_growth_rate is not None \
            and g.skilled_growth_rate < g.manager_growth_rate:
        yield error("growth.skilled_growth_rate", f"（{g.skilled_growth_rate}%）低于同级管理人员的 "
                    f"{g.manager_growth_rate}%。技能人才工资增幅应不低于同级管理人员。", B_GROWTH)


def guideline_lines_ordered(ctx: Ctx) -> Iterable[Finding]:
    """Wage guideline: lower line ≤ base line ≤ upper line."""
    g = ctx.draft.growth
    lines = [("growth.guideline_lower", g.guideline_lower), ("growth.guideline_base", g.guideline_base),
             ("growth.guideline_upper", g.guideline_upper)]
    known = [(p, v) for p, v in lines if v is not None]
    for (_p, lower), (path, higher) in zip(known, known[1:]):
        if higher < lower:
            yield error(path, f"（{higher}%）低于前一条线（{lower}%）。应为下线 ≤ 基准线 ≤ 上线。", B_CONSISTENT)


RULES = (ladder_levels_unique, ladder_levels_in_order, sub_levels_positive, statutory_minimum_known,
         level_minimum_above_statutory, level_minimum_rising, category_floor,
         skill_allowance_not_falling, optional_allowance_amount, money_to_the_fen, percent_range,
         skilled_growth_not_below_managers, guideline_lines_ordered)
