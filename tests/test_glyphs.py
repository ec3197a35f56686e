"""Characters the Chinese faces lack: emoji, Arabic, Hebrew and rare symbols are drawn with
embedded Noto fallback faces (never as empty boxes), right-to-left runs in visual order, and
an all-Chinese contract uses no fallback at all."""
from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pdfplumber
import pytest

from wagedesk import fallback_fonts, fonts
from wagedesk.linebreak import is_word_char
from wagedesk.pdf_writer import render_pdf
from wagedesk.sample import sample_draft
from wagedesk.textruns import logical_words, shape, visual_order

MIXED = "表情😀👍 阿拉伯文مرحبا 希伯来文שלום 希腊αβγ 俄文Жизнь 符号✓★① 天平⚖ 棋♔ 完"
EXPECTED_FACE = {"😀": "NotoEmoji", "👍": "NotoEmoji", "⚖": "NotoSansSymbols",
                 **dict.fromkeys("مرحبا", "NotoSansArabic"), **dict.fromkeys("שלום", "NotoSansHebrew"),
                 # the Chinese face has these itself, so it draws them
                 **dict.fromkeys("αβγЖизнь✓★①", "NotoSerifSC")}


@pytest.fixture(scope="module")
def mixed_pdf(tmp_path_factory):
    draft = sample_draft()
    draft.ladder.promotion_path = MIXED
    pdf = tmp_path_factory.mktemp("glyphs") / "mixed.pdf"
    render_pdf(draft, pdf)
    return pdf


def _line_chars(pdf) -> list[dict]:
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            chars = page.chars
            text = "".join(c["text"] for c in chars)
            if "表情" in text:
                start = text.index("表情")
                return chars[start:text.index("完", start) + 1]
    raise AssertionError("mixed text not found in the PDF")


def test_each_foreign_character_is_drawn_with_a_face_that_has_it(mixed_pdf):
    chars = _line_chars(mixed_pdf)
    seen = {}
    for c in chars:
        seen.setdefault(c["text"], set()).add(c["fontname"])
    for ch, face in EXPECTED_FACE.items():
        assert ch in seen, (ch, sorted(seen))
        assert all(face in name for name in seen[ch]), (ch, seen[ch])


def test_fallback_files_really_have_the_glyphs(mixed_pdf):
    from fontTools.ttLib import TTFont

    names = fallback_fonts.registered_fallbacks()
    assert {"WageDeskFbEmoji", "WageDeskFbArabic", "WageDeskFbHebrew"} <= set(names)
    for fallback, name in names.items():
        path = fallback_fonts.built_files()[fallback]
        cmap = TTFont(str(path)).getBestCmap()
        drawn = [ch for ch, fb in fallback_fonts._overrides[fonts.SERIF].items()
                 if name == fb]
        assert drawn, fallback
        for ch in drawn:
            assert ord(ch) in cmap and cmap[ord(ch)] != ".notdef", (fallback, ch)
        assert "fvar" not in TTFont(str(path)), "variable font must be pinned to one instance"


def test_a_character_no_face_has_keeps_its_code_and_uses_the_chinese_face(mixed_pdf):
    chars = _line_chars(mixed_pdf)
    king = [c for c in chars if c["text"] == "♔"]
    assert king and "NotoSerifSC" in king[0]["fontname"]


def test_right_to_left_words_are_drawn_right_to_left(mixed_pdf):
    chars = _line_chars(mixed_pdf)
    for word in ("שלום", "مرحبا"):
        xs = {}
        for c in chars:
            if c["text"] in word:
                xs.setdefault(c["text"], c["x0"])
        # logical first letter at the right, last at the left
        assert xs[word[0]] > xs[word[-1]], (word, xs)
    # and a left-to-right word stays left to right
    greek = [c["x0"] for c in chars if c["text"] in "αβγ"]
    assert greek == sorted(greek)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) not installed")
def test_fallback_faces_are_embedded(mixed_pdf):
    out = subprocess.run(["pdffonts", str(mixed_pdf)], capture_output=True, text=True,
                         check=True).stdout
    rows = [r.split() for r in out.splitlines()[2:]]
    names = " ".join(r[0] for r in rows)
    for face in ("NotoEmoji", "NotoSansArabic", "NotoSansHebrew", "NotoSansSymbols"):
        assert face in names, out
    assert all(r[-5] == "yes" and r[-4] == "yes" for r in rows), out


def test_an_all_chinese_contract_uses_no_fallback_face(tmp_path):
    fonts.forget_in_process()
    render_pdf(sample_draft(), tmp_path / "c.pdf")
    assert fallback_fonts.registered_fallbacks() == {}
    assert fallback_fonts.overrides(fonts.SERIF) == {}


def test_bidi_helpers():
    chars = list("ab אבג 12 דה cd")
    from wagedesk.textruns import bidi_levels

    levels = bidi_levels(chars)
    drawn = "".join(chars[k] for k in visual_order(chars, levels, 0, len(chars)))
    assert drawn == "ab הד 12 גבא cd"
    assert visual_order(list("纯中文"), None, 0, 3) == [0, 1, 2]
    assert logical_words("x שלום עולם y") == "x עולם שלום y"


def test_arabic_is_shaped_and_its_words_are_not_split():
    shaped = shape("مرحبا")
    assert shaped != "مرحبا" and all(0xFE70 <= ord(c) <= 0xFEFF for c in shaped)
    assert unicodedata.normalize("NFKC", shaped) == "مرحبا"
    assert fonts.logical_text(shaped[0]) == "م"
    assert all(is_word_char(c) for c in shaped)
