"""``wagedesk gui`` (and ``wagedesk`` alone): open the desktop app. The ``ui`` package is
imported only here, at call time, so the core stays free of Qt."""
from __future__ import annotations

import argparse
import importlib


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)


def run(name: str, args: argparse.Namespace) -> int:
    app = importlib.import_module("ui.app")
    return int(app.main(db=getattr(args, "db", None), quit_after_ms=getattr(args, "quit_after", None)))
