"""The start-up dialog that offers back drafts whose edits were never saved (after a crash):
one row per recovery file — unit, enterprise, time of the last keystroke — each with its own
恢复 and 丢弃, and a note about recovery files that belong to another database. The dialog only
asks; the main window restores or deletes through ``restore_requested`` / ``discard_requested``
and reports back with ``mark``. GUI thread only."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.recovery import Recoverable

RESTORED, DISCARDED = "已恢复", "已丢弃"


class RecoveryDialog(QDialog):
    restore_requested = Signal(object)  # Recoverable
    discard_requested = Signal(object)  # Recoverable

    def __init__(self, items: list[Recoverable], note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle("恢复未保存的草案")
        self.items = items
        self._done: dict[int, str] = {}
        layout = QVBoxLayout(self)
        head = QLabel(f"上次退出时，有 {len(items)} 份草案的修改没有保存。请逐份选择恢复或丢弃；"
                      "暂不处理的，下次启动时还会提示。")
        head.setWordWrap(True)
        layout.addWidget(head)
        self.table = QTableWidget(len(items), 4, self)
        self.table.setHorizontalHeaderLabels(["单位", "企业名称", "最后修改时间", "操作"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(40)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        for row, item in enumerate(items):
            for col, text in enumerate((item.unit_text(), item.draft.enterprise.name or "未命名草案",
                                        item.when())):
                cell = QTableWidgetItem(text)
                cell.setToolTip(str(item.path) if col == 0 else text)
                self.table.setItem(row, col, cell)
            self.table.setCellWidget(row, 3, self._actions(row))
        layout.addWidget(self.table, 1)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setObjectName("hintLabel")
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.later_button = QPushButton("稍后再说")
        self.later_button.clicked.connect(self.reject)
        bottom.addWidget(self.later_button)
        layout.addLayout(bottom)
        self.resize(860, min(220 + 40 * len(items), 560))

    def _actions(self, row: int) -> QWidget:
        cell = QWidget()
        line = QHBoxLayout(cell)
        line.setContentsMargins(6, 2, 6, 2)
        restore, discard = QPushButton("恢复"), QPushButton("丢弃")
        restore.setObjectName(f"restore{row}")
        discard.setObjectName(f"discard{row}")
        outcome = QLabel()
        outcome.setObjectName(f"outcome{row}")
        outcome.setVisible(False)
        restore.clicked.connect(lambda _c=False: self.restore_requested.emit(self.items[row]))
        discard.clicked.connect(lambda _c=False: self._confirm_discard(row))
        line.addWidget(restore)
        line.addWidget(discard)
        line.addWidget(outcome)
        return cell

    def _confirm_discard(self, row: int) -> None:
        name = self.items[row].draft.enterprise.name or "未命名草案"
        if QMessageBox.question(self, "丢弃未保存的修改", f"丢弃后无法找回「{name}」这些未保存的修改。确定丢弃吗？"
                                ) == QMessageBox.StandardButton.Yes:
            self.discard_requested.emit(self.items[row])

    def button(self, row: int, kind: str) -> QPushButton:
        """The 恢复 (``restore``) or 丢弃 (``discard``) button of ``row`` (tests, screenshots)."""
        return self.table.cellWidget(row, 3).findChild(QPushButton, f"{kind}{row}")  # type: ignore[return-value]

    def mark(self, item: Recoverable, outcome: str) -> None:
        """Show that ``item`` was restored or discarded; close once every row is done."""
        row = self.items.index(item)
        self._done[row] = outcome
        cell = self.table.cellWidget(row, 3)
        for kind in ("restore", "discard"):
            self.button(row, kind).setVisible(False)
        label = cell.findChild(QLabel, f"outcome{row}")
        label.setText(f"✓ {outcome}")
        label.setVisible(True)
        for col in range(3):
            self.table.item(row, col).setForeground(Qt.GlobalColor.gray)
        if len(self._done) == len(self.items):
            self.accept()

    def outcomes(self) -> dict[int, str]:
        return dict(self._done)
