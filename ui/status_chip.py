"""Workflow statuses drawn as small coloured chips: ``StatusChipDelegate`` for the units table
and ``chip_style`` for labels elsewhere (review panel, filter buttons). Colours come from
``ui.units_model.STATUS_COLOURS``. GUI thread only."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.units_model import NONE_KEY, STATUS_COLOURS, STATUS_ROLE


def chip_style(status: str | None) -> str:
    fg, bg = STATUS_COLOURS.get(status or NONE_KEY, STATUS_COLOURS[NONE_KEY])
    return (f"color: {fg}; background: {bg}; border-radius: 10px; padding: 2px 10px;"
            " font-weight: 600;")


class StatusChipDelegate(QStyledItemDelegate):
    """Paints the status cell as a rounded chip in the status colours."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:  # background, selection, focus
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        fg, bg = STATUS_COLOURS.get(index.data(STATUS_ROLE) or NONE_KEY, STATUS_COLOURS[NONE_KEY])
        metrics = QFontMetrics(opt.font)
        width = metrics.horizontalAdvance(text) + 20
        height = metrics.height() + 4
        rect = QRectF(opt.rect.x() + 8, opt.rect.center().y() - height / 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(QColor(fg))
        painter.setFont(opt.font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        return QSize(base.width() + 28, max(base.height(), QFontMetrics(option.font).height() + 12))
