"""Money in words (PBoC examples), figures, percentages and dates as contracts write them."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from wagedesk.formatting import amount_in_words, chinese_date, contract_amount, percent


@pytest.mark.parametrize("figures, words", [
    ("1409.50", "壹仟肆佰零玖元伍角"),
    ("6007.14", "陆仟零柒元壹角肆分"),
    ("325.04", "叁佰贰拾伍元零肆分"),
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
    ("2740", "贰仟柒佰肆拾元整"),
])
def test_pboc_examples_in_words(figures, words):
    assert amount_in_words(Decimal(figures)) == words


def test_contract_amount_has_words_and_figures():
    assert contract_amount(Decimal("2740")) == "人民币贰仟柒佰肆拾元整（¥2,740.00）"


def test_amount_rounds_to_fen_half_up():
    assert amount_in_words(Decimal("0.005")) == "壹分"


def test_absurd_amount_is_refused_not_mangled():
    with pytest.raises(ValueError):
        amount_in_words(Decimal("1e20"))
    with pytest.raises(ValueError):
        amount_in_words(Decimal("NaN"))


def test_percent_and_date():
    assert percent(Decimal("5.50")) == "5.5%"
    assert percent(Decimal("75")) == "75%"
    assert chinese_date(date(2026, 7, 1)) == "2026年7月1日"
