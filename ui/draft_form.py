"""Builds the editor's pages from the draft model's metadata: one scrolling page per chapter step,
one card per section, one row per field (label = the field's ``title``, tooltip/placeholder = its
``description``), tables for lists of records. Nothing here repeats a label the model already
has. It also records where every field ended up (``Binding``), which the editor uses to read and
write values, to jump to a finding's path and to count what is filled in. GUI thread only."""
from __future__ import annotations

import typing
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.field_factory import BoolEditor, editor_for
from ui.field_widgets import FieldEditor
from ui.list_table import ModelListTable
from wagedesk.model import STEPS, Draft, SkillLevel

# What one row of a list is called on its 添加… button.
ROW_NOUNS = {"levels": "等级", "members": "代表", "meetings": "会议"}


def step_of(info: FieldInfo) -> str | None:
    extra = info.json_schema_extra
    return extra.get("x-step") if isinstance(extra, dict) else None  # type: ignore[return-value]


def inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = inner_model(arg)
        if found is not None:
            return found
    return None


def _is_list(annotation: Any) -> bool:
    return typing.get_origin(annotation) is list


@dataclass
class Binding:
    """Where one path of the draft is edited: a field editor, a table or a section card."""

    path: str
    step: str
    kind: str  # "field" | "table" | "section"
    widget: QWidget
    section: SectionBox | None = None


class SectionBox(QGroupBox):
    """A card for one section; with an ``enabled`` field its other rows follow that switch."""

    def __init__(self, title: str, description: str, *, nested: bool) -> None:
        super().__init__(title)
        self.setToolTip(description)
        self.setProperty("nested", nested)
        self.form = QFormLayout(self)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(10)
        self.toggle: BoolEditor | None = None
        self.dependents: list[QWidget] = []

    def follow_toggle(self) -> None:
        """Grey out (but keep) the section's values while its switch is off."""
        on = self.toggle is None or self.toggle.value()
        for widget in self.dependents:
            widget.setEnabled(on)

    def is_on(self) -> bool:
        return self.toggle is None or bool(self.toggle.value())


@dataclass
class BuiltForm:
    pages: dict[str, QScrollArea]
    bindings: dict[str, Binding]
    jump_links: list[tuple[QPushButton, str]] = field(default_factory=list)


def build_form() -> BuiltForm:
    """Every page and binding for ``Draft``; fields without a step (format, status…) get none."""
    return _Builder().build()


class _Builder:
    def __init__(self) -> None:
        self.bindings: dict[str, Binding] = {}
        self.layouts: dict[str, QVBoxLayout] = {}
        self.pages: dict[str, QScrollArea] = {}
        self.links: list[tuple[QPushButton, str]] = []

    def build(self) -> BuiltForm:
        for number, (step, title) in enumerate(STEPS.items(), start=1):
            self._page(step, number, title)
        for name, info in Draft.model_fields.items():
            step, model = step_of(info), inner_model(info.annotation)
            if step is None or model is None:
                continue
            self.layouts[step].addWidget(self._section(name, info, model, step, nested=False))
        self._cross_step_links()
        for layout in self.layouts.values():
            layout.addStretch(1)
        return BuiltForm(self.pages, self.bindings, self.links)

    def _page(self, step: str, number: int, title: str) -> None:
        content = QWidget()
        content.setObjectName("pageContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(28, 20, 28, 28)
        layout.setSpacing(16)
        heading = QLabel(f"{number}. {title}")
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        scroll = QScrollArea()
        scroll.setObjectName(f"page_{step}")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.layouts[step] = layout
        self.pages[step] = scroll

    def _section(self, path: str, info: FieldInfo, model: type[BaseModel], step: str,
                 *, nested: bool) -> SectionBox:
        box = SectionBox(info.title or path, info.description or "", nested=nested)
        self.bindings[path] = Binding(path, step, "section", box, box)
        for name, sub in model.model_fields.items():
            sub_path = f"{path}.{name}"
            sub_model = inner_model(sub.annotation)
            if sub_model is not None and _is_list(sub.annotation):
                row = self._table(sub_path, name, sub, sub_model, step)
                box.form.addRow(row)
                box.dependents.append(row)
            elif sub_model is not None:
                child = self._section(sub_path, sub, sub_model, step, nested=True)
                box.form.addRow(child)
                box.dependents.append(child)
            else:
                editor = editor_for(name, sub)
                self.bindings[sub_path] = Binding(sub_path, step, "field", editor, box)
                if isinstance(editor, BoolEditor):
                    box.form.addRow("", editor)  # aligned with the other inputs
                else:
                    label = QLabel(sub.title or name)
                    label.setToolTip(sub.description or "")
                    label.setBuddy(editor.input_widget())
                    box.form.addRow(label, editor)
                    box.dependents.append(label)
                if name == "enabled" and isinstance(editor, BoolEditor):
                    box.toggle = editor
                    editor.setProperty("sectionSwitch", True)
                else:
                    box.dependents.append(editor)
        return box

    def _table(self, path: str, name: str, info: FieldInfo, model: type[BaseModel],
               step: str) -> QWidget:
        holder = QGroupBox(info.title or name)
        holder.setToolTip(info.description or "")
        holder.setProperty("nested", True)
        table = ModelListTable(model, noun=ROW_NOUNS.get(name, "一行"),
                               new_item=_next_level if name == "levels" else None)
        layout = QVBoxLayout(holder)
        if info.description:
            hint = QLabel(info.description)
            hint.setObjectName("hintLabel")
            layout.addWidget(hint)
        layout.addWidget(table)
        self.bindings[path] = Binding(path, step, "table", table)
        return holder

    def _cross_step_links(self) -> None:
        """A column that belongs to another step (the ladder's minimum pay belongs to 工资) gets
        a pointer on that step's page, so every step shows where all its fields are."""
        for binding in list(self.bindings.values()):
            if binding.kind != "table":
                continue
            table = binding.widget
            assert isinstance(table, ModelListTable)
            by_step: dict[str, list[str]] = {}
            for name, info in table.columns:
                other = step_of(info)
                if other and other != binding.step:
                    by_step.setdefault(other, []).append(info.title or name)
            for other, titles in by_step.items():
                self.layouts[other].addWidget(self._link_card(binding, titles))

    def _link_card(self, binding: Binding, titles: list[str]) -> QWidget:
        card = QFrame()
        card.setObjectName("linkCard")
        row = QHBoxLayout(card)
        columns = "、".join(f"“{t}”" for t in titles)
        table_title = binding.widget.parentWidget().title()  # type: ignore[union-attr]
        text = QLabel(f"各等级的{columns}在“{STEPS[binding.step]}”一步的“{table_title}”表中填写。")
        text.setWordWrap(True)
        button = QPushButton("转到等级表" if binding.path.endswith("levels") else "转到表格")
        row.addWidget(text, 1)
        row.addWidget(button)
        self.links.append((button, binding.path))
        return card


def _next_level(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A new ladder row: the level just above the highest one used so far."""
    ranks = [SkillLevel(r["level"]).rank for r in rows if r.get("level") is not None]
    levels = list(SkillLevel)
    nxt = levels[min(max(ranks) + 1, len(levels) - 1)] if ranks else SkillLevel.junior
    return {"level": nxt}


def editor_of(binding: Binding) -> FieldEditor:
    assert isinstance(binding.widget, FieldEditor)
    return binding.widget
