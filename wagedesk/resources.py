"""Finds files shipped with WageDesk (templates, forms, fonts), in a source tree,
an installed package or a PyInstaller bundle (``sys._MEIPASS``). One helper, used everywhere."""
from __future__ import annotations

import sys
from pathlib import Path


def project_root() -> Path:
    """The folder that holds ``wagedesk/``, ``ui/`` and ``contract_templates/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def templates_dir() -> Path:
    """The folder of the Word frame and the model wording (editable by union staff)."""
    return project_root() / "contract_templates"


def ui_dir() -> Path:
    """The folder of the desktop front end's forms and assets."""
    return project_root() / "ui"
