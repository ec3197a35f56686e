"""The save-conflict dialog of a stored draft: who saved a newer version and when, a table of
the fields where the user's text differs from that newer version (``queries.diff_contents``),
and three ways on — 以我的版本覆盖 (save the user's text as the next version on top of the newer
one), 载入最新版本 (the user's text stays in its recovery file) or 继续编辑. Nothing is
overwritten without this dialog. GUI thread only."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wagedesk.model import Draft
from wagedesk.store import queries
from wagedesk.store.queries import FieldChange
from wagedesk.store.service import EDITABLE, LoadedDraft, local_text

OVERWRITE, LOAD_LATEST, KEEP_EDITING = "overwrite", "load_latest", "keep"
MAX_TEXT = 80


def field_changes(latest: Draft, mine: Draft) -> list[FieldChange]:
    """Fields where ``mine`` differs from ``latest`` (the workflow status is not content)."""
    return [c for c in queries.diff_contents(latest.model_dump(mode="json"), mine.model_dump(mode="json"))
            if c.path != "status"]


def shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "（空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, dict)):
        text = "；".join(str(v) for v in value) if isinstance(value, list) else str(value)
    elif isinstance(value, (Decimal, date, datetime)):
        text = str(value)
    else:
        text = str(value)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


class ConflictDialog(QDialog):
    def __init__(self, latest: LoadedDraft, base_revision: int, changes: list[FieldChange],
                 kept_at: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("保存冲突")
        self.choice = KEEP_EDITING
        self.changes = changes
        who = latest.updated_by or "另一位用户"
        layout = QVBoxLayout(self)
        head = QLabel(f"<b>没有保存：{who} 已在 {local_text(latest.updated_at)[:16]} 保存了这份草案"
                      f"（第 {latest.revision} 版），比您修改所依据的第 {base_revision} 版新。</b>")
        head.setWordWrap(True)
        layout.addWidget(head)
        kept = QLabel(f"您的修改没有丢失：它仍在本窗口中，也已存入恢复文件（下次启动时会提示恢复）：\n{kept_at}")
        kept.setWordWrap(True)
        kept.setObjectName("hintLabel")
        layout.addWidget(kept)
        layout.addWidget(QLabel(f"您的版本与第 {latest.revision} 版不同的字段（共 {len(changes)} 处）："
                                if changes else "您的版本与最新保存的版本内容相同。"))
        self.table = QTableWidget(len(changes), 3, self)
        self.table.setHorizontalHeaderLabels(["字段", "您的版本", f"第 {latest.revision} 版（已保存）"])
        for row, change in enumerate(changes):
            for col, text in enumerate((change.label, shown(change.new), shown(change.old))):
                item = QTableWidgetItem(text)
                item.setToolTip(change.path if col == 0 else text)
                self.table.setItem(row, col, item)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(bool(changes))
        layout.addWidget(self.table, 1)
        editable = latest.status in EDITABLE
        note = QLabel("「以我的版本覆盖」把您的版本保存为第 {0} 版，对方的第 {1} 版仍保留在历史中，可随时查看。"
                      .format(latest.revision + 1, latest.revision) if editable else
                      f"最新版本处于「{latest.status.label}」状态，不能再保存修改；"
                      "可以载入最新版本，或把您的版本另存为草案文件。")
        note.setWordWrap(True)
        layout.addWidget(note)
        row = QHBoxLayout()
        self.overwrite_button = QPushButton("以我的版本覆盖")
        self.overwrite_button.setEnabled(editable and bool(changes))
        self.load_button = QPushButton("载入最新版本")
        self.keep_button = QPushButton("继续编辑")
        self.keep_button.setDefault(True)
        row.addStretch(1)
        for button, choice in ((self.overwrite_button, OVERWRITE), (self.load_button, LOAD_LATEST),
                               (self.keep_button, KEEP_EDITING)):
            button.clicked.connect(lambda _c=False, c=choice: self._choose(c))
            row.addWidget(button)
        layout.addLayout(row)
        self.resize(760, min(300 + 32 * len(changes), 560) if changes else 240)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    def rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.table.item(r, c).text() for c in range(3))  # type: ignore[misc]
                for r in range(self.table.rowCount())]

    def ask(self) -> str:
        self.exec()
        return self.choice
