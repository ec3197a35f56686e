"""Issue 6 end to end: the 102 demo units exported to DOCX and PDF with a manifest, one unit's
failure reported without stopping the others, interrupts that leave no half files, and
``wagedesk verify`` accepting a signed export and refusing a changed one."""
from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wagedesk import export
from wagedesk.pdf_writer import render_pdf
from wagedesk.store import open_database, queries


@pytest.fixture(scope="session")
def font_cache(tmp_path_factory) -> Path:
    """One converted-font cache for the whole session: only the first export pays for fonts."""
    return tmp_path_factory.mktemp("fontcache")


@pytest.fixture
def env(demo_template, tmp_path, font_cache) -> dict[str, str]:
    db = tmp_path / "export.db"
    shutil.copy(demo_template, db)
    return {**os.environ, "WAGEDESK_DB": str(db), "WAGEDESK_DATA_DIR": str(font_cache),
            "WAGEDESK_LOG_DIR": str(tmp_path / "logs")}


def wagedesk(env: dict[str, str], *args: str, timeout: int = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wagedesk", *args], env=env, capture_output=True,
                          text=True, timeout=timeout)


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_export_all_writes_every_unit_and_the_manifest_hashes_match(env, tmp_path):
    out = tmp_path / "out"
    proc = wagedesk(env, "export", "--all", "--out", str(out), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert "成功 102，失败 0" in proc.stderr and "[102/102]" in proc.stderr
    manifest = _manifest(out)
    assert manifest["units"] == 102 and manifest["failed"] == 0
    assert len(list(out.glob("*.docx"))) == 102 and len(list(out.glob("*.pdf"))) == 102
    for result in manifest["results"]:
        assert len(result["files"]) == 2
        for entry in result["files"]:
            data = (out / entry["name"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["sha256"] and len(data) == entry["size"]
        signed = result["status"] in ("signed", "filed")
        assert (result["fingerprint"] is not None) == signed
    rows = list(csv.reader((out / "manifest.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 103 and rows[1][0] == "001"
    assert not list(out.glob(f".*{export.TMP_SUFFIX}"))

    # Running again over the same folder replaces the files: same names, same content.
    again = wagedesk(env, "export", "--all", "--out", str(out), "--jobs", "2")
    assert again.returncode == 0, again.stderr
    assert len(list(out.iterdir())) == 206 and not list(out.glob(f".*{export.TMP_SUFFIX}"))
    first_docx = {r["seq"]: r["files"][0]["sha256"] for r in manifest["results"]}
    assert {r["seq"]: r["files"][0]["sha256"] for r in _manifest(out)["results"]} == first_docx


def test_one_failing_unit_is_reported_and_the_others_are_written(env, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    db = open_database(env["WAGEDESK_DB"], backup=False)
    unit = next(u for u in queries.units_with_current_versions(db) if u.seq == 3)
    db.close()
    (out / export.file_name(3, unit.content.enterprise.name, "pdf")).mkdir()
    proc = wagedesk(env, "export", "--all", "--out", str(out), "--jobs", "2")
    assert proc.returncode == 1
    assert "失败 003" in proc.stderr
    manifest = _manifest(out)
    failed = [r for r in manifest["results"] if r["error"]]
    assert [r["seq"] for r in failed] == [3] and "无法写入" in failed[0]["error"]
    pdfs = [p for p in out.glob("*.pdf") if p.is_file()]
    assert len(pdfs) == 101 and len(list(out.glob("*.docx"))) == 102
    rows = list(csv.reader((out / "manifest.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[3][0] == "003" and rows[3][-1]


def test_status_filter_and_a_single_unit(env, tmp_path):
    proc = wagedesk(env, "export", "--all", "--status", "signed,filed", "--format", "pdf",
                    "--out", str(tmp_path / "signed"), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    statuses = {r["status"] for r in _manifest(tmp_path / "signed")["results"]}
    assert statuses == {"signed", "filed"}
    assert not list((tmp_path / "signed").glob("*.docx"))
    one = wagedesk(env, "export", "7", "--out", str(tmp_path / "one"))
    assert one.returncode == 0, one.stderr
    assert sorted(p.suffix for p in (tmp_path / "one").glob("007_*")) == [".docx", ".pdf"]


@pytest.mark.parametrize("args, words", [
    (["--out", "x"], "二者选一"),
    (["--all", "5", "--out", "x"], "二者选一"),
    (["--all", "--status", "done", "--out", "x"], "状态"),
    (["--all", "--format", "odt", "--out", "x"], "格式"),
    (["999", "--out", "x"], "没有序号为 999"),
    (["--all", "--jobs", "0", "--out", "x"], "--jobs"),
])
def test_bad_arguments_exit_2_with_a_chinese_message(env, tmp_path, args, words):
    proc = wagedesk(env, "export", *[a if a != "x" else str(tmp_path / "x") for a in args])
    assert proc.returncode == 2 and words in proc.stderr and "Traceback" not in proc.stderr


def test_ctrl_c_leaves_no_temporary_files(env, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "wagedesk", "export", "--all", "--out", str(out),
                             "--jobs", "2"], env=env, stderr=subprocess.PIPE, text=True)
    seen = ""
    deadline = time.monotonic() + 120
    # Interrupt as early as the second finished unit: a busy machine reads the progress late,
    # and the signal must still arrive while most of the 102 units are outstanding.
    while "[  2/102]" not in seen and time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen += line
    proc.send_signal(signal.SIGINT)
    rest = proc.communicate(timeout=60)[1]
    assert proc.returncode == 130, seen + rest
    assert "中断" in rest and "Traceback" not in rest
    assert not list(out.glob(f".*{export.TMP_SUFFIX}"))
    written = list(out.glob("*.pdf"))
    assert 2 <= len(written) < 102
    for pdf in written:  # every file that exists is complete
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")


def test_verify_accepts_a_signed_export_and_refuses_changed_ones(env, tmp_path):
    out = tmp_path / "out"
    assert wagedesk(env, "export", "--all", "--status", "signed", "--out", str(out),
                    "--jobs", "1").returncode == 0
    result = _manifest(out)["results"][0]
    pdf = out / next(f["name"] for f in result["files"] if f["format"] == "pdf")
    docx = out / next(f["name"] for f in result["files"] if f["format"] == "docx")
    for path in (pdf, docx):
        ok = wagedesk(env, "verify", str(path))
        assert ok.returncode == 0, ok.stderr
        assert "核验通过" in ok.stdout and f"第 {result['seq']} 号" in ok.stdout

    db = open_database(env["WAGEDESK_DB"], backup=False)
    content = queries.find_signed_version_by_fingerprint(db, result["fingerprint"]).content
    db.close()
    forged = tmp_path / "forged.pdf"  # same text, fingerprint changed
    render_pdf(content, forged, footer_note="合同指纹：WD-0000-1111-2222-3333")
    refused = wagedesk(env, "verify", str(forged))
    assert refused.returncode == 1 and "不对应" in refused.stderr

    altered = tmp_path / "altered.pdf"  # the real fingerprint on changed text
    changed = content.model_copy(deep=True)
    changed.ladder.levels[0].minimum_amount += 1
    render_pdf(changed, altered, footer_note=f"合同指纹：{result['fingerprint']}")
    tampered = wagedesk(env, "verify", str(altered))
    assert tampered.returncode == 1 and "已被改动" in tampered.stderr

    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"not a pdf at all")
    broken = wagedesk(env, "verify", str(garbage))
    assert broken.returncode == 2 and "无法读取" in broken.stderr and "Traceback" not in broken.stderr
