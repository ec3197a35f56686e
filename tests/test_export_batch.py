"""The shared batch-export call (``wagedesk.export_batch``): which units ``jobs_for`` picks,
progress reported as (done, total, unit, eta), the manifest written, and a cancel event that
stops between units and leaves complete files, a manifest of what was done and no temporaries."""
from __future__ import annotations

import json
import threading
import time

import pytest

from wagedesk import export
from wagedesk.export_batch import export_batch, jobs_for
from wagedesk.model import Status


def _slow_fake_writer(fmt):
    def write(document, handle):
        time.sleep(0.05)  # slow enough that a cancel arrives while units are still queued
        handle.write(f"{fmt}|{document}".encode())
    return write


@pytest.fixture
def fake_writers(monkeypatch):
    monkeypatch.setattr(export, "_writer", _slow_fake_writer)
    monkeypatch.setattr(export, "_build", lambda draft, note: draft.enterprise.name)
    monkeypatch.setattr(export, "prepare", lambda jobs: None)


def test_jobs_for_filters_by_status_and_sequence(demo_db, tmp_path):
    every = jobs_for(demo_db, out_dir=tmp_path)
    assert len(every) == 102 and [j.seq for j in every] == sorted(j.seq for j in every)
    signed = jobs_for(demo_db, out_dir=tmp_path, statuses={Status.signed, Status.filed},
                      formats=("pdf",))
    assert signed and {j.status for j in signed} == {"signed", "filed"}
    assert all(j.footer_note and j.formats == ("pdf",) for j in signed)
    chosen = jobs_for(demo_db, out_dir=tmp_path, unit_seqs={3, 7, 200})
    assert [j.seq for j in chosen] == [3, 7] and chosen[0].out_dir == str(tmp_path)


def test_export_batch_reports_progress_and_writes_the_manifest(demo_db, tmp_path, fake_writers):
    jobs = jobs_for(demo_db, out_dir=tmp_path, unit_seqs={1, 2, 3})
    seen: list[tuple] = []
    summary = export_batch(jobs, 2, lambda *event: seen.append(event))
    assert not summary.cancelled and len(summary.succeeded) == 3 and not summary.failed
    assert seen[0] == (0, 3, None, None) and [e[0] for e in seen] == [0, 1, 2, 3]
    assert seen[-1][3] == 0 and {e[2].seq for e in seen[1:]} == {1, 2, 3}
    manifest = json.loads(summary.json_path.read_text(encoding="utf-8"))
    assert manifest["units"] == 3 and summary.csv_path.name == "manifest.csv"


@pytest.mark.parametrize("workers", [1, 2])
def test_cancel_stops_between_units_and_leaves_no_temporaries(demo_db, tmp_path, fake_writers,
                                                              workers):
    jobs = jobs_for(demo_db, out_dir=tmp_path, formats=("docx",))[:30]
    (tmp_path / f".old.123.pdf{export.TMP_SUFFIX}").write_bytes(b"left by a crash")
    cancel = threading.Event()

    def progress(done, total, unit, eta):
        if done == 2:
            cancel.set()

    summary = export_batch(jobs, workers, progress, cancel)
    assert summary.cancelled and 2 <= len(summary.results) < 30
    assert summary.leftovers_removed == 1
    assert not list(tmp_path.glob(f".*{export.TMP_SUFFIX}"))
    written = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert written == sorted(f.name for r in summary.results for f in r.files)
    manifest = json.loads(summary.json_path.read_text(encoding="utf-8"))
    assert manifest["units"] == len(summary.results)
