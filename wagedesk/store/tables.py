"""The database tables, as SQLModel classes with plain-noun names. They use only portable
column types (text, integers, booleans, timestamps) so the same models run on SQLite and on
PostgreSQL; draft content is stored as the draft file's JSON text, one snapshot per version,
with a few indexed columns (unit, status, updated) for lists. Times are aware UTC.

``SCHEMA_VERSION`` is the shape these classes describe; ``wagedesk.store.sqlite`` migrates
older SQLite files up to it.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from sqlalchemy import Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

# 1: first release (no draft.is_current/title, no comment resolution time);
# 2: current draft per unit and term, list title, resolved_at/resolved_by on comments.
SCHEMA_VERSION = 2


def utcnow() -> datetime:
    """Now, timezone-aware UTC: what every timestamp column takes and returns."""
    return datetime.now(timezone.utc)


class PilotUnit(SQLModel, table=True):
    """One roster entry: a pilot unit with its sequence number 1–102."""

    __tablename__ = "pilot_unit"

    id: Optional[int] = Field(default=None, primary_key=True)
    seq: int = Field(unique=True)
    name: str
    uscc: str = Field(unique=True)
    district: str = ""
    industry: str = ""
    union_chair: str = ""
    contact: str = ""
    phone: str = ""
    updated_at: datetime = Field(default_factory=utcnow)


class DraftRecord(SQLModel, table=True):
    """A draft: its current content and workflow state. ``revision`` grows by one on every
    write and guards against lost updates (optimistic concurrency)."""

    __tablename__ = "draft"
    __table_args__ = (
        # one current draft per unit and term (unassigned drafts have unit_id NULL: unlimited)
        Index("ux_draft_current_unit_term", "unit_id", "term", unique=True,
              sqlite_where=text("is_current = 1"), postgresql_where=text("is_current")),
        # covers the drafts list, so it never touches the large rows holding content
        Index("ix_draft_list", "updated_at", "id", "is_current", "unit_id", "status", "revision",
              "term", "title", "updated_by"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    unit_id: Optional[int] = Field(default=None, foreign_key="pilot_unit.id", index=True)
    term: str = ""
    title: str = ""
    status: str = Field(index=True)
    revision: int = 1
    is_current: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by: str = ""
    # last, so list queries read the small columns without walking the content's overflow pages
    content: str = Field(sa_column=Column(Text, nullable=False))


class DraftVersion(SQLModel, table=True):
    """An immutable snapshot taken on every explicit save and every status change."""

    __tablename__ = "draft_version"
    __table_args__ = (UniqueConstraint("draft_id", "number", name="uq_draft_version_number"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="draft.id", index=True)
    number: int
    status: str
    kind: str  # create, import, save, submitted, returned, approved, signed, filed, amend
    actor: str = ""
    comment: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    content_hash: str = Field(index=True)  # sha256 of draftfile.canonical_bytes
    contract_digest: str = Field(index=True)  # sha256 without the status: the fingerprint source
    content: str = Field(sa_column=Column(Text, nullable=False))  # last: see DraftRecord


class ReviewComment(SQLModel, table=True):
    """A reviewer's remark on a section or field path ("" for the whole draft)."""

    __tablename__ = "review_comment"

    id: Optional[int] = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="draft.id", index=True)
    version_number: Optional[int] = None
    path: str = ""
    reviewer: str = ""
    text: str = Field(sa_column=Column(Text, nullable=False))
    resolved: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    resolved_at: Optional[datetime] = None
    resolved_by: str = ""


class AuditEvent(SQLModel, table=True):
    """Who did what when; ``details`` is a JSON object."""

    __tablename__ = "audit_event"

    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = ""
    action: str
    draft_id: Optional[int] = Field(default=None, index=True)
    unit_id: Optional[int] = None
    details: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))


TABLES = [PilotUnit, DraftRecord, DraftVersion, ReviewComment, AuditEvent]


def table_metadata():
    """The MetaData holding these tables (SQLModel's shared one)."""
    return SQLModel.metadata
