"""``python -m wagedesk``: the same entry point as the ``wagedesk`` command."""
from __future__ import annotations

import multiprocessing
import sys

from wagedesk.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # export workers in a frozen (PyInstaller) build
    sys.exit(main())
