"""Crash recovery for open drafts: every debounced edit writes the draft's JSON to
``<data dir>/recovery/<session>.json`` with the time and where the draft came from — a draft
file (its path) or a stored draft (database path, draft id, the revision the edits are based on,
the unit). The next start offers back every recovery file not yet saved; a file is deleted only
once its content is saved or the user chose 丢弃 (unreadable ones are moved aside, never deleted).
Plain Python (no Qt), safe on any thread; paths come from ``WAGEDESK_DATA_DIR`` or platformdirs."""
from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import platformdirs

from wagedesk import draftfile
from wagedesk.errors import UserError
from wagedesk.logs import APP_NAME
from wagedesk.model import Draft


def data_dir() -> Path:
    return Path(os.environ.get("WAGEDESK_DATA_DIR")
                or platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Origin:
    """Where a recovered draft belongs: a stored draft (``db`` + ``draft_id`` + ``revision``)
    or a draft file (``file``, ``None`` for a draft never saved)."""

    file: str | None = None
    db: str | None = None
    draft_id: int | None = None
    revision: int | None = None
    unit_seq: int | None = None

    @property
    def is_stored(self) -> bool:
        return self.db is not None and self.draft_id is not None and self.revision is not None

    def same_db(self, path: Path | str | None) -> bool:
        return path is not None and self.db is not None and _same_path(self.db, path)

    @classmethod
    def from_json(cls, data: Any) -> Origin:
        if not isinstance(data, dict):
            return cls()
        ints = {k: int(data[k]) if data.get(k) is not None else None
                for k in ("draft_id", "revision", "unit_seq")}
        return cls(file=data.get("file"), db=data.get("db"), **ints)


def _same_path(a: Path | str, b: Path | str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return str(a) == str(b)


@dataclass
class Recoverable:
    path: Path
    draft: Draft
    written_at: float
    origin: Origin

    @property
    def source(self) -> str | None:
        return self.origin.file

    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.written_at))

    def unit_text(self) -> str:
        """The unit column of the recovery dialog."""
        if self.origin.is_stored:
            seq = f"{self.origin.unit_seq:03d} 号单位" if self.origin.unit_seq else "未关联单位"
            return f"{seq}（数据库中的草案，第 {self.origin.revision} 版起的修改）"
        if self.origin.file:
            return f"草案文件 {Path(self.origin.file).name}"
        return "未保存为文件的新草案"

    def describe(self) -> str:
        name = self.draft.enterprise.name or "未命名草案"
        return f"{name}，{self.when()} 最后修改（{self.unit_text()}）"


class RecoveryFile:
    """The recovery file of one editing session."""

    def __init__(self, base: Path | None = None, session: str | None = None) -> None:
        self.folder = (base or data_dir()) / "recovery"
        self.path = self.folder / f"{session or uuid.uuid4().hex}.json"

    def write(self, draft: Draft, origin: Origin | Path | None) -> None:
        """Atomically record ``draft`` and where it belongs (a path means a draft file)."""
        if not isinstance(origin, Origin):
            origin = Origin(file=str(origin) if origin else None)
        self.folder.mkdir(parents=True, exist_ok=True)
        payload = {"written_at": time.time(), "source": origin.file, "origin": asdict(origin),
                   "draft": json.loads(draftfile.dumps(draft))}
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.path)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def read_recovery(path: Path) -> Recoverable:
    """One recovery file; raises ``ValueError`` when it cannot be read back."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        draft = draftfile.draft_from_object(payload["draft"], str(path))
        written = float(payload["written_at"])
        origin = Origin.from_json(payload.get("origin"))
        if payload.get("origin") is None and payload.get("source"):  # written before origins
            origin = Origin(file=str(payload["source"]))
    except (OSError, ValueError, KeyError, TypeError, UserError) as err:
        raise ValueError(str(err)) from err
    return Recoverable(path, draft, written, origin)


def _set_aside(path: Path) -> None:
    """Unreadable recovery files go to ``recovery/unreadable/`` for support, never deleted."""
    aside = path.parent / "unreadable"
    aside.mkdir(exist_ok=True)
    path.replace(aside / path.name)


def find_recoverable(base: Path | None = None) -> list[Recoverable]:
    """Recovery files worth offering, newest first. A file draft's recovery older than that
    file's last save is removed (the file holds everything in it); unreadable ones are moved
    aside."""
    folder = (base or data_dir()) / "recovery"
    found: list[Recoverable] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            item = read_recovery(path)
        except ValueError:
            try:
                _set_aside(path)
            except OSError:
                pass
            continue
        source = item.origin.file
        if (not item.origin.is_stored and source and Path(source).exists()
                and Path(source).stat().st_mtime >= item.written_at):
            path.unlink(missing_ok=True)
            continue
        found.append(item)
    return sorted(found, key=lambda r: r.written_at, reverse=True)
