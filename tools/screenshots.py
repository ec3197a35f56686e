"""Grabs the draft window with the sample draft at 1280×800, one PNG per chosen step, so a
person can look at the desktop app without a screen: ``python tools/screenshots.py OUT_DIR``."""
from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WAGEDESK_DATA_DIR", tempfile.mkdtemp(prefix="wagedesk-shots-"))

from ui.app import make_app
from ui.draft_window import DraftWindow
from wagedesk.sample import sample_draft

STEPS = ["parties", "representatives", "ladder", "pay", "allowances", "growth", "procedure"]


@dataclass
class _Finding:
    path: str
    severity: str
    message: str
    basis: str


def _demo_checker(draft, *, for_signing=False):
    """Stand-in findings so the panel and badges show something (the real rules are injected)."""
    return [_Finding("ladder.levels.0.minimum_amount", "warning",
                     "低于基础类岗位参考水平（法定最低工资的 105%）", "人社厅发〔2025〕52号"),
            _Finding("procedure.filing_date", "error", "签订后 10 日内应报送人力资源社会保障部门",
                     "集体合同规定第四十二条")]


def main(out: Path) -> None:
    app = make_app()
    out.mkdir(parents=True, exist_ok=True)
    window = DraftWindow(sample_draft(), checker=_demo_checker)
    window.resize(1280, 800)
    window.show()
    for number, step in enumerate(STEPS, start=1):
        window.editor.select_step(step)
        app.processEvents()
        window.grab().save(str(out / f"{number:02d}-{step}.png"))
    window.setWindowModified(False)
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "shots"))
