"""Who is working: the "当前用户" name every save, transition and comment is recorded under.
Kept in ``<data dir>/user.json`` (beside the recovery files) and asked once with a small dialog.
Reading and writing are plain file work; ``ask_user_name`` is GUI thread only."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QWidget

from ui.recovery import data_dir

FILE_NAME = "user.json"


def _path(base: Path | None) -> Path:
    return (base or data_dir()) / FILE_NAME


def load_user_name(base: Path | None = None) -> str:
    """The saved name, or "" when none was set or the file cannot be read."""
    try:
        return str(json.loads(_path(base).read_text(encoding="utf-8")).get("name", "")).strip()
    except (OSError, ValueError, AttributeError):
        return ""


def save_user_name(name: str, base: Path | None = None) -> None:
    path = _path(base)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"name": name.strip()}, ensure_ascii=False), encoding="utf-8")


def ask_user_name(parent: QWidget | None, current: str = "") -> str | None:
    """Ask for the name shown in versions and comments; None when cancelled or left empty."""
    name, ok = QInputDialog.getText(
        parent, "当前用户",
        "请输入您的姓名和单位（会记录在保存的版本和审查意见中），例如“浦东新区总工会 王敏”：",
        text=current)
    name = name.strip()
    return name if ok and name else None
