"""Chinese line breaking (GB/T 15834): no line starts with closing and none ends with opening
punctuation, Latin words stay whole, nothing is lost."""
from __future__ import annotations

import random

from wagedesk.linebreak import CANNOT_END, CANNOT_START, break_lines

ALPHABET = "技能人才工资等级津贴" + "，。、；：？！）》」』”’" + "（《「『“‘" + "AB12"


def _lines(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b, _last in break_lines(text, [1.0] * len(text), float(width))]


def test_random_text_never_breaks_the_punctuation_rules():
    rng = random.Random(15834)
    for _ in range(400):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 120)))
        width = rng.randint(6, 30)
        lines = _lines(text, width)
        assert "".join(lines) == text
        for index, line in enumerate(lines):
            assert len(line) <= width + 1
            if index:
                assert line[0] not in CANNOT_START, (text, lines)
            if index < len(lines) - 1:
                assert line[-1] not in CANNOT_END, (text, lines)


def test_a_comma_at_the_break_pulls_the_previous_character_down():
    assert _lines("甲乙丙丁，戊", 4) == ["甲乙丙", "丁，戊"]


def test_a_credit_code_is_not_split_when_it_fits_on_the_next_line():
    lines = _lines("代码：91310115MA1K4C8Q7L", 20)
    assert lines == ["代码：", "91310115MA1K4C8Q7L"]


def test_hard_line_breaks_are_kept_and_not_justified():
    text = "第一行\n第二行"
    assert [(text[a:b], last) for a, b, last in break_lines(text, [1.0] * len(text), 10)] == [
        ("第一行", True), ("第二行", True)]
