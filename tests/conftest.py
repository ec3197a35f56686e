"""Shared test set-up: Qt runs offscreen, logs and the default database go under tmp paths."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_paths(tmp_path, monkeypatch):
    """No test touches the user's real data or log directories."""
    monkeypatch.setenv("WAGEDESK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("WAGEDESK_DB", str(tmp_path / "wagedesk.db"))
    monkeypatch.setenv("WAGEDESK_DATA_DIR", str(tmp_path / "data"))
