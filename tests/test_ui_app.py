"""The desktop app starts offscreen, opens its database and shows the units overview."""
from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtWidgets import QTableView

from ui.current_user import save_user_name
from ui.main_window import MainWindow


def test_main_window_opens_the_database_and_names_it(qtbot, tmp_path):
    save_user_name("测试用户")
    window = MainWindow(tmp_path / "app.db")
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.overview_refreshed, timeout=5000):
        window.start()
    assert window.windowTitle().startswith("工资协商助手") and "app.db" in window.windowTitle()
    assert window.overview.findChild(QTableView, "unitTable") is not None
    assert "app.db" in window.db_label.text() and "测试用户" in window.user_label.text()
    assert window.overview.pages.currentWidget().objectName() == "emptyPage"


def test_wagedesk_without_arguments_opens_the_app_and_stays_up_until_closed(tmp_path):
    env = {**os.environ, "WAGEDESK_QUIT_AFTER_MS": "1500"}
    save_user_name("测试用户")  # the name dialog would wait for a person
    proc = subprocess.run([sys.executable, "-m", "wagedesk"], capture_output=True, text=True,
                          timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
