"""``StoreDraftWindow``: a draft from the database — the ``DraftWindow`` editor with 保存 writing
a new version through ``service.save_draft`` (with the revision the edits are based on; a
``ConflictError`` opens the ``ConflictDialog``: overwrite on top of the newer version after seeing
the differing fields, or load the newest while the user's text stays in its recovery file); the
recovery file records the database, draft id and base revision, and a recovered draft reopens
here with its text as unsaved edits (``recovered``); a banner when the status makes
it read-only (signed ones get 变更合同 → ``service.amend_signed``), and the ``ReviewPanel``
(status flow through ``service.transition``, comments, history). Every store call runs on the
window's ``TaskRunner``; ``store_changed`` tells the main window to refresh. GUI thread only."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ui.draft_window import DraftWindow, Renderer, confirm_unreadable_input
from ui.findings_panel import Checker
from ui.conflict_dialog import LOAD_LATEST, OVERWRITE, ConflictDialog, field_changes
from ui.recovery import Origin, Recoverable, RecoveryFile
from ui.review_panel import ReviewPanel
from wagedesk.model import STEPS, Draft, Status
from wagedesk.store import queries, service
from wagedesk.store.db import Database
from wagedesk.store.service import ConflictError, LoadedDraft, local_text

READ_ONLY = {
    Status.submitted: "草案已提交审查，审查期间不能修改。审查人员退回后即可继续修改。",
    Status.approved: "草案已审查通过，等待签订，内容不能再改。如需修改，请审查人员先退回。",
    Status.signed: "此合同已签订，内容已冻结，只能查看。如需变更，请点击右侧的「变更合同」新建一份变更草案。",
    Status.filed: "此合同已报送，内容已冻结，只能查看。如需变更，请点击右侧的「变更合同」新建一份变更草案。",
}


class StoreDraftWindow(DraftWindow):
    store_changed = Signal()
    loaded_changed = Signal()  # after every (re)load from the store

    def __init__(self, db: Database, draft_id: int, *, user: str = "",
                 checker: Checker | None = None, renderer: Renderer | None = None,
                 data_dir: Path | None = None, recovered: Recoverable | None = None,
                 parent: QWidget | None = None) -> None:
        self.loaded: LoadedDraft | None = None
        self.db, self.draft_id, self.user = db, draft_id, user
        self._recovered = recovered  # applied once the stored draft is read
        super().__init__(None, checker=checker, renderer=renderer, data_dir=data_dir, parent=parent,
                         recovery_session=recovered.path.stem if recovered else None)
        self._data_dir = data_dir
        self._after_save: Any = None
        self.open_action.setVisible(False)
        self.save_action.setToolTip("保存为新版本（Ctrl+S）")
        self.save_as_action.setText("导出草案文件…")
        self._build_banner()
        self.panel = ReviewPanel()
        dock = QDockWidget("审查与历史", self)
        dock.setObjectName("reviewDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setTitleBarWidget(QWidget())
        dock.setWidget(self.panel)
        dock.setMinimumWidth(380)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.resizeDocks([dock], [400], Qt.Orientation.Horizontal)
        self.panel.transition_requested.connect(self.request_transition)
        self.panel.comment_requested.connect(self.add_comment)
        self.panel.resolve_requested.connect(self.resolve_comment)
        self.panel.path_activated.connect(self.focus_path)
        self.editor.step_list.currentRowChanged.connect(
            lambda _row: self.panel.set_target(self.editor.current_step()))
        app = QApplication.instance()
        app.focusChanged.connect(self._on_focus)  # type: ignore[attr-defined]
        self.reload()

    def _build_banner(self) -> None:
        self.banner = QFrame(self.form)
        self.banner.setObjectName("statusBanner")
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(16, 6, 12, 6)
        self.banner_label = QLabel(self.banner)
        self.banner_label.setWordWrap(True)
        self.amend_button = QPushButton("变更合同…", self.banner)
        self.amend_button.clicked.connect(self.amend)
        row.addWidget(self.banner_label, 1)
        row.addWidget(self.amend_button)
        self.form.layout().insertWidget(0, self.banner)
        self.banner.setVisible(False)

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the draft, its comments and history from the store (on a worker)."""
        db, draft_id = self.db, self.draft_id
        self.statusBar().showMessage("正在读取草案…")
        self.runner.run(lambda: (service.load_draft(db, draft_id),
                                 service.list_comments(db, draft_id),
                                 queries.history(db, draft_id)),
                        on_success=self._loaded, on_failure=self._load_failed)

    def _load_failed(self, err: BaseException) -> None:
        if self._recovered is not None:  # the recovered text must outlive this window
            self._recovered = None
            self._recovery = RecoveryFile(self._data_dir)
        self._failed("无法读取草案", err)

    def _loaded(self, result: tuple[LoadedDraft, list[Any], list[Any]]) -> None:
        self.loaded, comments, versions = result
        recovered, self._recovered = self._recovered, None
        self.panel.set_comments(comments)
        self.panel.set_history(versions)
        if recovered is not None and recovered.origin.revision is not None:
            self._apply_recovered(recovered)
        else:
            self.load_draft(self.loaded.draft, None)
            self._recovery_pool.waitForDone(2000)
            self._recovery.discard()
            self.statusBar().showMessage(
                f"第 {self.loaded.revision} 版，{local_text(self.loaded.updated_at)[:16]} "
                f"由 {self.loaded.updated_by or '未署名'} 更新", 8000)
        self.loaded_changed.emit()

    def _apply_recovered(self, item: Recoverable) -> None:
        """Show the recovered text as unsaved edits on the revision it was based on, so 保存
        either writes the next version or meets the newer one in the conflict dialog."""
        assert self.loaded is not None and item.origin.revision is not None
        current = self.loaded.revision
        self.loaded = replace(self.loaded, revision=item.origin.revision)
        self.load_draft(item.draft, None, modified=True)
        note = (f"已恢复 {item.when()} 未保存的修改（基于第 {item.origin.revision} 版），请检查后保存。"
                if current == item.origin.revision else
                f"已恢复 {item.when()} 未保存的修改（基于第 {item.origin.revision} 版）；数据库中已有第 "
                f"{current} 版，保存时会列出两者的不同供您决定。")
        if self.editor.is_read_only():
            note = (f"已恢复 {item.when()} 未保存的修改，但草案现在处于「{self.loaded.status.label}」状态，"
                    "不能保存；可用「导出草案文件」保留这些内容。恢复文件会保留到下次启动。")
        self.statusBar().showMessage(note)

    def apply_recovery(self, item: Recoverable) -> bool:
        """Restore ``item`` into this (already open) window; refused when it has unsaved edits."""
        self.editor.flush()
        if self.isWindowModified():
            return False
        self._recovery_pool.waitForDone(2000)
        self._recovery.discard()  # nothing unsaved in it
        self._recovery = RecoveryFile(self._data_dir, item.path.stem)
        if self.loaded is None:
            self._recovered = item
        else:
            self._apply_recovered(item)
        return True

    def recovery_origin(self) -> Origin:
        db_path = self.db.path
        if self.loaded is None or db_path is None:
            return super().recovery_origin()
        return Origin(db=str(db_path), draft_id=self.draft_id, revision=self.loaded.revision,
                      unit_seq=self.loaded.unit_seq)

    def unit_seq(self) -> int | None:
        return self.loaded.unit_seq if self.loaded is not None else None

    def load_draft(self, draft: Draft, source: Path | None, *, modified: bool = False) -> None:
        super().load_draft(draft, source, modified=modified)
        loaded = getattr(self, "loaded", None)
        if loaded is None or not hasattr(self, "panel"):
            return
        reason = READ_ONLY.get(loaded.status)
        self.editor.set_read_only(reason is not None)
        self.editor.banner.setVisible(False)
        self.banner.setVisible(reason is not None)
        self.banner_label.setText(reason or "")
        self.amend_button.setVisible(loaded.status in service.FROZEN)
        self.save_action.setEnabled(reason is None)
        self.panel.set_status(loaded.status, loaded.revision)
        self._update_title()

    def _update_title(self) -> None:
        loaded = getattr(self, "loaded", None)
        name = self.editor.draft().enterprise.name or "未命名草案"
        if loaded is None:
            self.setWindowTitle(f"{name}[*] · 工资协商助手")
            return
        seq = f"{loaded.unit_seq} 号 " if loaded.unit_seq else ""
        self.setWindowTitle(f"{seq}{name} · {loaded.status.label} · 第 {loaded.revision} 版[*]"
                            " · 工资协商助手")

    # -- saving ---------------------------------------------------------------------------------
    def save(self, then: Any = None, *, on_top_of: int | None = None) -> None:
        """Save the editor's draft as a new version, with the revision the edits are based on
        (``on_top_of``: the newer revision the user chose to overwrite in the conflict dialog)."""
        if self.loaded is None or self.editor.is_read_only():
            return
        if not confirm_unreadable_input(self, self.editor):
            self._close_after_save = False
            return
        snapshot = self.editor.draft()
        expected = self.loaded.revision if on_top_of is None else on_top_of
        db, draft_id, user = self.db, self.draft_id, self.user
        self._after_save = then
        self.save_action.setEnabled(False)
        self.statusBar().showMessage("正在保存…")
        self.runner.run(lambda: service.save_draft(db, draft_id, snapshot, expected, user),
                        on_success=lambda result: self._stored(snapshot, result),
                        on_failure=lambda err: self._save_failed(snapshot, err))

    def _stored(self, snapshot: Draft, result: service.SaveResult) -> None:
        assert self.loaded is not None
        self.save_action.setEnabled(True)
        self.loaded = LoadedDraft(self.loaded.draft_id, snapshot, self.loaded.status,
                                  result.revision, self.loaded.unit_seq, result.saved_at, self.user)
        same = self.editor.draft().model_dump_json() == snapshot.model_dump_json()
        self.setWindowModified(not same)
        if same:
            self._recovery_pool.waitForDone(2000)
            self._recovery.discard()
        self.panel.set_status(self.loaded.status, result.revision)
        self._update_title()
        self.statusBar().showMessage(f"已保存为第 {result.revision} 版", 8000)
        self._refresh_history()
        self.store_changed.emit()
        then, self._after_save = self._after_save, None
        if self._close_after_save:
            self.close()
        elif then is not None:
            then()

    def _save_failed(self, snapshot: Draft, err: BaseException) -> None:
        self.save_action.setEnabled(True)
        self._after_save = None
        if isinstance(err, ConflictError):
            self._close_after_save = False
            self._conflict(snapshot, err)
        else:
            self._failed("没有保存", err)

    def _conflict(self, mine: Draft, err: ConflictError) -> None:
        """Keep the user's text in the recovery file first, then read the newer version and
        let the user decide with the differing fields in front of them."""
        self._recovery_pool.waitForDone(2000)
        self._recovery.write(self.editor.draft(), self.recovery_origin())
        self.statusBar().showMessage(f"没有保存：第 {err.current_revision} 版比您的版本新，正在比较…")
        db, draft_id = self.db, self.draft_id
        self.runner.run(lambda: service.load_draft(db, draft_id),
                        on_success=lambda latest: self._ask_conflict(latest),
                        on_failure=lambda e: self._failed("没有保存", e))

    def _ask_conflict(self, latest: LoadedDraft) -> None:
        assert self.loaded is not None
        self.editor.flush()
        dialog = ConflictDialog(latest, self.loaded.revision,
                                field_changes(latest.draft, self.editor.draft()),
                                str(self._recovery.path), self)
        choice = dialog.ask()
        dialog.deleteLater()
        if choice == OVERWRITE:
            self.save(on_top_of=latest.revision)
        elif choice == LOAD_LATEST:
            self._recovery_pool.waitForDone(2000)
            kept = self._recovery.path
            self._recovery = RecoveryFile(self._data_dir)  # the old file keeps the user's text
            self.setWindowModified(False)
            self.reload()
            self.statusBar().showMessage(f"已载入最新版本；您的版本保存在恢复文件中，下次启动时会提示恢复：{kept}")
        else:
            self.statusBar().showMessage("没有保存。您的修改仍在本窗口中，可继续编辑后再保存。", 8000)

    # -- review ---------------------------------------------------------------------------------
    def request_transition(self, target: Status) -> None:
        if self.loaded is None:
            return
        comment = ""
        if target is Status.returned:
            text, ok = QInputDialog.getMultiLineText(self, "退回修改",
                                                     "请写明需要修改的地方（将作为审查意见记录）：")
            if not ok:
                return
            comment = text.strip()
            if not comment:
                QMessageBox.warning(self, "没有退回", "退回草案时必须写明需要修改的地方，请填写退回意见后再试。")
                return
        elif target is Status.signed and QMessageBox.question(
                self, "标记已签订", "标记为已签订后，合同内容将冻结，不能再修改。确认双方首席代表已签字吗？"
        ) != QMessageBox.StandardButton.Yes:
            return
        self.editor.flush()
        if self.isWindowModified() and not self.editor.is_read_only():
            if QMessageBox.question(self, "先保存修改？", "草案有未保存的修改，要先保存再继续吗？"
                                    ) != QMessageBox.StandardButton.Yes:
                return
            self.save(then=lambda: self._transition(target, comment))
            return
        self._transition(target, comment)

    def _transition(self, target: Status, comment: str) -> None:
        assert self.loaded is not None
        db, draft_id, user, expected = self.db, self.draft_id, self.user, self.loaded.revision
        self.statusBar().showMessage("正在更新状态…")
        self.runner.run(lambda: service.transition(db, draft_id, target, user, comment, expected),
                        on_success=lambda _r: self._changed(f"已改为「{target.label}」"),
                        on_failure=lambda err: self._failed("状态没有改变", err))

    def _changed(self, message: str) -> None:
        self.reload()
        self.store_changed.emit()
        self.statusBar().showMessage(message, 8000)

    def add_comment(self, text: str) -> None:
        db, draft_id, user, path = self.db, self.draft_id, self.user, self.panel.target()
        self.runner.run(lambda: service.add_comment(db, draft_id, path, user, text),
                        on_success=lambda _id: (self.panel.clear_comment_text(),
                                                self._refresh_comments()),
                        on_failure=lambda err: self._failed("没有添加意见", err))

    def resolve_comment(self, comment_id: int) -> None:
        db, user = self.db, self.user
        self.runner.run(lambda: service.resolve_comment(db, comment_id, user),
                        on_success=lambda _r: self._refresh_comments(),
                        on_failure=lambda err: self._failed("没有标记", err))

    def _refresh_comments(self) -> None:
        db, draft_id = self.db, self.draft_id
        self.runner.run(lambda: service.list_comments(db, draft_id),
                        on_success=self.panel.set_comments)
        self.store_changed.emit()

    def _refresh_history(self) -> None:
        db, draft_id = self.db, self.draft_id
        self.runner.run(lambda: queries.history(db, draft_id), on_success=self.panel.set_history)

    def amend(self) -> None:
        if QMessageBox.question(
                self, "变更合同", "将以已签订的合同为底稿新建一份变更草案（起草中），原合同保持不变。继续吗？"
        ) != QMessageBox.StandardButton.Yes:
            return
        db, draft_id, user = self.db, self.draft_id, self.user

        def opened(new_id: int) -> None:
            self.draft_id = new_id
            self._changed("已新建变更草案，可以开始修改")

        self.runner.run(lambda: service.amend_signed(db, draft_id, user), on_success=opened,
                        on_failure=lambda err: self._failed("没有新建变更草案", err))

    # -- focus ----------------------------------------------------------------------------------
    def focus_path(self, path: str) -> None:
        if path in STEPS:
            self.editor.select_step(path)
        else:
            self.editor.focus_path(path)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.editor.isAncestorOf(new):
            return
        self.panel.set_target(self.editor.path_of_widget(new) or self.editor.current_step())

    def _saved(self, snapshot: Draft, path: Path) -> None:
        """A draft file was exported: the stored draft is unchanged, so nothing else changes."""
        self.statusBar().showMessage(f"已导出草案文件 {path}", 8000)

    def closeEvent(self, event: Any) -> None:
        super().closeEvent(event)
        if event.isAccepted():
            try:
                QApplication.instance().focusChanged.disconnect(self._on_focus)  # type: ignore[attr-defined]
            except (RuntimeError, TypeError):  # already disconnected by an earlier close
                pass
