"""The PDF writer: a ``ContractDocument`` as an A4 PDF through reportlab platypus.

Body in Noto Serif SC, headings in Noto Sans SC, both subset and embedded (``wagedesk.fonts``);
the enterprise name in the page header, ``第 X 页 共 Y 页`` and an optional footer note in the
footer, a diagonal light-grey 草案 on every page of a draft; tables repeat their header row
when they split. Runs on any thread (a worker thread in the desktop app); never on the GUI
thread, since the first export may spend seconds converting fonts.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle

from wagedesk import fallback_fonts, fonts
from wagedesk.document import ContractDocument, build_document
from wagedesk.files import write_atomically
from wagedesk.model import Draft
from wagedesk.pdf_flowables import TextBlock, TextStyle, chunked_rows
from wagedesk.textruns import draw_string, shape
from wagedesk.wording import Wording

PAGE_W, PAGE_H = A4
MARGINS = {"left": 2.8 * cm, "right": 2.6 * cm, "top": 3.0 * cm, "bottom": 2.6 * cm}
BODY, SMALL, TABLE_SIZE = 12.0, 9.0, 10.5
WATERMARK = "草案"

BODY_STYLE = TextStyle(leading=22, first_indent=2 * BODY)
ITEM_STYLE = BODY_STYLE
PLAIN = TextStyle(leading=22, alignment="left")
TITLE = TextStyle(leading=34, alignment="center", space_after=4)
SUBTITLE = TextStyle(leading=24, alignment="center", space_after=18)
CHAPTER = TextStyle(leading=26, alignment="center", space_before=12, space_after=4, keep_with_next=True)
SECTION = TextStyle(leading=22, alignment="center", space_before=6, space_after=2, keep_with_next=True)
CELL = TextStyle(leading=15, alignment="center")
CELL_LEFT = TextStyle(leading=15, alignment="justify")
SIGN = TextStyle(leading=26, alignment="left", trailing_rule=150)
COL_RATIOS = {"levels": [1.3, 0.7, 1.0, 1.5, 1.7], "meetings": [0.8, 1.4, 1.7, 3.1],
              "votes": [1, 1, 1, 1, 1.3]}
LEFT_COLS = {"meetings": {2, 3}}


class _Runs:
    """Collects the characters printed in each face, so the font subsets can be built first."""

    def __init__(self) -> None:
        self.body: set[str] = set()
        self.heading: set[str] = set(WATERMARK + "第页共 0123456789")
        self.table_font = "Times-Roman"  # replaced by the real face once fonts are registered

    def serif(self, text: str, size: float = BODY) -> tuple[str, str, float]:
        text = shape(text)
        self.body.update(text)
        return (text, fonts.SERIF, size)

    def sans(self, text: str, size: float = BODY) -> tuple[str, str, float]:
        text = shape(text)
        self.heading.update(text)
        return (text, fonts.SANS, size)


def _table(table, width: float, runs: _Runs) -> Table:
    ratios = COL_RATIOS.get(table.kind, [1] * len(table.headers))
    widths = [width * r / sum(ratios) for r in ratios]
    inner = [w - 8 for w in widths]
    # ~28 lines of cell text per physical row keeps every row shorter than a page.
    limits = [max(int(w // TABLE_SIZE), 1) * 28 for w in inner]
    header = [TextBlock([runs.sans(h, TABLE_SIZE)], CELL) for h in table.headers]
    data = [header]
    style = [("GRID", (0, 0), (-1, 0), 0.6, colors.black),
             ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             # the cell font is only selected, never used (cells are TextBlocks), but
             # reportlab's default would put an unembedded Helvetica into the file
             ("FONTNAME", (0, 0), (-1, -1), runs.table_font),
             ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    left = LEFT_COLS.get(table.kind, set())
    for cells in table.rows:
        physical = chunked_rows(cells, limits)
        first = len(data)
        for row in physical:
            data.append([TextBlock([runs.serif(text, TABLE_SIZE)], CELL_LEFT if c in left else CELL)
                         for c, text in enumerate(row)])
        last = len(data) - 1
        style += [("BOX", (0, first), (-1, last), 0.6, colors.black),
                  ("LINEBEFORE", (1, first), (-1, last), 0.6, colors.black)]
    return Table(data, colWidths=widths, repeatRows=1, style=TableStyle(style), hAlign="CENTER")


def story_for(doc: ContractDocument, width: float, runs: _Runs) -> list:
    """The flowables of the whole contract, in the order of ``document.iter_texts``."""
    body = lambda text: TextBlock([runs.serif(text)], BODY_STYLE)  # noqa: E731
    story: list = [TextBlock([runs.sans(doc.title, 20)], TITLE),
                   TextBlock([runs.sans(doc.subtitle, 14)], SUBTITLE)]
    for block in doc.parties:
        for line in block.lines:
            story.append(TextBlock([runs.sans(line.label), runs.serif(line.value)], PLAIN))
        story.append(Spacer(1, 10))
    story += [body(p) for p in doc.preamble]
    for chapter in doc.chapters:
        story.append(CondPageBreak(4 * BODY_STYLE.leading))
        story.append(TextBlock([runs.sans(chapter.heading, 14)], CHAPTER))
        for article in chapter.articles:
            if article.section:
                story.append(TextBlock([runs.sans(article.section)], SECTION))
            story.append(TextBlock([runs.sans(article.label), runs.serif("　" + article.text)],
                                   BODY_STYLE))
            story += [TextBlock([runs.serif(item)], ITEM_STYLE) for item in article.items]
            if article.table:
                story += [Spacer(1, 4), _table(article.table, width, runs), Spacer(1, 8)]
    story += [PageBreak(), TextBlock([runs.serif(doc.signature_intro)], PLAIN), Spacer(1, 30)]
    for sig in doc.signatures:
        story += [TextBlock([runs.sans(sig.party_label), runs.serif(sig.party_name)], PLAIN),
                  TextBlock([runs.sans(sig.chief_label), runs.serif(sig.chief_name)], PLAIN),
                  TextBlock([runs.sans(sig.sign_label)], SIGN),
                  TextBlock([runs.sans(sig.date_label), runs.serif(sig.date)], PLAIN),
                  Spacer(1, 36)]
    story.append(TextBlock([runs.serif(doc.signing_place)], PLAIN))
    annex = doc.annex
    story += [PageBreak(), TextBlock([runs.sans(annex.title, 16)], SUBTITLE)]
    story += [body(p) for p in annex.paragraphs]
    story += [Spacer(1, 4), _table(annex.meetings, width, runs), Spacer(1, 10)]
    story += [body(annex.vote_paragraph), Spacer(1, 4), _table(annex.votes, width, runs),
              Spacer(1, 10), body(annex.closing)]
    return story


def _short(text: str, limit: int = 40) -> str:
    """A page-header line that fits the type area (9 pt, about 48 characters)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _decorate(doc: ContractDocument):
    def on_page(canv: Canvas, _template) -> None:
        canv.saveState()
        if doc.is_draft:
            canv.setFillColor(colors.Color(0.88, 0.88, 0.88))
            canv.setFont(fonts.face_name(fonts.SANS), 140)
            canv.translate(PAGE_W / 2, PAGE_H / 2)
            canv.rotate(45)
            canv.drawCentredString(0, -50, WATERMARK)
            canv.rotate(-45)
            canv.translate(-PAGE_W / 2, -PAGE_H / 2)
        canv.setFillColor(colors.Color(0.3, 0.3, 0.3))
        top = PAGE_H - MARGINS["top"] + 14
        draw_string(canv, _short(doc.header_text), fonts.SANS, SMALL, PAGE_W - MARGINS["right"],
                    top, anchor="right")
        canv.setLineWidth(0.5)
        canv.line(MARGINS["left"], top - 4, PAGE_W - MARGINS["right"], top - 4)
        canv.restoreState()
    return on_page


def _canvas_maker(doc: ContractDocument):
    """A canvas that knows the page count: pages are kept until ``save`` and then numbered."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            # reportlab's default initial font is Helvetica, which would be listed unembedded.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.face_name(fonts.SERIF)
            kwargs["initialFontSize"] = kwargs.get("initialFontSize") or BODY
            kwargs["lang"] = kwargs.get("lang") or "zh-CN"
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, total: int) -> None:
            self.saveState()
            self.setFont(fonts.face_name(fonts.SANS), SMALL)
            self.drawCentredString(PAGE_W / 2, MARGINS["bottom"] - 28,
                                   f"第 {self._pageNumber} 页 共 {total} 页")
            if doc.footer_note:
                draw_string(self, doc.footer_note[:160], fonts.SERIF, 7, PAGE_W / 2,
                            MARGINS["bottom"] - 40, anchor="centre")
            self.restoreState()

    return NumberedCanvas


def write_pdf(doc: ContractDocument, out: str | Path | BinaryIO) -> None:
    """Write ``doc`` as PDF to a path (atomically) or a binary file object."""
    width = PAGE_W - MARGINS["left"] - MARGINS["right"]
    runs = _Runs()
    story_for(doc, width, runs)  # a cheap first pass: which characters each face must have
    runs.heading.update(shape(_short(doc.header_text)))
    runs.body.update(shape(doc.footer_note[:160]) if doc.footer_note else "")
    serif, _sans = fonts.ensure_fonts(runs.body, runs.heading)
    fallback_fonts.ensure_fallbacks(fonts.SERIF, runs.body)
    fallback_fonts.ensure_fallbacks(fonts.SANS, runs.heading)
    runs.table_font = serif
    story = story_for(doc, width, runs)
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGINS["left"], rightMargin=MARGINS["right"],
        topMargin=MARGINS["top"], bottomMargin=MARGINS["bottom"], title=doc.title,
        author=doc.header_text, subject="工资专项集体合同", creator="WageDesk")
    decorate = _decorate(doc)
    template.build(story, onFirstPage=decorate, onLaterPages=decorate,
                   canvasmaker=_canvas_maker(doc))
    data = buffer.getvalue()
    if isinstance(out, (str, Path)):
        write_atomically(Path(out), data)
    else:
        out.write(data)


def render_pdf(draft: Draft, out: str | Path | BinaryIO, *, footer_note: str | None = None,
               wording: Wording | None = None) -> ContractDocument:
    """Render ``draft`` to PDF; returns the document structure that was written."""
    doc = build_document(draft, wording, footer_note=footer_note)
    write_pdf(doc, out)
    return doc
