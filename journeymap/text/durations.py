"""Durations and rates for people, in the largest sensible unit, with Babel's unit names.

A journey keeps times as plain numbers in its ``time_unit``; these say them the way a person would:
``2.3 days``, ``18.5 min``, ``4 min 10 sec`` (below ten minutes or ten hours, the whole unit and the
next smaller one), ``30 per hour``; in Spanish ``2,3 días``, ``4 min 10 s``, ``30 por hora``.

``length`` is Babel's: ``"short"`` (the default for durations; days and weeks are still spelled
out, since ``2,3 d`` and ``2 sem.`` are cryptic), ``"long"`` (``4 minutes and 10 seconds``) or
``"narrow"`` (``4m 10s``).
"""

from __future__ import annotations

from typing import Literal

from babel.lists import format_list
from babel.units import format_compound_unit, format_unit

from journeymap.text.languages import DEFAULT_LANGUAGE, language_of
from journeymap.text.numbers import MISSING, decimal_pattern, is_missing, round_significant, signed
from journeymap.text.time_units import SECONDS, TIME_UNITS

__all__ = ["Length", "duration", "duration_unit", "rate", "rate_unit", "unit_symbol", "with_unit"]

Length = Literal["long", "short", "narrow"]

_SPELLED_OUT = frozenset({"day", "week"})
"""Units written in full even in the short form."""

_SMALLER = {"hour": "minute", "minute": "second"}
"""Units shown with the next smaller one below ten (``1 h 30 min``); days and weeks take decimals."""

_FROM = {"week": 2.0, "day": 1.0, "hour": 1.0, "minute": 1.0}
"""How many of each unit a duration must reach to be said in it (weeks only from two)."""


def _check(time_unit: str) -> None:
    if time_unit not in SECONDS:
        raise ValueError(f"'time_unit' must be one of: {', '.join(TIME_UNITS)} (got {time_unit!r})")


def _amount(amount: float, unit: str, language: str, length: Length, places: int = 0) -> str:
    """``amount`` of ``unit`` with its name (``2.3 days``, ``4 min``)."""
    shown = "long" if length == "short" and unit in _SPELLED_OUT else length
    return format_unit(amount, f"duration-{unit}", length=shown, format=decimal_pattern(places), locale=language)


def duration_unit(value: float, time_unit: str, *, digits: int = 3) -> str:
    """The unit :func:`duration` says ``value`` (in ``time_unit``) in: the largest one it reaches."""
    _check(time_unit)
    seconds = abs(value) * SECONDS[time_unit]
    for unit in ("week", "day", "hour", "minute"):
        if round_significant(seconds / SECONDS[unit], digits)[0] >= _FROM[unit]:
            return unit
    return "second"


def duration(value: float | None, time_unit: str, language: str = DEFAULT_LANGUAGE, *,
             length: Length = "short", digits: int = 3) -> str:
    """A duration given in ``time_unit``, in the largest sensible unit with at most ``digits``
    significant digits: ``duration(3310, "minute") == "2.3 days"``, ``duration(250, "second", "es") ==
    "4 min 10 s"``; zero in the journey's unit (``0 min``); ``—`` when missing."""
    _check(time_unit)
    if is_missing(value):
        return MISSING
    language = language_of(language)
    seconds = float(value) * SECONDS[time_unit]
    if seconds < 0:
        return signed(duration(-float(value), time_unit, language, length=length, digits=digits),
                      -1.0, language)
    if seconds == 0:
        return _amount(0, time_unit, language, length)
    unit = duration_unit(seconds, "second", digits=digits)
    amount = seconds / SECONDS[unit]
    if unit in _SMALLER and round_significant(amount, digits)[0] < 10:
        smaller = _SMALLER[unit]
        whole, rest = divmod(round(seconds / SECONDS[smaller]), round(SECONDS[unit] / SECONDS[smaller]))
        parts = [_amount(whole, unit, language, length)]
        if rest:
            parts.append(_amount(rest, smaller, language, length))
        return format_list(parts, style="standard" if length == "long" else "unit-narrow", locale=language)
    rounded, places = round_significant(amount, digits)
    return _amount(rounded, unit, language, length, places)


def rate_unit(value: float, time_unit: str, *, digits: int = 3) -> str:
    """The unit to say a rate of ``value`` per ``time_unit`` in: ``time_unit`` itself, or a longer one
    when there is less than one per ``time_unit`` (0.5 per minute is said as 30 per hour)."""
    _check(time_unit)
    unit = time_unit
    longer = [u for u in TIME_UNITS if SECONDS[u] > SECONDS[time_unit]]
    while longer and value and round_significant(abs(value) * SECONDS[unit] / SECONDS[time_unit], digits)[0] < 1:
        unit = longer.pop(0)
    return unit


def rate(value: float | None, time_unit: str, language: str = DEFAULT_LANGUAGE, *,
         length: Length = "long", digits: int = 3, per: str | None = None) -> str:
    """Events per ``time_unit`` (customers arriving, served...) said per a unit where there is at least
    one: ``rate(0.5, "minute") == "30 per hour"``, ``rate(12.5, "hour", "es") == "12,5 por hora"``;
    ``length="short"`` gives ``30/h``; ``per`` says it per that unit instead (a column of rates in one unit)."""
    _check(time_unit)
    if per is not None:
        _check(per)
    if is_missing(value):
        return MISSING
    per = per or rate_unit(float(value), time_unit, digits=digits)
    rounded, places = round_significant(float(value) * SECONDS[per] / SECONDS[time_unit], digits)
    return format_compound_unit(rounded, denominator_unit=f"duration-{per}", length=length,
                                format=decimal_pattern(places), locale=language_of(language)) or MISSING


def with_unit(text: str, unit: str, language: str = DEFAULT_LANGUAGE, *, length: Length = "short") -> str:
    """``text`` (numbers already written, such as ``18.5 ± 2.1``) followed, or preceded, by the plural name
    of ``unit`` as the language places it: ``18.5 ± 2.1 min``."""
    _check(unit)
    return _amount(2, unit, language_of(language), length).replace("2", text, 1)


def unit_symbol(time_unit: str, language: str = DEFAULT_LANGUAGE, *, length: Length = "short") -> str:
    """The name of ``time_unit`` as a column heading writes it after a figure: ``min``, ``days`` /
    ``días``, ``hr`` / ``h``."""
    _check(time_unit)
    written = _amount(2, time_unit, language_of(language), length)
    return written.replace("2", "", 1).strip(" \u00a0\u202f")
