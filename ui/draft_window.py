"""``DraftWindow``: one draft being edited — the ``DraftEditor`` above, the ``FindingsPanel``
below, a toolbar (打开/保存/另存为草案文件, 检查, 导出 DOCX/PDF). Draft files go through
``wagedesk.draftfile``; the rules (``checker``) and the contract writer (``renderer``) are injected
callables. File work and rendering run on a ``TaskRunner`` worker; every debounced edit is written
to a crash-recovery file. User errors become Chinese message boxes, programming errors go to the
log with an apology. GUI thread only (callables passed to the runner excepted)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QSplitter, QWidget

from ui.draft_editor import DraftEditor
from ui.findings_panel import Checker, FindingsPanel
from ui.forms import load_form
from ui.exporting import ExportIndicator, default_export_name, show_exported
from ui.recovery import Origin, RecoveryFile
from ui.tasks import TaskRunner
from wagedesk import draftfile
from wagedesk.errors import UserError
from wagedesk.logs import apology, setup_logging
from wagedesk.model import Draft, Status

log = logging.getLogger(__name__)

# renderer(draft, target) writes the contract to ``target``; the suffix (.docx/.pdf) says which.
Renderer = Callable[[Draft, Path], Any]
DRAFT_FILTER = "WageDesk 草案文件 (*.json);;所有文件 (*)"
EXPORT_FILTERS = {"Word 文档 (*.docx)": ".docx", "PDF 文件 (*.pdf)": ".pdf"}
LOCKED = {Status.signed: "此合同已签订，只能查看。如需变更，请另存为新草案后修改。",
          Status.filed: "此合同已报送，只能查看。如需变更，请另存为新草案后修改。"}


class DraftWindow(QMainWindow):
    def __init__(self, draft: Draft | None = None, *, source: Path | str | None = None,
                 checker: Checker | None = None, renderer: Renderer | None = None,
                 data_dir: Path | None = None, recovery_session: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = renderer
        self.source: Path | None = Path(source) if source else None
        self.runner = TaskRunner(self)
        self._recovery = RecoveryFile(data_dir, recovery_session)
        self._recovery_pool = QThreadPool(self)
        self._recovery_pool.setMaxThreadCount(1)  # writes land in the order edits were made
        self._recovery_runner = TaskRunner(self, self._recovery_pool)
        self._close_after_save = False
        self._export_folder: Path | None = None

        self.form = load_form("draft_window.ui", self)
        self.setCentralWidget(self.form)
        self.editor = DraftEditor()
        self.findings = FindingsPanel(checker, editor=self.editor)
        self.form.findChild(QWidget, "editorHost").layout().addWidget(self.editor)
        self.form.findChild(QWidget, "findingsHost").layout().addWidget(self.findings)
        splitter: QSplitter = self.form.findChild(QSplitter, "splitter")
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([610, 150])
        self._build_actions()
        self.editor.changed.connect(self._on_changed)
        self.findings.signing_toggled.connect(lambda _on: self.check())
        self.findings.check_requested.connect(self.check)
        self.export_indicator = ExportIndicator(self.statusBar())
        self.resize(1280, 800)
        self.load_draft(draft or Draft(), self.source)

    # -- actions --------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        bar = self.addToolBar("草案")
        bar.setObjectName("draftToolBar")
        bar.setMovable(False)

        def action(text: str, slot: Callable[[], Any], shortcut: Any = None, tip: str = "") -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.setToolTip(tip or text)
            act.triggered.connect(lambda _c=False: slot())
            bar.addAction(act)
            return act

        self.open_action = action("打开草案文件…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.save_action = action("保存", self.save, QKeySequence.StandardKey.Save,
                                  "保存到当前草案文件（Ctrl+S）")
        self.save_as_action = action("另存为草案文件…", self.save_as_dialog, "Ctrl+Shift+S")
        bar.addSeparator()
        self.check_action = action("检查", self.check, "F5", "按规则检查本草案（F5）")
        self.export_action = action("导出 DOCX/PDF…", self.export_dialog, "Ctrl+E")
        if self.renderer is None:
            self.export_action.setEnabled(False)
            self.export_action.setToolTip("本程序尚未安装合同导出功能。")
        if self.findings.checker is None:
            self.check_action.setEnabled(False)
            self.check_action.setToolTip("本程序尚未安装检查规则。")

    # -- the draft ------------------------------------------------------------------------------
    def load_draft(self, draft: Draft, source: Path | None, *, modified: bool = False) -> None:
        self.editor.set_draft(draft)
        self.source = source
        reason = LOCKED.get(draft.status)
        self.editor.set_read_only(reason is not None, reason)
        self.setWindowModified(modified)
        self._update_title()
        self.check()

    def _update_title(self) -> None:
        name = self.editor.draft().enterprise.name or "未命名草案"
        where = f" — {self.source.name}" if self.source else ""
        self.setWindowTitle(f"{name}{where}[*] · 工资协商助手")

    def _on_changed(self) -> None:
        self.setWindowModified(True)
        self._update_title()
        snapshot, origin, recovery = self.editor.draft(), self.recovery_origin(), self._recovery
        self._recovery_runner.run(lambda: recovery.write(snapshot, origin),
                                  on_failure=lambda err: log.warning("recovery write failed: %s", err))
        self.check()

    def recovery_origin(self) -> Origin:
        """Where the recovery file says this draft belongs (a stored draft overrides it)."""
        return Origin(file=str(self.source) if self.source else None)

    @property
    def recovery_path(self) -> Path:
        """The recovery file this window writes (the main window must not offer it back)."""
        return self._recovery.path

    def unit_seq(self) -> int | None:
        """The pilot unit's number, for export file names (draft files have none)."""
        return None

    def check(self) -> None:
        problems = self.editor.input_problems()
        found = self.findings.refresh(self.editor.draft(), extra=problems)
        self.editor.set_findings(found[len(problems):])

    # -- files ----------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        if not self._may_discard("打开其他草案文件"):
            return
        path, _ = QFileDialog.getOpenFileName(self, "打开草案文件", self._folder(), DRAFT_FILTER)
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> None:
        """Read ``path`` on a worker; on success it replaces the draft, on failure the current
        draft stays and a Chinese message says why."""
        self.statusBar().showMessage(f"正在打开 {path.name}…")
        self.runner.run(lambda: draftfile.load(path),
                        on_success=lambda draft: self._opened(draft, path),
                        on_failure=lambda err: self._failed("无法打开草案文件", err))

    def _opened(self, draft: Draft, path: Path) -> None:
        self.load_draft(draft, path)
        self._recovery.discard()
        self.statusBar().showMessage(f"已打开 {path}", 5000)

    def save(self) -> None:
        if self.source is None:
            self.save_as_dialog()
        else:
            self.save_to(self.source)

    def save_as_dialog(self) -> None:
        suggested = Path(self._folder()) / f"{self.editor.draft().enterprise.name or '草案'}.json"
        path, _ = QFileDialog.getSaveFileName(self, "另存为草案文件", str(suggested), DRAFT_FILTER)
        if not path:
            self._close_after_save = False
            return
        self.save_to(Path(path) if Path(path).suffix else Path(path).with_suffix(".json"))

    def save_to(self, path: Path) -> None:
        """Write the draft to ``path`` on a worker (the file is replaced atomically)."""
        if not confirm_unreadable_input(self, self.editor):
            return
        snapshot = self.editor.draft()
        self.statusBar().showMessage(f"正在保存到 {path.name}…")
        self.runner.run(lambda: draftfile.save(snapshot, path),
                        on_success=lambda _r: self._saved(snapshot, path),
                        on_failure=lambda err: self._failed("无法保存草案文件", err))

    def _saved(self, snapshot: Draft, path: Path) -> None:
        self.source = path
        unchanged = draftfile.canonical_bytes(self.editor.draft()) == draftfile.canonical_bytes(snapshot)
        self.setWindowModified(not unchanged)
        if unchanged:
            self._recovery_pool.waitForDone(2000)
            self._recovery.discard()
        self._update_title()
        self.statusBar().showMessage(f"已保存到 {path}", 5000)
        if self._close_after_save:
            self.close()

    def export_dialog(self) -> None:
        if self.renderer is None:
            return
        folder = self._export_folder or Path(self._folder())
        suggested = folder / default_export_name(self.editor.draft(), self.unit_seq(), "pdf")
        path, chosen = QFileDialog.getSaveFileName(self, "导出合同", str(suggested),
                                                   ";;".join(reversed(EXPORT_FILTERS)))
        if path:
            target = Path(path)
            if target.suffix.lower() not in (".docx", ".pdf"):
                target = target.with_suffix(EXPORT_FILTERS.get(chosen, ".docx"))
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        """Render on a worker (the first PDF builds its fonts, a few seconds); the status bar
        shows a busy bar meanwhile and the window stays usable."""
        renderer, snapshot = self.renderer, self.editor.draft()
        assert renderer is not None
        self._export_folder = target.parent
        self.export_action.setEnabled(False)
        self.export_indicator.start(target)

        def done(_r: Any) -> None:
            self.export_action.setEnabled(True)
            self.export_indicator.stop()
            self.statusBar().showMessage(f"已导出 {target}", 8000)
            show_exported(self, target)

        def failed(err: BaseException) -> None:
            self.export_action.setEnabled(True)
            self.export_indicator.stop()
            self._failed("无法导出合同", err)

        self.runner.run(lambda: renderer(snapshot, target), on_success=done, on_failure=failed)

    def _failed(self, title: str, err: BaseException) -> None:
        self._close_after_save = False
        self.statusBar().clearMessage()
        if isinstance(err, UserError):
            QMessageBox.warning(self, title, err.message)
        elif isinstance(err, OSError):
            QMessageBox.warning(self, title, f"{title}：{err.strerror or err}。请检查路径和权限后重试。")
        else:
            path = setup_logging()
            log.error("%s", title, exc_info=err)
            QMessageBox.critical(self, title, apology(path))

    def _folder(self) -> str:
        return str(self.source.parent) if self.source else str(Path.home())

    # -- closing --------------------------------------------------------------------------------
    def _may_discard(self, doing: str) -> bool:
        self.editor.flush()
        if not self.isWindowModified():
            return True
        answer = QMessageBox.question(
            self, "放弃修改？", f"当前草案有未保存的修改。{doing}将放弃这些修改，继续吗？")
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: QCloseEvent) -> None:
        self.editor.flush()
        keep_recovery = False
        if self.isWindowModified() and self.editor.is_read_only():
            keep_recovery = True  # recovered edits that cannot be saved here: offered next start
        elif self.isWindowModified():
            answer = QMessageBox.question(
                self, "保存修改？", "当前草案有未保存的修改。关闭前要保存吗？",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Save:
                event.ignore()
                self._close_after_save = True
                QTimer.singleShot(0, self.save)
                return
        self.runner.wait(10000)
        self._recovery_pool.waitForDone(5000)
        if not keep_recovery:
            self._recovery.discard()
        event.accept()


def confirm_unreadable_input(parent: QWidget, editor: DraftEditor) -> bool:
    """Flush pending edits; when some fields hold unreadable text, ask before saving."""
    editor.flush()
    problems = editor.input_problems()
    return not problems or QMessageBox.question(
        parent, "有无法识别的输入",
        f"有 {len(problems)} 处输入无法识别（标红的字段），这些字段将按原来的值保存。仍要保存吗？"
    ) == QMessageBox.StandardButton.Yes
