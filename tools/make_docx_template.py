"""Generate ``contract_templates/contract.docx``, the Word frame of the contract (A4 page set-up,
styles with explicit East-Asian fonts, header with the enterprise name and draft mark, footer
with page numbers) holding the docxtpl tags that ``wagedesk.docx_writer`` fills.

Run ``.venv/bin/python tools/make_docx_template.py`` after changing it and commit the .docx.
Union staff may restyle the .docx in Word (fonts, spacing, margins); the tags must stay as they
are, each in one piece — ``wagedesk.docx_writer`` checks that when it loads the template.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT, HEADING_FONT, LATIN_FONT = "宋体", "黑体", "Times New Roman"
TARGET = Path(__file__).resolve().parent.parent / "contract_templates" / "contract.docx"


def set_fonts(rpr_owner, east_asia: str, latin: str = LATIN_FONT) -> None:
    if hasattr(rpr_owner, "get_or_add_rPr"):
        rpr = rpr_owner.get_or_add_rPr()
    else:
        rpr = rpr_owner.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_owner.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia),
                        ("w:cs", latin)):
        fonts.set(qn(attr), value)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def paragraph_style(doc, name: str, *, font: str = BODY_FONT, size: float = 12, align=None,
                    indent_chars: int = 0, before: float = 0, after: float = 0,
                    line: float = 22, keep_next: bool = False, page_break: bool = False):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(
        name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        style.base_style = styles["Normal"]
    style.font.size = Pt(size)
    set_fonts(style.element, font)
    pf = style.paragraph_format
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    pf.line_spacing = Pt(line)
    pf.keep_with_next = keep_next
    pf.page_break_before = page_break
    pf.widow_control = True
    if align is not None:
        pf.alignment = align
    ppr = style.element.get_or_add_pPr()
    ind = OxmlElement("w:ind")
    ind.set(qn("w:firstLineChars"), str(indent_chars * 100))
    ind.set(qn("w:firstLine"), str(int(indent_chars * size * 20)))
    ppr.append(ind)
    return style


def character_style(doc, name: str, font: str):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    set_fonts(style.element, font)
    return style


def add_field(paragraph, code: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == code:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {code} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def p(doc, text: str, style: str = "Normal"):
    return doc.add_paragraph(text, style=style)


def table(doc, headers: list[str], cells: list[str], loop: str, widths: list[float]) -> None:
    """A table: header row, a ``{%tr for %}`` row, the data row, a ``{%tr endfor %}`` row."""
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for col, width in enumerate(widths):
        for row in t.rows:
            row.cells[col].width = Cm(width)
    for col, text in enumerate(headers):
        t.cell(0, col).paragraphs[0].text = text
        t.cell(0, col).paragraphs[0].style = doc.styles["Table Head"]
    t.cell(1, 0).paragraphs[0].text = "{%tr " + loop + " %}"
    for col, text in enumerate(cells):
        t.cell(2, col).paragraphs[0].text = text
        t.cell(2, col).paragraphs[0].style = doc.styles["Table Text"]
    t.cell(3, 0).paragraphs[0].text = "{%tr endfor %}"
    header_row = t.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    header_row.append(el)


def build(target: Path = TARGET) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.6)
    section.header_distance, section.footer_distance = Cm(1.8), Cm(1.5)

    # document defaults: every run without a style still gets Chinese fonts
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    set_fonts(rpr_default, BODY_FONT)
    paragraph_style(doc, "Normal", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars=2)
    paragraph_style(doc, "Contract Title", font=HEADING_FONT, size=20, line=34, after=4,
                    align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "Contract Subtitle", font=HEADING_FONT, size=14, line=24, after=18,
                    align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "Party Line", align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph_style(doc, "Chapter Heading", font=HEADING_FONT, size=14, line=26, before=12,
                    after=4, align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
    paragraph_style(doc, "Section Heading", font=HEADING_FONT, line=22, before=6, after=2,
                    align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
    paragraph_style(doc, "Article", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars=2)
    paragraph_style(doc, "Table Head", font=HEADING_FONT, size=10.5, line=15,
                    align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "Table Text", size=10.5, line=15, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "Signature Intro", align=WD_ALIGN_PARAGRAPH.LEFT, page_break=True, after=30)
    paragraph_style(doc, "Signature Line", align=WD_ALIGN_PARAGRAPH.LEFT, line=26)
    paragraph_style(doc, "Annex Title", font=HEADING_FONT, size=16, line=24, after=18,
                    align=WD_ALIGN_PARAGRAPH.CENTER, page_break=True)
    paragraph_style(doc, "Page Header", size=9, line=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph_style(doc, "Page Footer", size=9, line=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    character_style(doc, "Article Label", HEADING_FONT)
    character_style(doc, "Draft Mark", HEADING_FONT)
    for name in ("Table Grid",):
        set_fonts(doc.styles[name].element, BODY_FONT)

    header = section.header.paragraphs[0]
    header.style = doc.styles["Page Header"]
    header.add_run("{{ doc.header_text }}")
    mark = header.add_run("{% if doc.is_draft %}　草案{% endif %}", style="Draft Mark")
    mark.bold = True
    mark.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    note = section.footer.paragraphs[0]
    note.style = doc.styles["Page Footer"]
    note.add_run("第 ")
    add_field(note, "PAGE")
    note.add_run(" 页 共 ")
    add_field(note, "NUMPAGES")
    note.add_run(" 页")
    extra = section.footer.add_paragraph("{{ footer_note or '' }}", style="Page Footer")
    extra.runs[0].font.size = Pt(7)

    p(doc, "{{ doc.title }}", "Contract Title")
    p(doc, "{{ doc.subtitle }}", "Contract Subtitle")
    p(doc, "{%p for block in doc.parties %}")
    p(doc, "{%p for line in block.lines %}")
    line = p(doc, "", "Party Line")
    line.add_run("{{ line.label }}", style="Article Label")
    line.add_run("{{ line.value }}")
    p(doc, "{%p endfor %}")
    p(doc, "", "Party Line")
    p(doc, "{%p endfor %}")
    p(doc, "{%p for text in doc.preamble %}")
    p(doc, "{{ text }}", "Article")
    p(doc, "{%p endfor %}")
    p(doc, "{%p for chapter in doc.chapters %}")
    p(doc, "{{ chapter.heading }}", "Chapter Heading")
    p(doc, "{%p for article in chapter.articles %}")
    p(doc, "{%p if article.section %}")
    p(doc, "{{ article.section }}", "Section Heading")
    p(doc, "{%p endif %}")
    para = p(doc, "", "Article")
    para.add_run("{{ article.label }}", style="Article Label")
    para.add_run("　{{ article.text }}")
    p(doc, "{%p for item in article.items %}")
    p(doc, "{{ item }}", "Article")
    p(doc, "{%p endfor %}")
    p(doc, "{%p if article.table %}")
    table(doc, [f"{{{{ article.table.headers[{i}] }}}}" for i in range(5)],
          [f"{{{{ row[{i}] }}}}" for i in range(5)], "for row in article.table.rows",
          [3.0, 1.6, 2.3, 3.4, 3.7])
    p(doc, "{%p endif %}")
    p(doc, "{%p endfor %}")
    p(doc, "{%p endfor %}")

    p(doc, "{{ doc.signature_intro }}", "Signature Intro")
    p(doc, "{%p for sig in doc.signatures %}")
    for label, value in (("sig.party_label", "sig.party_name"), ("sig.chief_label", "sig.chief_name")):
        s = p(doc, "", "Signature Line")
        s.add_run("{{ " + label + " }}", style="Article Label")
        s.add_run("{{ " + value + " }}")
    s = p(doc, "", "Signature Line")
    s.add_run("{{ sig.sign_label }}", style="Article Label")
    s.add_run("\t\t\t\t").font.underline = True
    s = p(doc, "", "Signature Line")
    s.add_run("{{ sig.date_label }}", style="Article Label")
    s.add_run("{{ sig.date }}")
    p(doc, "", "Signature Line")
    p(doc, "{%p endfor %}")
    p(doc, "{{ doc.signing_place }}", "Signature Line")

    p(doc, "{{ doc.annex.title }}", "Annex Title")
    p(doc, "{%p for text in doc.annex.paragraphs %}")
    p(doc, "{{ text }}", "Article")
    p(doc, "{%p endfor %}")
    table(doc, [f"{{{{ doc.annex.meetings.headers[{i}] }}}}" for i in range(4)],
          [f"{{{{ row[{i}] }}}}" for i in range(4)], "for row in doc.annex.meetings.rows",
          [1.9, 3.2, 3.9, 6.6])
    p(doc, "{{ doc.annex.vote_paragraph }}", "Article")
    table(doc, [f"{{{{ doc.annex.votes.headers[{i}] }}}}" for i in range(5)],
          [f"{{{{ row[{i}] }}}}" for i in range(5)], "for row in doc.annex.votes.rows",
          [2.9, 2.9, 2.9, 2.9, 4.0])
    p(doc, "{{ doc.annex.closing }}", "Article")

    core = doc.core_properties
    core.title, core.author, core.language = "工资专项集体合同", "WageDesk", "zh-CN"
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(target))
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET))
