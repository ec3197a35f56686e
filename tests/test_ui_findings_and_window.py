"""Findings panel, draft window, crash recovery and the background task runner, with fake
rules and a fake renderer injected."""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ui.draft_window import DraftWindow
from ui.findings_panel import FindingsPanel
from ui.main_window import MainWindow
from ui.recovery import RecoveryFile, find_recoverable
from ui.recovery_dialog import RecoveryDialog
from ui.tasks import TaskRunner
from wagedesk import draftfile
from wagedesk.errors import UserError
from wagedesk.model import Draft, Status
from wagedesk.sample import sample_draft


@dataclass
class FakeFinding:
    path: str
    severity: str
    message: str
    basis: str = "集体合同规定第三十二条"


def fake_checker(draft, *, for_signing=False):
    found = [FakeFinding("ladder.levels.2.minimum_amount", "warning", "低于重要类岗位参考水平")]
    if for_signing:
        found.append(FakeFinding("procedure.filing_date", "error", "签订前应约定报送日期"))
    return found


class Boxes:
    """Records the message boxes a test provokes instead of showing them."""

    def __init__(self, monkeypatch, answer=QMessageBox.StandardButton.Yes):
        self.shown: list[tuple[str, str]] = []
        for kind in ("warning", "critical", "information"):
            monkeypatch.setattr(QMessageBox, kind, self._record)
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: self._ask(a, answer))

    def _record(self, _parent, title, text, *rest):
        self.shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    def _ask(self, args, answer):
        self.shown.append((args[1], args[2]))
        return answer


@pytest.fixture
def window(qtbot, tmp_path):
    win = DraftWindow(sample_draft(), checker=fake_checker, data_dir=tmp_path / "data")
    win.editor._timer.setInterval(30)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.runner.wait()
    win.setWindowModified(False)


def test_panel_lists_fake_findings_with_chinese_labels(qtbot):
    panel = FindingsPanel(fake_checker)
    qtbot.addWidget(panel)
    panel.refresh(sample_draft())
    assert panel.count() == 1
    row = panel.tree.topLevelItem(0)
    assert row.text(0) == "警告"
    assert row.text(1) == "技能等级体系 › 采用的技能等级 第 3 项 › 月最低标准（元）"
    assert row.text(3) == "集体合同规定第三十二条"
    panel.signing.setChecked(True)
    panel.refresh(sample_draft())
    assert [panel.tree.topLevelItem(i).text(0) for i in range(panel.count())] == ["错误", "警告"]


def test_panel_without_rules_says_so_and_disables_the_switch(qtbot):
    panel = FindingsPanel(None)
    qtbot.addWidget(panel)
    panel.refresh(Draft())
    assert not panel.signing.isEnabled()
    assert "尚未安装" in panel.summary.text()


def test_a_broken_checker_does_not_take_the_window_down(qtbot):
    def broken(draft, *, for_signing=False):
        raise RuntimeError("bug in rules")
    panel = FindingsPanel(broken)
    qtbot.addWidget(panel)
    panel.refresh(Draft())
    assert "检查规则出错" in panel.summary.text()


def test_double_click_on_a_finding_focuses_its_field(window, qtbot):
    tree = window.findings.tree
    item = tree.topLevelItem(0)
    qtbot.waitExposed(window)
    rect = tree.visualItemRect(item)
    # QTest needs the first click of a double-click sent on its own
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.editor.current_step() == "ladder"
    table = window.editor._bindings["ladder.levels"].widget
    assert table.table.currentRow() == 2


def test_signing_switch_reruns_the_check(window):
    window.findings.signing.setChecked(True)
    assert window.findings.count() == 2
    assert window.editor._bindings["procedure.filing_date"].widget.edit.property("finding") == "error"


def test_opening_a_broken_draft_file_shows_a_chinese_message_and_keeps_the_draft(
        window, qtbot, tmp_path, monkeypatch):
    boxes = Boxes(monkeypatch)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "wagedesk.draft", "schema_version": 1,', encoding="utf-8")
    window.open_file(broken)
    qtbot.waitUntil(lambda: bool(boxes.shown), timeout=5000)
    title, text = boxes.shown[0]
    assert title == "无法打开草案文件" and "无法读取" in text and "Traceback" not in text
    assert window.editor.draft() == sample_draft()


def test_opening_a_good_file_replaces_the_draft(window, qtbot, tmp_path):
    other = Draft(enterprise={"name": "另一家企业"})
    path = tmp_path / "other.json"
    draftfile.save(other, path)
    window.open_file(path)
    qtbot.waitUntil(lambda: window.editor.draft() == other, timeout=5000)
    assert window.source == path and "另一家企业" in window.windowTitle()


def test_save_writes_the_file_off_the_gui_thread_and_clears_modified(window, qtbot, tmp_path):
    field = window.editor._bindings["enterprise.industry"].widget
    qtbot.keyClicks(field.line, "X")
    qtbot.waitUntil(window.isWindowModified, timeout=2000)
    target = tmp_path / "saved.json"
    window.save_to(target)
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=5000)
    assert draftfile.load(target).enterprise.industry == "通用设备制造X"


def test_save_failure_is_a_chinese_message(window, qtbot, tmp_path, monkeypatch):
    boxes = Boxes(monkeypatch)
    window.save_to(tmp_path / "no-such-folder" / "x.json")
    qtbot.waitUntil(lambda: bool(boxes.shown), timeout=5000)
    assert boxes.shown[0][0] == "无法保存草案文件"


def test_export_is_disabled_without_a_renderer_and_calls_an_injected_one(qtbot, tmp_path):
    plain = DraftWindow(sample_draft(), data_dir=tmp_path)
    qtbot.addWidget(plain)
    assert not plain.export_action.isEnabled()
    assert "尚未安装" in plain.export_action.toolTip()
    calls = []
    win = DraftWindow(sample_draft(), renderer=lambda d, p: calls.append((d, p)), data_dir=tmp_path)
    qtbot.addWidget(win)
    win.export_to(tmp_path / "c.pdf")
    qtbot.waitUntil(lambda: bool(calls) and win.export_action.isEnabled(), timeout=5000)
    assert calls == [(sample_draft(), tmp_path / "c.pdf")]


def test_a_renderer_user_error_is_shown_in_chinese(qtbot, tmp_path, monkeypatch):
    boxes = Boxes(monkeypatch)

    def renderer(draft, path):
        raise UserError("模板中第 3 段的占位符有误，请联系工会工作人员。")
    win = DraftWindow(sample_draft(), renderer=renderer, data_dir=tmp_path)
    qtbot.addWidget(win)
    win.export_to(tmp_path / "c.docx")
    qtbot.waitUntil(lambda: bool(boxes.shown), timeout=5000)
    assert boxes.shown == [("无法导出合同", "模板中第 3 段的占位符有误，请联系工会工作人员。")]


def test_signed_contracts_open_read_only(qtbot, tmp_path):
    signed = sample_draft().model_copy(update={"status": Status.signed})
    win = DraftWindow(signed, data_dir=tmp_path)
    qtbot.addWidget(win)
    assert win.editor.is_read_only() and "已签订" in win.editor.banner.text()


def test_recovery_file_is_written_on_change_and_offered_on_restart(window, qtbot, tmp_path,
                                                                    monkeypatch):
    field = window.editor._bindings["enterprise.industry"].widget
    qtbot.keyClicks(field.line, "Y")
    recovery = window._recovery.path
    qtbot.waitUntil(recovery.exists, timeout=3000)
    qtbot.waitUntil(lambda: "通用设备制造Y" in recovery.read_text(encoding="utf-8"), timeout=3000)
    # the app "crashes": the window never closes cleanly; a new main window starts
    offered = []
    Boxes(monkeypatch)  # closing the windows afterwards asks nothing

    def restore_first(dialog):
        offered.append([dialog.table.item(0, c).text() for c in range(3)])
        dialog.button(0, "restore").click()
        return 1

    monkeypatch.setattr(RecoveryDialog, "exec", restore_first)
    main = MainWindow("test.db", checker=fake_checker, data_dir=tmp_path / "data")
    qtbot.addWidget(main)
    reopened = main.offer_recovery()
    assert offered and offered[0][0] == "未保存为文件的新草案"
    assert len(reopened) == 1
    qtbot.addWidget(reopened[0])
    assert reopened[0].editor.draft().enterprise.industry == "通用设备制造Y"
    assert reopened[0].isWindowModified()
    reopened[0].setWindowModified(False)


def test_recovery_older_than_the_saved_file_is_not_offered(tmp_path):
    saved = tmp_path / "d.json"
    rec = RecoveryFile(tmp_path)
    rec.write(sample_draft(), saved)
    draftfile.save(sample_draft(), saved)
    later = time.time() + 5
    os.utime(saved, (later, later))
    assert find_recoverable(tmp_path) == []
    assert not rec.path.exists()


def test_unreadable_recovery_files_are_dropped(tmp_path):
    folder = tmp_path / "recovery"
    folder.mkdir()
    (folder / "x.json").write_text("{nope", encoding="utf-8")
    (folder / "y.json").write_text(json.dumps({"written_at": 1, "draft": {"format": "x"}}))
    assert find_recoverable(tmp_path) == []
    assert list(folder.glob("*.json")) == []
    assert sorted(p.name for p in (folder / "unreadable").iterdir()) == ["x.json", "y.json"]


def test_closing_without_changes_removes_the_recovery_file(qtbot, tmp_path):
    win = DraftWindow(sample_draft(), data_dir=tmp_path)
    qtbot.addWidget(win)
    win._recovery.write(sample_draft(), None)
    win.close()
    assert not win._recovery.path.exists()


def test_task_runner_reports_success_and_failure_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    results, errors = [], []
    runner.run(lambda: 6 * 7, on_success=results.append)
    runner.run(lambda: 1 / 0, on_failure=errors.append)
    qtbot.waitUntil(lambda: bool(results and errors), timeout=5000)
    assert results == [42] and isinstance(errors[0], ZeroDivisionError)
    assert runner.pending == 0


def test_main_window_has_new_and_open_draft_actions(qtbot):
    main = MainWindow("test.db")
    qtbot.addWidget(main)
    texts = [a.text() for a in main.menuBar().actions()[0].menu().actions()]
    assert "新建草案文件(&N)" in texts and "打开草案文件(&O)…" in texts
    win = main.open_draft_window()
    qtbot.addWidget(win)
    assert win.editor.draft() == Draft()


def test_a_task_finishing_after_its_window_closed_is_quiet(qtbot, capfd):
    import threading

    from PySide6.QtWidgets import QWidget

    from ui.tasks import TaskRunner

    host = QWidget()
    runner = TaskRunner(host)
    release = threading.Event()
    runner.run(lambda: release.wait(5) and "done")
    host.deleteLater()
    qtbot.waitUntil(lambda: not _alive(runner), timeout=2000)
    release.set()
    assert runner.pool.waitForDone(5000)
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Signal source has been deleted" not in err


def _alive(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
