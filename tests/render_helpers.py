"""Reading rendered contracts back: body text of a DOCX and of a PDF, in reading order."""
from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from wagedesk.pdf_writer import MARGINS, PAGE_H
from wagedesk.textruns import logical_words


def normalise(text: str) -> str:
    """Whitespace removed entirely: line breaks and justification differ between formats."""
    return re.sub(r"\s+", "", text)


def docx_body_text(path: Path) -> str:
    """Paragraphs and table cells of the body, in document order (headers and footers excluded)."""
    document = docx.Document(str(path))
    parts: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            parts.append(docx.text.paragraph.Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            table = docx.table.Table(child, document)
            for row in table.rows:
                for cell in row.cells:
                    parts.append(cell.text)
    return "\n".join(parts)


def docx_header_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(p.text for s in document.sections for p in s.header.paragraphs)


def pdf_pieces(path: Path) -> list[list[tuple[str, float, bool]]]:
    """Per page, the text pieces in content-stream order with their y position and whether
    they are rotated (the draft watermark is the only rotated text)."""
    pages = []
    for page in PdfReader(str(path)).pages:
        pieces: list[tuple[str, float, bool]] = []

        def visit(text, cm, tm, _font, _size, pieces=pieces):
            if not text:
                return
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            rotated = abs(cm[1]) > 1e-3 or abs(tm[1]) > 1e-3
            pieces.append((text, y, rotated))

        page.extract_text(visitor_text=visit)
        pages.append(pieces)
    return pages


def pdf_body_text(path: Path) -> str:
    """The body text of the PDF: page header, footer and watermark left out."""
    top = PAGE_H - MARGINS["top"] + 1
    bottom = MARGINS["bottom"] - 1
    out = []
    for pieces in pdf_pieces(path):
        last_y = None
        for t, y, rotated in pieces:
            if rotated or not bottom < y < top:
                continue
            if last_y is not None and abs(y - last_y) > 1:
                out.append("\n")  # a new line: right-to-left reordering never crosses it
            out.append(t)
            last_y = y
    return "".join(out)


def pdf_has_watermark(path: Path) -> bool:
    return any(rotated and "草案" in t for pieces in pdf_pieces(path) for t, _y, rotated in pieces)


def logical_rtl(text: str) -> str:
    """Right-to-left runs back in logical order (``textruns.logical_words``); use it before
    whitespace is removed, since it works on words within one line."""
    return logical_words(text)


def without_repeated_headers(text: str, headers: list[str]) -> str:
    """The PDF repeats a table's header row on every page the table reaches; the DOCX text has
    it once (Word repeats it visually only). Keep the first occurrence of each header row."""
    for header in headers:
        first = text.find(header)
        if first >= 0:
            cut = first + len(header)
            text = text[:cut] + text[cut:].replace(header, "")
    return text


def table_headers(doc) -> list[str]:
    found = [normalise("".join(a.table.headers)) for c in doc.chapters for a in c.articles if a.table]
    return found + [normalise("".join(doc.annex.meetings.headers)),
                    normalise("".join(doc.annex.votes.headers))]
