"""Chinese line breaking for the PDF (GB/T 15834 kinsoku): where a paragraph may break.

No line may start with closing punctuation (，。、；：？！）》」』”’ and their kin) and none may
end with opening punctuation (（《「『“‘ …); a run of Latin letters or digits (a credit code, an
amount such as 2,740.00) is not split unless it is longer than a line. reportlab's
``wordWrap='CJK'`` was seen to break these rules, so the PDF writer lays lines out with this
module instead. Pure functions; safe on any thread.
"""
from __future__ import annotations

from typing import Sequence

CANNOT_START = frozenset("，。、；：？！）》」』”’〉】〕］｝…‥·％‰：,.;:?!)]}%°℃")
CANNOT_END = frozenset("（《「『“‘〈【〔［｛([{¥￥$£")
# How far back a break may move to honour the rules before we give up and break anyway.
MAX_BACKTRACK = 12


def is_word_char(ch: str) -> bool:
    """Letters and digits of alphabetic scripts, which break only at spaces (Arabic
    presentation forms, the shaped letters, included)."""
    code = ord(ch)
    return ch.isalnum() and (code < 0x2E80 or 0xFB00 <= code <= 0xFEFF)


def may_break_before(chars: Sequence[str], k: int, *, words: bool = True) -> bool:
    """Whether a line may end after ``chars[k-1]`` and the next start with ``chars[k]``."""
    before, after = chars[k - 1], chars[k]
    if after in CANNOT_START or before in CANNOT_END:
        return False
    if words and is_word_char(before) and (is_word_char(after) or after in ".,-/:%"):
        return False
    if words and before in ".,-/:" and k >= 2 and is_word_char(chars[k - 2]) and is_word_char(after):
        return False
    return True


def _best_break(chars: Sequence[str], start: int, fit: int) -> int:
    """The break position at or before ``fit`` (exclusive end of the line) that honours the
    rules; falls back to kinsoku only, then to ``fit`` itself."""
    for words in (True, False):
        # a Latin word may move whole to the next line; punctuation moves at most a few chars
        low = start + 1 if words else max(start + 1, fit - MAX_BACKTRACK)
        for k in range(fit, low - 1, -1):
            if may_break_before(chars, k, words=words):
                return k
    if fit + 1 <= len(chars) and chars[fit] in CANNOT_START:
        return fit + 1  # hang one closing mark rather than start a line with it
    return fit


def break_lines(chars: Sequence[str], widths: Sequence[float], width: float,
                first_width: float | None = None) -> list[tuple[int, int, bool]]:
    """Lines of a paragraph as ``(start, end, last)``: ``chars[start:end]`` fits ``width``
    (``first_width`` for the first line); ``last`` marks a line ended by ``\\n`` or by the
    paragraph's end (such lines are not justified). ``\\n`` itself belongs to no line; a space
    at a soft break is dropped."""
    lines: list[tuple[int, int, bool]] = []
    n = len(chars)
    i = 0
    first = True
    while i <= n:
        hard = i
        while hard < n and chars[hard] != "\n":
            hard += 1
        while True:
            avail = first_width if (first and first_width is not None) else width
            first = False
            j, used = i, 0.0
            while j < hard and used + widths[j] <= avail + 1e-6:
                used += widths[j]
                j += 1
            if j >= hard:
                lines.append((i, hard, True))
                break
            if j == i:
                j = i + 1
            j = _best_break(chars, i, j)
            j = min(j, hard)
            lines.append((i, j, j >= hard))
            if j >= hard:
                break
            i = j
            while i < hard and chars[i] == " ":
                i += 1
        i = hard + 1
        if hard >= n:
            break
    return lines
