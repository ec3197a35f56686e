"""The main window: the union staff's overview of all pilot units on the open database
(``UnitOverview``), and the place stored drafts (``StoreDraftWindow``) and draft files
(``DraftWindow``) are opened from. It opens the database on a worker (a damaged file offers
the newest backup or another file, never a traceback), loads the demo or imports a roster on
a worker, and re-reads the overview after every change a draft window reports. The rules
(``checker``) and the contract writer (``renderer``) are injected and passed on. GUI thread
only (callables given to the runner excepted)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox

from ui import db_dialogs
from ui.batch_export_dialog import BatchExportDialog
from ui.current_user import ask_user_name, load_user_name, save_user_name
from ui.draft_window import DRAFT_FILTER, DraftWindow, Renderer
from ui.findings_panel import Checker
from ui.recovery import Recoverable, find_recoverable
from ui.recovery_dialog import DISCARDED, RESTORED, RecoveryDialog
from ui.store_draft_window import StoreDraftWindow
from ui.tasks import TaskRunner
from ui.unit_overview import UnitOverview
from wagedesk import __version__
from wagedesk.errors import UserError
from wagedesk.logs import apology, setup_logging
from wagedesk.model import Draft
from wagedesk.store import (
    DatabaseDamagedError,
    demo,
    open_database,
    restore_backup,
    roster,
    service,
)
from wagedesk.store.db import Database
from wagedesk.store.overview import UnitRow, unit_overview

Opener = Callable[[Path], Database]


class _Progress(QObject):
    """Carries a worker's progress to the GUI thread (signals cross threads queued)."""

    advanced = Signal(int)


class MainWindow(QMainWindow):
    database_opened = Signal()
    overview_refreshed = Signal()

    def __init__(self, db_path: str | Path | None = None, *, checker: Checker | None = None,
                 renderer: Renderer | None = None, data_dir: Path | None = None,
                 opener: Opener = open_database, offer_recovery: bool = False) -> None:
        super().__init__()
        self._offer_on_open = offer_recovery  # the app offers crash recovery; tests call it
        self._recovery_postponed: set[Path] = set()
        self.checker, self.renderer, self.data_dir = checker, renderer, data_dir
        self.db_path = Path(db_path) if db_path else None
        self.db: Database | None = None
        self.opener = opener
        self.user = load_user_name(data_dir)
        self.draft_windows: list[DraftWindow] = []
        self.batch_dialog: BatchExportDialog | None = None
        self.runner = TaskRunner(self)
        self.overview = UnitOverview(self)
        self.setCentralWidget(self.overview)
        self.setWindowTitle("工资协商助手 WageDesk")
        self.resize(1280, 800)
        self.db_label = QLabel()
        self.user_label = QLabel()
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self._show_user()
        self._build_menus()
        self.overview.unit_activated.connect(self.open_unit)
        self.overview.demo_requested.connect(self.load_demo)
        self.overview.import_requested.connect(self.import_roster_dialog)
        self.overview.choose_database_requested.connect(self.choose_database)
        self.overview.batch_export_requested.connect(self.open_batch_export)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")

        def add(menu: Any, text: str, slot: Callable[[], Any], shortcut: Any = None) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(lambda _c=False: slot())
            menu.addAction(act)
            return act

        add(file_menu, "导入试点单位名单(&I)…", self.import_roster_dialog)
        add(file_menu, "打开其他数据库(&D)…", self.choose_database)
        file_menu.addSeparator()
        add(file_menu, "批量导出合同(&B)…", self.open_batch_export, "Ctrl+Shift+E")
        file_menu.addSeparator()
        add(file_menu, "新建草案文件(&N)", lambda: self.open_draft_window(Draft()),
            QKeySequence.StandardKey.New)
        add(file_menu, "打开草案文件(&O)…", self.open_draft_dialog, QKeySequence.StandardKey.Open)
        file_menu.addSeparator()
        add(file_menu, "退出(&Q)", self.close, QKeySequence.StandardKey.Quit)
        view_menu = self.menuBar().addMenu("查看(&V)")
        add(view_menu, "刷新(&R)", self.refresh, "F5")
        settings = self.menuBar().addMenu("设置(&S)")
        add(settings, "当前用户(&U)…", self.ask_user)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        add(help_menu, "关于 WageDesk(&A)", self._show_about)

    # -- user -----------------------------------------------------------------------------------
    def ask_user(self) -> None:
        name = ask_user_name(self, self.user)
        if name:
            self.user = name
            save_user_name(name, self.data_dir)
            for window in self.draft_windows:
                if isinstance(window, StoreDraftWindow):
                    window.user = name
            self._show_user()

    def _show_user(self) -> None:
        self.user_label.setText(f"当前用户：{self.user or '未设置'}")

    # -- the database ---------------------------------------------------------------------------
    def start(self) -> None:
        """First show: ask the user's name once, then open the database."""
        if not self.user:
            self.ask_user()
        if self.db_path is not None:
            self.open_path(self.db_path)
        elif self._offer_on_open:
            self.offer_recovery()

    def open_path(self, path: Path) -> None:
        """Open ``path`` on a worker; the integrity check reads the whole file."""
        self.overview.show_message(f"正在打开数据库 {path} …", choose=False)
        opener = self.opener
        self.runner.run(lambda: opener(path), on_success=lambda db: self._opened(db),
                        on_failure=lambda err: self._open_failed(path, err))

    def _opened(self, db: Database) -> None:
        if self.db is not None:
            self.db.close()
        self.db = db
        self.db_path = db.path or self.db_path
        self.db_label.setText(f"数据库：{self.db_path}")
        self.setWindowTitle(f"工资协商助手 WageDesk — {self.db_path}")
        self.database_opened.emit()
        self.refresh()
        if self._offer_on_open:
            QTimer.singleShot(0, self.offer_recovery)

    def _open_failed(self, path: Path, err: BaseException) -> None:
        if self._offer_on_open:  # draft files can be recovered without a database
            QTimer.singleShot(0, self.offer_recovery)
        if isinstance(err, DatabaseDamagedError):
            choice = db_dialogs.ask_damaged(self, err)
            if choice == db_dialogs.RESTORE and err.backup is not None:
                self.runner.run(lambda: restore_backup(path, err.backup),
                                on_success=lambda _b: self.open_path(path),
                                on_failure=lambda e: self._open_failed(path, e))
                return
            if choice == db_dialogs.CHOOSE:
                self.choose_database()
                return
            self.overview.show_message(f"没有打开数据库。\n{path} 无法使用，可以选择另一个数据库文件。")
            return
        self._report("无法打开数据库", err)
        self.overview.show_message(f"没有打开数据库 {path}。可以选择另一个数据库文件。")

    def choose_database(self) -> None:
        path = db_dialogs.choose_database(self, self.db_path)
        if path is not None:
            self.open_path(path)

    def refresh(self) -> None:
        """Re-read the overview on a worker and show it."""
        if self.db is None:
            return
        db = self.db
        self.runner.run(lambda: unit_overview(db), on_success=self._show_rows,
                        on_failure=lambda err: self._report("无法读取试点单位", err))

    def _show_rows(self, rows: list[UnitRow]) -> None:
        self.overview.set_rows(rows)
        self.overview_refreshed.emit()

    def load_demo(self) -> None:
        if self.db is None:
            return
        db, progress = self.db, _Progress(self)
        self.overview.set_busy(True, demo.PILOT_UNIT_COUNT)
        progress.advanced.connect(self.overview.busy.setValue)
        self.statusBar().showMessage("正在载入演示数据…")

        def done(count: int) -> None:
            self.overview.set_busy(False)
            self.statusBar().showMessage(f"已载入 {count} 家演示单位", 8000)
            self.refresh()

        def failed(err: BaseException) -> None:
            self.overview.set_busy(False)
            self._report("没有载入演示数据", err)
            self.refresh()

        self.runner.run(lambda: demo.fill_demo(db, progress=progress.advanced.emit),
                        on_success=done, on_failure=failed)

    def import_roster_dialog(self) -> None:
        path = db_dialogs.choose_roster(self)
        if path is not None:
            self.import_roster(path)

    def import_roster(self, path: Path) -> None:
        if self.db is None:
            return
        db, user = self.db, self.user
        self.overview.set_busy(True)

        def done(report: roster.RosterReport) -> None:
            self.overview.set_busy(False)
            db_dialogs.show_roster_report(self, report)
            self.refresh()

        def failed(err: BaseException) -> None:
            self.overview.set_busy(False)
            self._report("没有导入名单", err)

        self.runner.run(lambda: roster.import_roster(db, path, user), on_success=done,
                        on_failure=failed)

    # -- drafts ---------------------------------------------------------------------------------
    def open_unit(self, unit: UnitRow) -> None:
        """Open the unit's current draft; a unit without one gets a new draft first."""
        if self.db is None:
            return
        if unit.draft_id is not None:
            self.open_stored_draft(unit.draft_id)
            return
        if QMessageBox.question(self, "新建草案", f"{unit.name} 还没有草案。要为它新建一份吗？"
                                ) != QMessageBox.StandardButton.Yes:
            return
        db, user = self.db, self.user
        draft = Draft()
        draft.enterprise.name, draft.enterprise.uscc = unit.name, unit.uscc
        draft.enterprise.industry = unit.industry or None
        self.runner.run(lambda: service.create_draft(db, draft, unit_seq=unit.seq, actor=user),
                        on_success=lambda draft_id: (self.refresh(), self.open_stored_draft(draft_id)),
                        on_failure=lambda err: self._report("没有新建草案", err))

    def open_stored_draft(self, draft_id: int, *, recovered: Recoverable | None = None
                          ) -> StoreDraftWindow:
        for window in self.draft_windows:
            if isinstance(window, StoreDraftWindow) and window.draft_id == draft_id:
                window.raise_()
                window.activateWindow()
                return window
        assert self.db is not None
        window = StoreDraftWindow(self.db, draft_id, user=self.user, checker=self.checker,
                                  renderer=self.renderer, data_dir=self.data_dir,
                                  recovered=recovered)
        window.store_changed.connect(self.refresh)
        self._track(window)
        return window

    def open_draft_window(self, draft: Draft | None = None, source: Path | None = None, *,
                          recovery_session: str | None = None) -> DraftWindow:
        window = DraftWindow(draft, source=source, checker=self.checker, renderer=self.renderer,
                             data_dir=self.data_dir, recovery_session=recovery_session)
        self._track(window)
        return window

    def _track(self, window: DraftWindow) -> None:
        self.draft_windows.append(window)
        window.destroyed.connect(lambda _o=None, w=window: self._forget(w))
        window.show()

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
        """Offer back drafts an earlier session autosaved but never saved (after a crash), one
        row each with 恢复 / 丢弃. Stored drafts are offered only with their database open;
        files being edited in an open window, or postponed this session, are left alone."""
        live = {w.recovery_path for w in self.draft_windows}
        found = [r for r in find_recoverable(self.data_dir)
                 if r.path not in live and r.path not in self._recovery_postponed]
        here = [r for r in found if not r.origin.is_stored
                or (self.db is not None and r.origin.same_db(self.db_path))]
        elsewhere = sorted({str(r.origin.db) for r in found if r not in here})
        note = (f"另有 {sum(r not in here for r in found)} 份未保存的草案属于其他数据库"
                f"（{'、'.join(elsewhere)}），打开那个数据库时会再提示。" if elsewhere else "")
        if not here:
            if note:
                self.statusBar().showMessage(note, 15000)
            return []
        restored: list[DraftWindow] = []
        dialog = RecoveryDialog(here, note, self)

        def restore(item: Recoverable) -> None:
            window = self._restore(item)
            if window is not None:
                restored.append(window)
                dialog.mark(item, RESTORED)

        def discard(item: Recoverable) -> None:
            item.path.unlink(missing_ok=True)
            dialog.mark(item, DISCARDED)

        dialog.restore_requested.connect(restore)
        dialog.discard_requested.connect(discard)
        dialog.exec()
        done = dialog.outcomes()
        self._recovery_postponed.update(r.path for i, r in enumerate(here) if i not in done)
        dialog.deleteLater()
        return restored

    def _restore(self, item: Recoverable) -> DraftWindow | None:
        origin = item.origin
        if not origin.is_stored:
            window = self.open_draft_window(item.draft, Path(origin.file) if origin.file else None,
                                            recovery_session=item.path.stem)
            window.setWindowModified(True)
            return window
        assert origin.draft_id is not None
        for window in self.draft_windows:
            if isinstance(window, StoreDraftWindow) and window.draft_id == origin.draft_id:
                if window.apply_recovery(item):
                    window.raise_()
                    return window
                QMessageBox.warning(self, "暂不能恢复", "这份草案已在窗口中打开并有未保存的修改。"
                                    "请先保存或关闭那个窗口，再恢复这份内容（它会保留到下次启动）。")
                return None
        return self.open_stored_draft(origin.draft_id, recovered=item)

    # -- batch export ---------------------------------------------------------------------------
    def open_batch_export(self) -> BatchExportDialog | None:
        """批量导出合同…: one dialog at a time; a running one is brought to the front."""
        if self.batch_dialog is not None and self.batch_dialog.isVisible():
            self.batch_dialog.raise_()
            self.batch_dialog.activateWindow()
            return self.batch_dialog
        if self.db is None or not self.overview.model.rows():
            QMessageBox.information(self, "批量导出合同", "请先打开一个有试点单位的数据库。")
            return None
        selected = [u.seq for u in self.overview.selected_units()]
        dialog = BatchExportDialog(self.db, self.overview.model.rows(), selected,
                                   data_dir=self.data_dir, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _o=None: setattr(self, "batch_dialog", None))
        self.batch_dialog = dialog
        dialog.show()
        return dialog

    # -- messages -------------------------------------------------------------------------------
    def _report(self, title: str, err: BaseException) -> None:
        if isinstance(err, UserError):
            QMessageBox.warning(self, title, err.message)
        else:
            path = setup_logging()
            logging.getLogger(__name__).error("%s", title, exc_info=err)
            QMessageBox.critical(self, title, apology(path))

    def _show_about(self) -> None:
        QMessageBox.about(self, "关于 WageDesk",
                          f"工资协商助手 {__version__}\n起草、审查并导出技能人才工资专项集体合同。")

    def closeEvent(self, event: QCloseEvent) -> None:
        for window in list(self.draft_windows):
            if not window.close():
                event.ignore()
                return
        if self.batch_dialog is not None and self.batch_dialog.running:
            self.batch_dialog.wait()
        self.runner.wait(10000)
        if self.db is not None:
            self.db.close()
        event.accept()
