"""Where the database and its backups live: the user's data directory (platformdirs) unless
``WAGEDESK_DATA_DIR``, ``WAGEDESK_DB`` or ``--db`` says otherwise. Everything is computed when
asked for, never at import time."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "WageDesk"
DB_FILE_NAME = "wagedesk.db"
BACKUP_FOLDER = "backups"


def data_dir() -> Path:
    """The folder for the app's own data (``WAGEDESK_DATA_DIR`` overrides platformdirs)."""
    return Path(os.environ.get("WAGEDESK_DATA_DIR")
                or platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """``WAGEDESK_DB`` if set, else ``wagedesk.db`` in the data directory."""
    env = os.environ.get("WAGEDESK_DB")
    return Path(env) if env else data_dir() / DB_FILE_NAME


def resolve_db(cli_value: str | None = None) -> str:
    """The database the user asked for: ``--db`` first, then ``WAGEDESK_DB``, then the default."""
    return cli_value if cli_value else str(default_db_path())


def backup_dir(db_path: Path) -> Path:
    """Automatic backups of ``db_path`` go to a ``backups`` folder beside it."""
    return db_path.parent / BACKUP_FOLDER
