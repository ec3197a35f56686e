"""The pilot-unit overview as Qt models: ``UnitsTableModel`` (one row per
``wagedesk.store.overview.UnitRow``: 序号, 企业名称, 所在区, 行业, 状态, 最近更新, 未解决意见数)
and ``UnitsFilterModel`` (status filter, search by name / 序号 / USCC, numeric sorting).
No window needed, so both are tested on their own. GUI thread only."""
from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from wagedesk.model import Status
from wagedesk.store.overview import NOT_STARTED, UnitRow
from wagedesk.store.service import local_text

COLUMNS = ("序号", "企业名称", "所在区", "行业", "状态", "最近更新", "未解决意见")
SEQ, NAME, DISTRICT, INDUSTRY, STATUS, UPDATED, OPEN = range(len(COLUMNS))
ROW_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2  # status value, "" for units without a draft
NONE_KEY = ""
# (text, background) per status; the chip delegate and the filter chips share them
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    NONE_KEY: ("#6b7280", "#eef0f3"),
    Status.drafting.value: ("#1d4ed8", "#e3ecfd"),
    Status.submitted.value: ("#8a5300", "#fff1d6"),
    Status.returned.value: ("#b42318", "#fde8e6"),
    Status.approved.value: ("#0f766e", "#dcf5f0"),
    Status.signed.value: ("#15803d", "#e2f6e7"),
    Status.filed.value: ("#4b5563", "#e8eaee"),
}
STATUS_ORDER = [NONE_KEY, *(s.value for s in Status)]


def status_label(key: str) -> str:
    return Status(key).label if key else NOT_STARTED


class UnitsTableModel(QAbstractTableModel):
    """Holds the rows; ``set_rows`` replaces them all (the overview is re-read after a change)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[UnitRow] = []

    def set_rows(self, rows: list[UnitRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[UnitRow]:
        return list(self._rows)

    def row_at(self, row: int) -> UnitRow:
        return self._rows[row]

    def counts(self) -> Counter[str]:
        """Units per status key (``""`` = no draft yet)."""
        return Counter(r.status or NONE_KEY for r in self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in (SEQ, OPEN):
                return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == ROW_ROLE:
            return row
        if role == STATUS_ROLE:
            return row.status or NONE_KEY
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (SEQ, OPEN):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == OPEN and row.open_comments:
                return QColor("#b42318")
            if col in (DISTRICT, INDUSTRY, UPDATED):
                return QColor("#4b5563")
        if role == Qt.ItemDataRole.ToolTipRole and col == NAME:
            return f"{row.name}\n统一社会信用代码：{row.uscc}\n双击打开草案"
        return None

    @staticmethod
    def _display(row: UnitRow, col: int) -> str:
        if col == SEQ:
            return str(row.seq)
        if col == NAME:
            return row.name
        if col == DISTRICT:
            return row.district
        if col == INDUSTRY:
            return row.industry
        if col == STATUS:
            return row.status_label
        if col == UPDATED:
            return local_text(row.updated_at)[:16] if row.updated_at else "—"
        return str(row.open_comments) if row.open_comments else "—"

    @staticmethod
    def _sort_key(row: UnitRow, col: int) -> Any:
        if col == SEQ:
            return row.seq
        if col == STATUS:
            return STATUS_ORDER.index(row.status or NONE_KEY)
        if col == UPDATED:
            return row.updated_at.timestamp() if row.updated_at else 0.0
        if col == OPEN:
            return row.open_comments
        return UnitsTableModel._display(row, col)


class UnitsFilterModel(QSortFilterProxyModel):
    """Shows the units whose status is ``status_filter`` (None = all) and that match the search
    text: up to three digits is a 序号; anything else is part of the name, the district or the
    USCC (case ignored)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._status: str | None = None
        self._search = ""
        self.setSortRole(SORT_ROLE)

    def set_status_filter(self, status: str | None) -> None:
        self._refilter(lambda: setattr(self, "_status", status))

    def status_filter(self) -> str | None:
        return self._status

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_search", text.strip().upper()))

    def _refilter(self, change: Any) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateFilter is deprecated there
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, UnitsTableModel)
        row = model.row_at(source_row)
        if self._status is not None and (row.status or NONE_KEY) != self._status:
            return False
        text = self._search
        if not text:
            return True
        if text.isdigit() and len(text) <= 3:  # a 序号, not a piece of a USCC
            return text == str(row.seq)
        return text in row.name.upper() or text in row.uscc.upper() or text in row.district.upper()

    def lessThan(self, left: QModelIndex | QPersistentModelIndex,
                 right: QModelIndex | QPersistentModelIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a == b:  # stable by 序号
            return left.siblingAtColumn(SEQ).data(SORT_ROLE) < right.siblingAtColumn(SEQ).data(SORT_ROLE)
        return a < b

    def row_at(self, proxy_row: int) -> UnitRow:
        return self.index(proxy_row, 0).data(ROW_ROLE)
