"""Crash recovery for open drafts: every debounced edit writes the draft's JSON to
``<data dir>/recovery/<session>.json`` with the time and the draft file it came from; the next
start offers back any recovery file newer than that draft file's last explicit save. Plain Python
(no Qt), safe on any thread; paths come from ``WAGEDESK_DATA_DIR`` or platformdirs."""
from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from wagedesk import draftfile
from wagedesk.errors import UserError
from wagedesk.logs import APP_NAME
from wagedesk.model import Draft


def data_dir() -> Path:
    return Path(os.environ.get("WAGEDESK_DATA_DIR")
                or platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass
class Recoverable:
    path: Path
    draft: Draft
    written_at: float
    source: str | None

    def describe(self) -> str:
        when = time.strftime("%Y年%m月%d日 %H:%M", time.localtime(self.written_at))
        name = self.draft.enterprise.name or "未命名草案"
        origin = f"（来自 {self.source}）" if self.source else "（尚未保存为文件）"
        return f"{name}，{when} 自动保存{origin}"


class RecoveryFile:
    """The recovery file of one editing session."""

    def __init__(self, base: Path | None = None, session: str | None = None) -> None:
        self.folder = (base or data_dir()) / "recovery"
        self.path = self.folder / f"{session or uuid.uuid4().hex}.json"

    def write(self, draft: Draft, source: Path | None) -> None:
        """Atomically record ``draft``; ``source`` is the draft file it was opened from or saved to."""
        self.folder.mkdir(parents=True, exist_ok=True)
        payload = {"written_at": time.time(), "source": str(source) if source else None,
                   "draft": json.loads(draftfile.dumps(draft))}
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.path)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def find_recoverable(base: Path | None = None) -> list[Recoverable]:
    """Recovery files worth offering, newest first. Unreadable ones and ones older than their
    draft file's last save are removed (nothing in them is newer than that file)."""
    folder = (base or data_dir()) / "recovery"
    found: list[Recoverable] = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            draft = draftfile.draft_from_object(payload["draft"], str(path))
            written = float(payload["written_at"])
            source = payload.get("source")
        except (OSError, ValueError, KeyError, TypeError, UserError):
            path.unlink(missing_ok=True)
            continue
        if source and Path(source).exists() and Path(source).stat().st_mtime >= written:
            path.unlink(missing_ok=True)
            continue
        found.append(Recoverable(path, draft, written, source))
    return sorted(found, key=lambda r: r.written_at, reverse=True)
