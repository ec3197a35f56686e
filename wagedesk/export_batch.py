"""A whole batch export as one core call, shared by ``wagedesk export`` and the desktop's
批量导出合同 dialog: ``jobs_for`` picks the units (by status and/or sequence number) from the
database and turns their current versions into ``ExportJob``s; ``export_batch`` runs them
(``wagedesk.export.run_jobs``, over processes), reports progress through a plain callback
``(done, total, unit, eta_seconds)``, honours a ``threading.Event`` for cancelling, writes the
manifest and returns an ``ExportSummary``. Either function may run on any thread; the callback
runs on the thread that called ``export_batch``."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from wagedesk import draftfile, export
from wagedesk.export import ExportJob, UnitResult
from wagedesk.model import Status
from wagedesk.render import footer_for
from wagedesk.store import queries
from wagedesk.store.db import Database
from wagedesk.store.queries import UnitCurrent

# (done, total, the unit just finished or None before the first, seconds left or None)
ProgressCallback = Callable[[int, int, "UnitResult | None", "float | None"], None]


@dataclass
class ExportSummary:
    """What a batch export did: per-unit results (by sequence number), where the manifest is,
    whether it was cancelled before every unit was done, and how long it took."""

    out_dir: Path
    total: int
    results: list[UnitResult] = field(default_factory=list)
    cancelled: bool = False
    csv_path: Path | None = None
    json_path: Path | None = None
    seconds: float = 0.0
    leftovers_removed: int = 0

    @property
    def failed(self) -> list[UnitResult]:
        return [r for r in self.results if r.error]

    @property
    def succeeded(self) -> list[UnitResult]:
        return [r for r in self.results if not r.error]


def jobs_from_units(units: Iterable[UnitCurrent], *, out_dir: str | Path,
                    statuses: Collection[Status] | None = None,
                    unit_seqs: Collection[int] | None = None,
                    formats: Iterable[str] = export.FORMATS) -> list[ExportJob]:
    """One job per unit that has a draft, whose status is in ``statuses`` (``None``: any) and
    whose sequence number is in ``unit_seqs`` (``None``: any), in sequence order."""
    formats = tuple(formats)
    return [ExportJob(seq=u.seq, enterprise=u.content.enterprise.name or u.name,
                      status=u.status.value, content=draftfile.dumps(u.content),
                      footer_note=footer_for(u.content), formats=formats, out_dir=str(out_dir))
            for u in sorted(units, key=lambda u: u.seq)
            if u.content is not None and u.status is not None
            and (statuses is None or u.status in statuses)
            and (unit_seqs is None or u.seq in unit_seqs)]


def jobs_for(db: Database, *, out_dir: str | Path, statuses: Collection[Status] | None = None,
             unit_seqs: Collection[int] | None = None,
             formats: Iterable[str] = export.FORMATS) -> list[ExportJob]:
    """``jobs_from_units`` over every unit's current version in ``db``."""
    return jobs_from_units(queries.units_with_current_versions(db), out_dir=out_dir,
                           statuses=statuses, unit_seqs=unit_seqs, formats=formats)


def export_batch(jobs: list[ExportJob], workers: int,
                 progress_callback: ProgressCallback | None = None,
                 cancel_event: threading.Event | None = None, *,
                 out_dir: str | Path | None = None,
                 start_method: str | None = None) -> ExportSummary:
    """Export ``jobs`` into their folder (``out_dir`` when there are none) and write
    ``manifest.csv`` / ``manifest.json`` for the units done. Temporaries of an earlier,
    interrupted run are removed first; a cancelled or interrupted run leaves none either
    (finished units keep their complete files). KeyboardInterrupt propagates, as in the CLI."""
    folder = Path(out_dir if out_dir is not None else jobs[0].out_dir)
    summary = ExportSummary(folder, len(jobs))
    started, clock = datetime.now().astimezone(), time.monotonic()
    summary.leftovers_removed = export.remove_temporaries(folder)
    done = 0

    def on_result(result: UnitResult) -> None:
        nonlocal done
        done += 1
        elapsed = time.monotonic() - clock
        if progress_callback is not None:
            progress_callback(done, len(jobs), result, elapsed / done * (len(jobs) - done))

    if progress_callback is not None:
        progress_callback(0, len(jobs), None, None)
    if jobs:
        summary.results = export.run_jobs(jobs, min(max(workers, 1), len(jobs)),
                                          on_result=on_result, cancel=cancel_event,
                                          start_method=start_method)
    summary.cancelled = len(summary.results) < len(jobs)
    summary.csv_path, summary.json_path = export.write_manifest(folder, summary.results, started)
    summary.seconds = time.monotonic() - clock
    return summary
