"""The database file survives what a laptop does to it: a killed process, a damaged or
truncated file (refused, backup offered and restorable), daily backups, and files made by an
older schema (migrated in place after a backup)."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import datetime

import pytest

from store_helpers import new_db
from wagedesk.errors import UserError
from wagedesk.model import Status
from wagedesk.sample import sample_draft
from wagedesk.store import DatabaseDamagedError, open_database, queries, restore_backup, service
from wagedesk.store import sqlite as lite
from wagedesk.store.tables import SCHEMA_VERSION

CHILD = r"""
import sys
from wagedesk.sample import sample_draft
from wagedesk.store import open_database, service
db = open_database(sys.argv[1])
draft_id = service.create_draft(db, sample_draft(), actor="child")
print("id", draft_id, flush=True)
revision = 1
n = 0
while True:
    n += 1
    draft = sample_draft()
    draft.enterprise.address = f"第 {n} 次保存"
    revision = service.save_draft(db, draft_id, draft, revision, "child").revision
    print(revision, flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL needs a POSIX system")
def test_a_process_killed_mid_stream_keeps_every_save_that_returned(tmp_path):
    path = tmp_path / "killed.db"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None
    draft_id = int(child.stdout.readline().split()[1])
    last = 0
    for line in child.stdout:
        last = int(line)
        if last >= 60:
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    assert lite.inspect_file(path).tables  # integrity_check passed
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    db = open_database(path)
    loaded = service.load_draft(db, draft_id)
    assert loaded.revision >= last
    numbers = [v.number for v in queries.history(db, draft_id)]
    assert numbers == list(range(1, loaded.revision + 1))
    assert loaded.draft.enterprise.address == f"第 {loaded.revision - 1} 次保存"


def _db_with_backup(tmp_path):
    db = new_db(tmp_path)
    draft_id = service.create_draft(db, sample_draft(), actor="王慧敏")
    db.close()
    db = open_database(tmp_path / "t.db")  # the second open takes the daily backup
    backups = db.backups()
    assert len(backups) == 1 and backups[0].parent.name == "backups"
    db.close()
    return tmp_path / "t.db", draft_id


def test_a_garbage_file_is_refused_and_the_backup_offered_and_restorable(tmp_path):
    path, draft_id = _db_with_backup(tmp_path)
    path.write_bytes(os.urandom(50_000))
    with pytest.raises(DatabaseDamagedError) as err:
        open_database(path)
    message = str(err.value)
    assert "无法打开数据库" in message and "备份" in message
    assert err.value.backup is not None and str(err.value.backup) in message
    assert err.value.exit_code == 2
    restore_backup(path, err.value.backup)
    db = open_database(path)
    assert service.load_draft(db, draft_id).draft == sample_draft()
    assert list(tmp_path.glob("t.db.damaged-*"))


def test_a_truncated_database_file_is_refused_with_the_backup_named(tmp_path):
    path, _ = _db_with_backup(tmp_path)
    db = open_database(path)
    for n in range(40):  # grow the file to many pages
        draft = sample_draft()
        draft.term.start_date = draft.term.start_date.replace(year=2030 + n)
        draft.term.end_date = draft.term.end_date.replace(year=2032 + n)
        service.create_draft(db, draft)
    db.close()
    size = path.stat().st_size
    assert size > 100_000 and not path.with_name("t.db-wal").exists()
    with path.open("r+b") as fh:
        fh.truncate(size // 2)
    with pytest.raises(DatabaseDamagedError) as err:
        open_database(path)
    assert "备份" in str(err.value) and err.value.backup is not None


def test_a_file_that_is_not_a_wagedesk_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseDamagedError, match="其他程序"):
        open_database(path)


def test_a_file_from_a_newer_app_is_refused(tmp_path):
    db = new_db(tmp_path)
    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(UserError, match="更新版本"):
        open_database(tmp_path / "t.db")


def test_backups_are_daily_keep_seven_and_never_touch_the_live_file(tmp_path):
    path = tmp_path / "t.db"
    new_db(tmp_path).close()
    folder = tmp_path / "backups"
    for day in range(1, 11):
        lite.daily_backup(path, folder, datetime(2026, 5, day, 9, 0, 0))
        lite.daily_backup(path, folder, datetime(2026, 5, day, 17, 0, 0))  # same day: skipped
    kept = lite.list_backups(path, folder)
    assert len(kept) == 7 and kept[0].name == "t-20260510-090000-daily.db"
    assert all(lite.inspect_file(b).ours for b in kept)
    assert path not in kept and lite.inspect_file(path).ours
    # a database kept inside its own backup folder is still never overwritten by its backups
    inside = folder / "t.db"
    inside.write_bytes(path.read_bytes())
    before = inside.read_bytes()
    made = lite.backup_now(inside, folder, datetime(2026, 6, 1, 9, 0, 0))
    assert made != inside and inside.read_bytes() == before


V1_SCHEMA = """
CREATE TABLE pilot_unit (id INTEGER NOT NULL PRIMARY KEY, seq INTEGER NOT NULL UNIQUE,
  name VARCHAR NOT NULL, uscc VARCHAR NOT NULL UNIQUE, district VARCHAR NOT NULL,
  industry VARCHAR NOT NULL, union_chair VARCHAR NOT NULL, contact VARCHAR NOT NULL,
  phone VARCHAR NOT NULL, updated_at DATETIME NOT NULL);
CREATE TABLE draft (id INTEGER NOT NULL PRIMARY KEY, unit_id INTEGER REFERENCES pilot_unit (id),
  term VARCHAR NOT NULL, status VARCHAR NOT NULL, revision INTEGER NOT NULL,
  content TEXT NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL,
  updated_by VARCHAR NOT NULL);
CREATE TABLE draft_version (id INTEGER NOT NULL PRIMARY KEY, draft_id INTEGER NOT NULL
  REFERENCES draft (id), number INTEGER NOT NULL, status VARCHAR NOT NULL, kind VARCHAR NOT NULL,
  actor VARCHAR NOT NULL, comment VARCHAR NOT NULL, created_at DATETIME NOT NULL,
  content TEXT NOT NULL, content_hash VARCHAR NOT NULL, contract_digest VARCHAR NOT NULL,
  UNIQUE (draft_id, number));
CREATE TABLE review_comment (id INTEGER NOT NULL PRIMARY KEY, draft_id INTEGER NOT NULL
  REFERENCES draft (id), version_number INTEGER, path VARCHAR NOT NULL, reviewer VARCHAR NOT NULL,
  text TEXT NOT NULL, resolved BOOLEAN NOT NULL, created_at DATETIME NOT NULL);
CREATE TABLE audit_event (id INTEGER NOT NULL PRIMARY KEY, at DATETIME NOT NULL,
  actor VARCHAR NOT NULL, action VARCHAR NOT NULL, draft_id INTEGER, unit_id INTEGER,
  details TEXT NOT NULL DEFAULT '{}');
"""


def _old_file(path, user_version):
    draft = sample_draft()
    draft.status = Status.signed
    text = service.content_text(draft)
    con = sqlite3.connect(path)
    con.executescript(V1_SCHEMA)
    now = "2025-03-01 08:00:00.000000"
    con.execute("INSERT INTO pilot_unit VALUES (1, 7, '上海浦江精工装备有限公司', "
                "'91310115MA1K4C8Q7L', '浦东新区', '通用设备制造', '王慧敏', '', '', ?)", (now,))
    con.execute("INSERT INTO draft VALUES (1, 1, '2026-07-01~2029-06-30', 'signed', 1, ?, ?, ?, '王慧敏')",
                (text, now, now))
    con.execute("INSERT INTO draft_version VALUES (1, 1, 1, 'signed', 'import', '王慧敏', '', ?, ?, ?, ?)",
                (now, text, service.content_hash(draft), service.contract_digest(draft)))
    con.execute("INSERT INTO review_comment VALUES (1, 1, 1, 'growth', '审查员', '已核对', 0, ?)", (now,))
    con.execute(f"PRAGMA user_version = {user_version}")
    con.commit()
    con.close()


@pytest.mark.parametrize("user_version", [0, 1])
def test_a_file_made_by_an_older_schema_is_migrated_in_place_after_a_backup(tmp_path, user_version):
    path = tmp_path / "old.db"
    _old_file(path, user_version)
    db = open_database(path)
    assert lite.inspect_file(path).user_version == SCHEMA_VERSION
    assert any(b.name.endswith(f"-v{user_version}.db") for b in db.backups())
    [unit] = queries.list_units(db)
    assert (unit.seq, unit.status) == (7, "signed")
    [row] = queries.list_drafts(db)
    assert row.title == "上海浦江精工装备有限公司" and row.unit_seq == 7
    comment = service.list_comments(db, 1)[0]
    assert comment.resolved_by == "" and comment.resolved_at is None
    service.resolve_comment(db, 1, "王慧敏")
    with pytest.raises(Exception, match="不可修改"):
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM draft_version")
    service.transition(db, 1, Status.filed, "王慧敏")
    assert service.load_draft(db, 1).status is Status.filed
    assert [v.status for v in queries.history(db, 1)] == ["signed", "filed"]
