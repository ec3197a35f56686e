"""``python -m wagedesk``: the same entry point as the ``wagedesk`` command."""
from __future__ import annotations

import sys

from wagedesk.cli import main

sys.exit(main())
