"""The model wording of the contract (``contract_templates/wording.toml``) and the sandbox that
fills its placeholders.

Union staff edit the wording; it is loaded here, checked (every placeholder and condition must
compile) and rendered in a Jinja ``SandboxedEnvironment`` with autoescaping, so a value typed
into a draft is always data: ``{{ 7*7 }}`` in a field comes out as ``{{ 7*7 }}``. The rendered
text is unescaped back to plain text; each writer escapes it for its own format. Empty values
come out as the visible blank ``＿＿＿＿``. Pure functions; safe on any thread.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Callable

from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from wagedesk import formatting
from wagedesk.errors import UserError

BLANK = "＿＿＿＿"
# XML 1.0 forbids these; PDF viewers show them as garbage. \t and \n stay (they are text).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


class WordingError(UserError):
    """The wording file is broken (exit 2): the message names the place to fix."""

    exit_code = 2


def clean_text(text: str) -> str:
    """Drop XML-illegal control characters and normalise line ends to ``\\n``."""
    return _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _finalize(value: Any) -> Any:
    if _is_blank(value):
        return BLANK
    if isinstance(value, Enum) and hasattr(value, "label"):
        return value.label
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return formatting.chinese_date(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def _guard(fn: Callable[[Any], str]) -> Callable[[Any], str]:
    def wrapped(value: Any) -> str:
        if _is_blank(value):
            return BLANK
        try:
            return fn(value)
        except (ValueError, ArithmeticError, TypeError):
            return str(value)
    return wrapped


def _labels(values: Any) -> str:
    items = [getattr(v, "label", str(v)) for v in (values or [])]
    return "、".join(items) if items else BLANK


def _clause(value: Any) -> Any:
    """A sentence a clause ends itself: trailing full stops are dropped to avoid ``。。``."""
    if isinstance(value, str):
        stripped = value.rstrip().rstrip("。.；;")
        return stripped if stripped.strip() else None
    return value


def make_environment() -> SandboxedEnvironment:
    """The sandbox every wording placeholder and condition runs in."""
    env = SandboxedEnvironment(autoescape=True, finalize=_finalize, keep_trailing_newline=True)
    env.filters.update({
        "amount": _guard(formatting.contract_amount),
        "yuan": _guard(formatting.yuan_figures),
        "percent": _guard(formatting.percent),
        "date": _guard(formatting.chinese_date),
        "labels": _labels,
        "clause": _clause,
    })
    return env


@dataclass(frozen=True)
class Wording:
    """The parsed wording file plus a sandbox with its templates compiled once."""

    data: dict[str, Any]
    env: SandboxedEnvironment
    source: str
    compiled: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def _template(self, text: str) -> Any:
        # Compiling is 50x dearer than rendering; every piece of wording is compiled once.
        found = self.compiled.get(text)
        if found is None:
            found = self.compiled[text] = self.env.from_string(text)
        return found

    def render(self, template: str, context: dict[str, Any]) -> str:
        """Fill one piece of wording; the result is plain text (no markup, no control chars)."""
        try:
            out = self._template(template).render(context)
        except TemplateError as err:
            raise WordingError(
                f"合同措辞文件 {self.source} 中的占位符无法填写：{err}（在“{template[:40]}”中）。"
                "请检查 {{ }} 中的写法。") from None
        return clean_text(Markup(out).unescape())

    def holds(self, condition: str | None, context: dict[str, Any]) -> bool:
        """Whether an optional clause's ``when`` condition holds."""
        if not condition:
            return True
        try:
            key = "\x00when\x00" + condition
            expression = self.compiled.get(key)
            if expression is None:
                expression = self.compiled[key] = self.env.compile_expression(
                    condition, undefined_to_none=True)
            return bool(expression(**context))
        except TemplateError as err:
            raise WordingError(
                f"合同措辞文件 {self.source} 中的条件 “{condition}” 无法判断：{err}。"
                "请检查 when = 后的写法。") from None


def _templates_in(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, list):
        return [t for item in data for t in _templates_in(item)]
    if isinstance(data, dict):
        return [t for key, item in data.items() if key != "when" for t in _templates_in(item)]
    return []


def _conditions_in(data: Any) -> list[str]:
    if isinstance(data, list):
        return [c for item in data for c in _conditions_in(item)]
    if isinstance(data, dict):
        found = [data["when"]] if isinstance(data.get("when"), str) else []
        return found + [c for key, item in data.items() if key != "when" for c in _conditions_in(item)]
    return []


REQUIRED_KEYS = ("title", "parties", "preamble", "signature", "tables", "chapters", "annex")


_loaded: dict[tuple[str, int, int], Wording] = {}


def load_wording(path: Path) -> Wording:
    """Read and check the wording file; a broken file raises ``WordingError`` naming the fault.
    A file already loaded in this process (same path, size and modification time) is reused,
    so a batch export reads and compiles the wording once per worker."""
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None
    if key is not None and key in _loaded:
        return _loaded[key]
    wording = _load_wording(path)
    if key is not None:
        _loaded[key] = wording
    return wording


def _load_wording(path: Path) -> Wording:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise WordingError(f"找不到合同措辞文件 {path}（{err.strerror}）。请重新安装 WageDesk。") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise WordingError(f"合同措辞文件 {path} 格式有误：{err}。请按文件开头的说明改正。") from None
    missing = [k for k in REQUIRED_KEYS if k not in data]
    if missing:
        raise WordingError(f"合同措辞文件 {path} 缺少 {'、'.join(missing)}。请按文件开头的说明补上。")
    env = make_environment()
    compiled: dict[str, Any] = {}
    for template in _templates_in(data):
        try:
            compiled[template] = env.from_string(template)
        except TemplateError as err:
            raise WordingError(f"合同措辞文件 {path} 中“{template[:40]}”的占位符写法有误：{err}。") from None
    for condition in _conditions_in(data):
        try:
            env.compile_expression(condition)
        except TemplateError as err:
            raise WordingError(f"合同措辞文件 {path} 中的条件 “{condition}” 写法有误：{err}。") from None
    return Wording(data=data, env=env, source=str(path), compiled=compiled)
