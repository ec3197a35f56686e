"""Drafts in the store: the status flow, saves with versions, optimistic concurrency, the
immutability of signed versions, amendments, history and the export helpers."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy.exc import IntegrityError

from store_helpers import draft_in, new_db
from wagedesk.errors import UserError
from wagedesk.model import Status
from wagedesk.sample import sample_draft
from wagedesk.store import open_database, queries, service
from wagedesk.store.service import ALLOWED, ConflictError, TransitionError

PAIRS = [(a, b) for a in Status for b in Status if a is not b]


@pytest.mark.parametrize("start,target", PAIRS, ids=[f"{a.value}->{b.value}" for a, b in PAIRS])
def test_each_transition_is_allowed_or_refused_as_listed(tmp_path, start, target):
    db = new_db(tmp_path)
    draft_id = service.create_draft(db, draft_in(start))
    if target in ALLOWED[start]:
        result = service.transition(db, draft_id, target, "审查员", comment="请补充")
        loaded = service.load_draft(db, draft_id)
        assert loaded.status is target and loaded.draft.status is target
        assert result.revision == 2
    else:
        with pytest.raises(TransitionError) as err:
            service.transition(db, draft_id, target, "审查员", comment="请补充")
        assert "不能把草案" in str(err.value) and target.label in str(err.value)
        assert err.value.exit_code != 0
        assert service.load_draft(db, draft_id).status is start


def test_the_allowed_table_is_the_documented_flow():
    assert {a.value: sorted(b.value for b in bs) for a, bs in ALLOWED.items()} == {
        "drafting": ["submitted"], "submitted": ["approved", "returned"],
        "returned": ["submitted"], "approved": ["returned", "signed"], "signed": ["filed"],
        "filed": []}


def test_a_return_needs_a_comment_that_becomes_an_open_review_comment(tmp_path):
    db = new_db(tmp_path)
    draft_id = service.create_draft(db, draft_in(Status.submitted))
    with pytest.raises(TransitionError):
        service.transition(db, draft_id, Status.returned, "审查员")
    service.transition(db, draft_id, "退回修改", "审查员", comment="请核对最低工资")
    comments = service.list_comments(db, draft_id, open_only=True)
    assert [c.text for c in comments] == ["请核对最低工资"]
    service.resolve_comment(db, comments[0].id, "王慧敏")
    assert service.list_comments(db, draft_id, open_only=True) == []


def test_only_drafting_and_returned_drafts_can_be_saved(tmp_path):
    db = new_db(tmp_path)
    for status in Status:
        draft_id = service.create_draft(db, draft_in(status, f"企业{status.value}"))
        draft = sample_draft()
        draft.enterprise.name = "改过的名字"
        if status in (Status.drafting, Status.returned):
            assert service.save_draft(db, draft_id, draft, 1, "x").revision == 2
            assert service.load_draft(db, draft_id).draft.enterprise.name == "改过的名字"
        else:
            with pytest.raises(UserError, match="不能修改内容"):
                service.save_draft(db, draft_id, draft, 1, "x")


def _signed(db):
    draft_id = service.create_draft(db, draft_in(Status.approved))
    service.transition(db, draft_id, Status.signed, "王慧敏")
    return draft_id


@pytest.mark.parametrize("sql", [
    "UPDATE draft_version SET content = '{}' WHERE status = 'signed'",
    "UPDATE draft_version SET actor = 'someone else' WHERE status = 'signed'",
    "DELETE FROM draft_version WHERE status = 'signed'",
    "UPDATE draft SET content = '{}' WHERE status = 'signed'",
    "UPDATE draft SET status = 'drafting' WHERE status = 'signed'",
    "DELETE FROM draft WHERE status = 'signed'",
])
def test_a_signed_version_cannot_be_changed_even_with_raw_sql(tmp_path, sql):
    db = new_db(tmp_path)
    draft_id = _signed(db)
    before = queries.history(db, draft_id)
    with pytest.raises(IntegrityError, match="不可修改"):
        with db.engine.begin() as conn:
            conn.exec_driver_sql(sql)
    after = queries.history(db, draft_id)
    assert [(v.number, v.status, v.content_hash) for v in after] == \
        [(v.number, v.status, v.content_hash) for v in before]


def test_the_frozen_rule_holds_on_a_fresh_engine_too(tmp_path):
    db = new_db(tmp_path)
    _signed(db)
    db.close()
    import sqlite3
    con = sqlite3.connect(tmp_path / "t.db")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("DELETE FROM draft_version WHERE status = 'signed'")
    con.close()


def test_changing_a_signed_contract_makes_a_new_draft_that_cites_it(tmp_path):
    db = new_db(tmp_path)
    draft_id = _signed(db)
    signed = queries.history(db, draft_id)[-1]
    service.transition(db, draft_id, Status.filed, "王慧敏")
    new_id = service.amend_signed(db, draft_id, "王慧敏")
    loaded = service.load_draft(db, new_id)
    assert loaded.status is Status.drafting
    digest = loaded.draft.supersedes
    assert digest and len(digest) == 64
    found = queries.find_signed_version_by_fingerprint(db, "WD-" + digest[:16].upper())
    assert found is not None and found.draft_id == draft_id and found.status is Status.signed
    assert found.content_hash == signed.content_hash
    assert service.load_draft(db, draft_id).status is Status.filed
    assert [d.id for d in queries.list_drafts(db)] == [new_id]
    with pytest.raises(TransitionError):
        service.amend_signed(db, new_id)


def test_two_sessions_saving_the_same_draft_give_one_conflict_and_lose_nothing(tmp_path):
    first = open_database(tmp_path / "t.db")
    draft_id = service.create_draft(first, sample_draft(), actor="王慧敏")
    second = open_database(tmp_path / "t.db")
    a, b = service.load_draft(first, draft_id), service.load_draft(second, draft_id)
    a.draft.enterprise.address = "窗口甲的地址"
    b.draft.enterprise.address = "窗口乙的地址"
    saved = service.save_draft(first, draft_id, a.draft, a.revision, "王慧敏")
    with pytest.raises(ConflictError) as err:
        service.save_draft(second, draft_id, b.draft, b.revision, "刘芳")
    assert service.local_text(saved.saved_at) in str(err.value) and "王慧敏" in str(err.value)
    assert err.value.current_revision == 2
    assert service.load_draft(second, draft_id).draft.enterprise.address == "窗口甲的地址"
    with second.engine.connect() as conn:
        kept = conn.exec_driver_sql(
            "SELECT details FROM audit_event WHERE action = 'save_conflict'").scalar_one()
    assert "窗口乙的地址" in kept
    assert [v.number for v in queries.history(first, draft_id)] == [1, 2]


def test_racing_threads_with_the_same_revision_produce_exactly_one_save(tmp_path):
    db = new_db(tmp_path)
    draft_id = service.create_draft(db, sample_draft())
    outcomes: list[str] = []

    def save(n: int) -> None:
        draft = sample_draft()
        draft.enterprise.address = f"地址 {n}"
        try:
            service.save_draft(db, draft_id, draft, 1, f"线程{n}")
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 7 + ["ok"]
    assert service.load_draft(db, draft_id).revision == 2


def test_history_shows_a_per_field_diff_with_chinese_labels(tmp_path):
    db = new_db(tmp_path)
    draft_id = service.create_draft(db, sample_draft())
    draft = sample_draft()
    draft.enterprise.name = "新名字有限公司"
    draft.ladder.levels[1].minimum_amount = draft.ladder.levels[1].minimum_amount + 100
    service.save_draft(db, draft_id, draft, 1, "王慧敏", "第二次协商")
    service.transition(db, draft_id, Status.submitted, "王慧敏")
    entries = queries.history(db, draft_id)
    assert [e.number for e in entries] == [1, 2, 3]
    changes = {c.path: c for c in entries[1].changes}
    assert set(changes) == {"enterprise.name", "ladder.levels.1.minimum_amount"}
    assert changes["enterprise.name"].label == "企业 › 企业名称"
    assert "第 2 项" in changes["ladder.levels.1.minimum_amount"].label
    assert changes["enterprise.name"].new == "新名字有限公司"
    assert [c.path for c in entries[2].changes] == ["status"]


def test_one_current_draft_per_unit_and_term(tmp_path):
    from wagedesk.store.tables import PilotUnit
    db = new_db(tmp_path)
    with db.session() as s:
        s.add(PilotUnit(seq=1, name="甲", uscc="91310115MA1K4C8Q7L"))
    service.create_draft(db, sample_draft(), unit_seq=1)
    with pytest.raises(UserError, match="已有一份草案"):
        service.create_draft(db, sample_draft(), unit_seq=1)
    other = sample_draft()
    other.term.start_date = other.term.start_date.replace(year=2030)
    other.term.end_date = other.term.end_date.replace(year=2032)
    service.create_draft(db, other, unit_seq=1)


def test_export_helpers_list_units_with_current_version_and_hash(tmp_path):
    from wagedesk.store.tables import PilotUnit
    db = new_db(tmp_path)
    with db.session() as s:
        s.add(PilotUnit(seq=1, name="甲", uscc="91310115MA1K4C8Q7L"))
        s.add(PilotUnit(seq=2, name="乙", uscc="91310115MA1K4C8Q8J"))
    draft_id = service.create_draft(db, draft_in(Status.approved), unit_seq=1)
    service.transition(db, draft_id, Status.signed, "x")
    rows = queries.units_with_current_versions(db)
    assert [(r.seq, r.status, r.version_number) for r in rows] == [(1, Status.signed, 2), (2, None, None)]
    assert rows[0].content.status is Status.signed
    assert rows[0].content_hash == service.content_hash(rows[0].content)
    assert queries.find_signed_version_by_fingerprint(db, rows[0].contract_digest[:16]).draft_id == draft_id
    assert queries.find_signed_version_by_fingerprint(db, "0000000000000000") is None
    with pytest.raises(UserError):
        queries.find_signed_version_by_fingerprint(db, "xyz")
