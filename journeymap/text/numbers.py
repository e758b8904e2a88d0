"""Plain numbers, counts and percentages for people, with Babel's locale data.

At most ``digits`` significant digits (three unless asked) but never fewer than the whole part
(``1,235``, ``12.3``, ``0.0123``), the locale's separators (``1,234.5`` / ``1.234,5``; ``12.3%`` /
``12,3 %``), never scientific notation, and ``—`` for a number that is missing (NaN or infinite).
"""

from __future__ import annotations

import functools
import math
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import NumberPattern, get_minus_sign_symbol, get_plus_sign_symbol, parse_pattern

from journeymap.text.languages import DEFAULT_LANGUAGE, language_of

__all__ = ["MISSING", "count", "decimal_pattern", "decimals", "is_missing", "money", "number", "percent",
           "round_significant", "shows_nonzero", "signed"]

MISSING = "—"
"""What is printed where a number is undefined (no customer waited, a single replication's interval)."""


def is_missing(value: float | None) -> bool:
    """Whether ``value`` is no number to print: ``None``, NaN or infinite."""
    return value is None or not math.isfinite(float(value))


def decimals(value: float, digits: int = 3) -> int:
    """How many decimals show ``value`` with ``digits`` significant digits (none once the whole part
    has that many digits): ``decimals(12.345) == 1``, ``decimals(0.01234) == 4``, ``decimals(1234.5) == 0``."""
    if value == 0 or not math.isfinite(value):
        return 0
    return max(0, digits - 1 - math.floor(math.log10(abs(value))))


def decimal_pattern(places: int) -> str:
    """Babel's pattern for a number with grouped thousands and up to ``places`` decimals (``#,##0.##``)."""
    return "#,##0" + ("." + "#" * places if places else "")


def round_significant(value: float, digits: int = 3) -> tuple[float, int]:
    """``value`` rounded half away from zero (as people round: 1234.5 → 1235) to ``digits`` significant
    digits, at least to a whole number, and its decimals; a value that rounds to zero comes back as a
    plain ``0.0`` (never ``-0``)."""
    places = decimals(value, digits)
    rounded = _half_up(value, places)
    if rounded != 0 and decimals(rounded, digits) < places:  # 9.996 -> 10.0: one decimal fewer
        places = decimals(rounded, digits)
        rounded = _half_up(value, places)
    return (rounded if rounded != 0 else 0.0), places


def _half_up(value: float, places: int) -> float:
    """``value`` to ``places`` decimals, halves away from zero, on its shortest decimal spelling (``2.25``
    is 2.3, although the float is a hair below 2.25)."""
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def number(value: float | None, language: str = DEFAULT_LANGUAGE, *, digits: int = 3) -> str:
    """``value`` with at most ``digits`` significant digits: ``number(1234.5) == "1,235"``,
    ``number(0.012345, "es") == "0,0123"``, ``number(1234.5, "es", digits=5) == "1.234,5"``."""
    if is_missing(value):
        return MISSING
    rounded, places = round_significant(float(value), digits)
    return _decimal_format(places).apply(rounded, _locale(language))


def count(value: float | None, language: str = DEFAULT_LANGUAGE) -> str:
    """A number of customers (or of anything) as a whole number: ``1,204`` / ``1.204``."""
    if is_missing(value):
        return MISSING
    return _decimal_format(0).apply(_half_up(float(value), 0) or 0, _locale(language))


def money(value: float | None, language: str = DEFAULT_LANGUAGE) -> str:
    """An amount of money with grouped thousands and two decimals, without a currency (a journey's amounts
    are in whatever money the consultant wrote them): ``1,234.50`` / ``1.234,50``."""
    if is_missing(value):
        return MISSING
    return _money_format().apply(_half_up(float(value), 2) or 0.0, _locale(language))


@functools.cache
def _money_format() -> NumberPattern:
    """Babel's pattern for amounts of money: grouped thousands, exactly two decimals."""
    return parse_pattern("#,##0.00")


def percent(share: float | None, language: str = DEFAULT_LANGUAGE, *, digits: int = 3) -> str:
    """A share of a whole (0–1) as a percentage with the locale's sign: ``0.1234`` → ``12.3%`` /
    ``12,3 %`` (with a no-break space, as Spanish writes it)."""
    if is_missing(share):
        return MISSING
    points, places = round_significant(float(share) * 100.0, digits)
    locale = _locale(language)
    return _percent_format(str(locale), places).apply(points / 100.0, locale)


@functools.cache
def _locale(language: str | None) -> Locale:
    return Locale.parse(language_of(language))


@functools.cache
def _decimal_format(places: int) -> NumberPattern:
    """The parsed pattern of :func:`decimal_pattern` (parsing it is most of the cost of formatting)."""
    return parse_pattern(decimal_pattern(places))


@functools.cache
def _percent_format(locale: str, places: int) -> NumberPattern:
    """The locale's percent pattern (``#,##0%``, ``#,##0 %``) with up to ``places`` decimals, parsed."""
    base = Locale.parse(locale).percent_formats[None].pattern
    return parse_pattern(base.replace("0", "0" + ("." + "#" * places if places else ""), 1))


def signed(text: str, value: float, language: str = DEFAULT_LANGUAGE) -> str:
    """``text`` (a magnitude already written for people) with the sign of ``value``: ``+`` when it is
    above zero, the locale's minus below, nothing when it is zero or rounds to it (``text`` shows ``0``)."""
    locale = language_of(language)
    if value > 0 and shows_nonzero(text):
        return get_plus_sign_symbol(locale) + text
    if value < 0 and shows_nonzero(text):
        return get_minus_sign_symbol(locale) + text
    return text


def shows_nonzero(text: str) -> bool:
    """Whether a number written for people shows something other than zero (``0,0`` and ``—`` do not)."""
    return any(character in "123456789" for character in text)
