"""The desk on a real (temporary) database: opening a unit's draft, saving versions, a stale
save's conflict, the review flow through the panel, comments, read-only signed contracts,
the empty state and a damaged database. Modal dialogs are monkeypatched."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtWidgets import QInputDialog, QLabel

from tests.desk_helpers import Boxes
from ui import db_dialogs
from ui.conflict_dialog import ConflictDialog
from ui.current_user import save_user_name
from ui.main_window import MainWindow
from ui.recovery import find_recoverable
from wagedesk.model import Status
from wagedesk.sample import sample_draft
from wagedesk.store import open_database, queries, service


@pytest.fixture
def desk(qtbot, demo_db, monkeypatch):
    save_user_name("市总工会 测试员")
    window = MainWindow(demo_db.path, opener=lambda _p: demo_db)
    window.db_path = demo_db.path
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.overview_refreshed, timeout=5000):
        window.start()
    yield window
    for w in list(window.draft_windows):
        w.runner.wait()
        w.setWindowModified(False)
        w.close()
    window.runner.wait()


def _unit(desk, status: str):
    return next(r for r in desk.overview.model.rows() if r.status == status)


def _open(desk, qtbot, status: str):
    row = _unit(desk, status)
    desk.open_unit(row)
    window = desk.draft_windows[-1]
    qtbot.addWidget(window)
    window.editor._timer.setInterval(10)
    qtbot.waitUntil(lambda: window.loaded is not None and window.runner.pending == 0, timeout=5000)
    return row, window


def _edit_rate(window, value: str):
    field = window.editor._bindings["growth.adjustment_rate"].widget
    field.line.setText(value)
    field.line.textEdited.emit(value)  # as if typed
    window.editor.flush()


def test_the_overview_shows_all_units_with_a_summary(desk):
    assert desk.overview.model.rowCount() == 102
    assert desk.overview.summary.text().startswith("共 102 家：")
    desk.overview.search.setText("没有这家")
    assert desk.overview.visible_rows() == []


def test_editing_and_saving_a_unit_draft_creates_a_new_version(desk, qtbot, demo_db):
    row, window = _open(desk, qtbot, "drafting")
    before = window.loaded.revision
    assert not window.editor.is_read_only() and not window.banner.isVisible()
    _edit_rate(window, "7.5")
    assert window.isWindowModified()
    with qtbot.waitSignal(desk.overview_refreshed, timeout=5000):
        window.save()
    assert window.loaded.revision == before + 1 and not window.isWindowModified()
    stored = service.load_draft(demo_db, row.draft_id)
    assert stored.revision == before + 1
    assert stored.draft.growth.adjustment_rate == Decimal("7.5")
    assert stored.updated_by == "市总工会 测试员"
    qtbot.waitUntil(lambda: window.panel.version_tree.topLevelItemCount() == before + 1)
    assert ("工资增长 › 本年度工资调整幅度（%）" in window.panel.diff_title.text()
            or any("调整" in r[0] for r in window.panel.diff_rows()))


def test_a_stale_save_shows_the_conflict_and_loses_nothing(desk, qtbot, demo_db, monkeypatch):
    shown = []
    Boxes(monkeypatch)

    def keep_editing(dialog):
        shown.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        return 0

    monkeypatch.setattr(ConflictDialog, "exec", keep_editing)
    row, window = _open(desk, qtbot, "drafting")
    other = service.load_draft(demo_db, row.draft_id)
    service.save_draft(demo_db, row.draft_id, other.draft, other.revision, "另一位同事")
    _edit_rate(window, "9.5")
    window.save()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    texts = shown[0]
    assert "另一位同事" in texts and "没有丢失" in texts
    assert window.editor.draft().growth.adjustment_rate == Decimal("9.5")
    assert window.isWindowModified()
    kept = [r for r in find_recoverable() if r.draft.growth.adjustment_rate == Decimal("9.5")]
    assert kept, "the user's text is kept in a recovery file"
    assert kept[0].origin.draft_id == row.draft_id and kept[0].origin.revision == other.revision
    assert service.load_draft(demo_db, row.draft_id).updated_by == "另一位同事"


def test_submitting_through_the_panel_changes_the_status_and_the_table(desk, qtbot, demo_db):
    row, window = _open(desk, qtbot, "drafting")
    assert set(window.panel.flow_buttons) == {Status.submitted}
    with qtbot.waitSignal(desk.overview_refreshed, timeout=5000):
        window.panel.flow_buttons[Status.submitted].click()
    qtbot.waitUntil(lambda: window.loaded.status is Status.submitted, timeout=5000)
    assert service.load_draft(demo_db, row.draft_id).status is Status.submitted
    qtbot.waitUntil(lambda: desk.overview.model.row_at(row.seq - 1).status == "submitted")
    assert window.editor.is_read_only() and window.banner.isVisible()
    assert set(window.panel.flow_buttons) == {Status.returned, Status.approved}


def test_returning_without_a_comment_is_refused_with_a_message(desk, qtbot, demo_db, monkeypatch):
    boxes = Boxes(monkeypatch)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("  ", True))
    row, window = _open(desk, qtbot, "submitted")
    window.panel.flow_buttons[Status.returned].click()
    assert any("必须写明" in text for _, text in boxes.shown)
    assert service.load_draft(demo_db, row.draft_id).status is Status.submitted
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("补充表决票数", True))
    window.panel.flow_buttons[Status.returned].click()
    qtbot.waitUntil(lambda: window.loaded.status is Status.returned, timeout=5000)
    qtbot.waitUntil(lambda: any(c.text == "补充表决票数" for c in window.panel._comments))


def test_comments_are_added_on_the_focused_field_resolved_and_focus_it(desk, qtbot, demo_db):
    row, window = _open(desk, qtbot, "drafting")
    window.panel.set_target("procedure.vote")
    window.panel.comment_edit.setPlainText("请补充实到人数")
    window.panel.add_button.click()
    qtbot.waitUntil(lambda: window.panel.comment_count() == 1, timeout=5000)
    card = window.panel.cards()[0]
    assert card.path == "procedure.vote"
    card.path_clicked.emit(card.path)
    assert window.editor.current_step() == "procedure"
    card.resolve_button.click()
    qtbot.waitUntil(lambda: window.panel.comment_count() == 0, timeout=5000)
    assert service.list_comments(demo_db, row.draft_id)[0].resolved


def test_a_signed_draft_opens_read_only_and_can_be_amended(desk, qtbot, demo_db, monkeypatch):
    Boxes(monkeypatch)
    row, window = _open(desk, qtbot, "signed")
    assert window.editor.is_read_only() and not window.save_action.isEnabled()
    assert window.banner.isVisible() and "已签订" in window.banner_label.text()
    assert window.amend_button.isVisible()
    window.amend_button.click()
    qtbot.waitUntil(lambda: window.loaded.status is Status.drafting, timeout=5000)
    assert window.draft_id != row.draft_id and not window.editor.is_read_only()
    assert service.load_draft(demo_db, row.draft_id).status is Status.signed


def test_an_empty_database_offers_the_demo_and_loads_it(qtbot, tmp_path):
    save_user_name("测试员")
    window = MainWindow(tmp_path / "empty.db")
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.overview_refreshed, timeout=5000):
        window.start()
    assert window.overview.pages.currentWidget().objectName() == "emptyPage"
    with qtbot.waitSignal(window.overview_refreshed, timeout=15000):
        window.overview.demo_button.click()
    assert window.overview.model.rowCount() == 102
    window.runner.wait()


def test_a_roster_import_reports_bad_rows_in_a_dialog(qtbot, tmp_path, monkeypatch):
    save_user_name("测试员")
    shown = []
    monkeypatch.setattr(db_dialogs, "show_roster_report", lambda _p, report: shown.append(report))
    roster = tmp_path / "名单.csv"
    roster.write_text("序号,企业名称,统一社会信用代码\n1,上海甲有限公司,91310115MA1K4C8Q7X\n"
                      "2,,913101\n", encoding="utf-8")
    window = MainWindow(tmp_path / "r.db")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.overview_refreshed, timeout=5000):
        window.start()
    with qtbot.waitSignal(window.overview_refreshed, timeout=5000):
        window.import_roster(roster)
    assert shown and shown[0].errors
    head, details = db_dialogs.roster_summary(shown[0])
    assert "第 3 行" in details and "没有导入" in head
    window.runner.wait()


def test_a_damaged_database_offers_the_backup_and_opens_it(qtbot, tmp_path, monkeypatch):
    save_user_name("测试员")
    path = tmp_path / "t.db"
    db = open_database(path)
    draft_id = service.create_draft(db, sample_draft())
    db.close()
    open_database(path).close()  # the second open takes the daily backup
    path.write_bytes(b"not a database" * 4000)
    offered = []

    def ask(_parent, err):
        offered.append(err)
        return db_dialogs.RESTORE

    monkeypatch.setattr(db_dialogs, "ask_damaged", ask)
    window = MainWindow(path)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.database_opened, timeout=10000):
        window.start()
    assert offered and offered[0].backup is not None
    assert queries.history(window.db, draft_id)
    assert list(tmp_path.glob("t.db.damaged-*"))
    window.runner.wait()
