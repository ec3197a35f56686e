"""Benchmark: export all 102 demo units (DOCX + PDF) next to LibreOffice converting one of
those DOCX files to PDF, in one run. Prints a table. Usage:

    .venv/bin/python bench/bench_export.py [--jobs N] [--conversions 5]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"command failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--conversions", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wd-bench-export-"))
    env = {**os.environ, "WAGEDESK_DB": str(work / "bench.db"),
           "WAGEDESK_DATA_DIR": str(work / "data"), "WAGEDESK_LOG_DIR": str(work / "logs")}
    wagedesk = [sys.executable, "-m", "wagedesk"]
    run(wagedesk + ["demo"], env)

    rows: list[tuple[str, float, str]] = []
    cold = run(wagedesk + ["export", "--all", "--out", str(work / "cold"), "--jobs", str(args.jobs)], env)
    rows.append(("export 102 units, DOCX+PDF (first run, font cache cold)", cold, ""))
    warm = [run(wagedesk + ["export", "--all", "--out", str(work / f"warm{i}"), "--jobs", str(args.jobs)], env)
            for i in range(3)]
    export_time = statistics.median(warm)
    files = len(list((work / "warm0").glob("*.pdf"))) + len(list((work / "warm0").glob("*.docx")))
    rows.append((f"export 102 units, DOCX+PDF (warm, median of 3; {files} files)", export_time, ""))

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        docx = sorted((work / "warm0").glob("*.docx"))[0]
        times = []
        for i in range(args.conversions):
            out = work / f"lo{i}"
            times.append(run([soffice, "--headless", f"-env:UserInstallation=file://{work}/lo-profile",
                              "--convert-to", "pdf", "--outdir", str(out), str(docx)], env))
        total = sum(times)
        rows.append((f"LibreOffice: {args.conversions} DOCX→PDF conversions of one contract (total)",
                     total, f"median {statistics.median(times):.2f} s each"))
        rows.append(("ratio: LibreOffice ×{0} / WageDesk export of all 102".format(args.conversions),
                     total / export_time, "target > 1"))
    else:
        rows.append(("LibreOffice (soffice not installed)", float("nan"), "skipped"))

    width = max(len(r[0]) for r in rows)
    print(f"{'what'.ljust(width)}  {'seconds':>9}  note")
    for what, seconds, note in rows:
        print(f"{what.ljust(width)}  {seconds:9.2f}  {note}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
