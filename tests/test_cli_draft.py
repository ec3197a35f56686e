"""``wagedesk sample | check | schema`` as a user runs them: exit codes 0/1/2, findings that name
the field, one-paragraph Chinese messages and no traceback for unreadable files."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from rule_cases import FIRING, Case

from wagedesk import draftfile
from wagedesk.cli import main
from wagedesk.sample import sample_draft


def _wagedesk(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wagedesk", *args], capture_output=True,
                          input=stdin, timeout=60)


def test_sample_then_check_for_signing_exits_0(tmp_path):
    sample = _wagedesk("sample")
    assert sample.returncode == 0
    path = tmp_path / "d.json"
    path.write_bytes(sample.stdout)
    result = _wagedesk("check", "--for-signing", str(path))
    assert result.returncode == 0, result.stdout.decode()
    out = result.stdout.decode("utf-8")
    assert "未发现问题" in out and "报送期限：2026年6月15日" in out and "最早生效日期：2026年6月30日" in out


@pytest.mark.parametrize("case", FIRING, ids=lambda c: c.id)
def test_breaking_one_rule_names_its_field(tmp_path, capsys, case: Case):
    draft = sample_draft()
    case.mutate(draft)
    path = tmp_path / "d.json"
    draftfile.save(draft, path)
    args = ["check", str(path)] + (["--for-signing"] if case.for_signing else [])
    code = main(args)
    out = capsys.readouterr().out
    assert code == (1 if case.severity == "error" else 0)
    assert f"字段 {case.path}；" in out
    assert ("错误  " if case.severity == "error" else "警告  ") in out


def test_json_output_has_exactly_valid_and_findings(tmp_path, capsys):
    draft = sample_draft()
    draft.procedure.vote.in_favour = 60
    draft.enterprise.uscc = "91310115MA1K4C8Q7X"
    path = tmp_path / "d.json"
    draftfile.save(draft, path)
    assert main(["check", "--json", str(path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"valid", "findings"} and data["valid"] is False
    assert all(set(f) == {"path", "severity", "message", "basis"} for f in data["findings"])
    assert {f["severity"] for f in data["findings"]} == {"error", "warning"}


def test_warnings_alone_are_valid(tmp_path, capsys):
    draft = sample_draft()
    draft.enterprise.uscc = "91310115MA1K4C8Q7X"
    path = tmp_path / "d.json"
    draftfile.save(draft, path)
    assert main(["check", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["valid"] is True


def test_check_reads_standard_input():
    result = _wagedesk("check", "--json", "-", stdin=draftfile.dumps(sample_draft()).encode())
    assert result.returncode == 0 and json.loads(result.stdout)["valid"] is True


def test_incomplete_draft_is_normal_until_checked_for_signing(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"format": "wagedesk.draft", "schema_version": 1}')))
    assert main(["check", "-"]) == 0
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"format": "wagedesk.draft", "schema_version": 1}')))
    assert main(["check", "--for-signing", "-"]) == 1
    assert "尚未填写「企业 › 企业名称」" in capsys.readouterr().out


def _sample_text() -> str:
    return draftfile.dumps(sample_draft())


UNREADABLE = {
    "truncated": _sample_text()[:400].encode(),
    "not json": b"this is not a draft\n",
    "wrong type": _sample_text().replace('"employee_count": 680', '"employee_count": "many"').encode(),
    "unknown version": _sample_text().replace('"schema_version": 1', '"schema_version": 99').encode(),
    "wrong format": _sample_text().replace('"wagedesk.draft"', '"other.thing"').encode(),
    "not utf-8": _sample_text().encode("gb18030"),
    "json array": b"[1, 2, 3]",
    "empty": b"",
    "huge integer": _sample_text().replace('"employee_count": 680', '"employee_count": ' + "9" * 5000).encode(),
    "NaN amount": _sample_text().replace('"9800"', '"NaN"').encode(),
}


@pytest.mark.parametrize("name", list(UNREADABLE))
def test_unreadable_file_exits_2_with_one_chinese_paragraph(tmp_path, name):
    path = tmp_path / "d.json"
    path.write_bytes(UNREADABLE[name])
    result = _wagedesk("check", str(path))
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert "Traceback" not in err and result.stdout == b""
    assert err.strip() and "\n" not in err.strip()
    assert "无法读取" in err


def test_unreadable_messages_say_why(tmp_path, capsys):
    path = tmp_path / "d.json"
    for name, words in [("truncated", "第"), ("unknown version", "版本是 99"),
                        ("wrong type", "enterprise.employee_count"), ("not utf-8", "UTF-8")]:
        path.write_bytes(UNREADABLE[name])
        assert main(["check", str(path)]) == 2
        assert words in capsys.readouterr().err


def test_missing_file_exits_2(capsys):
    assert main(["check", "/nonexistent/d.json"]) == 2
    assert "找不到文件" in capsys.readouterr().err


def test_bad_settings_file_exits_2(tmp_path, capsys):
    (tmp_path / "s.toml").write_text("filing_days = [", encoding="utf-8")
    draftfile.save(sample_draft(), tmp_path / "d.json")
    assert main(["check", "--settings", str(tmp_path / "s.toml"), str(tmp_path / "d.json")]) == 2
    assert "设置文件" in capsys.readouterr().err


def test_schema_command_prints_the_schema_in_chinese():
    result = _wagedesk("schema")
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert "统一社会信用代码" in text and '\n  "$defs"' in text
    assert json.loads(text)["properties"]["format"]["const"] == "wagedesk.draft"


def test_sample_command_prints_the_sample_draft(capsys):
    assert main(["sample"]) == 0
    assert draftfile.loads(capsys.readouterr().out) == sample_draft()


def test_a_file_cut_inside_a_chinese_character_is_called_incomplete(tmp_path):
    from wagedesk import draftfile
    from wagedesk.errors import UnreadableFileError
    from wagedesk.sample import sample_draft

    raw = draftfile.dumps(sample_draft()).encode("utf-8")
    cut = raw.index("上海".encode("utf-8")) + 1  # inside the three bytes of 上
    path = tmp_path / "cut.json"
    path.write_bytes(raw[:cut])
    try:
        draftfile.load(path)
    except UnreadableFileError as err:
        assert "中途结束" in err.message and "不完整" in err.message and err.exit_code == 2
    else:
        raise AssertionError("a truncated file was accepted")
