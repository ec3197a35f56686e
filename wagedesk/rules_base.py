"""What every rule module shares: the ``Finding`` a rule returns, the ``Ctx`` it reads (the
draft, whether it is checked for signing, the settings and the computed dates), the legal bases
cited, and small helpers that word a finding so it names its field by ``label_for``. A rule is a
plain function ``Ctx -> Iterable[Finding]``; modules list theirs in a ``RULES`` tuple.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable, Iterable, Iterator, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from wagedesk.model import Draft, label_for
from wagedesk.settings import MinimumWage, Settings

Severity = Literal["error", "warning"]

# The sources findings cite (DOMAIN.md §2–§5).
B_CONTENT = "《工资集体协商试行办法》第七条；《上海市集体合同条例》第十三条"
B_FILING_PACKAGE = "《集体合同规定》第四十二条（报送材料）"
B_USCC = "GB 32100-2015《法人和其他组织统一社会信用代码编码规则》"
B_REPS = "《集体合同规定》第十九条"
B_REPS_SH = "《上海市集体合同条例》第六条"
B_OFFER = "《集体合同规定》第三十二条"
B_PROCEDURE = "《集体合同规定》第三十二条至第四十二条（协商程序）"
B_VOTE = "《集体合同规定》第三十六条"
B_SIGN = "《集体合同规定》第三十七条"
B_TERM = "《集体合同规定》第三十八条"
B_FILING = "《集体合同规定》第四十二条"
B_REVIEW = "《集体合同规定》第四十七条；《劳动合同法》第五十四条"
B_MINWAGE = "《劳动法》第四十八条；人社厅发〔2025〕52号《技能人才最低工资分类参考指引》"
B_LEVEL_MIN = "人社厅发〔2025〕52号《技能人才最低工资分类参考指引》"
B_FLOORS = "人社厅发〔2025〕52号《技能人才最低工资分类参考指引》（参考标准，非强制）"
B_GROWTH = "人社厅发〔2021〕7号《技能人才薪酬分配指引》"
B_LADDER = "人社部发〔2022〕14号《关于健全完善新时代技能人才职业技能等级制度的意见（试行）》"
B_MONEY = "中国人民银行《正确填写票据和结算凭证的基本规定》（金额计至分）"
B_CONSISTENT = "填写一致性（同一草案中的数字应相互吻合，无专门条文）"


@dataclass(frozen=True)
class Finding:
    """One problem with a draft: the field's dotted path, ``error`` or ``warning``, a Chinese
    message naming the field, and the legal or policy basis. ``rule`` names the rule that found
    it (for tests and logs; not part of the JSON output)."""

    path: str
    severity: Severity
    message: str
    basis: str
    rule: str = field(default="", compare=False)

    def as_json(self) -> dict[str, str]:
        return {"path": self.path, "severity": self.severity, "message": self.message,
                "basis": self.basis}


@dataclass(frozen=True)
class ComputedDates:
    """Dates the procedure implies. ``earliest_effective`` counts ``review_days`` from the filing
    date when it is known, otherwise from ``filing_deadline`` (the planning assumption: the
    employer files on the last allowed day, so a start date on or after it is safe);
    ``effective_from_filing`` says which. ``statutory_minimum`` is the row of the minimum-wage
    table in force on the start date (or, before one is set, the signing date)."""

    filing_deadline: date | None = None
    earliest_effective: date | None = None
    effective_from_filing: bool = False
    statutory_minimum: MinimumWage | None = None


@dataclass(frozen=True)
class Ctx:
    draft: Draft
    for_signing: bool
    settings: Settings
    dates: ComputedDates


Rule = Callable[[Ctx], Iterable[Finding]]


def quoted(path: str) -> str:
    return f"「{label_for(path)}」"


def error(path: str, text: str, basis: str) -> Finding:
    """An error whose message starts with the field's label: ``「企业 › 职工总数」不能为负数``."""
    return Finding(path, "error", f"{quoted(path)}{text}", basis)


def warning(path: str, text: str, basis: str) -> Finding:
    return Finding(path, "warning", f"{quoted(path)}{text}", basis)


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def missing(ctx: Ctx, path: str, value: Any, basis: str, hint: str = "") -> list[Finding]:
    """"Not yet filled": reported only when the draft is checked for signing."""
    if ctx.for_signing and blank(value):
        return [Finding(path, "error", f"尚未填写{quoted(path)}{hint}。签订前必须填写。", basis)]
    return []


def shift(day: date | None, days: int) -> date | None:
    """``day + days``, or None when either is unknown or the result leaves the calendar."""
    if day is None:
        return None
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def add_years(day: date, years: int) -> date | None:
    """The same calendar day ``years`` later (29 February -> 28 February); None past year 9999."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        try:
            return day.replace(year=day.year + years, day=28)
        except ValueError:
            return None


def cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def iter_leaves(obj: BaseModel, prefix: str = "") -> Iterator[tuple[str, Any, FieldInfo]]:
    """Every scalar field of a section with its dotted path, list items expanded."""
    for name, info in type(obj).model_fields.items():
        value = getattr(obj, name)
        path = f"{prefix}{name}"
        if isinstance(value, BaseModel):
            yield from iter_leaves(value, path + ".")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_leaves(item, f"{path}.{i}.")
        else:
            yield path, value, info
