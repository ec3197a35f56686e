"""Editors for coded values (combo box, check box, a set of check boxes) and ``editor_for()``,
which picks a field's editor from its pydantic type and name, so the form never states a
widget twice. GUI thread only."""
from __future__ import annotations

import types
import typing
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic.fields import FieldInfo
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QWidget

from ui.field_widgets import (
    LONG_TEXT_FIELDS,
    CountEditor,
    DateEditor,
    DecimalEditor,
    FieldEditor,
    LongTextEditor,
    TextEditor,
    freeze,
)

# Codes the model stores as plain strings but people should see in Chinese.
REGION_LABELS = {"shanghai": "上海市"}


class ChoiceEditor(FieldEditor):
    """A combo box of (value, Chinese label); ``未选择`` first when the field may be empty."""

    def __init__(self, info: FieldInfo, choices: list[tuple[Any, str]], optional: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(info, parent)
        self.combo = QComboBox()
        self.combo.setMinimumWidth(150)
        self._values: list[Any] = []
        if optional:
            self._add(None, "未选择")
        for value, label in choices:
            self._add(value, label)
        self._quiet = False
        self.combo.currentIndexChanged.connect(self._on_changed)
        self._layout.addWidget(self.combo)
        self._layout.addStretch(1)
        self._refresh_look()

    def _add(self, value: Any, label: str) -> None:
        self._values.append(value)
        self.combo.addItem(label)

    def _on_changed(self, _i: int) -> None:
        if not self._quiet:
            self.edited.emit()

    def value(self) -> Any:
        index = self.combo.currentIndex()
        return self._values[index] if index >= 0 else None

    def set_value(self, value: Any) -> None:
        if value not in self._values:  # an unknown code from a file: keep it, show it as is
            self._add(value, str(value))
        self._quiet = True
        try:
            self.combo.setCurrentIndex(self._values.index(value))
        finally:
            self._quiet = False

    def set_read_only(self, read_only: bool) -> None:
        freeze(self.combo, read_only)

    def input_widget(self) -> QWidget:
        return self.combo


class BoolEditor(FieldEditor):
    def __init__(self, info: FieldInfo, parent: QWidget | None = None) -> None:
        super().__init__(info, parent)
        self.check = QCheckBox(info.title or "")
        self.check.toggled.connect(self._on_toggled)
        self._quiet = False
        self._layout.addWidget(self.check)
        self.hint = QLabel(info.description or "")
        self.hint.setObjectName("hintLabel")
        self._layout.addWidget(self.hint)
        self._layout.addStretch(1)
        self._refresh_look()

    def _on_toggled(self, _on: bool) -> None:
        if not self._quiet:
            self.edited.emit()

    def value(self) -> bool:
        return self.check.isChecked()

    def set_value(self, value: Any) -> None:
        self._quiet = True
        try:
            self.check.setChecked(bool(value))
        finally:
            self._quiet = False

    def is_empty(self) -> bool:
        return False

    def set_read_only(self, read_only: bool) -> None:
        freeze(self.check, read_only)

    def input_widget(self) -> QWidget:
        return self.check


class EnumSetEditor(FieldEditor):
    """A list of enum values as a row of check boxes; keeps the order the draft had."""

    def __init__(self, info: FieldInfo, enum: type[Enum], parent: QWidget | None = None) -> None:
        super().__init__(info, parent)
        self._chosen: list[Any] = []
        self._boxes: dict[Any, QCheckBox] = {}
        self._quiet = False
        for member in enum:
            box = QCheckBox(getattr(member, "label", member.value))
            box.toggled.connect(lambda on, m=member: self._on_toggled(m, on))
            self._boxes[member] = box
            self._layout.addWidget(box)
        self._layout.addStretch(1)
        self._refresh_look()

    def _on_toggled(self, member: Any, on: bool) -> None:
        if self._quiet:
            return
        if on and member not in self._chosen:
            self._chosen.append(member)
        elif not on and member in self._chosen:
            self._chosen.remove(member)
        self.edited.emit()

    def value(self) -> list[Any]:
        return list(self._chosen)

    def set_value(self, value: Any) -> None:
        self._chosen = list(value or [])
        self._quiet = True
        try:
            for member, box in self._boxes.items():
                box.setChecked(member in self._chosen)
        finally:
            self._quiet = False

    def set_read_only(self, read_only: bool) -> None:
        for box in self._boxes.values():
            freeze(box, read_only)

    def input_widget(self) -> QWidget:
        return next(iter(self._boxes.values()))


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return (rest[0] if len(rest) == 1 else annotation), True
    return annotation, False


def editor_for(name: str, info: FieldInfo, *, compact: bool = False) -> FieldEditor:
    """The editor for the leaf field ``name``; ``compact`` (table cells) keeps text on one line."""
    kind, optional = _unwrap_optional(info.annotation)
    if typing.get_origin(kind) is typing.Annotated:  # Money / Percent carry schema metadata
        kind = typing.get_args(kind)[0]
    if typing.get_origin(kind) is list:
        (inner,) = typing.get_args(kind)
        if isinstance(inner, type) and issubclass(inner, Enum):
            return EnumSetEditor(info, inner)
        raise TypeError(f"no editor for list field {name}")
    if kind is bool:
        return BoolEditor(info)
    if kind is int:
        return CountEditor(info)
    if kind is Decimal:
        return DecimalEditor(info)
    if kind is date:
        return DateEditor(info)
    if isinstance(kind, type) and issubclass(kind, Enum):
        labels = [(m, getattr(m, "label", m.value)) for m in kind]
        return ChoiceEditor(info, labels, optional)
    if kind is str and name == "region":
        return ChoiceEditor(info, list(REGION_LABELS.items()), optional)
    if kind is str:
        if name in LONG_TEXT_FIELDS and not compact:
            return LongTextEditor(info)
        return TextEditor(info)
    raise TypeError(f"no editor for field {name} of type {kind!r}")
