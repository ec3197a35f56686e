"""Everything SQLite-specific, kept here so the tables run unchanged on PostgreSQL: the
PRAGMAs set on every connection, ``BEGIN IMMEDIATE`` transactions, the triggers that freeze
signed versions, the file check on open (``PRAGMA integrity_check``), automatic backups with
the sqlite3 backup API, and schema migration by ``PRAGMA user_version`` steps.

Durability choice: WAL with ``synchronous=FULL``. In WAL mode NORMAL already survives a crashed
or killed process, but may lose the last commits on power loss or an OS crash; negotiators work
on laptops in the field, and one fsync per explicit save costs a few milliseconds (see
``bench/bench_store.py``), so every save that returned is on disk.
"""
from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

BUSY_TIMEOUT_MS = 5000
BACKUPS_KEPT = 7
HEADER = b"SQLite format 3\x00"
OUR_TABLES = {"pilot_unit", "draft", "draft_version", "review_comment", "audit_event"}
FROZEN = "('signed', 'filed')"
SIGNED_MESSAGE = "已签订的合同版本不可修改或删除；如需变更，请新建一份引用它的草案"
VERSION_MESSAGE = "草案版本是不可修改的快照"
DRAFT_MESSAGE = "已签订的草案不可修改或删除；如需变更，请新建一份引用它的草案"

TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS draft_version_frozen_update BEFORE UPDATE ON draft_version
    WHEN OLD.status IN {FROZEN}
    BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS draft_version_frozen_delete BEFORE DELETE ON draft_version
    WHEN OLD.status IN {FROZEN}
    BEGIN SELECT RAISE(ABORT, '{SIGNED_MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS draft_version_snapshot BEFORE UPDATE ON draft_version
    WHEN OLD.status NOT IN {FROZEN}
    BEGIN SELECT RAISE(ABORT, '{VERSION_MESSAGE}'); END""",
    # the draft row may only move signed -> filed; its content is otherwise frozen
    f"""CREATE TRIGGER IF NOT EXISTS draft_frozen_update BEFORE UPDATE OF content, status ON draft
    WHEN OLD.status IN {FROZEN}
     AND (NEW.content IS NOT OLD.content OR NEW.status IS NOT OLD.status)
     AND NOT (OLD.status = 'signed' AND NEW.status = 'filed')
    BEGIN SELECT RAISE(ABORT, '{DRAFT_MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS draft_frozen_delete BEFORE DELETE ON draft
    WHEN OLD.status IN {FROZEN}
    BEGIN SELECT RAISE(ABORT, '{DRAFT_MESSAGE}'); END""",
]


class DamagedFile(Exception):
    """The file is not a readable SQLite database; ``reason`` is Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class FileState:
    """What ``inspect_file`` found."""

    exists: bool
    user_version: int = 0
    tables: set[str] = field(default_factory=set)

    @property
    def ours(self) -> bool:
        return bool(self.tables & OUR_TABLES)


# --- connections --------------------------------------------------------------------------

def configure_engine(engine: Engine) -> None:
    """PRAGMAs on every new connection, and ``BEGIN IMMEDIATE`` for every transaction so a
    writer waits for the lock (busy timeout) instead of failing on a read-to-write upgrade."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # pysqlite must not emit its own BEGIN
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def install_triggers(conn: Connection) -> None:
    for sql in TRIGGERS:
        conn.exec_driver_sql(sql)


def set_user_version(conn: Connection, version: int) -> None:
    conn.exec_driver_sql(f"PRAGMA user_version = {int(version)}")


# --- checking a file ----------------------------------------------------------------------

def inspect_file(path: Path) -> FileState:
    """Header, tables, ``user_version`` and ``PRAGMA integrity_check`` of an existing file;
    raises ``DamagedFile`` when it is not a sound SQLite database. Writes nothing."""
    if not path.exists():
        return FileState(exists=False)
    if not path.is_file():
        raise DamagedFile("它不是一个文件")
    size = path.stat().st_size
    if size == 0:
        return FileState(exists=True)
    with path.open("rb") as fh:
        head = fh.read(100)
    if not head.startswith(HEADER):
        raise DamagedFile("它不是 SQLite 数据库文件（文件开头不对）")
    if len(head) < 100:
        raise DamagedFile("文件不完整（只有文件头的一部分）")
    try:
        con = sqlite3.connect(str(path))
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            problems = [r[0] for r in con.execute("PRAGMA integrity_check(5)")]
        finally:
            con.close()
    except sqlite3.DatabaseError as err:
        raise DamagedFile(f"SQLite 无法读取它（{err}）") from None
    if problems != ["ok"]:
        raise DamagedFile("完整性检查发现错误：" + "；".join(problems[:3]))
    return FileState(exists=True, user_version=int(version), tables=tables)


# --- backups ------------------------------------------------------------------------------

_STAMP = re.compile(r"-(\d{8}-\d{6})(?:-[a-z0-9]+)?\.db$")


def list_backups(path: Path, folder: Path) -> list[Path]:
    """Backups of ``path`` in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{path.stem}-*.db")
             if _STAMP.search(p.name) and p.name[:len(path.stem) + 1] == f"{path.stem}-"]
    return sorted(found, key=lambda p: _STAMP.search(p.name).group(1), reverse=True)  # type: ignore[union-attr]


def backup_time(backup: Path) -> datetime | None:
    match = _STAMP.search(backup.name)
    return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S") if match else None


def backup_now(path: Path, folder: Path, now: datetime, reason: str = "daily") -> Path:
    """Copy the live database with the sqlite3 backup API (a consistent snapshot even while
    others write) to ``folder``; the copy is written under a temporary name and renamed, and
    is never the live file itself. Keeps the newest ``BACKUPS_KEPT``."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.stem}-{now:%Y%m%d-%H%M%S}-{reason}.db"
    if target.resolve() == path.resolve():
        raise ValueError("backup target is the live database")
    tmp = target.with_name(f".{target.name}.tmp")
    _copy_database(path, tmp)
    os.replace(tmp, target)
    for old in list_backups(path, folder)[BACKUPS_KEPT:]:
        old.unlink(missing_ok=True)
    return target


def _copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's online backup API (safe while others write)."""
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def daily_backup(path: Path, folder: Path, now: datetime) -> Path | None:
    """A backup unless one was already taken today (local time)."""
    newest = list_backups(path, folder)
    stamp = backup_time(newest[0]) if newest else None
    if stamp is not None and stamp.date() == now.date():
        return None
    return backup_now(path, folder, now)


def restore_file(backup: Path, path: Path, now: datetime) -> Path | None:
    """Put ``backup`` in place of ``path``; the damaged file (and its -wal/-shm) is kept
    beside it as ``<name>.damaged-<time>``. Returns where the damaged file went."""
    inspect_file(backup)  # a damaged backup is refused the same way
    kept = None
    if path.exists():
        kept = path.with_name(f"{path.name}.damaged-{now:%Y%m%d-%H%M%S}")
        os.replace(path, kept)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, path.with_name(f"{kept.name if kept else path.name}{suffix}.old"))
    tmp = path.with_name(f".{path.name}.restoring")
    _copy_database(backup, tmp)
    os.replace(tmp, path)
    return kept


# --- migrations ---------------------------------------------------------------------------

def _v1_to_v2(conn: Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE draft ADD COLUMN is_current BOOLEAN NOT NULL DEFAULT 1")
    conn.exec_driver_sql("ALTER TABLE draft ADD COLUMN title VARCHAR NOT NULL DEFAULT ''")
    conn.exec_driver_sql(
        "UPDATE draft SET title = COALESCE(json_extract(content, '$.enterprise.name'), '')")
    conn.exec_driver_sql("ALTER TABLE review_comment ADD COLUMN resolved_at DATETIME")
    conn.exec_driver_sql(
        "ALTER TABLE review_comment ADD COLUMN resolved_by VARCHAR NOT NULL DEFAULT ''")


# user_version N -> step bringing a version-N file to N+1 (run inside one transaction)
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1_to_v2}


def migrate(conn: Connection, from_version: int, to_version: int) -> None:
    """Run every step from ``from_version`` up to ``to_version`` in the caller's transaction
    (user_version 0 with our tables is a file from before versioning: the first shape)."""
    version = max(from_version, 1)
    while version < to_version:
        MIGRATIONS[version](conn)
        version += 1
    set_user_version(conn, to_version)
