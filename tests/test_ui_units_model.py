"""The units overview models, without a window: rows and columns from the store, the status
filter, search by name / 序号 / USCC, and numeric sorting."""
from __future__ import annotations

from PySide6.QtCore import Qt

from ui.units_model import COLUMNS, OPEN, SEQ, STATUS, UnitsFilterModel, UnitsTableModel
from wagedesk.model import Status
from wagedesk.store import service
from wagedesk.store.overview import unit_overview


def _models(db):
    model = UnitsTableModel()
    model.set_rows(unit_overview(db))
    proxy = UnitsFilterModel()
    proxy.setSourceModel(model)
    return model, proxy


def test_every_unit_is_a_row_with_the_chinese_columns(demo_db, qapp):
    model, _ = _models(demo_db)
    assert model.rowCount() == 102 and model.columnCount() == 7
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == list(COLUMNS)
    first = [model.index(0, c).data() for c in range(7)]
    assert first[0] == "1" and first[1].startswith("上海") and first[2].endswith("区")
    assert first[4] in {s.label for s in Status}
    assert sum(model.counts().values()) == 102


def test_open_comments_are_counted_per_unit(demo_db, qapp):
    row = next(r for r in unit_overview(demo_db) if r.status == "drafting")
    service.add_comment(demo_db, row.draft_id, "procedure.vote", "审查员", "请补充表决票数")
    service.add_comment(demo_db, row.draft_id, "", "审查员", "整体再核对")
    model, _ = _models(demo_db)
    index = model.index(row.seq - 1, OPEN)
    assert index.data() == "2"
    comment = service.list_comments(demo_db, row.draft_id)[0]
    service.resolve_comment(demo_db, comment.id, "审查员")
    model.set_rows(unit_overview(demo_db))
    assert model.index(row.seq - 1, OPEN).data() == "1"


def test_status_filter_and_search_narrow_the_rows(demo_db, qapp):
    model, proxy = _models(demo_db)
    proxy.set_status_filter("signed")
    assert proxy.rowCount() == model.counts()["signed"] > 0
    assert all(proxy.index(r, STATUS).data() == "已签订" for r in range(proxy.rowCount()))
    proxy.set_status_filter(None)
    target = model.row_at(41)
    proxy.set_search(target.name[2:6])
    assert target.seq in [proxy.row_at(r).seq for r in range(proxy.rowCount())]
    proxy.set_search(str(target.seq))
    assert [proxy.row_at(r).seq for r in range(proxy.rowCount())] == [target.seq]
    proxy.set_search(target.uscc[-8:].lower())
    assert [proxy.row_at(r).seq for r in range(proxy.rowCount())] == [target.seq]
    proxy.set_search("没有这家企业")
    assert proxy.rowCount() == 0


def test_sorting_is_numeric_for_seq_and_follows_the_workflow_for_status(demo_db, qapp):
    _, proxy = _models(demo_db)
    proxy.sort(SEQ, Qt.SortOrder.DescendingOrder)
    assert [proxy.row_at(r).seq for r in range(3)] == [102, 101, 100]
    proxy.sort(STATUS, Qt.SortOrder.AscendingOrder)
    order = [s.value for s in Status]
    keys = [order.index(proxy.row_at(r).status) for r in range(proxy.rowCount())]
    assert keys == sorted(keys)


def test_a_unit_without_a_draft_shows_not_started(tmp_path, qapp):
    from wagedesk.store import open_database
    from wagedesk.store.tables import PilotUnit
    db = open_database(tmp_path / "u.db")
    with db.session() as s:
        s.add(PilotUnit(seq=7, name="上海测试有限公司", uscc="91310000TEST00007X"))
    model, _ = _models(db)
    assert model.index(0, STATUS).data() == "未起草"
    assert model.index(0, 5).data() == "—"
    db.close()
