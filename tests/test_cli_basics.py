"""The command line: version, bilingual help, clean errors."""
from __future__ import annotations

import subprocess
import sys

from wagedesk import __version__
from wagedesk.cli import COMMANDS, main


def test_version_prints_the_package_version(capsys):
    try:
        main(["--version"])
    except SystemExit as stop:
        assert stop.code == 0
    assert capsys.readouterr().out.strip() == f"wagedesk {__version__}"


def test_help_lists_every_subcommand_in_chinese_and_english():
    out = subprocess.run([sys.executable, "-m", "wagedesk", "--help"], capture_output=True,
                         text=True, check=True).stdout
    for name, (_mod, zh, en) in COMMANDS.items():
        assert name in out and zh in out and en in out
    assert "子命令" in out and "commands" in out


def test_unknown_option_exits_2_with_a_chinese_message(capsys):
    try:
        main(["--no-such-option"])
    except SystemExit as stop:
        assert stop.code == 2
    assert "参数错误" in capsys.readouterr().err
