"""Starts the desktop app: the QApplication (Chinese Qt translations, the bundled CJK font, the
stylesheet), then the main window on the database ``--db`` / ``WAGEDESK_DB`` / the default path
names; the window opens it on a worker. GUI thread only."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pylopdf_fonts_zh_cn
from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from wagedesk.render import render_contract
from wagedesk.rules import check
from wagedesk.resources import ui_dir
from wagedesk.store.paths import resolve_db


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("WageDesk")
    app.setApplicationDisplayName("工资协商助手")
    _install_chinese_translations(app)  # type: ignore[arg-type]
    _use_bundled_cjk_font(app)  # type: ignore[arg-type]
    app.setStyleSheet(load_stylesheet())
    return app  # type: ignore[return-value]


def main(db: str | None = None, quit_after_ms: int | None = None) -> int:
    """Open the main window on ``db`` (or the default database) and run until it is closed."""
    app = make_app()
    window = MainWindow(Path(resolve_db(db)), checker=check, renderer=render_contract,
                        offer_recovery=True)  # offered once the database is open
    window.show()
    QTimer.singleShot(0, window.start)
    quit_after_ms = quit_after_ms or int(os.environ.get("WAGEDESK_QUIT_AFTER_MS", "0") or 0)
    if quit_after_ms:
        QTimer.singleShot(quit_after_ms, window.close)
    return app.exec()


def load_stylesheet() -> str:
    """The app's light stylesheet (``ui/assets/style.qss``); empty if it cannot be read."""
    try:
        text = (ui_dir() / "assets" / "style.qss").read_text(encoding="utf-8")
    except OSError:
        return ""
    # Qt resolves url() against the working directory; point it at the shipped assets.
    return text.replace("{assets}", (ui_dir() / "assets").as_posix())


def _install_chinese_translations(app: QApplication) -> None:
    """Qt's own buttons (是/否/取消, 显示详细信息) in Chinese whatever the system locale."""
    if getattr(app, "_wagedesk_translator", None) is not None:
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        app.installTranslator(translator)
        app._wagedesk_translator = translator  # type: ignore[attr-defined]


def _use_bundled_cjk_font(app: QApplication) -> None:
    """Register the bundled Noto Sans SC so Chinese never shows as boxes, whatever the
    machine's fonts; it becomes the UI font only where no system CJK font is configured."""
    font_id = QFontDatabase.addApplicationFont(str(pylopdf_fonts_zh_cn.sans_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QFont(app.font())
        font.setFamilies([families[0], *font.families()])
        app.setFont(font)
