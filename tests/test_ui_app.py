"""The desktop app starts offscreen and shows its main window."""
from __future__ import annotations

import os
import subprocess
import sys

from ui.main_window import MainWindow


def test_main_window_shows_chinese_title(qtbot):
    window = MainWindow(db_label="test.db")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle().startswith("工资协商助手")
    from PySide6.QtWidgets import QTableView
    assert window.form.findChild(QTableView, "unitTable") is not None
    assert "test.db" in window.statusBar().currentMessage()


def test_wagedesk_without_arguments_opens_the_app_and_stays_up_until_closed(tmp_path):
    env = {**os.environ, "WAGEDESK_QUIT_AFTER_MS": "1500"}
    proc = subprocess.run([sys.executable, "-m", "wagedesk"], capture_output=True, text=True,
                          timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
