"""Batch export of the pilot units' contracts: one DOCX and one PDF per unit, written
atomically, in parallel over processes, with progress on stderr, a manifest (CSV with BOM for
Excel, and JSON) holding every file's SHA-256 and size, and per failed unit the reason.

Workers run in child processes (or in-process with ``jobs=1``); they receive plain data
(``ExportJob``) and return plain data (``UnitResult``), so nothing here touches the database.
Temporary files are named ``.<name>.<pid>.wdtmp`` beside their target and are removed on any
failure and after an interrupt.
"""
from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import multiprocessing
import re
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, TextIO

from wagedesk import draftfile
from wagedesk.errors import UserError
from wagedesk.files import TMP_SUFFIX, write_atomically
from wagedesk.model import Status

FORMATS = ("docx", "pdf")
SUFFIX = "技能人才工资专项集体合同"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
NAME_CAP = 60


@dataclass(frozen=True)
class ExportJob:
    """What a worker needs for one unit: plain data, picklable."""

    seq: int
    enterprise: str
    status: str
    content: str  # the draft file text of the unit's current version
    footer_note: str | None  # the fingerprint line, for signed and filed contracts
    formats: tuple[str, ...]
    out_dir: str


@dataclass
class FileEntry:
    format: str
    name: str
    sha256: str
    size: int


@dataclass
class UnitResult:
    seq: int
    enterprise: str
    status: str
    fingerprint: str | None = None
    files: list[FileEntry] = field(default_factory=list)
    error: str | None = None


def safe_name(text: str) -> str:
    """A file-name part that Windows accepts: no ``\\/:*?"<>|`` or control characters, no
    trailing dots or spaces, whitespace collapsed, at most ``NAME_CAP`` characters."""
    cleaned = re.sub(r"\s+", " ", text or "").strip()
    cleaned = _UNSAFE.sub("_", cleaned)[:NAME_CAP].rstrip(". ")
    return cleaned or "未命名企业"


def file_name(seq: int, enterprise: str, ext: str) -> str:
    """``<序号三位>_<企业名称>_技能人才工资专项集体合同.<ext>``."""
    return f"{seq:03d}_{safe_name(enterprise)}_{SUFFIX}.{ext}"


def _writer(fmt: str) -> Callable[..., None]:
    """The function that writes one format from a document structure into a binary file."""
    if fmt == "docx":
        from wagedesk.docx_writer import write_docx
        return write_docx
    from wagedesk.pdf_writer import write_pdf
    return write_pdf


def _build(draft, footer_note: str | None):
    from wagedesk.document import build_document
    return build_document(draft, footer_note=footer_note)


def export_one(job: ExportJob) -> UnitResult:
    """Render one unit's files, each written atomically (temporary file, then rename).
    Any process."""
    result = UnitResult(job.seq, job.enterprise, job.status,
                        fingerprint=(job.footer_note.split("：")[-1] if job.footer_note else None))
    target: Path | None = None
    try:
        draft = draftfile.loads(job.content, f"第 {job.seq} 号单位的草案")
        document = _build(draft, job.footer_note)  # one structure, both formats
        for fmt in job.formats:
            target = Path(job.out_dir) / file_name(job.seq, job.enterprise, fmt)
            buffer = io.BytesIO()
            _writer(fmt)(document, buffer)
            data = buffer.getvalue()
            write_atomically(target, data)
            result.files.append(FileEntry(fmt, target.name, hashlib.sha256(data).hexdigest(),
                                          len(data)))
    except UserError as err:
        result.error = err.message
    except OSError as err:
        result.error = _write_error(err, target)
    except Exception as err:  # noqa: BLE001 - one unit's failure must not stop the others
        result.error = f"生成失败（{type(err).__name__}: {str(err)[:200]}）。"
    return result


_ERRNO_TEXT = {errno.EISDIR: "同名的文件夹挡住了它", errno.EACCES: "没有写入权限",
               errno.EPERM: "没有写入权限", errno.ENOSPC: "磁盘空间不足", errno.EROFS: "磁盘只读"}


def _write_error(err: OSError, target: Path | None) -> str:
    """Name the target the user sees (not our temporary file) and say why in Chinese."""
    name = target.name if target is not None else Path(str(err.filename or "")).name
    reason = _ERRNO_TEXT.get(err.errno or 0, err.strerror or str(err))
    return f"无法写入文件 {name}（{reason}）。请检查目标文件夹和同名文件。"


_AMOUNT_CHARS = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整负人民币¥,.0123456789"


def prepare(jobs: list[ExportJob]) -> None:
    """Pay the one-off costs once, in the parent, before workers fork from it: import the
    writers, read and compile the wording, and build and register fonts covering every
    character of every job (a superset of what the documents print)."""
    if not any("pdf" in j.formats or "docx" in j.formats for j in jobs):
        return
    from wagedesk import fonts
    from wagedesk.document import default_wording_path
    from wagedesk.wording import load_wording

    _writer("docx"), _writer("pdf")
    wording_path = default_wording_path()
    load_wording(wording_path)
    chars = set(wording_path.read_text(encoding="utf-8")) | set(_AMOUNT_CHARS)
    for job in jobs:
        chars.update(job.content, job.footer_note or "")
    if any("pdf" in j.formats for j in jobs):
        fonts.ensure_fonts(chars, chars)


def _context(start_method: str | None):
    if start_method is None:
        return None
    context = multiprocessing.get_context(start_method)
    if start_method == "forkserver":
        # the server imports the writers once; each worker forked from it starts warm
        context.set_forkserver_preload(["wagedesk.export", "wagedesk.document",
                                        "wagedesk.docx_writer", "wagedesk.pdf_writer"])
    return context


def _ignore_sigint() -> None:
    # The parent decides what an interrupt means; workers finish or are cancelled cleanly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def remove_temporaries(out_dir: Path) -> int:
    """Delete leftover temporary files of any earlier, interrupted export."""
    count = 0
    for leftover in out_dir.glob(f".*{TMP_SUFFIX}"):
        leftover.unlink(missing_ok=True)
        count += 1
    return count


class Progress:
    """Count, current unit and ETA on stderr; one line per unit unless stderr is a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total, self.done, self.started = total, 0, time.monotonic()
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def step(self, result: UnitResult) -> None:
        self.done += 1
        elapsed = time.monotonic() - self.started
        eta = elapsed / self.done * (self.total - self.done)
        mark = "失败" if result.error else "完成"
        line = (f"[{self.done:>3}/{self.total}] {result.seq:03d} {result.enterprise[:24]} {mark}"
                f"  预计剩余 {int(eta) // 60:02d}:{int(eta) % 60:02d}")
        self.stream.write(("\r\x1b[K" + line) if self.tty else line + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")


def run_jobs(jobs: list[ExportJob], workers: int, progress: Progress | None = None, *,
             on_result: Callable[[UnitResult], None] | None = None,
             cancel: threading.Event | None = None,
             start_method: str | None = None) -> list[UnitResult]:
    """Export every job; results sorted by sequence number. Ctrl+C cancels what has not
    started, lets running units finish their atomic writes, removes temporaries, re-raises.
    ``cancel`` is checked between units: once set, units not started are dropped, running ones
    finish their atomic writes, temporaries are removed, and the results so far are returned.
    ``on_result`` is called (on the calling thread) after each unit. ``start_method`` picks
    how worker processes start (default: the platform's); a caller with threads of its own,
    such as the desktop app, passes ``"forkserver"`` so no worker is forked from it."""
    results: list[UnitResult] = []
    out_dirs = {Path(j.out_dir) for j in jobs}

    def record(result: UnitResult) -> None:
        results.append(result)
        if progress:
            progress.step(result)
        if on_result:
            on_result(result)

    def cancelled() -> bool:
        return cancel is not None and cancel.is_set()

    try:
        prepare(jobs)
        if workers <= 1 or len(jobs) <= 1:
            for job in jobs:
                if cancelled():
                    break
                record(export_one(job))
        else:
            with ProcessPoolExecutor(max_workers=workers, initializer=_ignore_sigint,
                                     mp_context=_context(start_method)) as pool:
                pending: set[Future[UnitResult]] = {pool.submit(export_one, j) for j in jobs}
                try:
                    while pending and not cancelled():
                        # a timeout only when someone may cancel, so the event is seen promptly
                        done, pending = wait(pending, timeout=0.2 if cancel else None,
                                             return_when=FIRST_COMPLETED)
                        for future in done:
                            record(future.result())
                    if pending:  # cancelled: queued units are dropped, running ones complete
                        pool.shutdown(wait=True, cancel_futures=True)
                        for future in pending:
                            if not future.cancelled():
                                record(future.result())
                except BaseException:
                    for future in pending:
                        future.cancel()
                    raise
    finally:
        if progress:
            progress.finish()
        for out_dir in out_dirs:
            remove_temporaries(out_dir)
    return sorted(results, key=lambda r: r.seq)


# --- the manifest ---------------------------------------------------------------------------

def neutralise(value: object) -> str:
    """A CSV cell that no spreadsheet will run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


CSV_HEADER = ["序号", "企业名称", "状态", "合同指纹", "DOCX 文件", "DOCX SHA-256", "DOCX 大小（字节）",
              "PDF 文件", "PDF SHA-256", "PDF 大小（字节）", "失败原因"]


def _csv_row(result: UnitResult) -> list[str]:
    by_format = {f.format: f for f in result.files}
    row: list[object] = [f"{result.seq:03d}", result.enterprise, _status_label(result.status),
                         result.fingerprint or ""]
    for fmt in FORMATS:
        entry = by_format.get(fmt)
        row += [entry.name, entry.sha256, entry.size] if entry else ["", "", ""]
    row.append(result.error or "")
    return [neutralise(v) for v in row]


def _status_label(code: str) -> str:
    try:
        return Status(code).label
    except ValueError:
        return code


def write_manifest(out_dir: Path, results: Iterable[UnitResult], started: datetime) -> tuple[Path, Path]:
    """``manifest.csv`` (UTF-8 with BOM) and ``manifest.json`` in ``out_dir``."""
    results = list(results)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(_csv_row(r) for r in results)
    csv_path, json_path = out_dir / "manifest.csv", out_dir / "manifest.json"
    write_atomically(csv_path, buffer.getvalue().encode("utf-8-sig"))
    document = {
        "format": "wagedesk.export-manifest",
        "generated_at": started.isoformat(timespec="seconds"),
        "units": len(results),
        "failed": sum(1 for r in results if r.error),
        "results": [dict(asdict(r), status_label=_status_label(r.status)) for r in results],
    }
    write_atomically(json_path, (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return csv_path, json_path
