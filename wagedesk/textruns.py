"""Turning a line of logical text into what reportlab draws: Arabic shaped into presentation
forms (``arabic-reshaper``), each character's font (the CJK face or the fallback face that has
it, ``wagedesk.fallback_fonts``), and right-to-left runs (Arabic, Hebrew) put in visual order by
the Unicode bidirectional algorithm (``python-bidi``) with a left-to-right paragraph direction,
as Word and LibreOffice show the DOCX. reportlab itself draws glyphs left to right and shapes
nothing. Text without Arabic or Hebrew takes a fast path that does no bidi work. Pure functions
over registered fonts; any thread.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

from wagedesk import fallback_fonts, fonts

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff"
                  "\U0001e800-\U0001efff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


@lru_cache(maxsize=1)
def _reshaper():
    from arabic_reshaper import ArabicReshaper

    # keep every character: harakat and tatweel stay, so copy-paste loses nothing
    return ArabicReshaper(configuration={"delete_harakat": False, "delete_tatweel": False,
                                         "shift_harakat_position": False})


def shape(text: str) -> str:
    """``text`` with Arabic letters replaced by their joined presentation forms (copy-paste
    still yields the plain letters: ``fonts.logical_text``)."""
    if not _ARABIC.search(text):
        return text
    return _reshaper().reshape(text)


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def drawable(ch: str) -> str:
    return " " if ch == "\t" else ch


def font_names(text: str, face: str) -> list[str]:
    """The reportlab font each character of ``text`` (in CJK ``face``) is drawn with."""
    base = fonts.face_name(face)
    extra = fallback_fonts.overrides(face)
    if not extra:
        return [base] * len(text)
    return [extra.get(ch, base) for ch in text]


def bidi_levels(chars: Sequence[str]) -> list[int] | None:
    """Resolved embedding levels of a paragraph (left-to-right base), or None when it has no
    right-to-left character (then every level is 0)."""
    text = "".join(chars)
    if not has_rtl(text):
        return None
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    storage["base_level"], storage["base_dir"] = 0, "L"
    uba.get_embedding_levels(text, storage)
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    levels = [c["level"] for c in storage["chars"]]
    return levels if len(levels) == len(chars) else None


def visual_order(chars: Sequence[str], levels: Sequence[int] | None, start: int,
                 end: int) -> list[int]:
    """Indices of ``chars[start:end]`` (one line) in the order they are drawn, left to right
    (rules L1 and L2 of the bidi algorithm)."""
    order = list(range(start, end))
    if levels is None:
        return order
    lv = [0 if chars[k] == "\t" else levels[k] for k in order]
    j = len(lv) - 1
    while j >= 0 and chars[order[j]] in " \t":   # L1: trailing whitespace at base level
        lv[j] = 0
        j -= 1
    odd = [v for v in lv if v % 2]
    if not odd:
        return order
    for level in range(max(lv), min(odd) - 1, -1):
        i, n = 0, len(lv)
        while i < n:
            if lv[i] < level:
                i += 1
                continue
            j = i
            while j < n and lv[j] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            lv[i:j] = lv[i:j][::-1]
            i = j
    return order


def mirrored(ch: str, level: int) -> str:
    """Brackets and the like face the other way inside right-to-left runs (rule L4)."""
    if level % 2 == 0:
        return ch
    from bidi.mirror import MIRRORED

    return MIRRORED.get(ch, ch)


def draw_glyphs(canv, order: Sequence[int], chars: Sequence[str], fonts_: Sequence[tuple[str, float]],
                widths: Sequence[float], levels: Sequence[int] | None, x: float, y: float,
                char_space: float = 0.0) -> float:
    """Draw ``chars`` in ``order`` from ``x``, one text object per run of one font; returns
    the x after the last glyph."""
    n = len(order)
    p = 0
    while p < n:
        font = fonts_[order[p]]
        q = p
        while q < n and fonts_[order[q]] == font:
            q += 1
        run = order[p:q]
        if levels is None:
            text = "".join(drawable(chars[k]) for k in run)
        else:
            text = "".join(mirrored(drawable(chars[k]), levels[k]) for k in run)
        obj = canv.beginText(x, y)
        obj.setFont(font[0], font[1])
        if char_space:
            obj.setCharSpace(char_space)
        obj.textOut(text)
        canv.drawText(obj)
        x += sum(widths[k] for k in run) + char_space * (q - p)
        p = q
    return x


def draw_string(canv, text: str, face: str, size: float, x: float, y: float,
                anchor: str = "left") -> None:
    """One line of plain text (page header, footer) with fallback faces and bidi order;
    ``anchor`` is left, right or centre of ``x``."""
    chars = list(shape(text))
    names = font_names("".join(chars), face)
    fonts_ = [(name, size) for name in names]
    widths = [stringWidth(drawable(c), name, size) for c, name in zip(chars, names)]
    total = sum(widths)
    if anchor == "right":
        x -= total
    elif anchor == "centre":
        x -= total / 2
    levels = bidi_levels(chars)
    draw_glyphs(canv, visual_order(chars, levels, 0, len(chars)), chars, fonts_, widths,
                levels, x, y)


_RTL_WORDS = re.compile(r"[\u0590-\u08ff]+(?:[ \t]+[\u0590-\u08ff]+)*")


def logical_words(text: str) -> str:
    """Read-back helper for text pypdf extracted from our PDFs. The PDF draws a right-to-left
    run in visual order; pypdf turns each word of it back to logical order but leaves the
    words in visual order, so this reverses the words of each run (within one line)."""
    return _RTL_WORDS.sub(lambda m: " ".join(reversed(m.group(0).split())), text)
