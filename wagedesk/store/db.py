"""Opening a database: ``open_database(path_or_url)`` checks the file, takes the daily backup,
migrates an older schema (after a backup), creates missing tables and triggers, and returns a
``Database`` holding the engine. Nothing happens at import time. A damaged or foreign file is
refused with ``DatabaseDamagedError`` naming the newest backup; ``restore_backup`` puts a
backup in place so the app can offer it.

Any thread may call these functions; the desktop app should open the database off the GUI
thread because the integrity check reads the whole file.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlmodel import Session

from wagedesk.errors import UserError
from wagedesk.store import sqlite as lite
from wagedesk.store.paths import backup_dir
from wagedesk.store.tables import SCHEMA_VERSION, table_metadata, utcnow

log = logging.getLogger(__name__)


class DatabaseDamagedError(UserError):
    """The database file cannot be used. ``backup`` is the newest automatic backup (or None);
    offer ``restore_backup(path, backup)``."""

    exit_code = 2

    def __init__(self, message: str, path: Path, backup: Path | None) -> None:
        super().__init__(message)
        self.path = path
        self.backup = backup


@dataclass
class Database:
    """An open database: the engine plus where its file and backups are (SQLite only)."""

    engine: Engine
    path: Path | None = None
    clock: Callable[[], datetime] = field(default=utcnow)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error. Database
        errors a user can meet (a frozen version, a locked file) become ``UserError``."""
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                with session.begin():
                    yield session
        except IntegrityError as err:
            raise _integrity_message(err) from None
        except OperationalError as err:
            if "locked" in str(err.orig) or "busy" in str(err.orig):
                raise UserError("数据库正被另一个窗口或程序占用，请稍后再试。") from None
            raise

    def backups(self) -> list[Path]:
        """Automatic backups of this database, newest first."""
        return lite.list_backups(self.path, backup_dir(self.path)) if self.path else []

    def close(self) -> None:
        self.engine.dispose()


def _integrity_message(err: DBAPIError) -> UserError:
    text = str(err.orig)
    for known in (lite.SIGNED_MESSAGE, lite.DRAFT_MESSAGE, lite.VERSION_MESSAGE):
        if known in text:
            return UserError(known + "。")
    return UserError(f"数据未保存：违反了数据库约束（{text}）。请检查输入后重试。")


def _as_path(url_or_path: str | Path) -> tuple[str, Path | None]:
    text = str(url_or_path)
    if "://" not in text:
        path = Path(text).expanduser()
        return f"sqlite:///{path}", path
    url = make_url(text)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return text, Path(url.database).expanduser()
    return text, None


def _damaged(path: Path, reason: str) -> DatabaseDamagedError:
    backups = lite.list_backups(path, backup_dir(path))
    newest = backups[0] if backups else None
    if newest is not None:
        when = lite.backup_time(newest)
        offer = (f"最新的自动备份是 {newest}（{when:%Y-%m-%d %H:%M}）。可以在桌面程序中选择恢复，"
                 f"或运行 `wagedesk db restore --db {path}` 用它替换损坏的文件（损坏的文件会保留）。")
    else:
        offer = "没有找到自动备份；请从其他备份中复制一份，或用 --db 指定另一个数据库文件。"
    return DatabaseDamagedError(
        f"无法打开数据库 {path}：{reason}。文件可能已损坏，或不是 WageDesk 的数据库。{offer}",
        path, newest)


def open_database(url_or_path: str | Path, *, backup: bool = True,
                  clock: Callable[[], datetime] = utcnow) -> Database:
    """Open (creating if needed) the database at a file path or SQLAlchemy URL."""
    url, path = _as_path(url_or_path)
    if path is None:  # a server database: no file checks, no SQLite pieces
        engine = create_engine(url, pool_pre_ping=True)
        table_metadata().create_all(engine)
        return Database(engine=engine, path=None, clock=clock)
    try:
        state = lite.inspect_file(path)
    except lite.DamagedFile as bad:
        raise _damaged(path, bad.reason) from None
    except OSError as err:
        raise UserError(f"无法读取数据库文件 {path}（{err.strerror}）。请检查路径和权限。") from None
    if state.user_version > SCHEMA_VERSION:
        raise UserError(f"数据库 {path} 由更新版本的 WageDesk 创建（结构版本 {state.user_version}，"
                        f"本程序只认识到 {SCHEMA_VERSION}）。请升级 WageDesk 后再打开。")
    if state.tables and not state.ours:
        raise _damaged(path, "它是其他程序的 SQLite 数据库，里面没有 WageDesk 的数据表")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserError(f"无法创建数据库所在的文件夹 {path.parent}（{err.strerror}）。") from None
    local_now = datetime.now()
    if backup and state.ours:
        lite.daily_backup(path, backup_dir(path), local_now)
    engine = create_engine(url)
    lite.configure_engine(engine)
    try:
        _prepare_schema(engine, path, state, local_now)
    except OperationalError as err:
        engine.dispose()
        raise UserError(f"无法打开数据库 {path}（{err.orig}）。请确认文件夹可写，且文件未被其他程序锁定。") from None
    return Database(engine=engine, path=path, clock=clock)


def _prepare_schema(engine: Engine, path: Path, state: lite.FileState, now: datetime) -> None:
    migrating = state.ours and state.user_version < SCHEMA_VERSION
    if migrating:
        saved = lite.backup_now(path, backup_dir(path), now, reason=f"v{state.user_version}")
        log.info("migrating %s from schema %s; backup %s", path, state.user_version, saved)
    metadata = table_metadata()
    with engine.begin() as conn:
        if migrating:
            lite.migrate(conn, state.user_version, SCHEMA_VERSION)
        metadata.create_all(conn)
        for table in metadata.sorted_tables:
            for index in table.indexes:
                index.create(conn, checkfirst=True)
        lite.install_triggers(conn)
        if not state.ours:
            lite.set_user_version(conn, SCHEMA_VERSION)


def restore_backup(path: str | Path, backup: str | Path | None = None) -> Path:
    """Replace the database at ``path`` with ``backup`` (default: the newest automatic backup).
    The replaced file is kept beside it as ``<name>.damaged-<time>``; returns the backup used.
    Call only while no ``Database`` on ``path`` is open."""
    path = Path(path)
    if backup is None:
        found = lite.list_backups(path, backup_dir(path))
        if not found:
            raise UserError(f"没有找到 {path} 的自动备份（应在 {backup_dir(path)} 中）。")
        backup = found[0]
    backup = Path(backup)
    if backup.resolve() == path.resolve():
        raise UserError("备份文件就是当前数据库本身，不能用它恢复。")
    try:
        lite.restore_file(backup, path, datetime.now())
    except lite.DamagedFile as bad:
        raise UserError(f"备份 {backup} 也无法使用：{bad.reason}。请选择另一个备份。") from None
    return backup
