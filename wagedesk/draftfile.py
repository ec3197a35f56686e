"""The draft file: the UTF-8 JSON exchange format negotiators send to the union.

One JSON object whose ``format`` is ``"wagedesk.draft"`` and whose ``schema_version`` says which
shape it has. Older versions are upgraded step by step; newer ones are refused. Every way a file
can be unreadable becomes an ``UnreadableFileError`` (exit 2) with a one-paragraph Chinese message
naming the line or field at fault.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

from wagedesk.errors import UnreadableFileError
from wagedesk.files import write_atomically
from wagedesk.model import FORMAT, SCHEMA_VERSION, Draft, label_for

# schema_version N -> function upgrading a version-N object to version N+1.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

_TYPE_WORDS = {
    "missing": "缺少此项",
    "extra_forbidden": "不认识的字段（可能拼写有误，或来自更新版本的程序）",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "decimal_parsing": "应为数字（金额或百分比）",
    "decimal_type": "应为数字（金额或百分比）",
    "date_from_datetime_parsing": "应为日期，格式如 2026-07-01",
    "date_parsing": "应为日期，格式如 2026-07-01",
    "date_type": "应为日期，格式如 2026-07-01",
    "enum": "不是允许的取值",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文字",
    "list_type": "应为列表",
    "model_type": "应为对象（{…}）",
    "model_attributes_type": "应为对象（{…}）",
    "literal_error": "取值不对",
}


def _describe_validation(err: ValidationError, source: str) -> str:
    problems = []
    for item in err.errors()[:5]:
        path = ".".join(str(p) for p in item["loc"])
        words = _TYPE_WORDS.get(item["type"], item["msg"])
        if item["type"] == "enum" and "expected" in item.get("ctx", {}):
            words += f"，应为 {item['ctx']['expected']} 之一"
        shown = repr(item.get("input"))[:60] if item["type"] != "missing" else ""
        problems.append(f"字段 {path}（{label_for(path)}）{words}" + (f"，现为 {shown}" if shown else ""))
    more = len(err.errors()) - len(problems)
    tail = f"；另有 {more} 处类似问题" if more > 0 else ""
    return (f"无法读取草案 {source}：" + "；".join(problems) + tail
            + "。请在 WageDesk 中打开并修正，或按 `wagedesk schema` 的说明改正这些字段后重试。")


def upgrade(data: dict[str, Any], source: str = "草案") -> dict[str, Any]:
    """Bring a draft object of any known older version up to ``SCHEMA_VERSION``."""
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UnreadableFileError(
            f"无法读取 {source}：schema_version 应为正整数，现为 {version!r}。"
            "这可能不是 WageDesk 导出的草案文件，请向发送方索取原文件。")
    if version > SCHEMA_VERSION:
        raise UnreadableFileError(
            f"无法读取 {source}：它的格式版本是 {version}，而本程序只认识到版本 {SCHEMA_VERSION}。"
            "请升级 WageDesk 后再打开，或请发送方用同一版本的程序导出。")
    while data["schema_version"] < SCHEMA_VERSION:
        data = UPGRADES[data["schema_version"]](dict(data))
    return data


def draft_from_object(data: Any, source: str = "草案") -> Draft:
    """A ``Draft`` from a parsed JSON value; raises ``UnreadableFileError`` if it is not one."""
    if not isinstance(data, dict):
        raise UnreadableFileError(
            f"无法读取 {source}：草案文件应是一个 JSON 对象（以 {{ 开头），现在是 {type(data).__name__}。"
            "请确认选对了文件。")
    if data.get("format") != FORMAT:
        raise UnreadableFileError(
            f"无法读取 {source}：它不是 WageDesk 草案（format 应为 \"{FORMAT}\"，现为 {data.get('format')!r}）。"
            "请确认选对了文件，或用 `wagedesk sample` 查看草案文件的样子。")
    data = upgrade(dict(data), source)
    try:
        return Draft.model_validate(data)
    except ValidationError as err:
        raise UnreadableFileError(_describe_validation(err, source)) from None
    except (ValueError, TypeError, ArithmeticError) as err:
        raise UnreadableFileError(f"无法读取 {source}：{err}。请检查文件内容。") from None


def loads(text: str, source: str = "草案") -> Draft:
    """Parse draft JSON text."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise UnreadableFileError(
            f"无法读取 {source}：第 {err.lineno} 行第 {err.colno} 列不是合法的 JSON（{_json_reason(err)}）。"
            "文件可能不完整或被其他程序改动过，请向发送方索取原文件。") from None
    except RecursionError:
        raise UnreadableFileError(f"无法读取 {source}：JSON 嵌套过深，不是草案文件。") from None
    except ValueError as err:  # e.g. an integer with more digits than Python converts
        raise UnreadableFileError(f"无法读取 {source}：其中有无法读取的数值（{err}）。请检查文件内容。") from None
    return draft_from_object(data, source)


def _json_reason(err: json.JSONDecodeError) -> str:
    if err.msg.startswith("Expecting value") and err.pos >= len(err.doc.rstrip()):
        return "文件在中途结束"
    return {"Expecting ',' delimiter": "缺少逗号", "Expecting property name enclosed in double quotes":
            "字段名应使用双引号", "Unterminated string starting at": "字符串没有结束",
            "Extra data": "对象结束后还有多余内容"}.get(err.msg, err.msg)


def load(path: str | Path) -> Draft:
    """Read a draft file (UTF-8, BOM tolerated)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFileError(f"找不到文件 {path}。请检查路径是否正确。") from None
    except IsADirectoryError:
        raise UnreadableFileError(f"{path} 是文件夹，不是草案文件。") from None
    except OSError as err:
        raise UnreadableFileError(f"无法打开文件 {path}（{err.strerror}）。请检查文件权限。") from None
    return loads_bytes(raw, str(path))


def loads_bytes(raw: bytes, source: str = "草案") -> Draft:
    """Parse the bytes of a draft file (UTF-8, BOM tolerated), e.g. read from standard input."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        if err.reason == "unexpected end of data":  # cut off inside a character
            raise UnreadableFileError(
                f"无法读取 {source}：文件在第 {line} 行中途结束（最后一个字不完整），文件不完整。"
                "可能是复制或下载中断，请向发送方索取完整的原文件。") from None
        raise UnreadableFileError(
            f"无法读取 {source}：第 {line} 行含有非 UTF-8 编码的字节。"
            "草案文件必须是 UTF-8 编码；请用 WageDesk 重新导出，或在编辑器中另存为 UTF-8。") from None
    return loads(text, source)


def dumps(draft: Draft) -> str:
    """The canonical text of a draft: UTF-8 JSON, keys in model order, two-space indent.
    ``loads(dumps(d)) == d`` for every draft."""
    return json.dumps(draft.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def canonical_bytes(draft: Draft) -> bytes:
    """Compact, key-sorted JSON: the stable content used for fingerprints and diffs."""
    return json.dumps(draft.model_dump(mode="json"), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def save(draft: Draft, path: str | Path) -> None:
    """Write a draft file atomically (temporary file, then rename)."""
    write_atomically(path, dumps(draft).encode("utf-8"))
