"""``wagedesk render``: a draft file to DOCX and PDF without a database."""
from __future__ import annotations

from wagedesk import draftfile
from wagedesk.cli import main
from wagedesk.files import TMP_SUFFIX
from wagedesk.sample import sample_draft


def test_render_writes_both_files(tmp_path, capsys):
    draft_path = tmp_path / "d.json"
    draftfile.save(sample_draft(), draft_path)
    docx, pdf = tmp_path / "c.docx", tmp_path / "c.pdf"
    assert main(["render", str(draft_path), "--docx", str(docx), "--pdf", str(pdf)]) == 0
    assert docx.read_bytes()[:2] == b"PK" and pdf.read_bytes()[:5] == b"%PDF-"
    assert not list(tmp_path.glob(f".*{TMP_SUFFIX}"))


def test_render_without_outputs_exits_2_in_chinese(tmp_path, capsys):
    draft_path = tmp_path / "d.json"
    draftfile.save(sample_draft(), draft_path)
    assert main(["render", str(draft_path)]) == 2
    assert "请至少指定一个输出" in capsys.readouterr().err


def test_render_of_an_unreadable_draft_exits_2_without_writing(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    pdf = tmp_path / "c.pdf"
    assert main(["render", str(bad), "--pdf", str(pdf)]) == 2
    assert "无法读取" in capsys.readouterr().err
    assert not pdf.exists()


def test_render_into_a_missing_folder_exits_2(tmp_path, capsys):
    draft_path = tmp_path / "d.json"
    draftfile.save(sample_draft(), draft_path)
    assert main(["render", str(draft_path), "--pdf", str(tmp_path / "no" / "c.pdf")]) == 2
    assert "不存在" in capsys.readouterr().err
