"""The core never loads Qt or the desktop front end."""
from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import wagedesk


def _core_modules() -> list[str]:
    return ["wagedesk"] + [m.name for m in pkgutil.walk_packages(wagedesk.__path__, "wagedesk.")
                           if m.name != "wagedesk.__main__"]


def test_importing_every_core_module_loads_no_qt_and_no_ui():
    modules = _core_modules()
    assert len(modules) > 5
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
        "print(json.dumps(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_layering_check_would_notice_a_qt_import():
    code = ("import sys, ui.forms\n"
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
