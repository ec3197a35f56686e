"""The log file: where programming errors go with their traceback, so the user sees only a
short apology with the path. The path comes from platformdirs unless WAGEDESK_LOG_DIR says
otherwise; nothing is opened at import time."""
from __future__ import annotations

import logging
import os
from pathlib import Path

import platformdirs

APP_NAME = "WageDesk"


def log_path() -> Path:
    base = os.environ.get("WAGEDESK_LOG_DIR") or platformdirs.user_log_dir(APP_NAME, appauthor=False)
    return Path(base) / "wagedesk.log"


def setup_logging() -> Path:
    """Attach a file handler to the root logger (idempotent) and return the log path."""
    path = log_path()
    root = logging.getLogger()
    if not any(getattr(h, "_wagedesk", False) for h in root.handlers):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.FileHandler(path, encoding="utf-8")
        except OSError:
            return path
        handler._wagedesk = True  # type: ignore[attr-defined]
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return path


def apology(path: Path) -> str:
    return f"抱歉，WageDesk 遇到了内部错误，操作没有完成。详细信息已写入日志：{path}。请把该文件发给技术支持。"
