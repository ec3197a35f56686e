"""Storage of pilot units, drafts, their versions, review comments and the audit trail.

``open_database`` (in ``db``) builds the engine from a path or URL passed in; ``service`` holds
the operations the CLI and the desktop app call; ``roster`` imports the unit list; ``demo``
fills a database with fictional data. Only ``sqlite`` knows about SQLite (PRAGMAs, triggers,
backups, ``user_version`` migrations), so the tables also run on PostgreSQL.
"""
from __future__ import annotations

from wagedesk.store.db import Database, DatabaseDamagedError, open_database, restore_backup

__all__ = ["Database", "DatabaseDamagedError", "open_database", "restore_backup"]
