"""Batch export mechanics (names, atomic writes, manifest, failures) with a stand-in writer;
the real writers are exercised end to end in test_export_end_to_end.py."""
from __future__ import annotations

import csv
import hashlib
import json
from datetime import datetime
from pathlib import Path

import pytest

from wagedesk import draftfile, export
from wagedesk.sample import sample_draft


def _fake_writer(fmt):
    def write(document, handle):
        handle.write(f"{fmt}|{document}".encode("utf-8"))
    return write


@pytest.fixture
def fake_writers(monkeypatch):
    monkeypatch.setattr(export, "_writer", _fake_writer)
    monkeypatch.setattr(export, "_build", lambda draft, note: f"{draft.enterprise.name}|{note}")


def _jobs(out: Path, n: int = 4) -> list[export.ExportJob]:
    jobs = []
    for seq in range(1, n + 1):
        draft = sample_draft()
        draft.enterprise.name = f"测试企业{seq}有限公司"
        jobs.append(export.ExportJob(seq, draft.enterprise.name, "drafting", draftfile.dumps(draft),
                                     None, export.FORMATS, str(out)))
    return jobs


@pytest.mark.parametrize("raw, expected", [
    ('上海/某:公司*?"<>|', "上海_某_公司______"),
    ("名称结尾有点...", "名称结尾有点"),
    ("  多个   空格\t制表 ", "多个 空格 制表"),
    ("", "未命名企业"),
    ("...", "未命名企业"),
])
def test_safe_name_is_valid_on_windows(raw, expected):
    assert export.safe_name(raw) == expected


def test_safe_name_caps_length():
    assert len(export.safe_name("长" * 500)) == export.NAME_CAP


def test_file_name_has_three_digit_sequence():
    assert export.file_name(7, "甲公司", "pdf") == "007_甲公司_技能人才工资专项集体合同.pdf"


@pytest.mark.parametrize("workers", [1, 2])
def test_every_unit_is_written_and_hashes_match(tmp_path, fake_writers, workers):
    results = export.run_jobs(_jobs(tmp_path), workers)
    assert [r.seq for r in results] == [1, 2, 3, 4]
    for result in results:
        assert result.error is None and len(result.files) == 2
        for entry in result.files:
            data = (tmp_path / entry.name).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry.sha256 and len(data) == entry.size
    assert not list(tmp_path.glob(f".*{export.TMP_SUFFIX}"))


def test_one_unwritable_target_fails_alone(tmp_path, fake_writers):
    blocker = tmp_path / export.file_name(2, "测试企业2有限公司", "pdf")
    blocker.mkdir()  # a folder where the file should go: even root cannot replace it
    results = export.run_jobs(_jobs(tmp_path), 2)
    failed = [r for r in results if r.error]
    assert [r.seq for r in failed] == [2] and "无法写入" in failed[0].error
    assert all(len(r.files) == 2 for r in results if r.seq != 2)
    assert not list(tmp_path.glob(f".*{export.TMP_SUFFIX}"))


def test_manifest_neutralises_formulas_and_opens_in_excel(tmp_path):
    result = export.UnitResult(1, "=HYPERLINK(\"x\")", "signed", error="+1")
    csv_path, json_path = export.write_manifest(tmp_path, [result], datetime(2026, 7, 1))
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][0] == "序号" and rows[1][1].startswith("'=") and rows[1][-1] == "'+1"
    assert rows[1][2] == "已签订"
    manifest = json.loads(json_path.read_text(encoding="utf-8"))
    assert manifest["failed"] == 1 and manifest["results"][0]["enterprise"] == "=HYPERLINK(\"x\")"


def test_interrupt_leaves_no_temporary_files(tmp_path, monkeypatch):
    calls = {"n": 0}

    def write(document, handle):
        handle.write(b"partial")
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(export, "_writer", lambda fmt: write)
    monkeypatch.setattr(export, "_build", lambda draft, note: None)
    with pytest.raises(KeyboardInterrupt):
        export.run_jobs(_jobs(tmp_path), 1)
    assert not list(tmp_path.glob(f".*{export.TMP_SUFFIX}"))
    assert len(list(tmp_path.glob("*.docx"))) + len(list(tmp_path.glob("*.pdf"))) == 2
