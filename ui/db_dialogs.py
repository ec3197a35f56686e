"""The dialogs around the database itself: what to do with a damaged file (restore the newest
backup, choose another file, or stop) and the report of a roster import. Small functions so
tests can replace them with monkeypatch. GUI thread only."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from wagedesk.store import DatabaseDamagedError
from wagedesk.store.roster import RosterReport

DB_FILTER = "WageDesk 数据库 (*.db *.sqlite);;所有文件 (*)"
ROSTER_FILTER = "试点单位名单 (*.xlsx *.xlsm *.csv);;所有文件 (*)"
RESTORE, CHOOSE, CANCEL = "restore", "choose", "cancel"


def ask_damaged(parent: QWidget | None, err: DatabaseDamagedError) -> str:
    """RESTORE (only offered when a backup exists), CHOOSE or CANCEL."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("数据库无法打开")
    # Qt wraps message boxes narrowly; long paths and Chinese read better a little wider
    box.setStyleSheet("QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 420px; }")
    box.setText(f"无法打开数据库文件：\n{err.path}")
    detail = "文件可能已损坏，或者不是工资协商助手的数据库。"
    if err.backup is not None:
        detail += (f"\n\n可以用最新的自动备份替换它：\n{err.backup.name}\n"
                   "损坏的文件会改名保留在原文件夹中，不会被删除。")
    box.setInformativeText(detail)
    restore = box.addButton("恢复最新备份", QMessageBox.ButtonRole.AcceptRole) if err.backup else None
    choose = box.addButton("选择其他数据库文件…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("暂不打开", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return RESTORE
    return CHOOSE if clicked is choose else CANCEL


def choose_database(parent: QWidget | None, start: Path | None) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, "打开数据库文件",
                                          str(start.parent if start else Path.home()), DB_FILTER)
    return Path(path) if path else None


def choose_roster(parent: QWidget | None) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, "导入试点单位名单", str(Path.home()), ROSTER_FILTER)
    return Path(path) if path else None


def roster_summary(report: RosterReport) -> tuple[str, str]:
    """(headline, details) of an import in Chinese; details lists bad rows by row number."""
    head = (f"导入完成：新增 {report.added} 家，更新 {report.updated} 家，"
            f"未变 {report.unchanged} 家。")
    if report.errors:
        head += f"\n有 {len(report.errors)} 行没有导入，请在表格中改正后重新导入（已导入的行不会重复）。"
    lines = [f"第 {row} 行：{text}" for row, text in report.errors]
    lines += [f"第 {row} 行（已导入，请留意）：{text}" for row, text in report.warnings]
    return head, "\n".join(lines)


def show_roster_report(parent: QWidget | None, report: RosterReport) -> None:
    head, details = roster_summary(report)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if report.errors else QMessageBox.Icon.Information)
    box.setWindowTitle("导入试点单位名单")
    box.setText(head)
    if details:
        box.setInformativeText("点击“显示详细信息”查看每一行的问题。")
        box.setDetailedText(details)
    box.exec()
