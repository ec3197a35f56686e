"""One editor widget per kind of draft field (text, long text, count, money, percent, date,
choice, yes/no, set of choices), all with the same small interface: ``value()``/``set_value()``
for the model value, ``edited`` when the user changes it, ``problem()`` for typed input that is
not a valid value (shown red with a Chinese tooltip, never dropped silently), ``set_read_only()``
and ``mark()`` for a finding. Choice-like editors and ``editor_for()`` (which picks the editor from a
field's type and title) are in ``ui.field_factory``. Parsing is plain Python (``parse_decimal``)
so it is tested without widgets. GUI thread only.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic.fields import FieldInfo
from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

# Free-text fields that hold a clause or a paragraph rather than a name or a number.
LONG_TEXT_FIELDS = frozenset({
    "posts", "promotion_path", "key_post_tilt", "conditions", "eligibility", "innovation_award",
    "competition_award", "measures", "supervision", "dispute_resolution", "other_terms", "summary",
})
MAX_COUNT = 9_999_999
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
_UNIT = re.compile(r"（(元[^）]*|%)）")
EMPTY_DATE = QDate(1900, 1, 1)
CHINA = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def parse_decimal(text: str, *, percent: bool) -> Decimal | None:
    """The Decimal a person typed (full-width digits, thousands commas, ¥/元/% tolerated);
    ``None`` for an empty field. Raises ``ValueError`` with a Chinese reason otherwise."""
    cleaned = text.translate(_FULL_WIDTH)
    for junk in (",", "，", " ", "\u3000", "¥", "￥", "元", "%", "％"):
        cleaned = cleaned.replace(junk, "")
    if not cleaned:
        return None
    example = "如 5.5" if percent else "如 2740 或 2740.50"
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"“{text}”不是数字，请只填数字（{example}）") from None
    if not value.is_finite() or "e" in cleaned.lower():
        raise ValueError(f"“{text}”不是数字，请只填数字（{example}）")
    if value < 0 and not percent:
        raise ValueError("金额不能为负数")
    if -value.as_tuple().exponent > 2:  # type: ignore[operator]
        raise ValueError("最多保留两位小数" + ("" if percent else "（精确到分）"))
    if abs(value) >= Decimal("1e13"):
        raise ValueError("数值过大，请检查是否多输了位数")
    return value


def format_decimal(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def unit_of(info: FieldInfo) -> str:
    """The unit a money/percent field shows after the box: ``元``, ``元/月`` or ``%``."""
    found = _UNIT.search(info.title or "")
    return found.group(1) if found else "元"


def freeze(widget: QWidget, frozen: bool) -> None:
    """Read-only for widgets Qt gives no read-only mode (combo and check boxes), without the
    grey of ``setEnabled(False)`` so a reviewer can still read them comfortably."""
    widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, frozen)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus if frozen else Qt.FocusPolicy.StrongFocus)


def _restyle(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class FieldEditor(QWidget):
    """Base of every field editor: a thin frame around the real input widget."""

    edited = Signal()

    def __init__(self, info: FieldInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self._problem: str | None = None
        self._mark_text = ""
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)

    # -- the interface the form uses -------------------------------------------------------
    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        raise NotImplementedError

    def input_widget(self) -> QWidget:
        raise NotImplementedError

    def problem(self) -> str | None:
        """Why the typed text is not a value (Chinese), or ``None``."""
        return self._problem

    def is_empty(self) -> bool:
        return self.value() in (None, "", [])

    def mark(self, severity: str | None, message: str = "") -> None:
        """Show a finding on this field (``'error'``/``'warning'``) or clear it (``None``)."""
        self._mark_text = message
        self.input_widget().setProperty("finding", severity or "")
        self._refresh_look()

    # -- shared plumbing --------------------------------------------------------------------
    def _set_problem(self, problem: str | None) -> None:
        self._problem = problem
        self.input_widget().setProperty("invalid", bool(problem))
        self._refresh_look()

    def _refresh_look(self) -> None:
        tips = [t for t in (self._problem, self._mark_text, self.info.description) if t]
        self.input_widget().setToolTip("\n".join(tips))
        _restyle(self.input_widget())


class TextEditor(FieldEditor):
    def __init__(self, info: FieldInfo, parent: QWidget | None = None) -> None:
        super().__init__(info, parent)
        self.line = QLineEdit()
        self.line.setPlaceholderText(info.description or "")
        self.line.setClearButtonEnabled(True)
        self.line.textEdited.connect(lambda _t: self.edited.emit())
        self.line.setMinimumWidth(150)
        self._layout.addWidget(self.line)
        self._refresh_look()

    def value(self) -> str | None:
        return self.line.text().strip() or None

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)
        self.line.setClearButtonEnabled(not read_only)

    def input_widget(self) -> QWidget:
        return self.line


class LongTextEditor(FieldEditor):
    def __init__(self, info: FieldInfo, parent: QWidget | None = None) -> None:
        super().__init__(info, parent)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(info.description or "")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(76)
        self.text.textChanged.connect(self._on_changed)
        self._quiet = False
        self._layout.addWidget(self.text)
        self._refresh_look()

    def _on_changed(self) -> None:
        if not self._quiet:
            self.edited.emit()

    def value(self) -> str | None:
        return self.text.toPlainText().strip() or None

    def set_value(self, value: Any) -> None:
        self._quiet = True
        try:
            self.text.setPlainText("" if value is None else str(value))
        finally:
            self._quiet = False

    def set_read_only(self, read_only: bool) -> None:
        self.text.setReadOnly(read_only)

    def input_widget(self) -> QWidget:
        return self.text


class OptionalSpinBox(QSpinBox):
    """A spin box whose empty text means "not filled in" (the minimum, -1, stands for None)."""

    def validate(self, text: str, pos: int) -> Any:
        if not text.strip():
            return QValidator.State.Acceptable
        return super().validate(text.translate(_FULL_WIDTH), pos)

    def valueFromText(self, text: str) -> int:
        return -1 if not text.strip() else super().valueFromText(text.translate(_FULL_WIDTH))

    def textFromValue(self, value: int) -> str:
        return "" if value < 0 else str(value)


class CountEditor(FieldEditor):
    def __init__(self, info: FieldInfo, parent: QWidget | None = None) -> None:
        super().__init__(info, parent)
        self.spin = OptionalSpinBox()
        self.spin.setRange(-1, MAX_COUNT)
        self.spin.setValue(-1)
        self.spin.setMinimumWidth(110)
        self.spin.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.spin.lineEdit().setPlaceholderText("未填写")
        self.spin.valueChanged.connect(self._on_changed)
        self._quiet = False
        self._layout.addWidget(self.spin)
        self._layout.addStretch(1)
        self._refresh_look()

    def _on_changed(self, _value: int) -> None:
        if not self._quiet:
            self.edited.emit()

    def value(self) -> int | None:
        return None if self.spin.value() < 0 else self.spin.value()

    def set_value(self, value: Any) -> None:
        self._quiet = True
        try:
            self.spin.setValue(-1 if value is None else int(value))
        finally:
            self._quiet = False

    def set_read_only(self, read_only: bool) -> None:
        # Read-only disables stepping, so the arrows draw as :off (no image). Switching to
        # NoButtons instead collapses the text field to 1 px under the stylesheet.
        self.spin.setReadOnly(read_only)

    def input_widget(self) -> QWidget:
        return self.spin


class DecimalEditor(FieldEditor):
    """Money or percent, typed as text and kept as ``Decimal`` (never float)."""

    def __init__(self, info: FieldInfo, parent: QWidget | None = None) -> None:
        super().__init__(info, parent)
        self.unit = unit_of(info)
        self.percent = self.unit == "%"
        self._value: Decimal | None = None
        self.line = QLineEdit()
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.line.setPlaceholderText("未填写")
        self.line.setMinimumWidth(110)
        self.line.setMaximumWidth(160)
        self.line.textEdited.connect(self._on_text)
        self.suffix = QLabel(self.unit)
        self.suffix.setObjectName("unitLabel")
        self._layout.addWidget(self.line)
        self._layout.addWidget(self.suffix)
        self._layout.addStretch(1)
        self._refresh_look()

    def _on_text(self, text: str) -> None:
        try:
            self._value = parse_decimal(text, percent=self.percent)
        except ValueError as err:
            self._set_problem(f"无法识别：{err}。改正之前，草案中保留上一个可识别的值。")
        else:
            self._set_problem(None)
        self.edited.emit()

    def value(self) -> Decimal | None:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = None if value is None else Decimal(value)
        self.line.setText(format_decimal(self._value))
        self._set_problem(None)

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)

    def input_widget(self) -> QWidget:
        return self.line


class DateEditor(FieldEditor):
    """A date that may be empty: the check box says whether it is filled in."""

    def __init__(self, info: FieldInfo, parent: QWidget | None = None) -> None:
        super().__init__(info, parent)
        self.check = QCheckBox()
        self.check.setToolTip("勾选后填写日期；取消勾选即清空")
        self.edit = QDateEdit()
        self.edit.setDisplayFormat("yyyy年M月d日")
        self.edit.setCalendarPopup(True)
        self.edit.setLocale(CHINA)
        self.edit.calendarWidget().setLocale(CHINA)
        self.edit.setMinimumDate(EMPTY_DATE)
        self.edit.setSpecialValueText("未填写")
        self.edit.setMinimumWidth(150)
        self._remembered = QDate.currentDate()
        self._quiet = False
        self.check.toggled.connect(self._on_toggled)
        self.edit.dateChanged.connect(self._on_date)
        self._layout.addWidget(self.check)
        self._layout.addWidget(self.edit)
        self._layout.addStretch(1)
        self._show(None)
        self._refresh_look()

    def _show(self, value: date | None) -> None:
        self._quiet = True
        try:
            self.check.setChecked(value is not None)
            self.edit.setEnabled(value is not None)
            self.edit.setDate(EMPTY_DATE if value is None else QDate(value.year, value.month, value.day))
        finally:
            self._quiet = False

    def _on_toggled(self, on: bool) -> None:
        if self._quiet:
            return
        if on:
            self._show(self._remembered.toPython())
        else:
            self._remembered = self.edit.date() if self.edit.date() != EMPTY_DATE else self._remembered
            self._show(None)
        self.edited.emit()

    def _on_date(self, _d: QDate) -> None:
        if not self._quiet:
            self.edited.emit()

    def value(self) -> date | None:
        if not self.check.isChecked() or self.edit.date() == EMPTY_DATE:
            return None
        return self.edit.date().toPython()

    def set_value(self, value: Any) -> None:
        if value is not None:
            self._remembered = QDate(value.year, value.month, value.day)
        self._show(value)

    def clear(self) -> None:
        """What unticking the box does."""
        self.check.setChecked(False)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        freeze(self.check, read_only)

    def input_widget(self) -> QWidget:
        return self.edit
