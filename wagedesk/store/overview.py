"""The union staff's overview of all pilot units: one row per unit with its current draft's
status, when that draft last changed and how many review comments are still open. Three
indexed queries, no draft content loaded; any thread may call it (the desktop app calls it on
a worker after every change).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from wagedesk.model import Status
from wagedesk.store.db import Database
from wagedesk.store.tables import DraftRecord, PilotUnit, ReviewComment

NOT_STARTED = "未起草"


@dataclass(frozen=True)
class UnitRow:
    seq: int
    name: str
    uscc: str
    district: str
    industry: str
    draft_id: int | None
    status: str | None  # a Status value, None when the unit has no draft yet
    status_label: str
    updated_at: datetime | None
    open_comments: int


def unit_overview(db: Database) -> list[UnitRow]:
    """Every unit by sequence number with its current draft (the most recently updated current
    one when a unit has several terms) and that draft's open review comments."""
    with db.engine.connect() as conn:
        units = conn.execute(select(PilotUnit.id, PilotUnit.seq, PilotUnit.name, PilotUnit.uscc,
                                    PilotUnit.district, PilotUnit.industry)
                             .order_by(PilotUnit.seq)).all()
        drafts = conn.execute(select(DraftRecord.unit_id, DraftRecord.id, DraftRecord.status,
                                     DraftRecord.updated_at)
                              .where(DraftRecord.is_current == True,
                                     DraftRecord.unit_id.is_not(None))
                              .order_by(DraftRecord.updated_at, DraftRecord.id)).all()
        open_counts = dict(conn.execute(
            select(ReviewComment.draft_id, func.count())
            .where(ReviewComment.resolved == False)
            .group_by(ReviewComment.draft_id)).all())
    current = {unit_id: (draft_id, status, at) for unit_id, draft_id, status, at in drafts}
    rows = []
    for unit_id, seq, name, uscc, district, industry in units:
        draft_id, status, at = current.get(unit_id, (None, None, None))
        rows.append(UnitRow(seq, name, uscc, district, industry, draft_id, status,
                            Status(status).label if status else NOT_STARTED, at,
                            int(open_counts.get(draft_id, 0)) if draft_id else 0))
    return rows
