"""The pilot-unit roster import: ``.xlsx`` (openpyxl) or ``.csv`` (UTF-8 with or without BOM,
or GBK/GB18030 as Chinese Excel saves it), columns found by their Chinese header names (with
common synonyms), every row validated (sequence number, name, USCC format and checksum,
duplicates). Good rows are imported, bad rows reported with their spreadsheet row numbers;
re-importing the same file updates in place and never duplicates.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from stdnum.cn import uscc as uscc_check

from wagedesk.errors import UnreadableFileError
from wagedesk.store.db import Database
from wagedesk.store.service import _audit
from wagedesk.store.tables import PilotUnit

PILOT_UNIT_COUNT = 102
HEADERS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "试点序号", "试点单位序号", "no", "no."),
    "name": ("企业名称", "单位名称", "试点单位", "试点单位名称", "企业", "名称"),
    "uscc": ("统一社会信用代码", "社会信用代码", "信用代码", "uscc"),
    "district": ("所在区", "所属区", "区", "区县", "所在区县", "辖区"),
    "industry": ("所属行业", "行业", "行业类别"),
    "union_chair": ("工会主席", "工会主席姓名", "主席"),
    "contact": ("联系人", "工会联系人"),
    "phone": ("联系电话", "电话", "手机", "联系方式"),
}
REQUIRED = ("seq", "name", "uscc")
LABELS = {"seq": "序号", "name": "企业名称", "uscc": "统一社会信用代码"}


@dataclass
class RosterReport:
    """What an import did; ``errors`` and ``warnings`` are (row number, Chinese message)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.added + self.updated + self.unchanged


def _norm(text: Any) -> str:
    return "".join(str(text or "").split()).replace("（", "(").split("(")[0].strip().lower()


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFileError(f"无法识别 {path} 的文字编码（不是 UTF-8 也不是 GBK）。"
                              "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后重试。")


def read_rows(path: str | Path) -> list[tuple[int, list[Any]]]:
    """Every non-empty row of the first sheet or the CSV, with its 1-based row number."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFileError(f"找不到名单文件 {path}。请检查路径。")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
            raise UnreadableFileError(f"无法读取 Excel 文件 {path}（{type(err).__name__}）。"
                                      "请确认它是 .xlsx 格式且没有损坏。") from None
        try:
            rows = [(n, list(r)) for n, r in enumerate(book.worksheets[0].iter_rows(values_only=True), 1)]
        finally:
            book.close()
    elif suffix in (".csv", ".txt"):
        text = _decode(path.read_bytes(), path)
        dialect = "excel-tab" if "\t" in text.split("\n", 1)[0] else "excel"
        rows = [(n, r) for n, r in enumerate(csv.reader(io.StringIO(text), dialect=dialect), 1)]
    else:
        raise UnreadableFileError(f"名单文件应为 .xlsx 或 .csv，现在是 {path.suffix or '无扩展名'}。")
    return [(n, r) for n, r in rows if any(str(c or "").strip() for c in r)]


def _find_header(rows: list[tuple[int, list[Any]]], path: str) -> tuple[int, dict[str, int]]:
    synonyms = {_norm(s): key for key, names in HEADERS.items() for s in names}
    for index, (_number, row) in enumerate(rows[:10]):
        columns: dict[str, int] = {}
        for col, cell in enumerate(row):
            key = synonyms.get(_norm(cell))
            if key and key not in columns:
                columns[key] = col
        if "name" in columns and ("uscc" in columns or "seq" in columns):
            missing = [LABELS[k] for k in REQUIRED if k not in columns]
            if missing:
                raise UnreadableFileError(f"名单 {path} 缺少必需的列：{'、'.join(missing)}。"
                                          "表头需包含 序号、企业名称、统一社会信用代码。")
            return index, columns
    raise UnreadableFileError(f"在名单 {path} 的前 10 行没有找到表头。表头需包含 序号、企业名称、"
                              "统一社会信用代码（可选：所在区、所属行业、工会主席、联系人、联系电话）。")


def _cell(row: list[Any], columns: dict[str, int], key: str) -> str:
    col = columns.get(key)
    value = row[col] if col is not None and col < len(row) else None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _validate(number: int, values: dict[str, str], report: RosterReport) -> str | None:
    raw_seq = values["seq"]
    try:
        seq = int(float(raw_seq)) if raw_seq else None
    except ValueError:
        seq = None
    if seq is None or str(seq) != raw_seq.removesuffix(".0") or not 1 <= seq <= PILOT_UNIT_COUNT:
        return f"序号 {raw_seq!r} 应为 1 到 {PILOT_UNIT_COUNT} 的整数"
    if not values["name"]:
        return "企业名称为空"
    code = uscc_check.compact(values["uscc"])
    if not code:
        return "统一社会信用代码为空"
    try:
        uscc_check.validate(code)
    except uscc_check.InvalidChecksum:
        report.warnings.append((number, f"统一社会信用代码 {code} 校验位不符（早期代码可能如此），"
                                        "已导入，请核对营业执照"))
    except uscc_check.ValidationError:
        return f"统一社会信用代码 {values['uscc']!r} 格式不对（应为 18 位数字或大写字母）"
    values["seq"], values["uscc"] = str(seq), code
    return None


def import_roster(db: Database, path: str | Path, actor: str = "") -> RosterReport:
    """Import a roster file in one transaction (good rows only); idempotent by sequence
    number, and a USCC may belong to one unit only."""
    rows = read_rows(path)
    header_at, columns = _find_header(rows, str(path))
    report = RosterReport()
    good: list[tuple[int, dict[str, str]]] = []
    seen_seq: dict[str, int] = {}
    seen_uscc: dict[str, int] = {}
    for number, row in rows[header_at + 1:]:
        values = {key: _cell(row, columns, key) for key in HEADERS}
        warned = len(report.warnings)
        problem = _validate(number, values, report)
        if problem is None and values["seq"] in seen_seq:
            problem = f"序号 {values['seq']} 与第 {seen_seq[values['seq']]} 行重复"
        if problem is None and values["uscc"] in seen_uscc:
            problem = f"统一社会信用代码 {values['uscc']} 与第 {seen_uscc[values['uscc']]} 行重复"
        if problem is not None:
            del report.warnings[warned:]  # a refused row needs no extra warning
            report.errors.append((number, problem))
            continue
        seen_seq[values["seq"]], seen_uscc[values["uscc"]] = number, number
        good.append((number, values))
    with db.session() as session:
        at = db.clock()
        by_seq = {u.seq: u for u in session.execute(select(PilotUnit)).scalars()}
        by_uscc = {u.uscc: u for u in by_seq.values()}
        for number, values in good:
            seq = int(values.pop("seq"))
            owner = by_uscc.get(values["uscc"])
            if owner is not None and owner.seq != seq:
                report.warnings[:] = [w for w in report.warnings if w[0] != number]
                report.errors.append((number, f"统一社会信用代码 {values['uscc']} 已属于序号 "
                                              f"{owner.seq} 的单位（{owner.name}）"))
                continue
            unit = by_seq.get(seq)
            if unit is None:
                unit = PilotUnit(seq=seq, updated_at=at, **values)
                session.add(unit)
                by_seq[seq] = unit
                report.added += 1
            elif all(getattr(unit, k) == v for k, v in values.items()):
                report.unchanged += 1
                continue
            else:
                by_uscc.pop(unit.uscc, None)
                for key, value in values.items():
                    setattr(unit, key, value)
                unit.updated_at = at
                report.updated += 1
            by_uscc[unit.uscc] = unit
            session.flush()
        _audit(session, at, actor, "roster_import", file=str(path), added=report.added,
               updated=report.updated, errors=len(report.errors))
    report.errors.sort()
    return report
