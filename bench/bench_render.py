"""Render the sample contract and print a table of timings: DOCX (docxtpl), PDF (reportlab),
the first PDF export with a cold font cache, and — when LibreOffice is installed — converting
the same DOCX to PDF with ``soffice``, the way docassemble does it.

    .venv/bin/python bench/bench_render.py [-n 15]
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


def _median(fn, n: int) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=15, help="warm repetitions (median is printed)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="wagedesk-bench-"))
    os.environ["WAGEDESK_DATA_DIR"] = str(work / "data")  # a cold font cache for this run

    from wagedesk import fonts
    from wagedesk.document import build_document
    from wagedesk.docx_writer import write_docx
    from wagedesk.pdf_writer import write_pdf
    from wagedesk.sample import sample_draft

    doc = build_document(sample_draft())
    docx_path, pdf_path = work / "c.docx", work / "c.pdf"

    start = time.perf_counter()
    write_pdf(doc, pdf_path)
    cold = time.perf_counter() - start
    fonts.forget_in_process()
    start = time.perf_counter()
    write_pdf(doc, pdf_path)
    disk = time.perf_counter() - start

    rows = [("DOCX (docxtpl), warm", _median(lambda: write_docx(doc, docx_path), args.n)),
            ("PDF (reportlab), warm", _median(lambda: write_pdf(doc, pdf_path), args.n)),
            ("PDF, first export (cold font cache)", cold),
            ("PDF, new process (font cache on disk)", disk)]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        profile = (work / "lo-profile").as_uri()
        convert = lambda: subprocess.run(  # noqa: E731
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(work / "lo"), str(docx_path)], capture_output=True, check=True)
        convert()  # first start creates the profile; not counted
        rows.append(("LibreOffice DOCX -> PDF, warm", _median(convert, max(3, args.n // 5))))

    width = max(len(name) for name, _ in rows)
    print(f"{'step'.ljust(width)}  {'seconds':>9}")
    print(f"{'-' * width}  {'-' * 9}")
    for name, seconds in rows:
        print(f"{name.ljust(width)}  {seconds:9.3f}")
    if soffice:
        ratio = rows[-1][1] / rows[1][1]
        print(f"\nLibreOffice / reportlab PDF: {ratio:.1f}x (target >= 20x)")
    else:
        print("\nsoffice not found: LibreOffice comparison skipped")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
