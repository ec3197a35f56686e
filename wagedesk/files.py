"""Writing files so that a crash or a second process never leaves half a file behind: every
file WageDesk writes (contracts, draft files, manifests, font caches) goes through
``write_atomically``. Any thread, any process."""
from __future__ import annotations

import os
import threading
from pathlib import Path

TMP_SUFFIX = ".wdtmp"


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` (named for this process and thread,
    so concurrent writers never share one), flush it to disk, then rename it over ``path``.
    The temporary file is removed if anything fails."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}{TMP_SUFFIX}")
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
