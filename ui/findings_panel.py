"""``FindingsPanel``: the list of what the rules found in a draft — 错误/警告, where (the field's
Chinese label path), what and on what basis — with a "检查能否签订" switch. It only shows
findings: the rules come in as an injected ``checker(draft, *, for_signing) -> list[Finding]``
(``wagedesk.rules.check``), so the panel is tested with a fake. Double-clicking a row emits
``path_activated`` (wired to ``DraftEditor.focus_path``). GUI thread only."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ui.forms import embed_form
from wagedesk.model import Draft, label_for

log = logging.getLogger(__name__)

Checker = Callable[..., list[Any]]
PATH_ROLE = Qt.ItemDataRole.UserRole
SEVERITY_WORDS = {"error": "错误", "warning": "警告"}


class FindingsPanel(QWidget):
    """Shows findings; ``refresh(draft)`` runs the checker, ``show_findings`` shows given ones."""

    path_activated = Signal(str)
    signing_toggled = Signal(bool)
    check_requested = Signal()

    def __init__(self, checker: Checker | None = None, parent: QWidget | None = None,
                 *, editor: Any = None) -> None:
        super().__init__(parent)
        self.checker = checker
        self.form = embed_form(self, "findings_panel.ui")
        self.tree: QTreeWidget = self.form.findChild(QTreeWidget, "findingTree")
        self.summary: QLabel = self.form.findChild(QLabel, "summaryLabel")
        self.signing: QCheckBox = self.form.findChild(QCheckBox, "signingToggle")
        self.check_button: QPushButton = self.form.findChild(QPushButton, "checkButton")
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(1, 380)
        header.resizeSection(3, 240)
        self.tree.itemActivated.connect(self._on_activated)
        self.signing.toggled.connect(self.signing_toggled)
        self.check_button.clicked.connect(self.check_requested)
        if editor is not None:
            self.path_activated.connect(editor.focus_path)
        self._icons = {
            "error": self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        if checker is None:
            self.signing.setEnabled(False)
            self.check_button.setEnabled(False)
            self.check_button.setToolTip("本程序尚未安装检查规则。")
        self.show_findings([])

    def for_signing(self) -> bool:
        return self.signing.isChecked()

    def refresh(self, draft: Draft, extra: Iterable[Any] = ()) -> list[Any]:
        """Run the checker on ``draft`` and show its findings after ``extra`` (input problems)."""
        findings: list[Any] = list(extra)
        if self.checker is not None:
            try:
                findings += list(self.checker(draft, for_signing=self.for_signing()))
            except Exception:  # a rules bug must not take the editor down
                log.exception("checker failed")
                self.show_findings(findings, note="检查规则出错，结果不完整；详情已写入日志。")
                return findings
        self.show_findings(findings)
        return findings

    def show_findings(self, findings: Iterable[Any], note: str | None = None) -> None:
        items = sorted(findings, key=lambda f: (f.severity != "error",))
        self.tree.clear()
        for finding in items:
            row = QTreeWidgetItem([SEVERITY_WORDS.get(finding.severity, finding.severity),
                                   label_for(finding.path), finding.message,
                                   getattr(finding, "basis", "") or ""])
            row.setIcon(0, self._icons.get(finding.severity, self._icons["warning"]))
            row.setData(0, PATH_ROLE, finding.path)
            row.setForeground(0, QColor("#c5221f" if finding.severity == "error" else "#b06000"))
            for col in range(4):
                row.setToolTip(col, f"{label_for(finding.path)}\n{finding.message}")
            self.tree.addTopLevelItem(row)
        errors = sum(1 for f in items if f.severity == "error")
        warnings = len(items) - errors
        if note:
            text = note
        elif self.checker is None and not items:
            text = "本程序尚未安装检查规则。"
        elif not items:
            text = "未发现问题" + ("，可以签订。" if self.for_signing() else "。")
        else:
            text = f"{errors} 个错误，{warnings} 个警告。双击一行可转到该项。"
        self.summary.setText(text)

    def count(self) -> int:
        return self.tree.topLevelItemCount()

    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        path = item.data(0, PATH_ROLE)
        if path:
            self.path_activated.emit(str(path))
