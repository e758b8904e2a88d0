"""Time units, durations and rates as people write them: ``90 s``, ``6 min``, ``1 d``, ``30/h``.

A journey keeps every time as a plain number in its own ``time_unit``; these helpers turn what a
person typed into that number, and back into the shortest readable text when a journey is saved.
Spanish unit names (``min``, ``h``, ``día``, ``semana``, ``por hora``) are understood too.
"""

from __future__ import annotations

import math
import re

from journeymap.errors import UnitError, clip
from journeymap.text import SECONDS, TIME_UNITS, TimeUnit

__all__ = [
    "SECONDS",
    "SHORT_NAMES",
    "TIME_UNITS",
    "TimeUnit",
    "UnitError",
    "checked_float",
    "convert",
    "format_duration",
    "format_rate",
    "parse_duration",
    "parse_rate",
    "parse_time_of_day",
    "unit_name",
]

_ALIASES: dict[str, str] = {
    **{a: "second" for a in ("s", "sec", "secs", "second", "seconds", "seg", "segundo", "segundos")},
    **{a: "minute" for a in ("m", "min", "mins", "minute", "minutes", "minuto", "minutos")},
    **{a: "hour" for a in ("h", "hr", "hrs", "hour", "hours", "hora", "horas")},
    **{a: "day" for a in ("d", "day", "days", "dia", "día", "dias", "días")},
    **{a: "week" for a in ("w", "wk", "wks", "week", "weeks", "semana", "semanas", "sem")},
}
SHORT_NAMES: dict[str, str] = {"second": "s", "minute": "min", "hour": "h", "day": "d", "week": "w"}
"""The unit names the file format writes (``90 s``, ``30/h``); people read Babel's (:mod:`journeymap.text`)."""

_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_DURATION_RE = re.compile(rf"^\s*({_NUMBER})\s*([^\d\s/]+)?\s*$")
_RATE_RE = re.compile(rf"^\s*({_NUMBER})\s*(?:/|per\s+|por\s+)\s*(?:a\s+|an\s+|1\s+)?([^\d\s/]+)\s*$")
_CLOCK_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


def unit_name(text: str) -> str:
    """The canonical unit (``minute``) for any alias (``min``, ``minutos``); raises :class:`UnitError`."""
    key = str(text).strip().lower().rstrip(".")
    if key in _ALIASES:
        return _ALIASES[key]
    raise UnitError(f"unknown time unit '{clip(str(text))}' (expected one of: s, min, h, d, w)")


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """``value`` expressed in ``from_unit``, converted to ``to_unit``."""
    return value * SECONDS[from_unit] / SECONDS[to_unit]


def checked_float(value: int | float) -> float:
    """``value`` as a float; :class:`UnitError` saying it is too large when no float holds it (an integer
    of hundreds of digits, an infinity such as YAML reads ``1e400``). NaN is returned as it is."""
    try:
        number = float(value)
    except OverflowError:
        raise UnitError(f"{clip(str(value))} is too large") from None
    if math.isinf(number):
        raise UnitError(f"{value!r} is too large" if number > 0 else f"{value!r} is too large (below zero)")
    return number


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UnitError(f"expected a number or a {what} with its unit, got {clip(repr(value))}")
    number = checked_float(value)
    if math.isnan(number):
        raise UnitError(f"expected a finite number, got {value!r}")
    return number


def _finite(result: float, text: str) -> float:
    """``result`` (what ``text`` converts to) when finite; an overflow is a "too large" error."""
    if not math.isfinite(result):
        raise UnitError(f"'{clip(text)}' is too large")
    return result


def parse_duration(value: object, time_unit: str) -> float:
    """A duration (``6``, ``"90 s"``, ``"1 d"``) as a number in ``time_unit``.

    A bare number is already in ``time_unit``. The sign is kept: rejecting negative durations is
    the validator's job, so that its message can name the field.
    """
    if isinstance(value, str):
        match = _DURATION_RE.match(value)
        if not match:
            raise UnitError(f"expected a time such as '6 min', '90 s' or '2 h', got '{clip(value)}'")
        number, unit = float(match.group(1)), match.group(2)
        return _finite(convert(number, unit_name(unit), time_unit) if unit else number, value)
    return _number(value, "time")


def parse_rate(value: object, time_unit: str) -> float:
    """A rate (``2``, ``"30/h"``, ``"120 per day"``) as events per ``time_unit``."""
    if isinstance(value, str):
        match = _RATE_RE.match(value)
        if not match:
            bare = _DURATION_RE.match(value)
            if bare and not bare.group(2):
                return _finite(float(bare.group(1)), value)
            raise UnitError(f"expected a rate such as '30/h' or '120 per day', got '{clip(value)}'")
        number, unit = float(match.group(1)), unit_name(match.group(2))
        return _finite(number / convert(1.0, unit, time_unit), value)
    return _number(value, "rate")


def parse_time_of_day(value: object, time_unit: str) -> float:
    """A time of day (``"09:30"``, ``"9 h"``, or a number in ``time_unit``) as time since midnight."""
    if isinstance(value, str):
        match = _CLOCK_RE.match(value)
        if match:
            hours, minutes = int(match.group(1)), int(match.group(2))
            if hours > 24 or minutes > 59 or (hours == 24 and minutes):
                raise UnitError(f"'{clip(value)}' is not a time of day (expected 00:00 to 24:00)")
            return convert(hours * 60 + minutes, "minute", time_unit)
    return parse_duration(value, time_unit)


def _tidy(number: float) -> float | int:
    """An int when the number is whole (``6`` rather than ``6.0``), else the number unchanged."""
    number = float(number)
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


def format_duration(value: float, time_unit: str) -> float | int | str:
    """The shortest exact way to write a duration: a bare number when it reads well in
    ``time_unit``, else the number in the largest unit that makes it whole (``1440`` min → ``"1 d"``)."""
    if value == 0 or not math.isfinite(value):
        return _tidy(value)
    seconds = value * SECONDS[time_unit]
    for unit in ("week", "day", "hour", "minute", "second"):
        if SECONDS[unit] <= SECONDS[time_unit] or not math.isfinite(seconds):
            break
        amount = seconds / SECONDS[unit]
        if 1 <= abs(amount) < 1e15 and math.isclose(amount, round(amount), rel_tol=0, abs_tol=1e-9):
            text = f"{round(amount)} {SHORT_NAMES[unit]}"
            if parse_duration(text, time_unit) == value:  # only exact spellings: saving loses nothing
                return text
    return _tidy(value)


def format_rate(value: float, time_unit: str) -> float | int | str:
    """The readable way to write a rate: a bare number when it is whole per ``time_unit``, else per
    the unit that makes it whole (``0.5`` per minute → ``"30/h"``)."""
    if value == 0 or not math.isfinite(value) or float(value).is_integer():
        return _tidy(value)
    for unit in ("minute", "hour", "day", "week"):
        if SECONDS[unit] <= SECONDS[time_unit]:
            continue
        amount = value * convert(1.0, unit, time_unit)
        if abs(amount) < 1e15 and math.isclose(amount, round(amount), rel_tol=0, abs_tol=1e-9):
            text = f"{round(amount)}/{SHORT_NAMES[unit]}"
            if parse_rate(text, time_unit) == value:
                return text
    return _tidy(value)
