"""WageDesk core: the Qt-free domain model, rules, storage, rendering and CLI.

Nothing in this package imports PySide6 or the ``ui`` package; a test enforces it.
"""
from __future__ import annotations

__version__ = "0.1.0"
