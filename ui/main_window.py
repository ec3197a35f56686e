"""The main window: the pilot-unit overview that every user starts from, and the place draft
windows are opened from (文件 › 新建草案 / 打开草案文件…) and crash-recovered drafts are offered
back. The rules (``checker``) and the contract writer (``renderer``) are injected and passed on to
each draft window. GUI thread only."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from ui.draft_window import DRAFT_FILTER, DraftWindow, Renderer
from ui.findings_panel import Checker
from ui.forms import load_form
from ui.recovery import find_recoverable
from wagedesk import __version__
from wagedesk.model import Draft


class MainWindow(QMainWindow):
    """Top-level window; holds its Designer form by composition."""

    def __init__(self, db_label: str, *, checker: Checker | None = None,
                 renderer: Renderer | None = None, data_dir: Path | None = None) -> None:
        super().__init__()
        self.checker = checker
        self.renderer = renderer
        self.data_dir = data_dir
        self.draft_windows: list[DraftWindow] = []
        self.setWindowTitle("工资协商助手 WageDesk")
        self.form = load_form("main_window.ui")
        self.setCentralWidget(self.form)
        self.resize(self.form.size())
        self._build_menus()
        self.statusBar().showMessage(f"数据库：{db_label}")

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        new_action = QAction("新建草案(&N)", self)
        new_action.setShortcut(QKeySequence.StandardKey.New)
        new_action.triggered.connect(lambda _c=False: self.open_draft_window(Draft()))
        open_action = QAction("打开草案文件(&O)…", self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(lambda _c=False: self.open_draft_dialog())
        quit_action = QAction("退出(&Q)", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(new_action)
        file_menu.addAction(open_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        about = QAction("关于 WageDesk(&A)", self)
        about.triggered.connect(self._show_about)
        help_menu.addAction(about)

    def open_draft_window(self, draft: Draft | None = None, source: Path | None = None, *,
                          recovery_session: str | None = None) -> DraftWindow:
        window = DraftWindow(draft, source=source, checker=self.checker, renderer=self.renderer,
                             data_dir=self.data_dir, recovery_session=recovery_session)
        self.draft_windows.append(window)
        window.destroyed.connect(lambda _o=None, w=window: self._forget(w))
        window.show()
        return window

    def _forget(self, window: DraftWindow) -> None:
        if window in self.draft_windows:
            self.draft_windows.remove(window)

    def open_draft_dialog(self) -> DraftWindow | None:
        path, _ = QFileDialog.getOpenFileName(self, "打开草案文件", str(Path.home()), DRAFT_FILTER)
        if not path:
            return None
        window = self.open_draft_window()
        window.open_file(Path(path))
        return window

    def offer_recovery(self) -> list[DraftWindow]:
        """Offer back drafts an earlier session autosaved but never saved (after a crash)."""
        found = find_recoverable(self.data_dir)
        if not found:
            return []
        lines = "\n".join(f"• {r.describe()}" for r in found[:5])
        answer = QMessageBox.question(
            self, "恢复未保存的草案",
            f"上次退出时有 {len(found)} 份草案的修改没有保存：\n{lines}\n\n"
            "要恢复它们吗？选择“否”将删除这些自动保存的内容。")
        if answer != QMessageBox.StandardButton.Yes:
            for item in found:
                item.path.unlink(missing_ok=True)
            return []
        windows = []
        for item in found:
            window = self.open_draft_window(item.draft, Path(item.source) if item.source else None,
                                            recovery_session=item.path.stem)
            window.setWindowModified(True)
            windows.append(window)
        return windows

    def _show_about(self) -> None:
        QMessageBox.about(self, "关于 WageDesk",
                          f"工资协商助手 {__version__}\n起草、审查并导出技能人才工资专项集体合同。")
