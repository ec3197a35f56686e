"""``wagedesk units``, ``drafts``, ``demo`` and ``db``: the storage commands. Each opens the
database named by ``--db`` (before or after the subcommand), else ``WAGEDESK_DB``, else the
default path, and calls ``wagedesk.store``; user errors are raised as ``UserError``."""
from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from wagedesk.store import Database, open_database, queries, restore_backup, roster, service
from wagedesk.store.paths import resolve_db


def _leaf(sub: Any, name: str, zh: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=zh, description=zh)
    p.add_argument("--db", dest="db_after", metavar="PATH", help="数据库文件 / database file")
    return p


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "demo":
        parser.add_argument("--db", dest="db_after", metavar="PATH", help="数据库文件 / database file")
        parser.add_argument("--seed", type=int, default=20260430, help="随机种子 / random seed")
        return
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True,
                                parser_class=type(parser))
    if name == "units":
        p = _leaf(sub, "import", "导入试点单位名单（.xlsx 或 .csv） / import the roster")
        p.add_argument("file", metavar="FILE")
        p = _leaf(sub, "list", "列出试点单位及当前状态 / list units with their status")
        p.add_argument("--json", action="store_true", help="输出 JSON 数组 / JSON array")
    elif name == "drafts":
        p = _leaf(sub, "import", "导入草案文件，打印新草案编号 / import a draft file")
        p.add_argument("file", metavar="FILE")
        p.add_argument("--unit", type=int, metavar="SEQ", help="试点单位序号 / unit sequence number")
        p.add_argument("--by", metavar="NAME", help="操作人 / actor")
        p = _leaf(sub, "list", "列出草案 / list drafts")
        p.add_argument("--json", action="store_true", help="输出 JSON 数组 / JSON array")
        p.add_argument("--status", metavar="STATUS", help="只列此状态 / only this status")
        p = _leaf(sub, "export", "导出草案文件 / export a draft file")
        p.add_argument("id", type=int, metavar="ID")
        p.add_argument("-o", "--output", required=True, metavar="FILE")
        p = _leaf(sub, "status", "改变草案状态（提交、退回、通过、签订、报送） / change status")
        p.add_argument("id", type=int, metavar="ID")
        p.add_argument("to", metavar="TO", help="drafting submitted returned approved signed filed")
        p.add_argument("--by", metavar="NAME", help="操作人 / actor")
        p.add_argument("--comment", default="", metavar="TEXT", help="说明（退回时必填） / comment")
        p = _leaf(sub, "history", "版本历史及逐字段差异 / versions with per-field changes")
        p.add_argument("id", type=int, metavar="ID")
        p = _leaf(sub, "amend", "为已签订的合同新建变更草案 / start amending a signed contract")
        p.add_argument("id", type=int, metavar="ID")
        p.add_argument("--by", metavar="NAME", help="操作人 / actor")
    elif name == "db":
        _leaf(sub, "check", "检查数据库并显示备份 / check the database, list backups")
        p = _leaf(sub, "restore", "用自动备份替换损坏的数据库 / restore an automatic backup")
        p.add_argument("backup", nargs="?", metavar="BACKUP", help="备份文件（默认最新） / backup file")


def _actor(args: argparse.Namespace) -> str:
    if getattr(args, "by", None):
        return str(args.by)
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some systems
        return "命令行"


def db_path(args: argparse.Namespace) -> str:
    """The database a command names: ``--db`` after or before the subcommand, else the
    default (``WAGEDESK_DB`` or the data directory)."""
    return resolve_db(getattr(args, "db_after", None) or getattr(args, "db", None))


def _print_json(items: list[dict[str, Any]]) -> None:
    json.dump(items, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def run(name: str, args: argparse.Namespace) -> int:
    if name == "db" and args.action == "restore":
        used = restore_backup(db_path(args), args.backup)
        print(f"已用备份 {used} 恢复数据库 {db_path(args)}；原文件已保留为 *.damaged-* 。")
        return 0
    db = open_database(db_path(args))
    try:
        if name == "demo":
            from wagedesk.store.demo import fill_demo
            count = fill_demo(db, seed=args.seed)
            print(f"已生成 {count} 家虚构试点单位及其草案（覆盖全部状态）：{db.path}")
            return 0
        return {"units": _units, "drafts": _drafts, "db": _db}[name](db, args)
    finally:
        db.close()


def _units(db: Database, args: argparse.Namespace) -> int:
    if args.action == "import":
        report = roster.import_roster(db, args.file, _actor(args))
        for number, message in report.warnings:
            print(f"第 {number} 行（提醒）：{message}", file=sys.stderr)
        for number, message in report.errors:
            print(f"第 {number} 行（未导入）：{message}", file=sys.stderr)
        print(f"名单导入完成：新增 {report.added}，更新 {report.updated}，未变 {report.unchanged}，"
              f"有问题未导入 {len(report.errors)} 行。")
        return 1 if report.errors else 0
    units = queries.list_units(db)
    if args.json:
        _print_json([u.as_json() for u in units])
    elif not units:
        print("还没有试点单位。用 `wagedesk units import 名单.xlsx` 导入，或 `wagedesk demo` 生成演示数据。")
    else:
        for u in units:
            draft = f"草案 {u.draft_id}" if u.draft_id else ""
            print(f"{u.seq:>3}  {u.name}  {u.uscc}  {u.district}  {u.status_label}  {draft}".rstrip())
    return 0


def _drafts(db: Database, args: argparse.Namespace) -> int:
    action = args.action
    if action == "import":
        print(service.import_draft_file(db, args.file, unit_seq=args.unit, actor=_actor(args)))
    elif action == "list":
        status = service.parse_status(args.status).value if args.status else None
        drafts = queries.list_drafts(db, status=status)
        if args.json:
            _print_json([d.as_json() for d in drafts])
        elif not drafts:
            print("还没有草案。用 `wagedesk drafts import 草案.json` 导入。")
        for d in [] if args.json else drafts:
            unit = f"{d.unit_seq:>3}" if d.unit_seq is not None else "  -"
            print(f"{d.id:>5}  {unit}  {d.status_label}  第{d.revision}版  "
                  f"{service.local_text(d.updated_at)}  {d.title or '（未填企业名称）'}")
    elif action == "export":
        service.export_draft_file(db, args.id, args.output)
        print(f"已导出草案 {args.id} 到 {args.output}")
    elif action == "status":
        result = service.transition(db, args.id, args.to, _actor(args), args.comment)
        to = service.parse_status(args.to)
        print(f"草案 {args.id} 已改为「{to.label}」（第 {result.revision} 版）。")
    elif action == "history":
        _print_history(db, args.id)
    elif action == "amend":
        new_id = service.amend_signed(db, args.id, _actor(args))
        print(new_id)
    return 0


def _short(value: Any) -> str:
    text = "（空）" if value is None or value == "" else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _print_history(db: Database, draft_id: int) -> None:
    from wagedesk.model import Status
    for entry in queries.history(db, draft_id):
        status = Status(entry.status).label
        line = (f"第 {entry.number} 版  {service.local_text(entry.created_at)}  "
                f"{entry.actor or '-'}  {status}  [{entry.kind}]")
        print(line + (f"  {entry.comment}" if entry.comment else ""))
        for change in entry.changes:
            old, new = change.old, change.new
            if change.path == "status":
                old, new = Status(old).label if old else old, Status(new).label
            print(f"    {change.label}：{_short(old)} → {_short(new)}")


def _db(db: Database, args: argparse.Namespace) -> int:
    print(f"数据库 {db.path} 完整性检查通过。")
    backups = db.backups()
    print("自动备份：" + ("无" if not backups else ""))
    for b in backups:
        print(f"  {b}")
    return 0
