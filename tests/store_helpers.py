"""Helpers shared by the storage tests."""
from __future__ import annotations

from pathlib import Path

from wagedesk.model import Draft, Status
from wagedesk.sample import sample_draft
from wagedesk.store import open_database
from wagedesk.store.db import Database


def new_db(tmp_path: Path, name: str = "t.db") -> Database:
    return open_database(tmp_path / name)


def draft_in(status: Status, name: str = "上海测试精工有限公司") -> Draft:
    draft = sample_draft()
    draft.status = status
    draft.enterprise.name = name
    return draft
