"""Never lose a keystroke, as a user meets it: a stored draft edited and "crashed" is offered
back on the next start and restored into its unit's window as unsaved edits; 丢弃 deletes only
that recovery file; a recovery file from another database waits for that database; a save
conflict shows the differing fields and 以我的版本覆盖 writes the next version; exporting from
the draft window writes PDF and DOCX (with the fingerprint) on a worker. Modal dialogs are
replaced with monkeypatch."""
from __future__ import annotations

from decimal import Decimal

import pytest
from pypdf import PdfReader

from tests.desk_helpers import Boxes
from ui import exporting
from ui.conflict_dialog import ConflictDialog
from ui.current_user import save_user_name
from ui.main_window import MainWindow
from ui.recovery import Origin, RecoveryFile, find_recoverable
from ui.recovery_dialog import RecoveryDialog
from ui.store_draft_window import StoreDraftWindow
from wagedesk.export import file_name
from wagedesk.fingerprint import find_fingerprints, fingerprint
from wagedesk.render import render_contract
from wagedesk.sample import sample_draft
from wagedesk.store import service
from wagedesk.verify import _docx_text


def _main(qtbot, db, **kwargs) -> MainWindow:
    window = MainWindow(db.path, opener=lambda _p: db, renderer=render_contract, **kwargs)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.overview_refreshed, timeout=5000):
        window.start()
    return window


@pytest.fixture
def desk(qtbot, demo_db, monkeypatch):
    save_user_name("市总工会 测试员")
    Boxes(monkeypatch)  # no modal message box may block a test
    windows: list[MainWindow] = []
    yield lambda **kw: windows.append(_main(qtbot, demo_db, **kw)) or windows[-1]
    for main in windows:
        for w in list(main.draft_windows):
            w.runner.wait()
            w.setWindowModified(False)
            w.close()
        main.runner.wait()


def _open(main, qtbot, status: str) -> tuple[object, StoreDraftWindow]:
    row = next(r for r in main.overview.model.rows() if r.status == status)
    main.open_unit(row)
    window = main.draft_windows[-1]
    window.editor._timer.setInterval(10)
    qtbot.waitUntil(lambda: window.loaded is not None and window.runner.pending == 0, timeout=5000)
    return row, window


def _edit_rate(window, value: str) -> None:
    field = window.editor._bindings["growth.adjustment_rate"].widget
    field.line.setText(value)
    field.line.textEdited.emit(value)
    window.editor.flush()


def _crash_after_editing(desk, qtbot, value: str = "8.25"):
    """Edit a unit's draft and leave the window open: the app 'crashes' with it unsaved."""
    row, window = _open(desk(), qtbot, "drafting")
    _edit_rate(window, value)
    path = window._recovery.path
    qtbot.waitUntil(lambda: path.exists() and value in path.read_text(encoding="utf-8"), timeout=3000)
    return row, window


class Answer:
    """Stands in for ``RecoveryDialog.exec``: records the rows, clicks one button per row."""

    def __init__(self, monkeypatch, clicks: dict[int, str]) -> None:
        self.rows: list[list[str]] = []
        self.notes: list[str] = []
        self.clicks = clicks
        monkeypatch.setattr(RecoveryDialog, "exec", lambda dialog: self._exec(dialog))

    def _exec(self, dialog) -> int:
        self.rows = [[dialog.table.item(r, c).text() for c in range(3)]
                     for r in range(dialog.table.rowCount())]
        self.notes.append(dialog.note.text())
        clicks = self.clicks(self.rows) if callable(self.clicks) else self.clicks
        for row, kind in clicks.items():
            dialog.button(row, kind).click()
        return 1


def test_a_crashed_stored_draft_is_restored_into_its_unit_window_and_saved_as_next_version(
        desk, qtbot, demo_db, monkeypatch):
    row, crashed = _crash_after_editing(desk, qtbot)
    base = crashed.loaded.revision
    answer = Answer(monkeypatch, {0: "restore"})
    main = desk(offer_recovery=True)  # the next start, same data directory
    qtbot.waitUntil(lambda: bool(answer.rows), timeout=5000)
    assert answer.rows[0][0].startswith(f"{row.seq:03d} 号单位") and answer.rows[0][1] == row.name
    restored = main.draft_windows[-1]
    assert isinstance(restored, StoreDraftWindow) and restored.draft_id == row.draft_id
    qtbot.waitUntil(lambda: restored.loaded is not None and restored.runner.pending == 0, timeout=5000)
    assert restored.editor.draft().growth.adjustment_rate == Decimal("8.25")
    assert restored.isWindowModified() and restored.loaded.revision == base
    kept = crashed._recovery.path
    assert kept.exists(), "the recovery file stays until the content is saved"
    with qtbot.waitSignal(restored.store_changed, timeout=5000):
        restored.save()
    stored = service.load_draft(demo_db, row.draft_id)
    assert stored.revision == base + 1 and stored.draft.growth.adjustment_rate == Decimal("8.25")
    assert not restored.isWindowModified()
    qtbot.waitUntil(lambda: not kept.exists(), timeout=3000)


def test_discard_deletes_only_that_recovery_file(desk, qtbot, demo_db, monkeypatch, tmp_path):
    _row, crashed = _crash_after_editing(desk, qtbot)
    other = RecoveryFile()
    other.write(sample_draft(), tmp_path / "elsewhere.json")
    Boxes(monkeypatch)  # confirms 丢弃
    answer = Answer(monkeypatch, lambda rows: {next(i for i, r in enumerate(rows) if "号单位" in r[0]):
                                               "discard"})
    main = desk(offer_recovery=True)
    qtbot.waitUntil(lambda: bool(answer.rows), timeout=5000)
    assert len(answer.rows) == 2
    assert not crashed._recovery.path.exists() and other.path.exists()
    assert main.draft_windows == []
    assert main.offer_recovery() == [] and len(answer.rows) == 2  # the other one was postponed


def test_a_recovery_file_of_another_database_waits_for_that_database(desk, qtbot, monkeypatch,
                                                                    tmp_path):
    foreign = RecoveryFile()
    foreign.write(sample_draft(), Origin(db=str(tmp_path / "other.db"), draft_id=3, revision=2))
    answer = Answer(monkeypatch, {0: "restore"})
    main = desk()
    assert main.offer_recovery() == [] and answer.rows == []
    assert "其他数据库" in main.statusBar().currentMessage()
    assert [r.path for r in find_recoverable()] == [foreign.path]


def test_conflict_shows_the_differences_and_overwrite_saves_the_next_version(desk, qtbot, demo_db,
                                                                             monkeypatch):
    seen = []

    def overwrite(dialog):
        seen.append(dialog.rows())
        dialog.overwrite_button.click()
        return 1

    monkeypatch.setattr(ConflictDialog, "exec", overwrite)
    row, window = _open(desk(), qtbot, "drafting")
    other = service.load_draft(demo_db, row.draft_id)
    theirs = other.draft.model_copy(deep=True)
    theirs.growth.adjustment_rate = Decimal("6.0")
    newer = service.save_draft(demo_db, row.draft_id, theirs, other.revision, "另一位同事")
    _edit_rate(window, "9.5")
    with qtbot.waitSignal(window.store_changed, timeout=5000):
        window.save()
    assert len(seen) == 1
    assert any("调整幅度" in label and "9.5" in mine and "6" in saved for label, mine, saved in seen[0])
    stored = service.load_draft(demo_db, row.draft_id)
    assert stored.revision == newer.revision + 1
    assert stored.draft.growth.adjustment_rate == Decimal("9.5")
    assert not window.isWindowModified() and window.loaded.revision == stored.revision


def test_load_latest_after_a_conflict_keeps_the_users_text_in_a_recovery_file(desk, qtbot, demo_db,
                                                                              monkeypatch):
    monkeypatch.setattr(ConflictDialog, "exec", lambda d: d.load_button.click() or 1)
    row, window = _open(desk(), qtbot, "drafting")
    other = service.load_draft(demo_db, row.draft_id)
    service.save_draft(demo_db, row.draft_id, other.draft, other.revision, "另一位同事")
    _edit_rate(window, "9.5")
    window.save()
    qtbot.waitUntil(lambda: window.loaded.revision == other.revision + 1
                    and window.runner.pending == 0, timeout=5000)
    assert not window.isWindowModified()
    kept = [r for r in find_recoverable() if r.draft.growth.adjustment_rate == Decimal("9.5")]
    assert len(kept) == 1 and kept[0].origin.revision == other.revision


def test_export_from_the_window_writes_pdf_and_docx_with_the_fingerprint(desk, qtbot, monkeypatch,
                                                                         tmp_path):
    opened = []
    monkeypatch.setattr(exporting, "open_folder", opened.append)
    row, window = _open(desk(), qtbot, "signed")
    draft = window.editor.draft()
    suggested = []

    def choose(_parent, _title, path, filters):
        suggested.append(path)
        return str(tmp_path / "out" / _name(path)), filters.split(";;")[0]

    _name = lambda p: p.replace("\\", "/").rsplit("/", 1)[-1]  # noqa: E731
    (tmp_path / "out").mkdir()
    monkeypatch.setattr("ui.draft_window.QFileDialog.getSaveFileName", choose)
    window.export_dialog()
    assert _name(suggested[0]) == file_name(row.seq, draft.enterprise.name, "pdf")
    assert window.export_indicator.busy and not window.export_action.isEnabled()
    pdf = tmp_path / "out" / _name(suggested[0])
    qtbot.waitUntil(lambda: window.export_action.isEnabled(), timeout=60000)
    assert not window.export_indicator.busy
    text = "\n".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages)
    assert find_fingerprints(text) == [fingerprint(draft)]
    box = window.findChild(exporting.QMessageBox, "exportedBox")
    assert box is not None and str(pdf) in box.text()
    next(b for b in box.buttons() if b.text() == "打开所在文件夹").click()
    assert opened == [pdf.parent]
    docx = tmp_path / "out" / "contract.docx"
    window.export_to(docx)
    qtbot.waitUntil(lambda: window.export_action.isEnabled(), timeout=30000)
    assert find_fingerprints(_docx_text(docx)[1]) == [fingerprint(draft)]
