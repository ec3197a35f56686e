"""``wagedesk sample | check | schema``: the draft-file commands. ``sample`` prints a complete
valid draft, ``check`` reads a draft file (or ``-`` for standard input) and prints the rules'
findings in Chinese or as JSON (exit 0 without errors, 1 with errors, 2 when the file cannot be
read), ``schema`` prints the draft file's JSON Schema. The settings come from ``--settings``,
else the shipped ``contract_templates/settings.toml``, else the built-in defaults.
"""
from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

from wagedesk import draftfile
from wagedesk.model import Draft
from wagedesk.rules import ComputedDates, Finding, check, computed_dates, has_errors
from wagedesk.settings import Settings

SEVERITY_WORDS = {"error": "错误", "warning": "警告"}


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "check":
        parser.add_argument("file", metavar="FILE", help="草案文件；- 表示从标准输入读取 / draft file, - for stdin")
        parser.add_argument("--json", action="store_true",
                            help="以 JSON 输出 {\"valid\", \"findings\"} / print JSON")
        parser.add_argument("--for-signing", action="store_true",
                            help="按签订要求检查：未填写的必填项也报错误 / also report fields not yet filled")
        parser.add_argument("--settings", metavar="TOML",
                            help="规则设置文件（默认用程序自带的 settings.toml） / rule settings file")


def run(name: str, args: argparse.Namespace) -> int:
    if name == "sample":
        from wagedesk.sample import sample_draft
        sys.stdout.write(draftfile.dumps(sample_draft()))
        return 0
    if name == "schema":
        from wagedesk.schema import draft_json_schema
        print(json.dumps(draft_json_schema(), ensure_ascii=False, indent=2))
        return 0
    return _check(args)


def default_settings_path() -> Path | None:
    """The shipped settings file, when present."""
    from wagedesk.resources import templates_dir
    path = templates_dir() / "settings.toml"
    return path if path.is_file() else None


def read_draft(file: str) -> Draft:
    """The draft at ``file`` (``-``: standard input); raises ``UnreadableFileError``."""
    if file == "-":
        return draftfile.loads_bytes(sys.stdin.buffer.read(), "标准输入")
    return draftfile.load(file)


def _check(args: argparse.Namespace) -> int:
    settings = Settings.load(args.settings if args.settings else default_settings_path())
    draft = read_draft(args.file)
    findings = check(draft, for_signing=args.for_signing, settings=settings)
    if args.json:
        print(json.dumps({"valid": not has_errors(findings), "findings": [f.as_json() for f in findings]},
                         ensure_ascii=False, indent=2))
    else:
        source = "标准输入" if args.file == "-" else args.file
        print(report_text(source, findings, computed_dates(draft, settings), settings, args.for_signing))
    return 1 if has_errors(findings) else 0


def finding_line(f: Finding) -> str:
    return f"{SEVERITY_WORDS[f.severity]}  {f.message}〔字段 {f.path}；依据 {f.basis}〕"


def report_text(source: str, findings: list[Finding], dates: ComputedDates, settings: Settings,
                for_signing: bool) -> str:
    """The human report: one line per finding, a summary, the computed dates."""
    mode = "按签订要求检查" if for_signing else "检查草案（未填写的项目不报；签订前请加 --for-signing）"
    lines = [f"{source}：{mode}"]
    lines += [finding_line(f) for f in findings]
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if not findings:
        lines.append("未发现问题。")
    else:
        lines.append(f"共 {errors} 个错误、{warnings} 个警告。" + ("请改正错误后再检查。" if errors else ""))
    lines.append("推算日期：")
    lines.append("  报送期限：" + (f"{_cn(dates.filing_deadline)}（签订日期后 {settings.filing_days} 日内）"
                                 if dates.filing_deadline else "填写签订日期后推算"))
    if dates.earliest_effective:
        counted = "报送日期" if dates.effective_from_filing else "报送期限（尚未报送，按期限最后一天报送推算）"
        lines.append(f"  最早生效日期：{_cn(dates.earliest_effective)}（自{counted}起 {settings.review_days} 日"
                     "审查期满、未被提出异议即生效）")
    else:
        lines.append("  最早生效日期：填写签订日期后推算")
    if dates.statutory_minimum:
        m = dates.statutory_minimum
        lines.append(f"  适用的法定最低工资标准：月 {_yuan(m.monthly)} 元、小时 {_yuan(m.hourly)} 元"
                     f"（{_cn(m.effective_from)}起执行）")
    return "\n".join(lines)


def _cn(day: object) -> str:
    from wagedesk.formatting import chinese_date
    return chinese_date(day)  # type: ignore[arg-type]


def _yuan(value: Decimal) -> str:
    return f"{value:,.2f}"

