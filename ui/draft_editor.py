"""``DraftEditor``: the negotiator's editor for one ``Draft`` — the twelve chapter steps on the
left (with completion and finding badges), a generated form page per step on the right. It keeps
the draft as a plain dict that widgets write into, so ``draft()`` returns exactly what was set plus
the user's edits (fields it does not show, such as ``status``, pass through untouched). ``changed``
is debounced for autosave; ``focus_path`` jumps to a finding; ``set_read_only`` serves signed
contracts and reviewers. GUI thread only."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QScrollArea, QStackedWidget, QWidget

from ui import step_list
from ui.draft_form import Binding, build_form
from ui.field_widgets import FieldEditor
from ui.forms import embed_form
from ui.list_table import ModelListTable
from wagedesk.model import STEPS, Draft, label_for, step_for

DEBOUNCE_MS = 400


class FindingLike(Protocol):
    path: str
    severity: str
    message: str
    basis: str


@dataclass(frozen=True)
class InputProblem:
    """Typed text that is not a value yet; shaped like a rules finding so panels can list it."""

    path: str
    message: str
    severity: str = "error"
    basis: str = "输入格式"


@dataclass
class _Target:
    binding: Binding
    row: int | None = None
    column: str | None = None


def _get(data: Any, parts: list[str]) -> Any:
    for part in parts:
        if data is None:
            return None
        data = data[int(part)] if isinstance(data, list) else data.get(part)
    return data


def _set(data: dict[str, Any], parts: list[str], value: Any) -> None:
    for part in parts[:-1]:
        if data.get(part) is None:  # an empty optional sub-record (e.g. no chief yet)
            data[part] = {}
        data = data[part]
    data[parts[-1]] = value


class DraftEditor(QWidget):
    """The editor for one draft. Signals: ``changed`` (debounced, for autosave and checks)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.form = embed_form(self, "draft_editor.ui")
        self.step_list: QListWidget = self.form.findChild(QListWidget, "stepList")
        self.pages: QStackedWidget = self.form.findChild(QStackedWidget, "pages")
        self.banner: QLabel = self.form.findChild(QLabel, "readOnlyBanner")
        self.banner.setVisible(False)

        built = build_form()
        self._bindings = built.bindings
        self._page_of: dict[str, QScrollArea] = built.pages
        self._steps = list(STEPS)
        for step in self._steps:
            self.pages.addWidget(built.pages[step])
        step_list.populate(self.step_list)
        self.step_list.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.step_list.setCurrentRow(0)
        for button, path in built.jump_links:
            button.clicked.connect(lambda _c=False, p=path: self.focus_path(p))

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._emit_changed)
        self._read_only = False
        self._findings: list[Any] = []
        self._data: dict[str, Any] = {}
        for binding in self._bindings.values():
            if binding.kind in ("field", "table"):
                binding.widget.edited.connect(lambda b=binding: self._on_edited(b))  # type: ignore[attr-defined]
        self.set_draft(Draft())

    # -- the draft ------------------------------------------------------------------------------
    def set_draft(self, draft: Draft) -> None:
        """Show ``draft``; emits nothing (loading is not an edit)."""
        self._timer.stop()
        self._data = draft.model_dump(mode="python")
        for path, binding in self._bindings.items():
            if binding.kind in ("field", "table"):
                binding.widget.set_value(_get(self._data, path.split(".")))  # type: ignore[attr-defined]
        for binding in self._sections():
            binding.section.follow_toggle()  # type: ignore[union-attr]
        self.set_findings([])

    def draft(self) -> Draft:
        """The draft as shown, with the last valid value of any field holding unreadable text."""
        return Draft.model_validate(self._data)

    def _on_edited(self, binding: Binding) -> None:
        value = binding.widget.value()  # type: ignore[attr-defined]
        _set(self._data, binding.path.split("."), value)
        if binding.section is not None and binding.widget is binding.section.toggle:
            binding.section.follow_toggle()
        self._timer.start()

    def _emit_changed(self) -> None:
        self._update_steps()
        self.changed.emit()

    def flush(self) -> None:
        """Emit a pending ``changed`` now (before saving or closing)."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit_changed()

    # -- problems and findings ------------------------------------------------------------------
    def input_problems(self) -> list[InputProblem]:
        """Fields whose typed text is not a value (shown red; the draft keeps the old value)."""
        found: list[InputProblem] = []
        for path, binding in self._bindings.items():
            if binding.kind == "field" and binding.widget.problem():  # type: ignore[attr-defined]
                found.append(InputProblem(path, binding.widget.problem()))  # type: ignore[attr-defined]
            elif binding.kind == "table":
                for row, name, message in binding.widget.problems():  # type: ignore[attr-defined]
                    found.append(InputProblem(f"{path}.{row}.{name}", message))
        return found

    def set_findings(self, findings: Iterable[FindingLike]) -> None:
        """Mark the fields named by rules findings and count them on the step badges."""
        self._findings = list(findings)
        for binding in self._bindings.values():
            if binding.kind == "field":
                binding.widget.mark(None)  # type: ignore[attr-defined]
            elif binding.kind == "table":
                for cells in binding.widget.editors():  # type: ignore[attr-defined]
                    for editor in cells.values():
                        editor.mark(None)
        for finding in sorted(self._findings, key=lambda f: f.severity == "error"):
            editor = self._editor_for(self._resolve(finding.path))
            if editor is not None:
                editor.mark(finding.severity, finding.message)
        self._update_steps()

    def step_of_path(self, path: str) -> str | None:
        """The step whose page shows ``path`` (falls back to the model's ``x-step``)."""
        target = self._resolve(path)
        return target.binding.step if target is not None else step_for(path)

    # -- navigation -----------------------------------------------------------------------------
    def current_step(self) -> str:
        return self._steps[max(self.step_list.currentRow(), 0)]

    def select_step(self, step: str) -> None:
        self.step_list.setCurrentRow(self._steps.index(step))

    def focus_path(self, path: str) -> bool:
        """Show the step holding ``path`` (e.g. ``ladder.levels.2.minimum_amount``) and put the
        cursor in that field; ``False`` if the path names nothing the editor shows."""
        target = self._resolve(path)
        if target is None:
            step = step_for(path)
            if step in STEPS:
                self.select_step(step)
            return False
        self.select_step(target.binding.step)
        widget: QWidget | None
        if target.binding.kind == "table":
            table = target.binding.widget
            assert isinstance(table, ModelListTable)
            widget = table.select_cell(target.row, target.column or "") if target.row is not None else table
        elif target.binding.kind == "section":
            widget = next((b.widget for b in self._bindings.values()
                           if b.path.startswith(target.binding.path + ".") and b.kind == "field"),
                          target.binding.widget)
        else:
            widget = target.binding.widget
        if widget is None:
            widget = target.binding.widget
        focus = widget.input_widget() if isinstance(widget, FieldEditor) else widget
        page = self._page_of[target.binding.step]
        page.widget().layout().activate()
        page.ensureWidgetVisible(widget, 40, 80)
        QTimer.singleShot(0, lambda: page.ensureWidgetVisible(widget, 40, 80))
        focus.setFocus()
        return True

    def path_of_widget(self, widget: QWidget | None) -> str | None:
        """The deepest field or table path whose editor holds ``widget`` (for comments)."""
        best: str | None = None
        for path, binding in self._bindings.items():
            if binding.kind not in ("field", "table") or widget is None:
                continue
            holds = binding.widget is widget or binding.widget.isAncestorOf(widget)
            if holds and (best is None or len(path) > len(best)):
                best = path
        return best

    def _resolve(self, path: str) -> _Target | None:
        parts = path.split(".")
        for end in range(len(parts), 0, -1):
            key = ".".join(parts[:end])
            binding = self._bindings.get(key)
            if binding is None:
                continue
            rest = parts[end:]
            if binding.kind == "table" and rest and rest[0].isdigit():
                return _Target(binding, int(rest[0]), rest[1] if len(rest) > 1 else None)
            return _Target(binding)
        return None

    def _editor_for(self, target: _Target | None) -> FieldEditor | None:
        if target is None:
            return None
        if target.binding.kind == "field":
            return target.binding.widget  # type: ignore[return-value]
        if target.binding.kind == "table" and target.row is not None:
            rows = target.binding.widget.editors()  # type: ignore[attr-defined]
            if 0 <= target.row < len(rows) and target.column in rows[target.row]:
                return rows[target.row][target.column]
        return None

    # -- read-only and badges -------------------------------------------------------------------
    def set_read_only(self, read_only: bool, reason: str | None = None) -> None:
        self._read_only = read_only
        if reason:
            self.banner.setText(reason)
        self.banner.setVisible(read_only)
        for binding in self._bindings.values():
            if binding.kind in ("field", "table"):
                binding.widget.set_read_only(read_only)  # type: ignore[attr-defined]

    def is_read_only(self) -> bool:
        return self._read_only

    def label_of(self, path: str) -> str:
        return label_for(path)

    def _sections(self) -> list[Binding]:
        return [b for b in self._bindings.values() if b.kind == "section"]

    def _update_steps(self) -> None:
        states = {step: step_list.StepState() for step in self._steps}
        for binding in self._bindings.values():
            if binding.kind not in ("field", "table") or binding.widget.property("sectionSwitch"):
                continue
            if binding.kind == "field" and type(binding.widget).__name__ == "BoolEditor":
                continue
            if not self._section_chain_on(binding):
                continue
            state = states[binding.step]
            state.total += 1
            state.filled += not binding.widget.is_empty()  # type: ignore[attr-defined]
        for finding in [*self._findings, *self.input_problems()]:
            step = self.step_of_path(finding.path)
            if step in states:
                states[step].errors += finding.severity == "error"
                states[step].warnings += finding.severity != "error"
        for step, state in states.items():
            step_list.set_state(self.step_list, step, state)
        self.step_list.viewport().update()

    def _section_chain_on(self, binding: Binding) -> bool:
        parts = binding.path.split(".")
        for end in range(1, len(parts)):
            parent = self._bindings.get(".".join(parts[:end]))
            if parent is not None and parent.section is not None and not parent.section.is_on():
                return False
        return True
