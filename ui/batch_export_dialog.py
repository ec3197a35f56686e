"""批量导出合同: the dialog in which union staff export many pilot units' contracts at once —
output folder (the last one is remembered in ``<data dir>/batch_export.json``), statuses with
their counts (default 已签订 + 已报送, or 全部), formats, optionally only the units selected in the
overview. 开始导出 hands ``wagedesk.export_batch`` to a worker thread (the core itself uses
processes); the worker only waits and relays progress through Qt signals. 取消 sets the core's
cancel event; the end shows 成功 n，失败 m with every failed unit and its reason, and 打开文件夹 /
打开清单. GUI thread only, except the function given to the task runner."""
from __future__ import annotations

import json
import logging
import multiprocessing
import os
import threading
from collections import Counter
from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from ui.exporting import open_folder
from ui.forms import embed_form
from ui.recovery import data_dir as default_data_dir
from ui.tasks import TaskRunner
from wagedesk.errors import UserError
from wagedesk.export import UnitResult
from wagedesk.export_batch import ExportSummary, export_batch, jobs_for
from wagedesk.logs import apology, setup_logging
from wagedesk.model import Status
from wagedesk.store.db import Database
from wagedesk.store.overview import UnitRow

SETTINGS_FILE = "batch_export.json"
DEFAULT_STATUSES = (Status.signed, Status.filed)
FORMAT_NAMES = {"docx": "DOCX", "pdf": "PDF"}
# Workers must not be forked from this process: Qt's threads may hold locks at that moment.
SAFE_START = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else None


def load_last_folder(base: Path | None) -> Path | None:
    try:
        data = json.loads(((base or default_data_dir()) / SETTINGS_FILE).read_text(encoding="utf-8"))
        return Path(data["folder"]) if data.get("folder") else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save_last_folder(folder: Path, base: Path | None) -> None:
    path = (base or default_data_dir()) / SETTINGS_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"folder": str(folder)}, ensure_ascii=False), encoding="utf-8")
    except OSError:  # remembering the folder is a convenience, never a reason to fail
        logging.getLogger(__name__).warning("cannot remember the export folder", exc_info=True)


def clock(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class _Relay(QObject):
    """Carries the worker's progress to the GUI thread (queued across threads)."""

    progressed = Signal(int, int, object, object)  # done, total, UnitResult | None, eta | None


class BatchExportDialog(QDialog):
    """Choose, run and summarise one batch export. ``finished_export`` carries the summary."""

    finished_export = Signal(object)  # ExportSummary

    def __init__(self, db: Database, rows: list[UnitRow], selected: Collection[int] = (), *,
                 data_dir: Path | None = None, workers: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.rows, self.selected = db, list(rows), set(selected)
        self.data_dir = data_dir
        self.workers = workers or os.cpu_count() or 1
        self.cancel_event: threading.Event | None = None
        self.summary: ExportSummary | None = None
        self.runner = TaskRunner(self)
        self.relay = _Relay(self)
        self.relay.progressed.connect(self._on_progress)
        self.setWindowTitle("批量导出合同")
        self.form = embed_form(self, "batch_export_dialog.ui")
        self._find_widgets()
        self._build_status_checks()
        self._connect()
        last = load_last_folder(data_dir)
        self.folder_edit.setText(str(last or Path.home() / "WageDesk 合同导出"))
        n = len(self.selected)
        self.selected_check.setText(f"只导出总览中选中的 {n} 家单位" if n else
                                    "只导出总览中选中的单位（可在总览中按住 Ctrl 或 Shift 多选）")
        self.selected_check.setEnabled(n > 0)
        self.resize(600, 520)
        self._show_setup()

    def _find_widgets(self) -> None:
        find = self.form.findChild
        self.pages: QStackedWidget = find(QStackedWidget, "pages")
        self.folder_edit: QLineEdit = find(QLineEdit, "folderEdit")
        self.browse_button: QPushButton = find(QPushButton, "browseButton")
        self.all_check: QCheckBox = find(QCheckBox, "allCheck")
        self.status_grid: QGridLayout = find(QGridLayout, "statusGrid")
        self.docx_check: QCheckBox = find(QCheckBox, "docxCheck")
        self.pdf_check: QCheckBox = find(QCheckBox, "pdfCheck")
        self.selected_check: QCheckBox = find(QCheckBox, "selectedCheck")
        self.plan_label: QLabel = find(QLabel, "planLabel")
        self.headline: QLabel = find(QLabel, "headlineLabel")
        self.progress: QProgressBar = find(QProgressBar, "progressBar")
        self.current_label: QLabel = find(QLabel, "currentLabel")
        self.eta_label: QLabel = find(QLabel, "etaLabel")
        self.summary_label: QLabel = find(QLabel, "resultLabel")
        self.failed_list: QListWidget = find(QListWidget, "failedList")
        self.open_folder_button: QPushButton = find(QPushButton, "openFolderButton")
        self.open_manifest_button: QPushButton = find(QPushButton, "openManifestButton")
        self.start_button: QPushButton = find(QPushButton, "startButton")
        self.cancel_button: QPushButton = find(QPushButton, "cancelButton")
        self.close_button: QPushButton = find(QPushButton, "closeButton")

    def _build_status_checks(self) -> None:
        counts = Counter(r.status for r in self.rows if r.status)
        self.status_checks: dict[Status, QCheckBox] = {}
        for i, status in enumerate(Status):
            check = QCheckBox(f"{status.label}（{counts[status.value]}）", self.form)
            check.setObjectName(f"status_{status.value}")
            check.setChecked(status in DEFAULT_STATUSES)
            self.status_grid.addWidget(check, i // 3, i % 3)
            self.status_checks[status] = check
            check.toggled.connect(self._status_toggled)
        self.all_check.setText(f"全部（{sum(counts.values())}）")
        self._status_toggled()

    def _connect(self) -> None:
        self.all_check.clicked.connect(self._all_clicked)
        for widget in (self.docx_check, self.pdf_check, self.selected_check):
            widget.toggled.connect(self._update_plan)
        self.folder_edit.textChanged.connect(self._update_plan)
        self.browse_button.clicked.connect(self._browse)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        self.open_folder_button.clicked.connect(lambda: self.summary and open_folder(self.summary.out_dir))
        self.open_manifest_button.clicked.connect(
            lambda: self.summary and self.summary.csv_path and open_folder(self.summary.csv_path))

    # -- choosing -------------------------------------------------------------------------------
    def statuses(self) -> set[Status]:
        return {s for s, check in self.status_checks.items() if check.isChecked()}

    def formats(self) -> tuple[str, ...]:
        return tuple(f for f, c in (("docx", self.docx_check), ("pdf", self.pdf_check)) if c.isChecked())

    def unit_seqs(self) -> set[int] | None:
        return set(self.selected) if self.selected_check.isChecked() else None

    def planned_rows(self) -> list[UnitRow]:
        statuses, seqs = {s.value for s in self.statuses()}, self.unit_seqs()
        return [r for r in self.rows if r.status in statuses and (seqs is None or r.seq in seqs)]

    def _all_clicked(self, on: bool) -> None:
        for check in self.status_checks.values():
            check.blockSignals(True)
            check.setChecked(on)
            check.blockSignals(False)
        self._status_toggled()

    def _status_toggled(self) -> None:
        chosen = len(self.statuses())
        self.all_check.setCheckState(Qt.CheckState.Checked if chosen == len(self.status_checks)
                                     else Qt.CheckState.PartiallyChecked if chosen
                                     else Qt.CheckState.Unchecked)
        self._update_plan()

    def _update_plan(self) -> None:
        units, formats = len(self.planned_rows()), self.formats()
        if not formats:
            text = "请至少选择一种格式。"
        elif not units:
            text = "没有符合条件的单位：请调整状态或取消“只导出选中的单位”。"
        else:
            names = " 和 ".join(FORMAT_NAMES[f] for f in formats)
            text = f"将导出 {units} 家单位的合同，共 {units * len(formats)} 个文件（{names}）。"
            if self.unit_seqs() is not None and units < len(self.selected):
                text += f"选中的 {len(self.selected)} 家中其余的不是所选状态或还没有草案。"
        if not self.folder_edit.text().strip():
            text = "请选择输出文件夹。"
        self.plan_label.setText(text)
        self.start_button.setEnabled(bool(units and formats and self.folder_edit.text().strip()))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择输出文件夹", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    # -- running --------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.cancel_event is not None

    def start(self) -> None:
        """Create the folder, remember it, and run the export on a worker thread."""
        folder = Path(self.folder_edit.text().strip()).expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            QMessageBox.warning(self, "无法使用这个文件夹",
                                f"无法创建输出文件夹 {folder}（{err.strerror}）。请换一个位置。")
            return
        if not folder.is_dir():
            QMessageBox.warning(self, "无法使用这个文件夹", f"{folder} 不是文件夹。请换一个输出位置。")
            return
        save_last_folder(folder, self.data_dir)
        db, workers, relay = self.db, self.workers, self.relay
        statuses, seqs, formats = self.statuses(), self.unit_seqs(), self.formats()
        cancel = self.cancel_event = threading.Event()
        self._show_running(len(self.planned_rows()))

        def work() -> ExportSummary:  # worker thread: waits for the processes, relays progress
            jobs = jobs_for(db, out_dir=folder, statuses=statuses, unit_seqs=seqs, formats=formats)
            return export_batch(jobs, workers, relay.progressed.emit, cancel, out_dir=folder,
                                start_method=SAFE_START)

        self.runner.run(work, on_success=self._finished, on_failure=self._failed)

    def cancel(self) -> None:
        if self.cancel_event is None or self.cancel_event.is_set():
            return
        self.cancel_event.set()
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText("正在取消…")
        self.headline.setText("正在取消：等进行中的单位写完（不会留下不完整的文件）…")

    def _on_progress(self, done: int, total: int, unit: UnitResult | None, eta: float | None) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if unit is None:
            self.current_label.setText("正在准备模板和字体（首次导出 PDF 约需数秒）…")
        else:
            mark = "失败" if unit.error else "已完成"
            self.current_label.setText(f"{mark}：{unit.seq:03d} {unit.enterprise}")
        self.eta_label.setText(f"预计剩余 {clock(eta)}" if eta is not None and done < total else "")

    def _finished(self, summary: ExportSummary) -> None:
        self.cancel_event, self.summary = None, summary
        failed = summary.failed
        if summary.cancelled:
            self.headline.setText("已取消导出")
            text = (f"已完成 {len(summary.results)} / {summary.total} 家：成功 {len(summary.succeeded)}，"
                    f"失败 {len(failed)}。其余单位未导出；已写好的文件完整保留，没有留下临时文件。")
        else:
            self.headline.setText("导出完成" if not failed else f"导出完成，{len(failed)} 家失败")
            text = (f"成功 {len(summary.succeeded)}，失败 {len(failed)}，用时 {summary.seconds:.1f} 秒。"
                    f"\n文件和清单（manifest.csv）在：{summary.out_dir}")
        self.summary_label.setText(text)
        self.failed_list.clear()
        for result in failed:
            self.failed_list.addItem(f"{result.seq:03d} {result.enterprise}：{result.error}")
        self.failed_list.setVisible(bool(failed))
        self.current_label.setText("")
        self.eta_label.setText("")
        self._show_done(has_manifest=summary.csv_path is not None)
        self.finished_export.emit(summary)

    def _failed(self, err: BaseException) -> None:
        self.cancel_event = None
        self.headline.setText("导出没有完成")
        if isinstance(err, UserError):
            self.summary_label.setText(err.message)
        else:
            path = setup_logging()
            logging.getLogger(__name__).error("batch export failed", exc_info=err)
            self.summary_label.setText(apology(path))
        self.failed_list.setVisible(False)
        self._show_done(has_manifest=False)

    # -- pages and buttons ----------------------------------------------------------------------
    def _buttons(self, *visible: QPushButton) -> None:
        for button in (self.open_folder_button, self.open_manifest_button, self.start_button,
                       self.cancel_button, self.close_button):
            button.setVisible(button in visible)

    def _show_setup(self) -> None:
        self.pages.setCurrentIndex(0)
        self._buttons(self.start_button, self.cancel_button)

    def _show_running(self, total: int) -> None:
        self.pages.setCurrentIndex(1)
        self.headline.setText("正在导出…")
        self.summary_label.setText("")
        self.failed_list.setVisible(False)
        self._on_progress(0, total, None, None)
        self.cancel_button.setText("取消")
        self.cancel_button.setEnabled(True)
        self._buttons(self.cancel_button)

    def _show_done(self, *, has_manifest: bool) -> None:
        self._buttons(self.open_folder_button, self.open_manifest_button, self.close_button)
        self.open_manifest_button.setEnabled(has_manifest)
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def reject(self) -> None:
        """Esc, 取消 and the window's close button cancel a running export instead of leaving it."""
        if self.running:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def wait(self, msecs: int = 60000) -> bool:
        """Cancel and wait for a running export (the main window closing)."""
        self.cancel()
        return self.runner.wait(msecs)
