"""``wagedesk export`` and ``wagedesk verify``: the pilot units' contracts to DOCX and PDF in
one go (with a manifest), and checking an exported PDF's fingerprint against the signed
versions in the database. The work itself lives in ``wagedesk.export`` /
``wagedesk.export_batch`` and ``wagedesk.verify``; this module parses arguments and prints."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from wagedesk import export, export_batch
from wagedesk.cli_store import db_path
from wagedesk.errors import UsageError, UserError
from wagedesk.model import Status
from wagedesk.store import open_database, queries


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", dest="db_after", metavar="PATH", help="数据库文件 / database file")
    if name == "verify":
        parser.add_argument("file", metavar="FILE.pdf", help="要核验的 PDF（或 DOCX）/ the exported file")
        return
    parser.add_argument("unit", nargs="?", type=int, metavar="UNIT_SEQ",
                        help="只导出这一家试点单位（序号） / export one unit")
    parser.add_argument("--all", action="store_true", help="导出所有有草案的试点单位 / every unit with a draft")
    parser.add_argument("--out", required=True, metavar="DIR", help="输出文件夹 / output folder")
    parser.add_argument("--status", metavar="LIST",
                        help="只导出这些状态，逗号分隔，如 signed,filed / only these statuses")
    parser.add_argument("--format", default="docx,pdf", metavar="LIST",
                        help="docx、pdf 或 docx,pdf（默认两种） / formats")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="并行进程数（默认 CPU 核数） / worker processes")


def _parse_list(text: str, allowed: dict[str, object], what: str) -> list:
    values = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if part not in allowed:
            raise UsageError(f"{what}“{part}”不认识，可用：{'、'.join(allowed)}。")
        values.append(allowed[part])
    if not values:
        raise UsageError(f"{what}不能为空。")
    return values


def _statuses(text: str | None) -> set[Status] | None:
    if text is None:
        return None
    allowed: dict[str, object] = {s.value: s for s in Status} | {s.label: s for s in Status}
    return set(_parse_list(text, allowed, "状态"))


def run(name: str, args: argparse.Namespace) -> int:
    if name == "verify":
        from wagedesk.verify import print_verdict, verify_file
        db = open_database(db_path(args), backup=False)
        try:
            verdict = verify_file(db, Path(args.file))
        finally:
            db.close()
        return print_verdict(verdict)
    return _export(args)


def _export(args: argparse.Namespace) -> int:
    if args.all == (args.unit is not None):
        raise UsageError("请指定 --all（全部试点单位）或一个试点单位序号，二者选一。"
                         "例如：wagedesk export --all --out 合同导出")
    if args.jobs < 1:
        raise UsageError("--jobs 至少为 1。")
    formats = tuple(_parse_list(args.format, {f: f for f in export.FORMATS}, "格式"))
    statuses = _statuses(args.status)
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UsageError(f"无法创建输出文件夹 {out}（{err.strerror}）。请换一个位置。") from None
    if not out.is_dir():
        raise UsageError(f"{out} 不是文件夹。请换一个输出位置。")

    db = open_database(db_path(args), backup=False)
    try:
        units = queries.units_with_current_versions(db)
    finally:
        db.close()
    if args.unit is not None:
        units = [u for u in units if u.seq == args.unit]
        if not units:
            raise UsageError(f"没有序号为 {args.unit} 的试点单位。用 `wagedesk units list` 查看名单。")
        if units[0].content is None:
            raise UsageError(f"第 {args.unit} 号试点单位还没有草案，无法导出。")
    jobs = export_batch.jobs_from_units(units, out_dir=out, statuses=statuses, formats=formats)
    if not jobs:
        print("没有符合条件的试点单位，未导出任何文件。", file=sys.stderr)
        return 0
    removed = export.remove_temporaries(out)
    if removed:
        print(f"已清除上次中断留下的 {removed} 个临时文件。", file=sys.stderr)
    progress = export.Progress(len(jobs))

    def step(_done: int, _total: int, unit: export.UnitResult | None, _eta: float | None) -> None:
        if unit is not None:
            progress.step(unit)

    try:
        try:
            summary = export_batch.export_batch(jobs, args.jobs, step)
        finally:
            progress.finish()
    except KeyboardInterrupt:
        print("导出已中断：已完成的文件完整保留，未完成的临时文件已清除；重新运行即可继续。",
              file=sys.stderr)
        return 130
    failed = summary.failed
    print(f"导出完成：{len(summary.results)} 家试点单位，成功 {len(summary.succeeded)}，失败 {len(failed)}，"
          f"用时 {summary.seconds:.1f} 秒。清单：{summary.csv_path}", file=sys.stderr)
    for r in failed:
        print(f"  失败 {r.seq:03d} {r.enterprise}：{r.error}", file=sys.stderr)
    return 1 if failed else 0


__all__ = ["configure", "run", "UserError"]
