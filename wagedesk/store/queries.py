"""Read-only views the CLI, the desktop lists and the export step need: the drafts list (no
content loaded, one indexed query), units with their current status, a draft's history with a
per-field diff between versions, the current version of every unit for export, and finding a
signed version by its fingerprint. Any thread may call them.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Iterator

from sqlalchemy import func, select

from wagedesk.errors import UserError
from wagedesk.model import Draft, Status, label_for
from wagedesk.store.db import Database
from wagedesk.store.service import draft_from_text, local_text
from wagedesk.store.tables import DraftRecord, DraftVersion, PilotUnit


@dataclass(frozen=True)
class DraftSummary:
    """One row of the drafts list."""

    id: int
    unit_seq: int | None
    unit_name: str | None
    title: str
    term: str
    status: str
    status_label: str
    revision: int
    updated_at: datetime
    updated_by: str

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["updated_at"] = self.updated_at.isoformat()
        return data


@dataclass(frozen=True)
class UnitSummary:
    """A roster entry with its current draft (the most recently updated current one)."""

    seq: int
    name: str
    uscc: str
    district: str
    industry: str
    union_chair: str
    contact: str
    phone: str
    draft_id: int | None
    status: str | None
    status_label: str

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class FieldChange:
    path: str
    label: str
    old: Any
    new: Any


@dataclass
class VersionEntry:
    number: int
    status: str
    kind: str
    actor: str
    comment: str
    created_at: datetime
    content_hash: str
    changes: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class UnitCurrent:
    """For export: a unit, its current draft and that draft's current version."""

    seq: int
    name: str
    uscc: str
    draft_id: int | None
    status: Status | None
    version_number: int | None
    content: Draft | None
    content_hash: str | None
    contract_digest: str | None


@dataclass(frozen=True)
class SignedVersion:
    draft_id: int
    unit_seq: int | None
    version_number: int
    status: Status
    created_at: datetime
    content: Draft
    content_hash: str
    contract_digest: str

    @property
    def fingerprint(self) -> str:
        return self.contract_digest[:16]


def list_drafts(db: Database, *, status: str | None = None, unit_seq: int | None = None,
                current_only: bool = True, limit: int | None = None,
                offset: int = 0) -> list[DraftSummary]:
    """The drafts list the UI shows, newest change first; pass ``limit`` to page."""
    query = (select(DraftRecord.id, PilotUnit.seq, PilotUnit.name, DraftRecord.title,
                    DraftRecord.term, DraftRecord.status, DraftRecord.revision,
                    DraftRecord.updated_at, DraftRecord.updated_by)
             .join(PilotUnit, PilotUnit.id == DraftRecord.unit_id, isouter=True)
             .order_by(DraftRecord.updated_at.desc(), DraftRecord.id.desc()))
    if current_only:
        query = query.where(DraftRecord.is_current == True)  # noqa: E712
    if status is not None:
        query = query.where(DraftRecord.status == status)
    if unit_seq is not None:
        query = query.where(PilotUnit.seq == unit_seq)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    with db.engine.connect() as conn:
        rows = conn.execute(query).all()
    labels = {s.value: s.label for s in Status}
    return [DraftSummary(r[0], r[1], r[2], r[3], r[4], r[5], labels[r[5]], r[6], r[7], r[8])
            for r in rows]


def count_drafts(db: Database, *, current_only: bool = True) -> int:
    query = select(func.count()).select_from(DraftRecord)
    if current_only:
        query = query.where(DraftRecord.is_current == True)  # noqa: E712
    with db.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def _current_by_unit(conn: Any) -> dict[int, tuple[int, str]]:
    rows = conn.execute(select(DraftRecord.unit_id, DraftRecord.id, DraftRecord.status)
                        .where(DraftRecord.is_current == True, DraftRecord.unit_id.is_not(None))  # noqa: E712
                        .order_by(DraftRecord.updated_at, DraftRecord.id)).all()
    return {unit_id: (draft_id, status) for unit_id, draft_id, status in rows}


def list_units(db: Database) -> list[UnitSummary]:
    """Every unit by sequence number, with its current draft's status (未起草 when none)."""
    with db.engine.connect() as conn:
        units = conn.execute(select(PilotUnit.__table__).order_by(PilotUnit.seq)).mappings().all()
        current = _current_by_unit(conn)
    out = []
    for u in units:
        draft_id, status = current.get(u["id"], (None, None))
        out.append(UnitSummary(u["seq"], u["name"], u["uscc"], u["district"], u["industry"],
                               u["union_chair"], u["contact"], u["phone"], draft_id, status,
                               Status(status).label if status else "未起草"))
    return out


def flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Leaves of a JSON value with dotted paths (list items by index)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from flatten(item, f"{prefix}{key}.")
    elif isinstance(value, list) and value and any(isinstance(v, (dict, list)) for v in value):
        for index, item in enumerate(value):
            yield from flatten(item, f"{prefix}{index}.")
    else:
        yield prefix.rstrip("."), value


def diff_contents(old: dict[str, Any] | None, new: dict[str, Any]) -> list[FieldChange]:
    """Per-field changes between two stored contents, labelled in Chinese."""
    before = dict(flatten(old)) if old is not None else {}
    after = dict(flatten(new))
    changes = []
    for path in list(after) + [p for p in before if p not in after]:
        if before.get(path, None) != after.get(path, None) and (old is not None or path == "status"):
            changes.append(FieldChange(path, label_for(path) if path != "status" else "状态",
                                       before.get(path), after.get(path)))
    return changes


def history(db: Database, draft_id: int) -> list[VersionEntry]:
    """Every version, oldest first, each with its changes against the previous one."""
    with db.engine.connect() as conn:
        rows = conn.execute(select(DraftVersion.__table__)
                            .where(DraftVersion.draft_id == draft_id)
                            .order_by(DraftVersion.number)).mappings().all()
    if not rows:
        raise UserError(f"没有编号为 {draft_id} 的草案。用 `wagedesk drafts list` 查看现有草案。")
    entries, previous = [], None
    for v in rows:
        content = json.loads(v["content"])
        entries.append(VersionEntry(v["number"], v["status"], v["kind"], v["actor"], v["comment"],
                                    v["created_at"], v["content_hash"],
                                    diff_contents(previous, content) if previous is not None else []))
        previous = content
    return entries


def units_with_current_versions(db: Database) -> list[UnitCurrent]:
    """For export: every unit (by sequence number) with its current draft, that draft's
    status, and the current (newest) version's content, content hash and contract digest.
    Units without a draft come with ``None`` in those fields."""
    with db.engine.connect() as conn:
        units = conn.execute(select(PilotUnit.id, PilotUnit.seq, PilotUnit.name, PilotUnit.uscc)
                             .order_by(PilotUnit.seq)).all()
        current = _current_by_unit(conn)
        out = []
        for unit_id, seq, name, uscc in units:
            if unit_id not in current:
                out.append(UnitCurrent(seq, name, uscc, None, None, None, None, None, None))
                continue
            draft_id, status = current[unit_id]
            v = conn.execute(select(DraftVersion.number, DraftVersion.content,
                                    DraftVersion.content_hash, DraftVersion.contract_digest)
                             .where(DraftVersion.draft_id == draft_id)
                             .order_by(DraftVersion.number.desc()).limit(1)).one()
            out.append(UnitCurrent(seq, name, uscc, draft_id, Status(status), v[0],
                                   draft_from_text(v[1]), v[2], v[3]))
    return out


def find_signed_version_by_fingerprint(db: Database, prefix: str) -> SignedVersion | None:
    """The signed (or filed) version whose contract digest starts with ``prefix``. Accepts the
    printed form ``WD-3F2A-9C1B-77E0-41D2`` or hex digits (at least 8; case and dashes
    ignored); the fingerprint is the first 16 hex digits of the digest. The oldest matching
    signed version wins (a later filed version of the same text shares the digest)."""
    hexdigits = prefix.strip().upper().removeprefix("WD").replace("-", "").replace(" ", "").lower()
    if len(hexdigits) < 8 or any(c not in "0123456789abcdef" for c in hexdigits):
        raise UserError(f"合同指纹 {prefix!r} 格式不对，应形如 WD-3F2A-9C1B-77E0-41D2。", exit_code=2)
    version = DraftVersion.__table__
    query = (select(version, PilotUnit.seq.label("unit_seq"))
             .join(DraftRecord, DraftRecord.id == version.c.draft_id)
             .join(PilotUnit, PilotUnit.id == DraftRecord.unit_id, isouter=True)
             .where(version.c.contract_digest.startswith(hexdigits, autoescape=True),
                    version.c.status.in_([Status.signed.value, Status.filed.value]))
             .order_by(version.c.created_at, version.c.id).limit(1))
    with db.engine.connect() as conn:
        v = conn.execute(query).mappings().first()
    if v is None:
        return None
    return SignedVersion(v["draft_id"], v["unit_seq"], v["number"], Status(v["status"]),
                         v["created_at"], draft_from_text(v["content"]), v["content_hash"],
                         v["contract_digest"])


__all__ = ["DraftSummary", "UnitSummary", "FieldChange", "VersionEntry", "UnitCurrent",
           "SignedVersion", "list_drafts", "count_drafts", "list_units", "history",
           "diff_contents", "units_with_current_versions", "find_signed_version_by_fingerprint",
           "local_text"]
