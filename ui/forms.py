"""Loads Qt Designer forms from ``ui/forms/*.ui`` at run time with QUiLoader — the one way
WageDesk uses .ui files. Windows hold their form by composition: ``self.form = load_form(...)``.
GUI thread only."""
from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QVBoxLayout, QWidget

from wagedesk.resources import ui_dir


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    """Build the widget tree of ``ui/forms/<name>`` and return its top widget."""
    path = ui_dir() / "forms" / name
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"form {path} cannot be opened")
    try:
        widget = QUiLoader().load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise RuntimeError(f"form {path} failed to load")
    return widget


def embed_form(host: QWidget, name: str) -> QWidget:
    """Load ``ui/forms/<name>`` and fill ``host`` with it edge to edge; returns the form."""
    form = load_form(name, host)
    layout = QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(form)
    return form
