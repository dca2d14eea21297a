"""Whole numbers typed by people: "29.000", "29000" and "29 000" all mean 29,000.

Parsing and formatting use Babel's CLDR data (strict grouping), never hand-written
separator swaps. A count has no decimals, so a decimal, or a value that the interface's
language reads as a decimal while Italian or English grouping reads it as a whole number
("29,000" in the Italian interface), is refused with a reason rather than guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import (
    NumberFormatError,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)

MAX_TYPED = 20  # characters: longer than any population, bounds the work on hostile input
_SHAPE = re.compile(r"[0-9][0-9., \u00a0\u202f]*")
_SPACE_GROUP = re.compile(r"(?<=[0-9])[ \u00a0\u202f](?=[0-9])")


class CountError(ValueError):
    """Why a typed count was refused: "not_a_number", "decimal", "ambiguous" or "too_large"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _whole(text: str, locale: str) -> Decimal | None:
    """The whole number `text` is in `locale`'s strict grouping, or None."""
    spaced = _SPACE_GROUP.sub(get_group_symbol(locale), text)
    try:
        value = parse_decimal(spaced, locale, strict=True)
    except NumberFormatError:
        return None
    if get_decimal_symbol(locale) in spaced or value != value.to_integral_value():
        return None
    return value


def _decimal(text: str, locale: str) -> bool:
    try:
        parse_decimal(text, locale, strict=True)
    except NumberFormatError:
        return False
    return get_decimal_symbol(locale) in text


def parse_count(text: str, locale: str, maximum: int = 10_000_000) -> int | None:
    """A count typed in the interface language `locale` ("it" or "en"); None when empty.

    Italian grouping is accepted in the English interface too (the users are Italian);
    the reverse is not, since "29,000" is a decimal to an Italian reader.
    """
    text = text.strip()
    if not text:
        return None
    if len(text) > MAX_TYPED or not _SHAPE.fullmatch(text):
        raise CountError("not_a_number")
    readings = [locale] + (["it"] if locale != "it" else [])
    value = next((v for v in (_whole(text, loc) for loc in readings) if v is not None), None)
    if value is None:
        if _decimal(text, locale) and _whole(text, "en" if locale == "it" else "it") is not None:
            raise CountError("ambiguous")
        if any(_decimal(text, loc) for loc in ("it", "en")):
            raise CountError("decimal")
        raise CountError("not_a_number")
    if value > maximum:
        raise CountError("too_large")
    return int(value)


def format_count(n: int | None, locale: str) -> str:
    return "" if n is None else format_decimal(n, locale=locale, group_separator=True)


def format_percent(x: float, locale: str) -> str:
    """A share with one decimal, as the language writes it: 8,2% or 8.2%."""
    return format_decimal(round(x, 1), format="#,##0.0", locale=locale) + "%"
