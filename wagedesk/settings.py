"""The editable numbers the rules need: the dated statutory minimum-wage table per region, the
procedural day counts (filing, review, offer reply), the reference floors per post category,
the representative and term limits. Defaults are built in; a TOML file (the shipped
``contract_templates/settings.toml`` or one passed on the command line) may override any of
them. Nothing is read at import time: callers pass a ``Settings`` in.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from wagedesk.errors import UnreadableFileError
from wagedesk.model import PostCategory


@dataclass(frozen=True)
class MinimumWage:
    """One row of the statutory minimum-wage table: in force from ``effective_from``."""

    effective_from: date
    monthly: Decimal
    hourly: Decimal


def _default_minimum_wages() -> dict[str, tuple[MinimumWage, ...]]:
    return {"shanghai": (
        MinimumWage(date(2023, 7, 1), Decimal("2690"), Decimal("24")),
        MinimumWage(date(2025, 7, 1), Decimal("2740"), Decimal("25")),
    )}


def _default_floors() -> dict[PostCategory, Decimal]:
    return {PostCategory.basic: Decimal("105"), PostCategory.important: Decimal("120"),
            PostCategory.key: Decimal("150"), PostCategory.core: Decimal("200")}


REGION_LABELS = {"shanghai": "上海市"}

_INT_KEYS = ("filing_days", "review_days", "offer_reply_days", "representatives_min",
             "representatives_max", "term_min_years", "term_max_years")


@dataclass(frozen=True)
class Settings:
    """Every number a rule needs; ``Settings()`` holds the built-in defaults."""

    minimum_wages: dict[str, tuple[MinimumWage, ...]] = field(default_factory=_default_minimum_wages)
    filing_days: int = 10
    review_days: int = 15
    offer_reply_days: int = 20
    category_floors: dict[PostCategory, Decimal] = field(default_factory=_default_floors)
    representatives_min: int = 3
    representatives_max: int = 10
    term_min_years: int = 1
    term_max_years: int = 3

    def minimum_wage_on(self, region: str, day: date) -> MinimumWage | None:
        """The row of ``region``'s table in force on ``day`` (None before the first row or for an
        unknown region)."""
        rows = [r for r in self.minimum_wages.get(region, ()) if r.effective_from <= day]
        return max(rows, key=lambda r: r.effective_from) if rows else None

    @classmethod
    def load(cls, path: str | Path | None) -> Settings:
        """The defaults, overridden by the TOML file at ``path`` when one is given. A file that
        cannot be read or holds a wrong value raises ``UnreadableFileError`` (exit 2)."""
        if path is None:
            return cls()
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        except FileNotFoundError:
            raise UnreadableFileError(f"找不到设置文件 {path}。请检查路径是否正确。") from None
        except (OSError, UnicodeDecodeError) as err:
            raise UnreadableFileError(f"无法读取设置文件 {path}（{err}）。请确认它是 UTF-8 文本文件。") from None
        except tomllib.TOMLDecodeError as err:
            raise UnreadableFileError(
                f"设置文件 {path} 不是合法的 TOML（{err}）。请对照程序自带的 settings.toml 改正。") from None
        try:
            return cls.from_mapping(data)
        except (ValueError, TypeError, KeyError, ArithmeticError) as err:
            raise UnreadableFileError(
                f"设置文件 {path} 中的取值有误：{err}。请对照程序自带的 settings.toml 改正。") from None

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Settings:
        """Defaults overridden by a parsed TOML mapping; raises ``ValueError`` on a wrong value."""
        known = {f.name for f in fields(cls)} | {"minimum_wage", "category_floors_percent"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"不认识的设置项 {', '.join(unknown)}")
        settings = cls()
        changes: dict[str, Any] = {}
        for key in _INT_KEYS:
            if key in data:
                value = data[key]
                if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                    raise ValueError(f"{key} 应为非负整数，现为 {value!r}")
                changes[key] = value
        if "category_floors_percent" in data:
            floors = dict(settings.category_floors)
            for code, value in _table(data["category_floors_percent"], "category_floors_percent").items():
                floors[PostCategory(code)] = _decimal(value, f"category_floors_percent.{code}")
            changes["category_floors"] = floors
        if "minimum_wage" in data:
            tables = dict(settings.minimum_wages)
            for region, rows in _table(data["minimum_wage"], "minimum_wage").items():
                tables[region] = tuple(sorted((_wage_row(r, region) for r in rows),
                                              key=lambda r: r.effective_from))
            changes["minimum_wages"] = tables
        settings = replace(settings, **changes)
        if settings.representatives_min > settings.representatives_max:
            raise ValueError("representatives_min 不能大于 representatives_max")
        if settings.term_min_years > settings.term_max_years:
            raise ValueError("term_min_years 不能大于 term_max_years")
        return settings


def _table(value: Any, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{name} 应为一个表")
    return value


def _decimal(value: Any, name: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
        raise ValueError(f"{name} 应为数字，现为 {value!r}")
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        raise ValueError(f"{name} 应为数字，现为 {value!r}") from None
    if not number.is_finite() or number < 0:
        raise ValueError(f"{name} 应为非负数，现为 {value!r}")
    return number


def _wage_row(row: Any, region: str) -> MinimumWage:
    if not isinstance(row, dict) or not isinstance(row.get("from"), date):
        raise ValueError(f"minimum_wage.{region} 的每一行应有日期 from（如 2025-07-01）")
    return MinimumWage(row["from"], _decimal(row.get("monthly"), f"minimum_wage.{region}.monthly"),
                       _decimal(row.get("hourly", 0), f"minimum_wage.{region}.hourly"))
