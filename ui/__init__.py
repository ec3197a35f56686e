"""WageDesk desktop front end (PySide6). It only calls the Qt-free core in ``wagedesk``."""
