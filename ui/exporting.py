"""The desktop side of exporting one contract from a draft window: the default file name
(``wagedesk.export.file_name``: ``<序号三位>_<企业名称>_技能人才工资专项集体合同.pdf``), the
busy bar in the status bar while the worker renders, and the success message with
「打开所在文件夹」. GUI thread only."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QStatusBar, QWidget

from wagedesk.export import SUFFIX, file_name, safe_name
from wagedesk.model import Draft


def default_export_name(draft: Draft, seq: int | None, ext: str) -> str:
    """The batch export's name for the unit; without a unit number, the name without it."""
    if seq is not None:
        return file_name(seq, draft.enterprise.name or "", ext)
    return f"{safe_name(draft.enterprise.name or '')}_{SUFFIX}.{ext}"


class ExportIndicator:
    """An indeterminate progress bar with a label, shown in the status bar during an export."""

    def __init__(self, bar: QStatusBar) -> None:
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 0)  # busy: the writers do not report steps
        self.progress.setMaximumWidth(160)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        bar.addPermanentWidget(self.label)
        bar.addPermanentWidget(self.progress)
        self.stop()

    def start(self, target: Path) -> None:
        hint = "（首次导出 PDF 需要准备字体，约需数秒）" if target.suffix.lower() == ".pdf" else ""
        self.label.setText(f"正在导出 {target.name}…{hint}")
        self.label.setVisible(True)
        self.progress.setVisible(True)

    def stop(self) -> None:
        self.label.setVisible(False)
        self.progress.setVisible(False)

    @property
    def busy(self) -> bool:
        return self.progress.isVisible()


def open_folder(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_exported(parent: QWidget, target: Path) -> QMessageBox:
    """A non-blocking success message; 「打开所在文件夹」 opens the folder in the file manager."""
    box = QMessageBox(QMessageBox.Icon.Information, "导出完成",
                      f"合同已导出：\n{target}", QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("exportedBox")
    folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.AcceptRole)
    box.buttonClicked.connect(lambda button: open_folder(target.parent) if button is folder else None)
    box.finished.connect(box.deleteLater)
    box.open()
    return box
