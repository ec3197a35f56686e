"""Helpers for the desktop tests: a recorder for modal message boxes (the demo database
fixtures ``demo_template`` / ``demo_db`` live in ``conftest.py``)."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


class Boxes:
    """Records the message boxes a test provokes instead of showing them."""

    def __init__(self, monkeypatch, answer=QMessageBox.StandardButton.Yes):
        self.shown: list[tuple[str, str]] = []
        self.answer = answer
        for kind in ("warning", "critical", "information"):
            monkeypatch.setattr(QMessageBox, kind, self._record)
        monkeypatch.setattr(QMessageBox, "question", self._ask)

    def _record(self, _parent, title, text, *rest):
        self.shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    def _ask(self, _parent, title, text, *rest):
        self.shown.append((title, text))
        return self.answer

    def titles(self) -> list[str]:
        return [t for t, _ in self.shown]
