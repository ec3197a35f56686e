"""How contracts write money, percentages and dates: ``人民币贰仟柒佰肆拾元整（¥2,740.00）``,
``5.5%``, ``2026年7月1日``. Amounts in words follow the PBoC rules for bills through cn2an."""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import cn2an

CENT = Decimal("0.01")
# cn2an handles up to 16 integer digits; contracts never come near that.
MAX_AMOUNT = Decimal("9999999999999.99")


def to_cents(value: Decimal) -> Decimal:
    """Round a money value to whole fen, half up (as banks do)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def amount_in_words(value: Decimal) -> str:
    """``Decimal("1409.50")`` -> ``壹仟肆佰零玖元伍角``; whole yuan end in ``元整``.
    Raises ``ValueError`` for amounts that are not finite or too large to write."""
    try:
        cents = to_cents(Decimal(value))
    except (InvalidOperation, TypeError) as err:
        raise ValueError(f"not an amount: {value!r}") from err
    if not cents.is_finite() or abs(cents) > MAX_AMOUNT:
        raise ValueError(f"amount out of range: {value!r}")
    words = cn2an.an2cn(format(abs(cents), "f"), "rmb")
    return ("负" + words) if cents < 0 else words


def yuan_figures(value: Decimal) -> str:
    """``Decimal("2740")`` -> ``2,740.00``."""
    return f"{to_cents(Decimal(value)):,.2f}"


def contract_amount(value: Decimal) -> str:
    """The contract form: ``人民币贰仟柒佰肆拾元整（¥2,740.00）``."""
    return f"人民币{amount_in_words(value)}（¥{yuan_figures(value)}）"


def percent(value: Decimal) -> str:
    """``Decimal("5.50")`` -> ``5.5%``; whole numbers without a decimal point."""
    text = format(Decimal(value).normalize(), "f")
    return f"{text}%"


def chinese_date(value: date) -> str:
    """``date(2026, 7, 1)`` -> ``2026年7月1日``."""
    return f"{value.year}年{value.month}月{value.day}日"
