"""Rendering contracts: the DOCX and the PDF say the same thing, the PDF embeds its fonts and
breaks lines by the Chinese rules, nasty input comes out verbatim, drafts look like drafts."""
from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn

from render_helpers import (docx_body_text, docx_header_text, logical_rtl, normalise, pdf_body_text,
                            pdf_has_watermark, table_headers, without_repeated_headers)
from wagedesk.document import build_document
from wagedesk.docx_writer import render_docx
from wagedesk.model import Draft, LevelRow, PostCategory, SkillLevel, Status
from wagedesk.pdf_writer import render_pdf
from wagedesk.sample import sample_draft
from wagedesk.wording import BLANK

NASTY = ("<b>粗体</b> & <font name='x'>字</font> \"双引号\" '单引号' {{ 7*7 }} {% for x in y %}"
         " %s {0} 第一行\n第二行\t制表 😀 مرحبا שלום \x00\x01\x0b结束")
NASTY_CLEAN = NASTY.replace("\x00", "").replace("\x01", "").replace("\x0b", "")


def _signed(draft: Draft) -> Draft:
    draft.status = Status.signed
    return draft


def _fill_text_fields(model, value: str) -> None:
    """Put ``value`` into every free-text field of a draft, lists included."""
    from pydantic import BaseModel

    for name, info in type(model).model_fields.items():
        current = getattr(model, name)
        if info.annotation in (str | None,) and name not in ("supersedes",):
            setattr(model, name, value)
        elif isinstance(current, BaseModel):
            _fill_text_fields(current, value)
        elif isinstance(current, list):
            for item in current:
                if isinstance(item, BaseModel):
                    _fill_text_fields(item, value)


def _render_both(draft: Draft, tmp_path: Path, name: str = "c", **kw) -> tuple[Path, Path]:
    docx_path, pdf_path = tmp_path / f"{name}.docx", tmp_path / f"{name}.pdf"
    render_docx(draft, docx_path, **kw)
    render_pdf(draft, pdf_path, **kw)
    return docx_path, pdf_path


def _same_text(draft: Draft, docx_path: Path, pdf_path: Path) -> str:
    doc = build_document(draft)
    docx_text = normalise(docx_body_text(docx_path))
    pdf_text = without_repeated_headers(normalise(logical_rtl(pdf_body_text(pdf_path))),
                                        table_headers(doc))
    assert docx_text == pdf_text
    return docx_text


def test_docx_and_pdf_of_the_sample_have_identical_text(tmp_path):
    draft = sample_draft()
    text = _same_text(draft, *_render_both(draft, tmp_path))
    assert "第一章总则" in text and "技能人才工资分配专章" in text and "第四十三条" in text
    assert "人民币玖仟捌佰元整（¥9,800.00）" in text
    assert "自2026年7月1日起至2029年6月30日止" in text
    assert "初级工3基础类2,900.00100.00" in text


def test_pdf_copy_paste_gives_the_real_characters(tmp_path):
    pdf = tmp_path / "c.pdf"
    render_pdf(_signed(sample_draft()), pdf)
    with pdfplumber.open(pdf) as document:
        first = normalise(document.pages[0].extract_text())
    assert "上海浦江精工装备有限公司工资专项集体合同" in first
    assert "统一社会信用代码：91310115MA1K4C8Q7L" in first


def test_pdf_pages_carry_header_and_page_x_of_y(tmp_path):
    pdf = tmp_path / "c.pdf"
    render_pdf(sample_draft(), pdf, footer_note="指纹 0123abcd")
    with pdfplumber.open(pdf) as document:
        pages = [page.extract_text() for page in document.pages]
    total = len(pages)
    assert total >= 5
    for number, text in enumerate(pages, start=1):
        flat = normalise(text)
        assert f"第{number}页共{total}页" in flat
        assert "上海浦江精工装备有限公司" in flat
        assert "指纹0123abcd" in flat


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) not installed")
def test_pdf_fonts_are_embedded_subsets_and_never_helvetica(tmp_path):
    pdf = tmp_path / "c.pdf"
    render_pdf(sample_draft(), pdf)
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        cols = row.split()
        emb, sub = cols[-5], cols[-4]
        assert (emb, sub) == ("yes", "yes"), row
        assert "Noto" in cols[0], row
    assert "Helvetica" not in out


def test_no_pdf_line_starts_or_ends_with_forbidden_punctuation(tmp_path):
    stress = "技能人才，。、；：？！）》」』”’（《「『“‘等级工资" * 40
    draft = _signed(sample_draft())
    draft.ladder.promotion_path = stress
    draft.pay.key_post_tilt = "甲" + stress
    draft.coverage.posts = "甲乙" + stress
    draft.implementation.other_terms = "丙丁戊" + stress
    pdf = tmp_path / "stress.pdf"
    render_pdf(draft, pdf)
    checked = 0
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            for line in (page.extract_text() or "").splitlines():
                line = line.strip()
                if not line:
                    continue
                checked += 1
                assert line[0] not in "，。、；：？！）》」』”’", line
                assert line[-1] not in "（《「『“‘", line
    assert checked > 200


def test_nasty_input_appears_verbatim_in_both_files_and_is_never_evaluated(tmp_path):
    draft = sample_draft()
    _fill_text_fields(draft, NASTY)
    docx_path, pdf_path = _render_both(draft, tmp_path)
    text = _same_text(draft, docx_path, pdf_path)
    assert normalise(NASTY_CLEAN) in text
    assert "{{7*7}}" in text and "{%forxiny%}" in text and "<b>粗体</b>" in text
    assert "49" not in text.replace("2,740", "")
    raw = Document(str(docx_path))
    assert any("第一行\n第二行" in p.text or "第二行" in p.text for p in raw.paragraphs)


def test_ten_thousand_characters_flow_across_pages_in_text_and_tables(tmp_path):
    long = ("本条约定的内容很长，" * 1000)[:10000]
    draft = _signed(sample_draft())
    draft.ladder.promotion_path = long
    draft.procedure.meetings[0].summary = long
    draft.procedure.meetings[1].place = long
    docx_path, pdf_path = _render_both(draft, tmp_path)
    text = _same_text(draft, docx_path, pdf_path)
    assert text.count(normalise(long)) == 3
    with pdfplumber.open(pdf_path) as document:
        assert len(document.pages) > 20


def test_a_level_table_split_across_pages_repeats_its_header(tmp_path):
    draft = _signed(sample_draft())
    draft.ladder.levels = [LevelRow(level=SkillLevel.senior, sub_levels=i, post_category=PostCategory.key,
                                    minimum_amount=Decimal(4000 + i), skill_allowance=Decimal(100))
                           for i in range(1, 81)]
    pdf = tmp_path / "long.pdf"
    render_pdf(draft, pdf)
    with pdfplumber.open(pdf) as document:
        pages = [normalise(p.extract_text()) for p in document.pages]
    header = "技能等级档次岗位类别月最低标准（元）技能等级津贴（元/月）"
    with_rows = [p for p in pages if "4,080.00" in p or "4,040.00" in p or "4,001.00" in p]
    assert len(with_rows) >= 2
    assert all(header in p for p in with_rows)


def test_a_draft_with_blanks_shows_blanks_and_the_draft_mark(tmp_path):
    draft = Draft()
    docx_path, pdf_path = _render_both(draft, tmp_path)
    text = _same_text(draft, docx_path, pdf_path)
    assert BLANK in text
    assert pdf_has_watermark(pdf_path)
    assert "草案" in docx_header_text(docx_path)


def test_a_signed_contract_has_no_blanks_and_no_draft_mark(tmp_path):
    draft = _signed(sample_draft())
    docx_path, pdf_path = _render_both(draft, tmp_path)
    text = _same_text(draft, docx_path, pdf_path)
    assert BLANK not in text
    assert not pdf_has_watermark(pdf_path)
    assert "草案" not in docx_header_text(docx_path)
    assert "上海浦江精工装备有限公司" in docx_header_text(docx_path)


def test_switched_off_clauses_vanish_and_articles_renumber(tmp_path):
    draft = sample_draft()
    full = build_document(draft)
    draft.top_talent.enabled = False
    draft.allowances.mentoring.enabled = False
    short = build_document(draft)
    count = lambda d: sum(len(c.articles) for c in d.chapters)  # noqa: E731
    assert count(short) == count(full) - 3
    texts = normalise("".join(a.text for c in short.chapters for a in c.articles))
    assert "师带徒津贴" not in texts and "年薪制" not in texts
    labels = [a.label for c in short.chapters for a in c.articles]
    assert labels[-1] == f"第{['', '一', '二', '三', '四'][4]}十条"


def _east_asia_font(document, run) -> str | None:
    """The East-Asian font a run ends up with: run, character style, paragraph style chain,
    document defaults."""
    def from_rpr(rpr):
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        return fonts.get(qn("w:eastAsia")) if fonts is not None else None

    found = from_rpr(run._r.rPr)
    if found:
        return found
    if run.style is not None and run.style.element is not None:
        found = from_rpr(run.style.element.rPr)
        if found:
            return found
    style = run._parent.style
    while style is not None:
        found = from_rpr(style.element.rPr)
        if found:
            return found
        style = style.base_style
    defaults = document.styles.element.find(qn("w:docDefaults"))
    return from_rpr(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))


def test_every_chinese_run_in_the_docx_has_an_east_asian_font(tmp_path):
    path = tmp_path / "c.docx"
    render_docx(sample_draft(), path)
    document = Document(str(path))
    paragraphs = list(document.paragraphs) + [p for t in document.tables for row in t.rows
                                              for cell in row.cells for p in cell.paragraphs]
    runs = [r for p in paragraphs for r in p.runs if re.search(r"[\u4e00-\u9fff]", r.text)]
    assert len(runs) > 100
    for run in runs:
        assert _east_asia_font(document, run) in ("宋体", "黑体"), run.text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_the_docx(tmp_path):
    path = tmp_path / "c.docx"
    render_docx(sample_draft(), path)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path / "lo"), str(path)],
                   capture_output=True, timeout=120, check=True)
    converted = tmp_path / "lo" / "c.pdf"
    assert converted.is_file()
    with pdfplumber.open(converted) as document:
        assert len(document.pages) >= 5
        assert "工资专项集体合同" in normalise(document.pages[0].extract_text())
