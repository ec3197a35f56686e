"""Helpers for the desktop tests: one demo database filled once per session and copied for
each test (filling takes about a second), and a recorder for modal message boxes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from wagedesk.store import open_database
from wagedesk.store.db import Database
from wagedesk.store.demo import fill_demo


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(path, backup=False)
    fill_demo(db)
    db.close()
    return path


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Database:
    path = tmp_path / "desk.db"
    shutil.copy(demo_template, path)
    db = open_database(path, backup=False)
    yield db
    db.close()


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
