"""Grabs the desktop app on a demo database at 1280×800 — the units overview, a returned
draft with the review panel, and its history tab — so a person can look at it without a
screen: ``python tools/desk_screenshots.py OUT_DIR`` writes desk-*.png."""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_tmp = Path(tempfile.mkdtemp(prefix="wagedesk-desk-"))
os.environ.setdefault("WAGEDESK_DATA_DIR", str(_tmp / "data"))

from PySide6.QtWidgets import QApplication

from ui.app import make_app
from ui.current_user import save_user_name
from ui.main_window import MainWindow
from wagedesk.rules import check
from wagedesk.store import open_database
from wagedesk.store.demo import fill_demo


def wait(app: QApplication, condition, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there")
        app.processEvents()
        time.sleep(0.01)


def main(out: Path) -> None:
    app = make_app()
    out.mkdir(parents=True, exist_ok=True)
    db_path = _tmp / "demo.db"
    fill_demo(open_database(db_path))
    save_user_name("市总工会 审查员 沈立")
    started = time.perf_counter()
    window = MainWindow(db_path, checker=check)
    window.show()
    window.start()
    wait(app, lambda: window.overview.model.rowCount() > 0)
    print(f"start-up to a filled table: {time.perf_counter() - started:.2f} s")
    app.processEvents()
    window.grab().save(str(out / "desk-main.png"))
    window.overview.set_status_filter("returned")
    app.processEvents()
    window.grab().save(str(out / "desk-main-returned.png"))
    unit = window.overview.visible_rows()[0]
    draft = window.open_stored_draft(unit.draft_id)
    draft.resize(1280, 800)
    wait(app, lambda: draft.loaded is not None and draft.panel.comment_count() > 0)
    app.processEvents()
    draft.grab().save(str(out / "desk-draft-review.png"))
    draft.panel.tabs.setCurrentIndex(1)
    tree = draft.panel.version_tree
    tree.setCurrentItem(tree.topLevelItem(1))
    app.processEvents()
    draft.grab().save(str(out / "desk-draft-history.png"))
    window.overview.set_status_filter("signed")
    signed = window.overview.visible_rows()[0]
    frozen = window.open_stored_draft(signed.draft_id)
    frozen.resize(1280, 800)
    wait(app, lambda: frozen.loaded is not None)
    app.processEvents()
    frozen.grab().save(str(out / "desk-draft-signed.png"))
    window.close()
    empty = MainWindow(_tmp / "empty.db")
    empty.show()
    empty.start()
    wait(app, lambda: empty.db is not None and empty.runner.pending == 0)
    app.processEvents()
    empty.grab().save(str(out / "desk-empty.png"))
    empty.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "shots"))
