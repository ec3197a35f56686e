"""The operations on drafts: create, import and export draft files, save with optimistic
concurrency, move through the review workflow, amend a signed contract, and review comments.
Every operation is one transaction and records an audit event; every content change and
status change leaves an immutable ``DraftVersion`` whose number equals the draft's revision.

The status flow (``ALLOWED``) is the only place transitions are decided; anything else is
refused with a Chinese message (``TransitionError``, exit 1). Functions may run on any thread
(each opens its own session); the desktop app calls them off the GUI thread.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from wagedesk import draftfile
from wagedesk.errors import UserError
from wagedesk.fingerprint import contract_digest  # noqa: F401 - re-exported
from wagedesk.model import Draft, Status
from wagedesk.store.db import Database
from wagedesk.store.tables import AuditEvent, DraftRecord, DraftVersion, PilotUnit, ReviewComment

ALLOWED: dict[Status, tuple[Status, ...]] = {
    Status.drafting: (Status.submitted,),
    Status.submitted: (Status.returned, Status.approved),
    Status.returned: (Status.submitted,),
    Status.approved: (Status.signed, Status.returned),
    Status.signed: (Status.filed,),
    Status.filed: (),
}
EDITABLE = (Status.drafting, Status.returned)
FROZEN = (Status.signed, Status.filed)


class ConflictError(UserError):
    """Someone else saved the draft since it was opened; nothing was overwritten."""

    def __init__(self, message: str, current_revision: int, other_time: datetime,
                 other_actor: str) -> None:
        super().__init__(message)
        self.current_revision = current_revision
        self.other_time = other_time
        self.other_actor = other_actor


class TransitionError(UserError):
    """A status change the workflow does not allow."""


@dataclass(frozen=True)
class SaveResult:
    draft_id: int
    revision: int
    saved_at: datetime
    content_hash: str


@dataclass(frozen=True)
class LoadedDraft:
    """A draft as the editor opens it: keep ``revision`` and pass it back to ``save_draft``."""

    draft_id: int
    draft: Draft
    status: Status
    revision: int
    unit_seq: int | None
    updated_at: datetime
    updated_by: str


# --- content helpers ----------------------------------------------------------------------

def content_text(draft: Draft) -> str:
    """The stored form of a draft: compact JSON in model order (the draft file's values)."""
    return json.dumps(draft.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


def draft_from_text(text: str, source: str = "数据库中的草案") -> Draft:
    return draftfile.draft_from_object(json.loads(text), source)


def content_hash(draft: Draft) -> str:
    """SHA-256 of ``draftfile.canonical_bytes``: identifies a version's exact content."""
    return hashlib.sha256(draftfile.canonical_bytes(draft)).hexdigest()


def term_key(draft: Draft) -> str:
    """The term a draft covers, as stored for "one current draft per unit and term"."""
    start, end = draft.term.start_date, draft.term.end_date
    return "" if start is None and end is None else f"{start or ''}~{end or ''}"


def local_text(moment: datetime) -> str:
    """A stored (UTC) time as local wall-clock text."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def parse_status(value: str | Status) -> Status:
    """A status from its code (``signed``) or its Chinese label (``已签订``)."""
    if isinstance(value, Status):
        return value
    for status in Status:
        if value.strip() in (status.value, status.label):
            return status
    choices = "、".join(f"{s.value}（{s.label}）" for s in Status)
    raise TransitionError(f"不认识的状态 {value!r}。可用的状态：{choices}。", exit_code=2)


# --- internals ----------------------------------------------------------------------------

def _audit(session: Session, at: datetime, actor: str, action: str, draft_id: int | None = None,
           unit_id: int | None = None, **details: Any) -> None:
    session.add(AuditEvent(at=at, actor=actor, action=action, draft_id=draft_id, unit_id=unit_id,
                           details=json.dumps(details, ensure_ascii=False, default=str)))


def _record(session: Session, draft_id: int) -> DraftRecord:
    rec = session.get(DraftRecord, draft_id)
    if rec is None:
        raise UserError(f"没有编号为 {draft_id} 的草案。用 `wagedesk drafts list` 查看现有草案。")
    return rec


def _unit_by_seq(session: Session, seq: int) -> PilotUnit:
    unit = session.execute(select(PilotUnit).where(PilotUnit.seq == seq)).scalars().first()
    if unit is None:
        raise UserError(f"没有序号为 {seq} 的试点单位。请先用 `wagedesk units import` 导入名单。")
    return unit


def _version(rec: DraftRecord, draft: Draft, kind: str, actor: str, at: datetime,
             comment: str = "") -> DraftVersion:
    return DraftVersion(draft_id=rec.id, number=rec.revision, status=rec.status, kind=kind,
                        actor=actor, comment=comment, created_at=at, content=rec.content,
                        content_hash=content_hash(draft), contract_digest=contract_digest(draft))


def _check_free(session: Session, unit_id: int | None, term: str, except_id: int | None) -> None:
    if unit_id is None:
        return
    found = session.execute(select(DraftRecord.id).where(
        DraftRecord.unit_id == unit_id, DraftRecord.term == term,
        DraftRecord.is_current == True, DraftRecord.id != (except_id or -1))).scalars().first()  # noqa: E712
    if found is not None:
        raise UserError(f"该单位在同一合同期限（{term or '未填写'}）已有一份草案（编号 {found}）。"
                        "请打开那份草案修改，或先调整合同期限。")


def _write(session: Session, rec: DraftRecord, expected: int, draft: Draft, status: Status,
           actor: str, at: datetime) -> tuple[Draft, int]:
    """Conditional update of the draft row (portable optimistic concurrency)."""
    draft = draft.model_copy(update={"status": status})
    text = content_text(draft)
    result = session.execute(
        update(DraftRecord).where(DraftRecord.id == rec.id, DraftRecord.revision == expected)
        .values(content=text, status=status.value, revision=expected + 1, updated_at=at,
                updated_by=actor, title=draft.enterprise.name or "", term=term_key(draft)))
    if result.rowcount != 1:
        raise _Stale()
    session.refresh(rec)
    return draft, expected + 1


class _Stale(Exception):
    pass


def _conflict(db: Database, draft_id: int, expected: int, actor: str, rejected: str | None) -> ConflictError:
    """Describe the newer save and keep the rejected content in the audit trail."""
    with db.session() as session:
        rec = _record(session, draft_id)
        _audit(session, db.clock(), actor, "save_conflict", draft_id, rec.unit_id,
               expected_revision=expected, current_revision=rec.revision, rejected_content=rejected)
        who = f"由 {rec.updated_by} " if rec.updated_by else ""
        return ConflictError(
            f"没有保存：这份草案已在 {local_text(rec.updated_at)} {who}保存过（第 {rec.revision} 版），"
            f"比您打开的第 {expected} 版新。为避免覆盖对方的修改，本次保存已取消；您的内容已暂存在审计记录中。"
            "请重新打开草案，核对后再保存。", rec.revision, rec.updated_at, rec.updated_by)


# --- operations ---------------------------------------------------------------------------

def create_draft(db: Database, draft: Draft, *, unit_seq: int | None = None, actor: str = "",
                 kind: str = "create", session: Session | None = None) -> int:
    """A new draft (status as in ``draft``) with its first version; returns its id."""
    if session is None:
        with db.session() as own:
            return create_draft(db, draft, unit_seq=unit_seq, actor=actor, kind=kind, session=own)
    at = db.clock()
    unit_id = None
    if unit_seq is not None:
        unit_id = _unit_by_seq(session, unit_seq).id
    elif draft.enterprise.uscc:
        unit_id = session.execute(select(PilotUnit.id).where(
            PilotUnit.uscc == draft.enterprise.uscc.strip().upper())).scalars().first()
    _check_free(session, unit_id, term_key(draft), None)
    rec = DraftRecord(unit_id=unit_id, term=term_key(draft), title=draft.enterprise.name or "",
                      status=draft.status.value, revision=1, content=content_text(draft),
                      created_at=at, updated_at=at, updated_by=actor)
    session.add(rec)
    session.flush()
    session.add(_version(rec, draft, kind, actor, at))
    _audit(session, at, actor, kind, rec.id, unit_id, status=rec.status)
    return int(rec.id)  # type: ignore[arg-type]


def import_draft_file(db: Database, path: str | Path, *, unit_seq: int | None = None,
                      actor: str = "") -> int:
    """Read a draft file (``wagedesk.draftfile``) into a new draft; returns its id. Without
    ``unit_seq`` the unit is found by the enterprise's USCC, if it is on the roster."""
    draft = draftfile.load(path)
    return create_draft(db, draft, unit_seq=unit_seq, actor=actor, kind="import")


def load_draft(db: Database, draft_id: int) -> LoadedDraft:
    """The current content and revision of a draft, for the editor."""
    with db.session() as session:
        rec = _record(session, draft_id)
        seq = session.get(PilotUnit, rec.unit_id).seq if rec.unit_id else None  # type: ignore[union-attr]
        return LoadedDraft(int(rec.id), draft_from_text(rec.content), Status(rec.status),  # type: ignore[arg-type]
                           rec.revision, seq, rec.updated_at, rec.updated_by)


def export_draft_file(db: Database, draft_id: int, path: str | Path) -> None:
    """Write the draft's current content as a draft file (byte-identical to the imported one
    when that was written by ``draftfile``)."""
    draftfile.save(load_draft(db, draft_id).draft, path)


def save_draft(db: Database, draft_id: int, draft: Draft, expected_revision: int,
               actor: str = "", comment: str = "") -> SaveResult:
    """Save new content as a new version, in one transaction. Refused when the draft is not
    editable (only 起草中 and 退回修改 are); raises ``ConflictError`` when someone saved since
    ``expected_revision`` (nothing is overwritten). The status inside ``draft`` is ignored."""
    try:
        with db.session() as session:
            rec = _record(session, draft_id)
            status = Status(rec.status)
            if status not in EDITABLE:
                hint = ("请新建一份变更草案（wagedesk drafts amend）" if status in FROZEN
                        else "请等审查人员退回后再修改")
                raise UserError(f"草案处于「{status.label}」状态，不能修改内容；{hint}。")
            at = db.clock()
            saved, revision = _write(session, rec, expected_revision, draft, status, actor, at)
            session.add(_version(rec, saved, "save", actor, at, comment))
            _audit(session, at, actor, "save", draft_id, rec.unit_id, revision=revision)
            return SaveResult(draft_id, revision, at, content_hash(saved))
    except _Stale:
        raise _conflict(db, draft_id, expected_revision, actor, content_text(draft)) from None


def transition(db: Database, draft_id: int, to: str | Status, actor: str = "", comment: str = "",
               expected_revision: int | None = None) -> SaveResult:
    """Move a draft to status ``to`` if ``ALLOWED`` says so, leaving a version; a return
    (退回修改) needs a comment, which also becomes an open review comment."""
    target = parse_status(to)
    try:
        with db.session() as session:
            rec = _record(session, draft_id)
            current = Status(rec.status)
            allowed = ALLOWED[current]
            if target not in allowed:
                if allowed:
                    options = "、".join(f"「{s.label}」（{s.value}）" for s in allowed)
                    tail = f"当前只能改为 {options}。"
                else:
                    tail = "已报送的合同不能再改变状态；如需变更，请新建变更草案（wagedesk drafts amend）。"
                raise TransitionError(f"不能把草案 {draft_id} 从「{current.label}」改为「{target.label}」。{tail}")
            if target is Status.returned and not comment.strip():
                raise TransitionError("退回草案时请写明需要修改的地方（--comment）。", exit_code=2)
            expected = rec.revision if expected_revision is None else expected_revision
            at = db.clock()
            saved, revision = _write(session, rec, expected, draft_from_text(rec.content), target,
                                     actor, at)
            session.add(_version(rec, saved, target.value, actor, at, comment))
            if target is Status.returned:
                session.add(ReviewComment(draft_id=draft_id, version_number=revision, path="",
                                          reviewer=actor, text=comment.strip(), created_at=at))
            _audit(session, at, actor, "transition", draft_id, rec.unit_id,
                   from_status=current.value, to_status=target.value, comment=comment)
            return SaveResult(draft_id, revision, at, content_hash(saved))
    except _Stale:
        raise _conflict(db, draft_id, expected_revision or 0, actor, None) from None


def amend_signed(db: Database, draft_id: int, actor: str = "") -> int:
    """Start changing a signed contract: a new current draft (起草中) for the same unit and
    term whose ``supersedes`` is the signed version's contract digest. The signed draft and
    its versions stay untouched. Returns the new draft's id."""
    with db.session() as session:
        rec = _record(session, draft_id)
        if Status(rec.status) not in FROZEN:
            raise TransitionError(f"草案 {draft_id} 尚未签订（当前「{Status(rec.status).label}」），"
                                  "直接修改它即可，不需要新建变更草案。")
        signed = session.execute(select(DraftVersion).where(
            DraftVersion.draft_id == draft_id, DraftVersion.status == Status.signed.value)
            .order_by(DraftVersion.number.desc())).scalars().first()
        source = signed.content if signed is not None else rec.content
        digest = signed.contract_digest if signed is not None else contract_digest(draft_from_text(source))
        draft = draft_from_text(source).model_copy(update={"status": Status.drafting,
                                                           "supersedes": digest})
        session.execute(update(DraftRecord).where(DraftRecord.id == draft_id).values(is_current=False))
        seq = session.get(PilotUnit, rec.unit_id).seq if rec.unit_id else None  # type: ignore[union-attr]
        return create_draft(db, draft, unit_seq=seq, actor=actor, kind="amend", session=session)


def add_comment(db: Database, draft_id: int, path: str, reviewer: str, text: str) -> int:
    """An open review comment on a section or field path ("" = the whole draft)."""
    if not text.strip():
        raise UserError("审查意见不能为空。")
    with db.session() as session:
        rec = _record(session, draft_id)
        at = db.clock()
        comment = ReviewComment(draft_id=draft_id, version_number=rec.revision, path=path,
                                reviewer=reviewer, text=text.strip(), created_at=at)
        session.add(comment)
        session.flush()
        _audit(session, at, reviewer, "comment", draft_id, rec.unit_id, path=path)
        return int(comment.id)  # type: ignore[arg-type]


def resolve_comment(db: Database, comment_id: int, actor: str = "") -> None:
    """Mark a review comment as resolved."""
    with db.session() as session:
        comment = session.get(ReviewComment, comment_id)
        if comment is None:
            raise UserError(f"没有编号为 {comment_id} 的审查意见。")
        comment.resolved, comment.resolved_at, comment.resolved_by = True, db.clock(), actor
        _audit(session, comment.resolved_at, actor, "resolve_comment", comment.draft_id,
               comment_id=comment_id)


def list_comments(db: Database, draft_id: int, open_only: bool = False) -> list[ReviewComment]:
    with db.session() as session:
        query = select(ReviewComment).where(ReviewComment.draft_id == draft_id)
        if open_only:
            query = query.where(ReviewComment.resolved == False)  # noqa: E712
        return list(session.execute(query.order_by(ReviewComment.id)).scalars())
