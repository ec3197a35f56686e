"""reportlab building blocks for Chinese text: ``TextBlock``, a paragraph laid out with our own
line breaking (``wagedesk.linebreak``) that splits across pages, and ``chunked_rows``, which
cuts very long table cells into continuation rows so that no table row is taller than a page.

``TextBlock`` takes plain text, never markup, so ``<b>``, ``&`` or ``<font>`` typed by a user are
printed as they are; characters the CJK face lacks are drawn with a fallback face and
right-to-left runs in visual order (``wagedesk.textruns``). Fonts must be registered before a
block is wrapped. Any thread.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from wagedesk.linebreak import break_lines
from wagedesk.textruns import bidi_levels, draw_glyphs, drawable, font_names, visual_order

Run = tuple[str, str, float]  # text, face (fonts.SERIF or fonts.SANS), size


@dataclass(frozen=True)
class TextStyle:
    leading: float
    first_indent: float = 0.0
    alignment: str = "justify"     # justify | left | center
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False
    trailing_rule: float = 0.0     # length of a signing line drawn after the last line


class TextBlock(Flowable):
    """A paragraph of plain text runs, justified, breaking lines by the Chinese rules."""

    def __init__(self, runs: list[Run], style: TextStyle, *, _layout=None, _head=True) -> None:
        super().__init__()
        self.runs = runs
        self.style = style
        self.spaceBefore = style.space_before if _head else 0
        self.spaceAfter = style.space_after
        self.keepWithNext = style.keep_with_next
        self._layout_cache = _layout      # (width, chars, fonts, widths, lines, levels)
        self._head = _head

    # -- layout -------------------------------------------------------------------------------
    def _flatten(self):
        chars, fonts, widths = [], [], []
        for text, face, size in self.runs:
            for ch, font in zip(text, font_names(text, face)):
                chars.append(ch)
                fonts.append((font, size))
                widths.append(0.0 if ch == "\n" else stringWidth(drawable(ch), font, size))
        return chars, fonts, widths

    def _layout(self, width: float):
        if self._layout_cache is not None and abs(self._layout_cache[0] - width) < 0.01:
            return self._layout_cache
        chars, fonts, widths = self._flatten()
        indent = self.style.first_indent if self._head else 0.0
        lines = break_lines(chars, widths, width, first_width=width - indent)
        self._layout_cache = (width, chars, fonts, widths, lines, bidi_levels(chars))
        return self._layout_cache

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        layout = self._layout(avail_width)
        self.width = avail_width
        self.height = len(layout[4]) * self.style.leading
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        width, chars, fonts, widths, lines, levels = self._layout(avail_width)
        fit = int((avail_height + 1e-6) // self.style.leading)
        if fit <= 0 or len(lines) <= 1:
            return []
        if fit >= len(lines):
            return [self]
        head = TextBlock(self.runs, self.style, _head=self._head,
                         _layout=(width, chars, fonts, widths, lines[:fit], levels))
        head.spaceAfter = 0
        head.keepWithNext = False
        tail = TextBlock(self.runs, self.style, _head=False,
                         _layout=(width, chars, fonts, widths, lines[fit:], levels))
        return [head, tail]

    # -- drawing ------------------------------------------------------------------------------
    def draw(self) -> None:
        width, chars, fonts, widths, lines, levels = self._layout_cache
        style = self.style
        canv = self.canv
        for index, (start, end, last) in enumerate(lines):
            indent = style.first_indent if (self._head and index == 0) else 0.0
            used = sum(widths[start:end])
            gaps = max(end - start - 1, 0)
            char_space = 0.0
            x = indent
            if style.alignment == "center":
                x = indent + (width - indent - used) / 2
            elif style.alignment == "justify" and not last and gaps:
                char_space = (width - indent - used) / gaps
                size = fonts[start][1]
                if char_space > 0.5 * size or char_space < 0:
                    char_space = 0.0
            size = max((fonts[k][1] for k in range(start, end)), default=fonts[0][1] if fonts else 10)
            y = self.height - (index + 1) * style.leading + (style.leading - size) / 2 + 0.18 * size
            x = draw_glyphs(canv, visual_order(chars, levels, start, end), chars, fonts, widths,
                            levels, x, y, char_space)
            if style.trailing_rule and index == len(lines) - 1 and last:
                canv.setLineWidth(0.6)
                canv.line(x + 4, y - 2, min(x + 4 + style.trailing_rule, width), y - 2)


def chunk_text(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters (at least one piece)."""
    if len(text) <= limit:
        return [text]
    return [text[i:i + limit] for i in range(0, len(text), limit)]


def chunked_rows(cells: list[str], limits: list[int]) -> list[list[str]]:
    """One logical table row as one or more physical rows. A cell longer than its limit is cut
    into pieces that continue down its column; the next cell starts on the row where the
    previous one ended, so reading the rows left to right, top to bottom gives the cells in
    order (the same text as the DOCX, which keeps the row whole)."""
    pieces = [chunk_text(c, max(limit, 1)) for c, limit in zip(cells, limits)]
    rows: list[list[str]] = [["" for _ in cells]]
    row = 0
    for col, parts in enumerate(pieces):
        for n, part in enumerate(parts):
            if n:
                row += 1
            while len(rows) <= row:
                rows.append(["" for _ in cells])
            rows[row][col] = part
    return rows
