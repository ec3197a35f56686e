"""``ReviewPanel``: the right-hand side of a stored draft's window — 审查 (current status as a
chip, the status-flow buttons ``ALLOWED`` from it, the review comments with 添加意见 / 标记为已解决)
and 历史版本 (every version with time, action and actor; the per-field changes of the one
selected). It only shows what it is given and emits requests; the window does the store work.
GUI thread only."""
from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.forms import embed_form
from ui.status_chip import chip_style
from wagedesk.model import STEPS, Status, label_for
from wagedesk.store.queries import VersionEntry
from wagedesk.store.service import ALLOWED, local_text

ID_ROLE = Qt.ItemDataRole.UserRole
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
FLOW_TEXT = {Status.submitted: "提交审查", Status.returned: "退回修改", Status.approved: "审查通过",
             Status.signed: "标记已签订", Status.filed: "标记已报送"}
KIND_TEXT = {"create": "创建", "import": "导入", "save": "保存", "amend": "新建变更草案",
             **{s.value: FLOW_TEXT.get(s, s.label) for s in Status}}
FLOW_HINT = {
    Status.drafting: "起草完成后提交审查，由工会审查人员审核。",
    Status.submitted: "审查人员可以通过，或写明意见后退回修改。",
    Status.returned: "按审查意见修改并保存后，再次提交审查。",
    Status.approved: "双方首席代表签字后，标记为已签订。",
    Status.signed: "签订后 10 日内报送人力资源社会保障部门，然后标记为已报送。",
    Status.filed: "流程已完成。",
}


def path_text(path: str) -> str:
    """A comment's place in Chinese: a step, a field, or the whole draft."""
    if not path:
        return "整份草案"
    return STEPS.get(path) or label_for(path) or path


def value_text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str) and value in Status._value2member_map_:
        return Status(value).label
    return str(value)


class CommentCard(QFrame):
    """One review comment: where (a link that focuses the field), what, who and when, and
    标记已解决 while it is open."""

    path_clicked = Signal(str)
    resolve_clicked = Signal(int)

    def __init__(self, comment: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comment_id = int(comment.id)
        self.path = comment.path
        self.setObjectName("commentCard")
        self.setProperty("resolved", bool(comment.resolved))
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        box.setSpacing(4)
        where = QLabel(f'<a href="#">{html.escape(path_text(comment.path))}</a>' if comment.path
                       else "整份草案")
        where.setObjectName("commentWhere")
        where.setWordWrap(True)
        where.linkActivated.connect(lambda _l: self.path_clicked.emit(self.path))
        text = QLabel(comment.text)
        text.setObjectName("commentText")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        meta = QLabel(f"{comment.reviewer or '未署名'} · {local_text(comment.created_at)[:16]}"
                      + (" · 已解决" if comment.resolved else ""))
        meta.setObjectName("commentMeta")
        meta.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(meta, 1)
        if not comment.resolved:
            self.resolve_button = QPushButton("标记已解决")
            self.resolve_button.setObjectName("resolveButton")
            self.resolve_button.clicked.connect(lambda _c=False: self.resolve_clicked.emit(self.comment_id))
            row.addWidget(self.resolve_button)
        box.addWidget(where)
        box.addWidget(text)
        box.addLayout(row)


class ReviewPanel(QWidget):
    transition_requested = Signal(object)  # Status
    comment_requested = Signal(str)  # text, on the current target
    resolve_requested = Signal(int)  # comment id
    path_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = embed_form(self, "review_panel.ui")
        find = self.form.findChild
        self.tabs: QTabWidget = find(QTabWidget, "tabs")
        self.status_chip: QLabel = find(QLabel, "statusChip")
        self.revision_label: QLabel = find(QLabel, "revisionLabel")
        self.flow_hint: QLabel = find(QLabel, "flowHint")
        self.flow_row: QWidget = find(QWidget, "flowButtons")
        self.comment_list: QWidget = find(QWidget, "commentList")
        self.no_comments: QLabel = find(QLabel, "noComments")
        self.show_resolved: QCheckBox = find(QCheckBox, "showResolved")
        self.target_label: QLabel = find(QLabel, "targetLabel")
        self.comment_edit: QPlainTextEdit = find(QPlainTextEdit, "commentEdit")
        self.add_button: QPushButton = find(QPushButton, "addCommentButton")
        self.version_tree: QTreeWidget = find(QTreeWidget, "versionTree")
        self.diff_tree: QTreeWidget = find(QTreeWidget, "diffTree")
        self.diff_title: QLabel = find(QLabel, "diffTitle")
        self.flow_buttons: dict[Status, QPushButton] = {}
        self._comments: list[Any] = []
        self._cards: list[CommentCard] = []
        self._versions: list[VersionEntry] = []
        self._setup()

    def _setup(self) -> None:
        header = self.version_tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.version_tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        diff = self.diff_tree.header()
        diff.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.show_resolved.toggled.connect(lambda _on: self._fill_comments())
        self.add_button.clicked.connect(self._on_add)
        self.comment_edit.textChanged.connect(self._update_buttons)
        self.version_tree.itemSelectionChanged.connect(self._show_selected_version)
        self.set_target("")
        self._update_buttons()

    # -- status ---------------------------------------------------------------------------------
    def set_status(self, status: Status, revision: int) -> None:
        self.status_chip.setText(status.label)
        self.status_chip.setStyleSheet(chip_style(status.value))
        self.revision_label.setText(f"第 {revision} 版")
        self.flow_hint.setText(FLOW_HINT[status])
        layout = self.flow_row.layout()
        for button in self.flow_buttons.values():
            layout.removeWidget(button)
            button.deleteLater()
        self.flow_buttons = {}
        for target in ALLOWED[status]:
            button = QPushButton(FLOW_TEXT[target], self.flow_row)
            button.setObjectName("flowButton")
            button.setProperty("kind", "back" if target is Status.returned else "forward")
            button.clicked.connect(lambda _c=False, t=target: self.transition_requested.emit(t))
            layout.addWidget(button)
            self.flow_buttons[target] = button
        self.flow_row.setVisible(bool(self.flow_buttons))

    # -- comments -------------------------------------------------------------------------------
    def set_target(self, path: str) -> None:
        """The field or section a new comment will be about."""
        self._target = path
        self.target_label.setText(f"新意见针对：{path_text(path)}")

    def target(self) -> str:
        return self._target

    def set_comments(self, comments: list[Any]) -> None:
        self._comments = list(comments)
        self._fill_comments()

    def _fill_comments(self) -> None:
        layout = self.comment_list.layout()
        for card in self._cards:
            layout.removeWidget(card)
            card.deleteLater()
        self._cards = []
        open_count = sum(1 for c in self._comments if not c.resolved)
        shown = [c for c in self._comments if not c.resolved or self.show_resolved.isChecked()]
        for c in shown:
            card = CommentCard(c, self.comment_list)
            card.path_clicked.connect(self.path_activated)
            card.resolve_clicked.connect(self.resolve_requested)
            layout.insertWidget(layout.count() - 1, card)
            self._cards.append(card)
        self.no_comments.setVisible(not shown)
        resolved = len(self._comments) - open_count
        self.form.findChild(QLabel, "commentsTitle").setText(
            f"审查意见（未解决 {open_count}" + (f"，已解决 {resolved}）" if resolved else "）"))

    def comment_count(self) -> int:
        return len(self._cards)

    def cards(self) -> list[CommentCard]:
        return list(self._cards)

    def _on_add(self) -> None:
        text = self.comment_edit.toPlainText().strip()
        if text:
            self.comment_requested.emit(text)

    def clear_comment_text(self) -> None:
        self.comment_edit.clear()

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(bool(self.comment_edit.toPlainText().strip()))

    # -- history --------------------------------------------------------------------------------
    def set_history(self, entries: list[VersionEntry]) -> None:
        self._versions = list(entries)
        self.version_tree.clear()
        for entry in reversed(self._versions):
            item = QTreeWidgetItem([str(entry.number), local_text(entry.created_at)[5:16],
                                    KIND_TEXT.get(entry.kind, entry.kind),
                                    Status(entry.status).label, entry.actor or "—"])
            item.setData(0, ID_ROLE, entry.number)
            tip = (f"第 {entry.number} 版 · {local_text(entry.created_at)} · {entry.actor or '未署名'}"
                   + (f"\n说明：{entry.comment}" if entry.comment else ""))
            for col in range(5):
                item.setToolTip(col, tip)
            self.version_tree.addTopLevelItem(item)
        if self.version_tree.topLevelItemCount():
            self.version_tree.setCurrentItem(self.version_tree.topLevelItem(0))

    def _show_selected_version(self) -> None:
        items = self.version_tree.selectedItems()
        self.diff_tree.clear()
        if not items:
            return
        number = items[0].data(0, ID_ROLE)
        entry = next(e for e in self._versions if e.number == number)
        title = f"第 {entry.number} 版（{Status(entry.status).label}）"
        if entry.comment:
            title += f"：{entry.comment}"
        if entry.number == 1:
            title += " —— 最初的版本"
        elif not entry.changes:
            title += " —— 内容没有变化"
        else:
            title += f" —— 改动 {len(entry.changes)} 处"
        self.diff_title.setText(title)
        for change in entry.changes:
            item = QTreeWidgetItem([change.label, value_text(change.old), value_text(change.new)])
            for col in range(3):
                item.setToolTip(col, item.text(col))
            item.setData(0, PATH_ROLE, change.path)
            self.diff_tree.addTopLevelItem(item)

    def diff_rows(self) -> list[tuple[str, str, str]]:
        return [(self.diff_tree.topLevelItem(i).text(0), self.diff_tree.topLevelItem(i).text(1),
                 self.diff_tree.topLevelItem(i).text(2))
                for i in range(self.diff_tree.topLevelItemCount())]
