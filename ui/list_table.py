"""An editable table for a list of small records in the draft (skill levels, representatives,
meetings): one row per item, one column per field of the item's model, each cell the same field
editor a form row would use, so validation and tooltips behave the same everywhere. Rows are kept
as dicts, so fields the table does not show survive a round trip. GUI thread only."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ui.field_factory import editor_for
from ui.field_widgets import FieldEditor, TextEditor

ROW_HEIGHT = 36


class ModelListTable(QWidget):
    """Rows of ``item_model`` with 添加/删除/上移/下移 buttons."""

    edited = Signal()

    def __init__(self, item_model: type[BaseModel], *, noun: str = "一行",
                 new_item: Callable[[list[dict[str, Any]]], dict[str, Any]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item_model = item_model
        self.columns = list(item_model.model_fields.items())
        self._new_item = new_item or (lambda rows: {})
        self._rows: list[dict[str, Any]] = []
        self._cells: list[dict[str, FieldEditor]] = []
        self._read_only = False

        self.table = QTableWidget(0, len(self.columns))
        self.table.setHorizontalHeaderLabels([info.title or name for name, info in self.columns])
        for col, (_name, info) in enumerate(self.columns):
            self.table.horizontalHeaderItem(col).setToolTip(info.description or "")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft
                                                          | Qt.AlignmentFlag.AlignVCenter)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

        self.add_button = QPushButton(f"添加{noun}")
        self.remove_button = QPushButton("删除所选")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.empty_label = QLabel(f"尚未填写。点击“添加{noun}”开始。")
        self.empty_label.setObjectName("hintLabel")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.table.itemSelectionChanged.connect(self._update_buttons)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self._rebuild()

    # -- value --------------------------------------------------------------------------------
    def value(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self._rows]

    def set_value(self, rows: Any) -> None:
        self._rows = [dict(r) for r in (rows or [])]
        self._rebuild()

    def is_empty(self) -> bool:
        return not self._rows

    def editors(self) -> list[dict[str, FieldEditor]]:
        return self._cells

    def problems(self) -> list[tuple[int, str, str]]:
        """(row, field name, Chinese reason) for cells whose typed text is not a value."""
        return [(r, name, ed.problem() or "") for r, cells in enumerate(self._cells)
                for name, ed in cells.items() if ed.problem()]

    # -- editing --------------------------------------------------------------------------------
    def add_row(self) -> None:
        self._rows.append(self._new_item(self.value()))
        self._rebuild()
        self.select_cell(len(self._rows) - 1, self.columns[0][0])
        self.edited.emit()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._rows):
            del self._rows[row]
            self._rebuild()
            if self._rows:
                self.table.selectRow(min(row, len(self._rows) - 1))
            self.edited.emit()

    def _move(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if 0 <= row < len(self._rows) and 0 <= target < len(self._rows):
            self._rows[row], self._rows[target] = self._rows[target], self._rows[row]
            self._rebuild()
            self.table.selectRow(target)
            self.edited.emit()

    def _on_cell_edited(self, row: int, name: str) -> None:
        self._rows[row][name] = self._cells[row][name].value()
        self.edited.emit()

    def select_cell(self, row: int, name: str) -> FieldEditor | None:
        """Select ``row`` and put the keyboard in its ``name`` cell (for findings)."""
        if not 0 <= row < len(self._cells):
            return None
        col = next((i for i, (n, _i) in enumerate(self.columns) if n == name), 0)
        self.table.setCurrentCell(row, col)
        self.table.selectRow(row)
        editor = self._cells[row].get(name) or next(iter(self._cells[row].values()))
        self.table.scrollTo(self.table.model().index(row, col))
        editor.input_widget().setFocus(Qt.FocusReason.OtherFocusReason)
        return editor

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setVisible(not read_only)
        for cells in self._cells:
            for editor in cells.values():
                editor.set_read_only(read_only)

    # -- building -------------------------------------------------------------------------------
    def _rebuild(self) -> None:
        self.table.setRowCount(len(self._rows))
        self._cells = []
        for r, row in enumerate(self._rows):
            cells: dict[str, FieldEditor] = {}
            for c, (name, info) in enumerate(self.columns):
                editor = editor_for(name, info, compact=True)
                editor.setProperty("cell", True)
                if isinstance(editor, TextEditor):  # places and names need room to be read
                    editor.line.setMinimumWidth(210)
                editor.layout().setContentsMargins(4, 2, 4, 2)
                editor.set_value(row.get(name))
                editor.set_read_only(self._read_only)
                editor.edited.connect(lambda r=r, n=name: self._on_cell_edited(r, n))
                editor.setProperty("row", r)
                for child in (editor, *editor.findChildren(QWidget)):
                    child.installEventFilter(self)
                self.table.setCellWidget(r, c, editor)
                cells[name] = editor
            self._cells.append(cells)
        self._fit()
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Typing in a cell should make that row the one 删除/上移/下移 act on.
        if event.type() == QEvent.Type.FocusIn:
            widget = watched
            while widget is not None and widget.property("row") is None:
                widget = widget.parent()
            if widget is not None and self.table.currentRow() != widget.property("row"):
                self.table.selectRow(int(widget.property("row")))
        return False

    def _fit(self) -> None:
        header = self.table.horizontalHeader()
        for c in range(len(self.columns) - 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        height = (header.sizeHint().height() + ROW_HEIGHT * max(len(self._rows), 1)
                  + 2 * self.table.frameWidth() + 3)
        self.table.setFixedHeight(height)
        self.table.setVisible(bool(self._rows))
        self.empty_label.setVisible(not self._rows)

    def _update_buttons(self) -> None:
        row = self.table.currentRow()
        has = 0 <= row < len(self._rows)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < len(self._rows) - 1)
