"""The editor's left-hand list of the twelve chapter steps. Each row shows the step's title, how
much of it is filled in, and a badge: a red count of errors, an amber count of warnings, or a green
tick when the step is complete and clean. The badge data are item roles; a delegate paints them.
GUI thread only."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from wagedesk.model import STEPS

STEP_ROLE = Qt.ItemDataRole.UserRole
STATE_ROLE = Qt.ItemDataRole.UserRole + 1

ERROR = QColor("#c5221f")
WARNING = QColor("#b06000")
DONE = QColor("#188038")
MUTED = QColor("#6b7280")
SELECTED_BG = QColor("#e7effc")
SELECTED_BAR = QColor("#2f6fde")


@dataclass
class StepState:
    filled: int = 0
    total: int = 0
    errors: int = 0
    warnings: int = 0

    def summary(self) -> str:
        parts = [f"已填 {self.filled}/{self.total}"]
        if self.errors:
            parts.append(f"{self.errors} 个错误")
        if self.warnings:
            parts.append(f"{self.warnings} 个警告")
        return " · ".join(parts)


def populate(widget: QListWidget) -> None:
    widget.clear()
    for number, (step, title) in enumerate(STEPS.items(), start=1):
        item = QListWidgetItem(f"{number}. {title}")
        item.setData(STEP_ROLE, step)
        item.setData(STATE_ROLE, StepState())
        item.setSizeHint(QSize(200, 44))
        widget.addItem(item)
    widget.setItemDelegate(StepDelegate(widget))


def set_state(widget: QListWidget, step: str, state: StepState) -> None:
    for row in range(widget.count()):
        item = widget.item(row)
        if item.data(STEP_ROLE) == step:
            item.setData(STATE_ROLE, state)
            item.setToolTip(f"{item.text()}：{state.summary()}")


class StepDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(200, 44)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        state: StepState = index.data(STATE_ROLE) or StepState()
        rect: QRect = option.rect  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.fillRect(rect, SELECTED_BG)
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), SELECTED_BAR)
        base: QFont = option.font  # type: ignore[attr-defined]
        title_font = QFont(base)
        title_font.setBold(selected)
        painter.setFont(title_font)
        painter.setPen(QColor("#1f2937"))
        text_rect = rect.adjusted(14, 3, -44, -rect.height() // 2)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                         str(index.data(Qt.ItemDataRole.DisplayRole)))
        small = QFont(base)
        small.setPointSizeF(max(base.pointSizeF() - 1.5, 7.0))
        painter.setFont(small)
        painter.setPen(MUTED)
        painter.drawText(rect.adjusted(14, rect.height() // 2 + 2, -44, -4),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         f"已填 {state.filled}/{state.total}")
        self._badge(painter, rect, state, small)
        painter.restore()

    def _badge(self, painter: QPainter, rect: QRect, state: StepState, font: QFont) -> None:
        if state.errors or state.warnings:
            color = ERROR if state.errors else WARNING
            text = str(state.errors or state.warnings)
        elif state.total and state.filled == state.total:
            color, text = DONE, "✓"
        else:
            return
        painter.setFont(font)
        width = max(22, painter.fontMetrics().horizontalAdvance(text) + 12)
        pill = QRect(rect.right() - width - 12, rect.center().y() - 10, width, 20)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(pill, 10, 10)
        painter.setPen(QColor("white"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
