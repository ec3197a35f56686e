"""The Chinese fonts of the PDF: Noto Serif SC (body) and Noto Sans SC (headings) from the
``pylopdf-fonts-zh-cn`` package, made embeddable for reportlab.

reportlab embeds TrueType outlines only, and Noto CJK ships CFF outlines. This module subsets an
OTF with fontTools and converts the cubic CFF outlines to quadratic TrueType ones (the fontTools
``otf2ttf`` recipe). Converting is slow (about a second per thousand glyphs), so the result is
cached twice: in process (registered reportlab fonts) and on disk under the data directory
(``WAGEDESK_DATA_DIR`` or platformdirs). The cache uses a *superset* strategy: the first build
covers the commonly used characters (GB 2312 level 1, punctuation, ASCII) plus whatever the
document needs; later documents whose characters are already covered reuse it, and only a
document with new characters pays for a rebuild (which keeps everything the old one had).
Functions here may run on any thread; registration is guarded by a lock.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import threading
import unicodedata
from pathlib import Path
from typing import Callable, Iterable

import platformdirs
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont as FTFont
from fontTools.ttLib import newTable

from wagedesk.files import write_atomically

SERIF = "WageDeskSerif"
SANS = "WageDeskSans"
FAMILY = "WageDeskFamily"
CACHE_VERSION = 2

_lock = threading.Lock()
# face -> (characters covered, file, name registered with reportlab)
_registered: dict[str, tuple[frozenset[str], Path, str]] = {}


def cache_dir() -> Path:
    """Where converted fonts live: ``$WAGEDESK_DATA_DIR/fonts`` or the user cache directory."""
    base = os.environ.get("WAGEDESK_DATA_DIR")
    root = Path(base) if base else Path(platformdirs.user_cache_dir("WageDesk", appauthor=False))
    return root / "fonts"


def source_paths() -> dict[str, Path]:
    """The shipped OTF files, by our internal face name."""
    import pylopdf_fonts_zh_cn as pkg

    return {SERIF: Path(pkg.serif_path()), SANS: Path(pkg.sans_path())}


_PUNCTUATION = "，。、；：？！…—·“”‘’（）《》「」『』【】〔〕＿％¥￥＋－×÷＝　"
# drawn for a character no face covers (it keeps its own code for copy-paste)
REPLACEMENT = "□"
_HEADING_BASE = "第一二三四五六七八九十百千零章条页共草案附件甲乙方首席代表签字盖章日期年月日"


def base_characters(face: str = SERIF) -> set[str]:
    """What every cached font covers: ASCII, common CJK punctuation and every GB 2312 level-1
    hanzi, for both faces: the sans face sets the running header (each enterprise's name), so a
    small heading-only subset would be rebuilt for nearly every enterprise of a batch export.
    Only the characters a PDF uses are embedded, so the cache's size costs nothing there."""
    chars = {chr(c) for c in range(0x20, 0x7F)} | set(_PUNCTUATION) | set(_HEADING_BASE)
    chars.add(REPLACEMENT)
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def _glyphs_to_quadratic(glyph_set, max_err: float = 1.0) -> dict:
    out = {}
    for name in glyph_set.keys():
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, max_err, reverse_direction=True))
        out[name] = tt_pen.glyph()
    return out


def _otf_to_ttf(font: FTFont) -> None:
    """Replace CFF outlines by TrueType ones in place (fontTools' otf2ttf snippet)."""
    order = font.getGlyphOrder()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = _glyphs_to_quadratic(font.getGlyphSet())
    del font["CFF "]
    for table in ("VORG", "vhea", "vmtx"):
        if table in font:
            del font[table]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        width = hmtx.metrics[name][0]
        hmtx.metrics[name] = (width, getattr(glyph, "xMin", 0) if glyph.numberOfContours else 0)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones",):
        setattr(maxp, attr, 1)
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\000\001\000\000"


def build_ttf(source: Path, chars: Iterable[str], target: Path) -> None:
    """Subset ``source`` to ``chars``, convert it to TrueType outlines and write ``target``."""
    font = FTFont(str(source), lazy=False)
    options = Options()
    options.layout_features = []  # reportlab shapes nothing; keep the file small
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.desubroutinize = True
    options.hinting = False
    subsetter = Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in chars})
    subsetter.subset(font)
    _otf_to_ttf(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    font.save(buffer)
    write_atomically(target, buffer.getvalue())


def _index_path(face: str) -> Path:
    return cache_dir() / f"{face}-v{CACHE_VERSION}.json"


def _cached_on_disk(face: str, needed: set[str]) -> tuple[frozenset[str], Path] | None:
    index = _index_path(face)
    try:
        meta = json.loads(index.read_text(encoding="utf-8"))
        covered = frozenset(meta["chars"])
        path = index.parent / meta["file"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if needed <= covered and path.is_file():
        return covered, path
    return None


def _build_cached(face: str, needed: set[str], previous: frozenset[str], *,
                  base: set[str] | None = None, source: Path | None = None,
                  build: Callable[[Path, Iterable[str], Path], None] = build_ttf,
                  ) -> tuple[frozenset[str], Path]:
    """Build (or find) the cached file of ``face`` covering ``needed``, the ``previous`` build
    and the ``base`` set (the GB 2312 set by default), and point the face's index at it."""
    covered = frozenset((base_characters(face) if base is None else base) | set(previous) | needed)
    digest = hashlib.sha256("".join(sorted(covered)).encode("utf-8")).hexdigest()[:16]
    path = cache_dir() / f"{face}-v{CACHE_VERSION}-{digest}.ttf"
    if not path.is_file():
        build(source or source_paths()[face], covered, path)
    index = _index_path(face)
    write_atomically(index, json.dumps({"file": path.name, "chars": "".join(sorted(covered))},
                                       ensure_ascii=False).encode("utf-8"))
    return covered, path


def ensure_fonts(body_chars: Iterable[str], heading_chars: Iterable[str]) -> tuple[str, str]:
    """Register the serif face covering ``body_chars`` and the sans face covering
    ``heading_chars`` with reportlab and return their names (body, headings). Cheap when the
    in-process or on-disk cache covers them."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    wanted = {SERIF: _printable(body_chars), SANS: _printable(heading_chars)}
    with _lock:
        _fix_to_unicode()
        for face, needed in wanted.items():
            current = _registered.get(face)
            if current is not None and needed <= current[0]:
                continue
            found = _cached_on_disk(face, needed)
            if found is None:
                found = _build_cached(face, needed, current[0] if current else frozenset())
            _registered[face] = (found[0], found[1], register_file(found[1]))
        for face, needed in wanted.items():
            _map_missing_to_notdef(pdfmetrics.getFont(_registered[face][2]), needed)
        serif, sans = _registered[SERIF][2], _registered[SANS][2]
        # the sans face is the explicit bold of the family: <b> never falls back to Helvetica
        addMapping(FAMILY, 0, 0, serif)
        addMapping(FAMILY, 1, 0, sans)
        addMapping(FAMILY, 0, 1, serif)
        addMapping(FAMILY, 1, 1, sans)
    return serif, sans


def register_file(path: Path) -> str:
    """Register a cached TrueType file with reportlab (once) and return its name. reportlab
    never replaces a registered TrueType font, so every build of a face gets its own name
    (the file's digest). Call with ``_lock`` held."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = path.stem
    if name not in pdfmetrics.getRegisteredFontNames():
        font = TTFont(name, str(path))
        # reportlab shares one object per PostScript name: give each build its own
        suffix = name.rsplit("-", 1)[-1][:8]
        font.face.name = f"{_text(font.face.name)}-{suffix}".encode("latin-1")
        pdfmetrics.registerFont(font)
    return name


def face_name(face: str) -> str:
    """The reportlab name of the currently registered build of ``face`` (SERIF or SANS)."""
    entry = _registered.get(face)
    if entry is None:
        raise RuntimeError(f"font {face} used before ensure_fonts()")
    return entry[2]


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, but with characters beyond U+FFFF (emoji) written as UTF-16
    surrogate pairs as the PDF reference requires; reportlab writes ``<1F600>``, which readers
    misread."""
    def utf16(code: int) -> str:
        return logical_text(chr(code)).encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        "<00> <%02X>" % (len(subset) - 1), "endcodespacerange", f"{len(subset)} beginbfchar",
        *[f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)],
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


def _fix_to_unicode() -> None:
    from reportlab.pdfbase import ttfonts

    if ttfonts.makeToUnicodeCMap is not _to_unicode_cmap:
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def logical_text(ch: str) -> str:
    """What copy-paste should give for a drawn character: an Arabic presentation form (the
    shaped glyphs ``wagedesk.textruns`` draws) stands for its plain letter(s)."""
    code = ord(ch)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return unicodedata.normalize("NFKC", ch) or ch
    return ch


def _map_missing_to_notdef(font, needed: set[str]) -> None:
    """Characters no face covers are drawn as a small □ but keep their own code, so
    copy-paste still gives the real character; reportlab would otherwise send them all to
    code 0, which extracts as NUL. (Characters a fallback face covers are drawn with it.)"""
    face = font.face
    cmap, widths = face.charToGlyph, face.charWidths
    box = ord(REPLACEMENT)
    glyph = cmap.get(box, 0)
    for ch in needed:
        code = ord(ch)
        if code not in cmap:
            cmap[code] = glyph
            widths[code] = widths.get(box, face.defaultWidth)


def _text(value: str | bytes) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def _printable(chars: Iterable[str]) -> set[str]:
    return {c for c in chars if not c.isspace() and ord(c) >= 0x20}


def covered(face: str) -> frozenset[str]:
    """The characters the registered ``face`` was built for (empty before ``ensure_fonts``)."""
    entry = _registered.get(face)
    return entry[0] if entry else frozenset()


def forget_in_process() -> None:
    """Drop the in-process cache (tests and the benchmark use it to time a cold start)."""
    from wagedesk import fallback_fonts

    fallback_fonts.forget_in_process()
    with _lock:
        _registered.clear()
