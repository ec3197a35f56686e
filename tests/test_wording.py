"""The model wording: sandboxed, autoescaped, checked on load."""
from __future__ import annotations

import pytest

from wagedesk.document import build_document
from wagedesk.docx_writer import TemplateFileError, check_template, default_template_path
from wagedesk.sample import sample_draft
from wagedesk.wording import BLANK, WordingError, load_wording


def test_template_syntax_in_a_value_is_printed_not_run():
    draft = sample_draft()
    draft.enterprise.name = "{{ 7*7 }}{{ ''.__class__.__mro__ }}"
    doc = build_document(draft)
    assert doc.title.startswith("{{ 7*7 }}{{ ''.__class__.__mro__ }}")


def test_a_broken_wording_file_names_the_fault(tmp_path):
    path = tmp_path / "wording.toml"
    path.write_text('title = "{{ enterprise.name "\n', encoding="utf-8")
    with pytest.raises(WordingError, match="缺少"):
        load_wording(path)


def test_the_shipped_frame_passes_its_check_and_a_split_tag_fails(tmp_path):
    check_template(default_template_path())
    import docx

    document = docx.Document(str(default_template_path()))
    para = document.add_paragraph()
    para.add_run("{{ doc.")
    para.add_run("title }}")
    broken = tmp_path / "broken.docx"
    document.save(str(broken))
    with pytest.raises(TemplateFileError, match="标记被拆开"):
        check_template(broken)


def test_an_empty_draft_renders_with_visible_blanks():
    doc = build_document(__import__("wagedesk.model", fromlist=["Draft"]).Draft())
    assert doc.is_draft
    assert BLANK in doc.parties[0].lines[0].value
