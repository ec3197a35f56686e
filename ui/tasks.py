"""Runs long work (saving, rendering, exporting) off the GUI thread: ``TaskRunner.run(fn, ...)``
puts ``fn`` on a ``QThreadPool`` and calls ``on_success(result)`` or ``on_failure(error)`` back on
the GUI thread through queued signals. ``fn`` runs on a worker thread and must not touch widgets;
the callbacks run on the GUI thread."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals

    def run(self) -> None:  # worker thread
        try:
            result = self.fn()
        except BaseException as err:  # noqa: BLE001 - every failure must reach the GUI
            self._report(self.signals.failed, err)
        else:
            self._report(self.signals.succeeded, result)

    def _report(self, signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # The window that asked was closed (its signals object deleted) while the work
            # ran; the work itself is done and nobody is left to tell.
            log.info("background task finished after its window closed: %r", value)


class TaskRunner(QObject):
    """One per window; ``pending`` counts tasks not finished yet (GUI thread only)."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._live: set[_Signals] = set()

    @property
    def pending(self) -> int:
        return len(self._live)

    def run(self, fn: Callable[[], Any], on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None) -> None:
        signals = _Signals(self)  # lives on the GUI thread, so its slots run there
        self._live.add(signals)

        def done(result: Any) -> None:
            self._live.discard(signals)
            if on_success is not None:
                on_success(result)

        def failed(err: BaseException) -> None:
            self._live.discard(signals)
            if on_failure is not None:
                on_failure(err)
            else:
                log.error("background task failed", exc_info=err)

        signals.succeeded.connect(done)
        signals.failed.connect(failed)
        self.pool.start(_Task(fn, signals))

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the pool is idle (closing a window, tests)."""
        return self.pool.waitForDone(msecs)
