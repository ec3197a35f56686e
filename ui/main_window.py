"""The main window: the pilot-unit overview that every user starts from. GUI thread only."""
from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from ui.forms import load_form
from wagedesk import __version__


class MainWindow(QMainWindow):
    """Top-level window; holds its Designer form by composition."""

    def __init__(self, db_label: str) -> None:
        super().__init__()
        self.setWindowTitle("工资协商助手 WageDesk")
        self.form = load_form("main_window.ui")
        self.setCentralWidget(self.form)
        self.resize(self.form.size())
        self._build_menus()
        self.statusBar().showMessage(f"数据库：{db_label}")

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        quit_action = QAction("退出(&Q)", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        about = QAction("关于 WageDesk(&A)", self)
        about.triggered.connect(self._show_about)
        help_menu.addAction(about)

    def _show_about(self) -> None:
        QMessageBox.about(self, "关于 WageDesk",
                          f"工资协商助手 {__version__}\n起草、审查并导出技能人才工资专项集体合同。")
