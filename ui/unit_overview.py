"""``UnitOverview``: the main window's central view — the summary bar (共 102 家：起草中 n · …),
status filter chips, the search box, the sortable units table and, for an empty database,
the friendly empty state with 载入演示数据 and 导入试点单位名单…. It only shows rows it is given
and emits what the user asked for; the main window does the database work. GUI thread only."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QWidget,
)

from ui.forms import embed_form
from ui.status_chip import StatusChipDelegate
from ui.units_model import (
    NAME,
    STATUS,
    STATUS_ORDER,
    UnitsFilterModel,
    UnitsTableModel,
    status_label,
)
from wagedesk.store.overview import UnitRow

ALL = "*"
WIDTHS = {0: 64, 2: 110, 3: 150, 4: 120, 5: 150, 6: 100}


class UnitOverview(QWidget):
    unit_activated = Signal(object)  # UnitRow
    demo_requested = Signal()
    import_requested = Signal()
    choose_database_requested = Signal()
    batch_export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = embed_form(self, "main_window.ui")
        find = self.form.findChild
        self.pages: QStackedWidget = find(QStackedWidget, "pages")
        self.table: QTableView = find(QTableView, "unitTable")
        self.search: QLineEdit = find(QLineEdit, "searchEdit")
        self.summary: QLabel = find(QLabel, "summaryLabel")
        self.message: QLabel = find(QLabel, "messageLabel")
        self.busy: QProgressBar = find(QProgressBar, "busyBar")
        self.chip_row: QWidget = find(QWidget, "chipRow")
        self.demo_button: QPushButton = find(QPushButton, "demoButton")
        self.import_button: QPushButton = find(QPushButton, "importButton")
        self.choose_button: QPushButton = find(QPushButton, "chooseDbButton")
        self.batch_button: QPushButton = find(QPushButton, "batchExportButton")
        self.busy.setVisible(False)
        self.model = UnitsTableModel(self)
        self.proxy = UnitsFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self._setup_table()
        self._chips = QButtonGroup(self)
        self._chips.setExclusive(True)
        self._chip_keys: dict[QPushButton, str] = {}
        self._build_chips()
        self.search.textChanged.connect(self._on_search)
        self.demo_button.clicked.connect(self.demo_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.choose_button.clicked.connect(self.choose_database_requested)
        self.batch_button.clicked.connect(self.batch_export_requested)
        self.show_message("正在打开数据库…", choose=False)

    def _setup_table(self) -> None:
        table = self.table
        table.setModel(self.proxy)
        table.setItemDelegateForColumn(STATUS, StatusChipDelegate(table))
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(34)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col, width in WIDTHS.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.activated.connect(self._on_activated)

    def _build_chips(self) -> None:
        layout = self.chip_row.layout()
        for key in [ALL, *STATUS_ORDER]:
            button = QPushButton(self.chip_row)
            button.setCheckable(True)
            button.setObjectName("statusChip")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setProperty("statusKey", key)
            self._chips.addButton(button)
            self._chip_keys[button] = key
            layout.addWidget(button)
            button.toggled.connect(lambda on, k=key: on and self.set_status_filter(k))
        layout.addStretch(1)
        next(iter(self._chip_keys)).setChecked(True)

    # -- content --------------------------------------------------------------------------------
    def set_rows(self, rows: list[UnitRow]) -> None:
        """Show these units, keeping filter, search, sort order and the selected unit."""
        selected = self.selected_unit()
        self.model.set_rows(rows)
        counts = self.model.counts()
        parts = [f"{status_label(k)} {counts[k]}" for k in STATUS_ORDER if counts[k]]
        self.summary.setText(f"共 {len(rows)} 家：" + " · ".join(parts) if rows else "")
        for button, key in self._chip_keys.items():
            n = len(rows) if key == ALL else counts[key]
            button.setText(f"{'全部' if key == ALL else status_label(key)}  {n}")
            button.setVisible(key == ALL or n > 0)
        self.chip_row.setVisible(bool(rows))
        self.search.setVisible(bool(rows))
        self.batch_button.setVisible(bool(rows))
        self.pages.setCurrentWidget(self.form.findChild(QWidget, "tablePage" if rows else "emptyPage"))
        if selected is not None:
            self.select_seq(selected.seq)

    def show_message(self, text: str, *, choose: bool = True) -> None:
        self.message.setText(text)
        self.choose_button.setVisible(choose)
        self.chip_row.setVisible(False)
        self.search.setVisible(False)
        self.batch_button.setVisible(False)
        self.summary.setText("")
        self.pages.setCurrentWidget(self.form.findChild(QWidget, "messagePage"))

    def set_busy(self, busy: bool, maximum: int = 0) -> None:
        self.busy.setVisible(busy)
        self.busy.setRange(0, maximum)
        self.busy.setValue(0)
        self.demo_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)

    # -- filter, search, selection ----------------------------------------------------------------
    def set_status_filter(self, key: str) -> None:
        self.proxy.set_status_filter(None if key == ALL else key)
        for button, k in self._chip_keys.items():
            if k == key and not button.isChecked():
                button.setChecked(True)

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)

    def visible_rows(self) -> list[UnitRow]:
        return [self.proxy.row_at(r) for r in range(self.proxy.rowCount())]

    def selected_unit(self) -> UnitRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.proxy.row_at(rows[0].row()) if rows else None

    def selected_units(self) -> list[UnitRow]:
        """Every selected unit (the table allows Ctrl/Shift multi-selection), in view order."""
        model = self.table.selectionModel()
        rows = sorted(i.row() for i in model.selectedRows()) if model else []
        return [self.proxy.row_at(r) for r in rows]

    def select_seq(self, seq: int) -> None:
        for r in range(self.proxy.rowCount()):
            if self.proxy.row_at(r).seq == seq:
                self.table.selectRow(r)
                return

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.unit_activated.emit(self.proxy.row_at(index.row()))
