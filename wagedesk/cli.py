"""The ``wagedesk`` command line. It owns only dispatch: each subcommand lives in a module
listed in ``COMMANDS`` and is imported when it is used, so ``--help`` and fast commands do not
pay for Qt, reportlab or the database. With no arguments the desktop app opens.

A command module provides ``configure(name, parser)`` to add its arguments and
``run(name, args) -> int`` to do the work; user errors are raised as ``UserError``.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
from typing import Sequence

from wagedesk import __version__
from wagedesk.errors import UserError
from wagedesk.logs import apology, setup_logging

# name -> (module, Chinese help, English help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "gui": ("wagedesk.cli_gui", "打开桌面程序（不带参数时的默认操作）", "open the desktop app (default)"),
    "sample": ("wagedesk.cli_draft", "输出一份完整、合规的示例草案", "print a complete, valid sample draft"),
    "check": ("wagedesk.cli_draft", "检查草案文件并列出问题（0 无错误，1 有错误，2 无法读取）",
              "check a draft file (exit 0 no errors, 1 errors, 2 unreadable)"),
    "schema": ("wagedesk.cli_draft", "输出草案文件的 JSON Schema", "print the draft file's JSON Schema"),
    "render": ("wagedesk.cli_render", "把草案文件导出为合同 DOCX/PDF（不需要数据库）",
               "render a draft file to contract DOCX/PDF (no database)"),
    "units": ("wagedesk.cli_store", "试点单位名单：导入、列出", "pilot-unit roster: import, list"),
    "drafts": ("wagedesk.cli_store", "草案：导入、列出、导出、改状态、历史",
               "drafts: import, list, export, status, history"),
    "demo": ("wagedesk.cli_store", "生成 102 家虚构试点单位的演示数据", "fill the database with demo data"),
    "export": ("wagedesk.cli_export", "批量导出试点单位合同（DOCX、PDF 及清单）",
               "export the units' contracts (DOCX, PDF, manifest)"),
    "verify": ("wagedesk.cli_export", "核验导出合同的指纹是否对应已签订版本",
               "verify an exported contract's fingerprint"),
    "db": ("wagedesk.cli_store", "数据库检查与从备份恢复", "check the database, restore a backup"),
}

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    """argparse with its errors in Chinese and exit code 2, as the rest of the CLI."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse override
        self.print_usage(sys.stderr)
        self.exit(2, f"参数错误：{message}\n用 `{self.prog} --help` 查看用法。\n")


def _overview() -> str:
    width = max(len(n) for n in COMMANDS)
    lines = ["子命令 / commands:"]
    for name, (_mod, zh, en) in COMMANDS.items():
        lines.append(f"  {name.ljust(width)}  {zh} / {en}")
    return "\n".join(lines)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The top-level parser; only ``command``'s own module is imported and configured."""
    parser = _Parser(
        prog="wagedesk",
        description="工资协商助手：起草、审查并导出技能人才工资专项集体合同。\n"
        "WageDesk: draft, review and export the skilled-talent special wage contract.",
        epilog=_overview() + "\n\n不带子命令时打开桌面程序。 Without a command the desktop app opens.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"wagedesk {__version__}")
    parser.add_argument("--db", metavar="PATH", help="数据库文件（默认在用户数据目录；或设 WAGEDESK_DB） / database file")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module_name, zh, en) in COMMANDS.items():
        sp = sub.add_parser(name, help=f"{zh} / {en}", description=f"{zh}\n{en}",
                            formatter_class=argparse.RawDescriptionHelpFormatter)
        if name == command:
            importlib.import_module(module_name).configure(name, sp)
    return parser


def _first_command(argv: Sequence[str]) -> str | None:
    skip_next = False
    for token in argv:
        if skip_next:
            skip_next = False
            continue
        if token == "--db":
            skip_next = True
            continue
        if not token.startswith("-"):
            return token if token in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _first_command(argv)
    args = build_parser(command).parse_args(argv)
    if args.command is None:
        args.command = "gui"
    module = importlib.import_module(COMMANDS[args.command][0])
    try:
        return int(module.run(args.command, args) or 0)
    except UserError as err:
        print(err.message, file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception:  # noqa: BLE001 - last line of defence: no traceback in a user's face
        path = setup_logging()
        log.exception("unexpected error in command %s", args.command)
        print(apology(path), file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
