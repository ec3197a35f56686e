"""Starts the desktop app: the QApplication, the CJK font, the main window. GUI thread only."""
from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import pylopdf_fonts_zh_cn
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from wagedesk.resources import ui_dir


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("WageDesk")
    app.setApplicationDisplayName("工资协商助手")
    _use_bundled_cjk_font(app)
    app.setStyleSheet(load_stylesheet())
    return app  # type: ignore[return-value]


def main(db: str | None = None, quit_after_ms: int | None = None) -> int:
    """Open the main window on ``db`` (or the default database) and run until it is closed."""
    app = make_app()
    window = MainWindow(db_label=db or "默认数据库", checker=_optional("wagedesk.rules", "check"))
    window.show()
    QTimer.singleShot(0, window.offer_recovery)
    quit_after_ms = quit_after_ms or int(os.environ.get("WAGEDESK_QUIT_AFTER_MS", "0") or 0)
    if quit_after_ms:
        QTimer.singleShot(quit_after_ms, window.close)
    return app.exec()


def _optional(module: str, name: str) -> Any:
    """A core function that may not be installed yet (rules, renderer land separately)."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def load_stylesheet() -> str:
    """The app's light stylesheet (``ui/assets/style.qss``); empty if it cannot be read."""
    try:
        text = (ui_dir() / "assets" / "style.qss").read_text(encoding="utf-8")
    except OSError:
        return ""
    # Qt resolves url() against the working directory; point it at the shipped assets.
    return text.replace("{assets}", (ui_dir() / "assets").as_posix())


def _use_bundled_cjk_font(app: QApplication) -> None:
    """Register the bundled Noto Sans SC so Chinese never shows as boxes, whatever the
    machine's fonts; it becomes the UI font only where no system CJK font is configured."""
    font_id = QFontDatabase.addApplicationFont(str(pylopdf_fonts_zh_cn.sans_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QFont(app.font())
        font.setFamilies([families[0], *font.families()])
        app.setFont(font)
