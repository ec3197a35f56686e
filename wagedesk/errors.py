"""Errors a user can cause. Each carries a Chinese message that says what to do and the
exit code the CLI returns; anything else is a programming error and goes to the log."""
from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; ``str(err)`` is the Chinese message shown to them."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        return str(self)


class UnreadableFileError(UserError):
    """A file that cannot be read or is not what it claims to be (exit 2)."""

    exit_code = 2


class UsageError(UserError):
    """Bad command-line arguments (exit 2)."""

    exit_code = 2
