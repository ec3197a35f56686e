"""Storage benchmark: a database with 10 000 drafts (102 units, 4 versions each), then the
operations the desktop app runs often: open (integrity check), the drafts list (all rows and
one page), the units list, one save (median of N), one history. Prints a table.

    .venv/bin/python bench/bench_store.py [--drafts 10000] [--saves 50]
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wagedesk.model import Status  # noqa: E402
from wagedesk.store import open_database, queries, service  # noqa: E402
from wagedesk.store.demo import make_draft, make_units  # noqa: E402
from wagedesk.store.tables import DraftRecord, DraftVersion, utcnow  # noqa: E402

VERSIONS = 4


def build(path: Path, drafts: int) -> None:
    """Bulk-fill with plain INSERTs in one transaction (the benchmark measures reads and
    single saves, not the fill)."""
    db = open_database(path, backup=False)
    rng = random.Random(7)
    units = make_units(rng)
    with db.session() as session:
        session.add_all(units)
    contents = [make_draft(rng, u) for u in units]
    texts = [service.content_text(d) for d in contents]
    hashes = [(service.content_hash(d), service.contract_digest(d)) for d in contents]
    statuses = [s.value for s in Status]
    start = utcnow() - timedelta(days=365)
    draft_rows, version_rows = [], []
    for i in range(drafts):
        k = i % len(units)
        at = start + timedelta(minutes=i * 5)
        status = statuses[i % len(statuses)]
        draft_rows.append(dict(id=i + 1, unit_id=units[k].id, term=f"bench-{i // len(units)}",
                               title=units[k].name, status=status, revision=VERSIONS,
                               is_current=True, content=texts[k], created_at=at, updated_at=at,
                               updated_by="bench"))
        for n in range(1, VERSIONS + 1):
            version_rows.append(dict(draft_id=i + 1, number=n, status=status, kind="save",
                                     actor="bench", comment="", created_at=at, content=texts[k],
                                     content_hash=hashes[k][0], contract_digest=hashes[k][1]))
    with db.engine.begin() as conn:
        conn.execute(DraftRecord.__table__.insert(), draft_rows)
        conn.execute(DraftVersion.__table__.insert(), version_rows)
    db.close()


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        build(path, args.drafts)
        fill_s = time.perf_counter() - t0
        size_mb = path.stat().st_size / 1e6
        open_ms, db = timed(lambda: open_database(path, backup=False), 1)
        rows: list[tuple[str, float, str]] = []
        list_ms, listed = timed(lambda: queries.list_drafts(db), 5)
        assert len(listed) == args.drafts  # type: ignore[arg-type]
        rows.append((f"drafts list, all {args.drafts} rows", list_ms, "≪ 100 ms"))
        page_ms, _ = timed(lambda: queries.list_drafts(db, limit=100), 20)
        rows.append(("drafts list, first page (100 rows)", page_ms, "≪ 100 ms"))
        status_ms, _ = timed(lambda: queries.list_drafts(db, status="submitted", limit=100), 20)
        rows.append(("drafts list, status filter, page", status_ms, "≪ 100 ms"))
        units_ms, _ = timed(lambda: queries.list_units(db), 5)
        rows.append(("units list with current status (102)", units_ms, "≪ 100 ms"))
        target = 6001  # i = 6000: status drafting (i % 6 == 0), in the middle of the file
        loaded = service.load_draft(db, target)
        revision = loaded.revision
        draft = loaded.draft
        save_times = []
        for n in range(args.saves):
            draft.enterprise.address = f"保存 {n}"
            t = time.perf_counter()
            revision = service.save_draft(db, target, draft, revision, "bench").revision
            save_times.append((time.perf_counter() - t) * 1000)
        rows.append((f"save one draft (median of {args.saves}, synchronous=FULL)",
                     statistics.median(save_times), "< 20 ms"))
        rows.append(("save one draft, slowest", max(save_times), ""))
        hist_ms, _ = timed(lambda: queries.history(db, target), 5)
        rows.append((f"history of one draft ({VERSIONS + args.saves} versions)", hist_ms, ""))
        rows.append(("open (integrity_check, schema check)", open_ms, ""))
        db.close()
    print(f"database: {args.drafts} drafts × {VERSIONS} versions, {size_mb:.0f} MB, "
          f"filled in {fill_s:.1f} s")
    width = max(len(r[0]) for r in rows)
    print(f"{'operation'.ljust(width)}  {'ms':>8}  target")
    for name, ms, target_text in rows:
        print(f"{name.ljust(width)}  {ms:8.2f}  {target_text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
