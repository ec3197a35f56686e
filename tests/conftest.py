"""Shared test set-up: Qt runs offscreen, logs and the default database go under tmp paths;
a demo database is filled once per session and copied for each test that asks for it."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from wagedesk.store import open_database
from wagedesk.store.db import Database
from wagedesk.store.demo import fill_demo


@pytest.fixture(autouse=True)
def _isolated_paths(tmp_path, monkeypatch):
    """No test touches the user's real data or log directories."""
    monkeypatch.setenv("WAGEDESK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("WAGEDESK_DB", str(tmp_path / "wagedesk.db"))
    monkeypatch.setenv("WAGEDESK_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = open_database(path, backup=False)
    fill_demo(db)
    db.close()
    return path


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Iterator[Database]:
    path = tmp_path / "desk.db"
    shutil.copy(demo_template, path)
    db = open_database(path, backup=False)
    yield db
    db.close()
