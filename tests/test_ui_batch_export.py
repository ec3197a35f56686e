"""批量导出合同 in the desktop app: the dialog exports the units selected in the overview on a
worker and shows 成功 n，失败 m; a unit whose target is blocked is listed with its reason; 取消
stops between units without leaving temporaries; the main window opens it with the selection."""
from __future__ import annotations

import json
import time

import pytest
from PySide6.QtCore import QItemSelectionModel

from tests.desk_helpers import Boxes
from ui import batch_export_dialog
from ui.batch_export_dialog import BatchExportDialog, load_last_folder
from ui.current_user import save_user_name
from ui.main_window import MainWindow
from wagedesk import export
from wagedesk.model import Status
from wagedesk.store.overview import unit_overview


@pytest.fixture(scope="session")
def font_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("batch-fonts")


@pytest.fixture
def opened(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(batch_export_dialog, "open_folder", lambda path: calls.append(str(path)))
    return calls


def _dialog(qtbot, demo_db, tmp_path, selected=(), workers=2):
    rows = unit_overview(demo_db)
    dialog = BatchExportDialog(demo_db, rows, selected, data_dir=tmp_path / "settings",
                               workers=workers)
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.show()
    return dialog


def _run(qtbot, dialog, timeout=30000):
    with qtbot.waitSignal(dialog.finished_export, timeout=timeout) as blocker:
        dialog.start_button.click()
    return blocker.args[0]


def test_defaults_are_signed_and_filed_with_counts(qtbot, demo_db, tmp_path):
    dialog = _dialog(qtbot, demo_db, tmp_path)
    assert dialog.statuses() == {Status.signed, Status.filed}
    signed = sum(1 for r in dialog.rows if r.status == "signed")
    assert dialog.status_checks[Status.signed].text() == f"已签订（{signed}）"
    assert not dialog.selected_check.isEnabled()
    dialog.all_check.click()
    assert dialog.statuses() == set(Status)
    assert "将导出 102 家单位的合同，共 204 个文件" in dialog.plan_label.text()
    dialog.docx_check.setChecked(False)
    dialog.pdf_check.setChecked(False)
    assert not dialog.start_button.isEnabled() and "格式" in dialog.plan_label.text()


def test_exports_the_selected_units_and_shows_the_summary(qtbot, demo_db, tmp_path, opened,
                                                          font_cache, monkeypatch):
    monkeypatch.setenv("WAGEDESK_DATA_DIR", str(font_cache))
    dialog = _dialog(qtbot, demo_db, tmp_path, selected=[2, 5, 9])
    dialog.all_check.click()  # every status, but only the three selected units
    dialog.selected_check.setChecked(True)
    assert "3 家单位" in dialog.plan_label.text()
    summary = _run(qtbot, dialog)
    out = tmp_path / "out"
    assert [r.seq for r in summary.results] == [2, 5, 9] and not summary.failed
    assert len(list(out.glob("*.docx"))) == 3 and len(list(out.glob("*.pdf"))) == 3
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["units"] == 3
    assert "成功 3，失败 0" in dialog.summary_label.text() and dialog.headline.text() == "导出完成"
    assert dialog.progress.value() == 3 and not dialog.failed_list.isVisibleTo(dialog)
    assert load_last_folder(tmp_path / "settings") == out
    dialog.open_folder_button.click()
    dialog.open_manifest_button.click()
    assert opened == [str(out), str(out / "manifest.csv")]


def test_a_blocked_target_is_listed_with_its_reason(qtbot, demo_db, tmp_path):
    dialog = _dialog(qtbot, demo_db, tmp_path, selected=[1, 2, 3])
    dialog.all_check.click()
    dialog.selected_check.setChecked(True)
    dialog.pdf_check.setChecked(False)
    enterprise = next(r for r in dialog.rows if r.seq == 2).name
    out = tmp_path / "out"
    (out / export.file_name(2, enterprise, "docx")).mkdir(parents=True)
    summary = _run(qtbot, dialog)
    assert [r.seq for r in summary.failed] == [2]
    assert "成功 2，失败 1" in dialog.summary_label.text()
    assert dialog.failed_list.count() == 1 and dialog.failed_list.isVisibleTo(dialog)
    item = dialog.failed_list.item(0).text()
    assert item.startswith("002 ") and "无法写入文件 002_" in item and "同名的文件夹" in item
    assert "wdtmp" not in item


def test_cancel_stops_cleanly(qtbot, demo_db, tmp_path, monkeypatch):
    def slow(fmt):
        def write(document, handle):
            time.sleep(0.1)
            handle.write(b"x")
        return write

    monkeypatch.setattr(export, "_writer", slow)
    monkeypatch.setattr(export, "_build", lambda draft, note: None)
    monkeypatch.setattr(export, "prepare", lambda jobs: None)
    dialog = _dialog(qtbot, demo_db, tmp_path)
    dialog.all_check.click()
    dialog.pdf_check.setChecked(False)
    with qtbot.waitSignal(dialog.finished_export, timeout=30000) as blocker:
        dialog.start_button.click()
        qtbot.waitUntil(lambda: dialog.progress.value() >= 2, timeout=10000)
        assert "预计剩余" in dialog.eta_label.text() and "已完成：" in dialog.current_label.text()
        dialog.close()  # closing while running cancels instead
        assert dialog.isVisible() and "正在取消" in dialog.cancel_button.text()
    summary = blocker.args[0]
    out = tmp_path / "out"
    assert summary.cancelled and 2 <= len(summary.results) < 102
    assert not list(out.glob(f".*{export.TMP_SUFFIX}"))
    assert len(list(out.glob("*.docx"))) == len(summary.succeeded)
    assert dialog.headline.text() == "已取消导出" and "其余单位未导出" in dialog.summary_label.text()
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_the_main_window_opens_it_with_the_selected_units(qtbot, demo_db, monkeypatch):
    Boxes(monkeypatch)
    save_user_name("市总工会 测试员")
    window = MainWindow(demo_db.path, opener=lambda _p: demo_db)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.overview_refreshed, timeout=5000):
        window.start()
    table = window.overview.table
    selection = table.selectionModel()
    for row in (0, 3, 4):
        selection.select(table.model().index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    assert window.overview.batch_button.isVisible()
    window.overview.batch_button.click()
    dialog = window.batch_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.selected == {1, 4, 5} and dialog.selected_check.isEnabled()
    assert "选中的 3 家" in dialog.selected_check.text()
    assert window.open_batch_export() is dialog  # one at a time
    dialog.close_button.click()
    window.runner.wait()
