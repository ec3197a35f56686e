"""Fallback faces of the PDF: glyphs for the characters Noto Serif/Sans SC lack (emoji, Arabic,
Hebrew, Latin extensions, Indic and South-East Asian scripts, rare symbols).

The faces are Noto fonts (SIL OFL 1.1) shipped by the ``manimgx-fonts`` package as variable
TrueType files. A face is only touched when a document has a character that the CJK face's own
cmap lacks: it is then subset to the characters needed, pinned to its default instance (regular
weight; reportlab cannot read font variations) and cached on disk beside the CJK builds with the
same superset strategy (``wagedesk.fonts``). ``overrides(face)`` gives, per CJK face, the
reportlab font name to draw each such character with; ``wagedesk.textruns`` uses it. The common
all-CJK document costs one set comparison here. Any thread; state changes under the font lock.
"""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont as FTFont

from wagedesk import fonts
from wagedesk.files import write_atomically

# Our face name -> file in manimgx_fonts, in the order they are tried after the CJK face.
FALLBACK_FILES: dict[str, str] = {
    "WageDeskFbLatin": "NotoSans[wght].ttf",
    "WageDeskFbArabic": "NotoSansArabic[wght].ttf",
    "WageDeskFbHebrew": "NotoSansHebrew[wght].ttf",
    "WageDeskFbSymbols": "NotoSansSymbols[wght].ttf",
    "WageDeskFbEmoji": "NotoEmoji[wght].ttf",
    **{f"WageDeskFb{script}": f"NotoSans{script}[wght].ttf" for script in (
        "Armenian", "Bengali", "Devanagari", "Ethiopic", "Georgian", "Gujarati", "Gurmukhi",
        "Kannada", "Khmer", "Lao", "Malayalam", "Myanmar", "Oriya", "Sinhala", "Tamil",
        "Telugu", "Thai")},
}

# CJK face -> {character: reportlab font name}; replaced (never mutated) under the lock
_overrides: dict[str, dict[str, str]] = {}
# CJK face -> {character: fallback face}
_choice: dict[str, dict[str, str]] = {}
# fallback face -> (characters covered, file, reportlab name)
_built: dict[str, tuple[frozenset[str], Path, str]] = {}


def fallback_dir() -> Path:
    import manimgx_fonts

    return Path(manimgx_fonts.__file__).resolve().parent


@lru_cache(maxsize=None)
def _cmap(path: str) -> frozenset[int]:
    return frozenset(FTFont(path, lazy=True).getBestCmap())


def cjk_codes(face: str) -> frozenset[int]:
    """The code points the full (unsubset) CJK ``face`` has glyphs for."""
    return _cmap(str(fonts.source_paths()[face]))


def fallback_codes(fallback: str) -> frozenset[int]:
    return _cmap(str(fallback_dir() / FALLBACK_FILES[fallback]))


@lru_cache(maxsize=None)
def _base(face: str) -> frozenset[str]:
    return frozenset(fonts.base_characters(face))


def choose(face: str, chars: Iterable[str]) -> dict[str, str]:
    """For the characters the CJK ``face`` lacks: the fallback face that has each (characters
    no face has are left out; the CJK face draws them as □)."""
    extra = {c for c in chars if c not in _base(face)}
    if not extra:
        return {}
    own = cjk_codes(face)
    chosen: dict[str, str] = {}
    for ch in extra:
        code = ord(ch)
        if code in own or code < 0x20 or ch.isspace():
            continue
        for fallback in FALLBACK_FILES:
            if code in fallback_codes(fallback):
                chosen[ch] = fallback
                break
    return chosen


def build_static_subset(source: Path, chars: Iterable[str], target: Path) -> None:
    """Subset a variable TrueType ``source`` to ``chars`` and pin it to its default instance."""
    from fontTools.varLib.instancer import instantiateVariableFont

    font = FTFont(str(source), lazy=False)
    options = Options()
    options.layout_features = []  # reportlab shapes nothing (Arabic is shaped before drawing)
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in chars})
    subsetter.subset(font)
    if "fvar" in font:
        location = {a.axisTag: a.defaultValue for a in font["fvar"].axes}
        try:  # name the pinned instance (upstream Hebrew calls its default "Light")
            font = instantiateVariableFont(font, location, updateFontNames=True)
        except Exception:  # noqa: BLE001 - names are cosmetic; the copy above is untouched
            font = instantiateVariableFont(font, location)
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    font.save(buffer)
    write_atomically(target, buffer.getvalue())


def ensure_fallbacks(face: str, chars: Iterable[str]) -> dict[str, str]:
    """Register the fallback faces ``face``'s text needs and return the character → reportlab
    font name overrides for ``face`` (all characters seen so far in this process)."""
    chosen = choose(face, chars)
    current = _overrides.get(face, {})
    if all(ch in current for ch in chosen):
        return current
    with fonts._lock:
        _choice[face] = {**_choice.get(face, {}), **chosen}
        by_face: dict[str, set[str]] = {}
        for choice in _choice.values():
            for ch, fallback in choice.items():
                by_face.setdefault(fallback, set()).add(ch)
        for fallback, needed in by_face.items():
            _ensure_built(fallback, needed)
        # every face points at the newest build of each fallback (a superset of older ones)
        names = {fb: entry[2] for fb, entry in _built.items()}
        for cjk, choice in _choice.items():
            _overrides[cjk] = {ch: names[fb] for ch, fb in choice.items()}
    return _overrides[face]


def _ensure_built(fallback: str, needed: set[str]) -> str:
    current = _built.get(fallback)
    if current is not None and needed <= current[0]:
        return current[2]
    found = fonts._cached_on_disk(fallback, needed)
    if found is None:
        found = fonts._build_cached(
            fallback, needed, current[0] if current else frozenset(), base=set(),
            source=fallback_dir() / FALLBACK_FILES[fallback], build=build_static_subset)
    name = fonts.register_file(found[1])
    _built[fallback] = (found[0], found[1], name)
    return name


def overrides(face: str) -> dict[str, str]:
    """Character → reportlab font name for the characters ``face`` draws with a fallback."""
    return _overrides.get(face, {})


def registered_fallbacks() -> dict[str, str]:
    """Fallback face → reportlab name of its current build (for tests)."""
    return {fb: entry[2] for fb, entry in _built.items()}


def built_files() -> dict[str, Path]:
    """Fallback face → file of its current build (for tests)."""
    return {fb: entry[1] for fb, entry in _built.items()}


def forget_in_process() -> None:
    with fonts._lock:
        _overrides.clear()
        _choice.clear()
        _built.clear()
