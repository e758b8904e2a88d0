"""Any figure for people by what it measures, its change and its interval.

A *kind* says how a figure is read: a ``share`` of a whole (0–1, shown as a percentage), a ``time``
(in the journey's time unit, shown in the largest sensible unit), a ``count`` (a whole number), a
``rate`` (events per time unit, shown "per hour") or a plain ``number``. The same kind gives

- the figure (:func:`quantity`): ``62.4%``, ``2.3 days``, ``1,204``, ``30 per hour``, ``2.31``;
- a change (:func:`change`) with its sign and unit: ``+0.9 percentage points``, ``-2 min 10 sec``, ``+12``;
- an interval (:func:`interval`, :func:`estimate`) that never leaves the range the figure can take:
  a share stays within 0–100%, times, counts and rates stay at or above zero.

Table cells that carry the unit in the column's heading use :func:`figure` and :func:`unit_label`.
"""

from __future__ import annotations

import math
from typing import Literal, get_args

from babel.units import format_compound_unit

from journeymap.text.catalogue import translator
from journeymap.text.durations import Length, duration, duration_unit, rate, rate_unit, unit_symbol, with_unit
from journeymap.text.languages import DEFAULT_LANGUAGE, language_of
from journeymap.text.numbers import (
    MISSING,
    count,
    is_missing,
    money,
    number,
    percent,
    round_significant,
    shows_nonzero,
    signed,
)
from journeymap.text.time_units import SECONDS

__all__ = ["BOUNDS", "KINDS", "Kind", "change", "clip", "estimate", "figure", "interval", "points", "quantity",
           "unit_label"]

Kind = Literal["share", "time", "count", "rate", "number", "money"]
KINDS: tuple[str, ...] = get_args(Kind)
"""The kinds of figure, each read its own way."""

BOUNDS: dict[str, tuple[float, float]] = {
    "share": (0.0, 1.0),
    "time": (0.0, math.inf),
    "count": (0.0, math.inf),
    "rate": (0.0, math.inf),
    "number": (-math.inf, math.inf),
    "money": (0.0, math.inf),
}
"""The range each kind of figure can take; intervals are clipped to it."""

HALF_WIDTH_DIGITS = 2
"""Significant digits of the ``± h`` part of an estimate (an interval's width is itself uncertain)."""


def _kind(kind: str) -> str:
    if kind not in BOUNDS:
        raise ValueError(f"'kind' must be one of: {', '.join(KINDS)} (got {kind!r})")
    return kind


def quantity(value: float | None, kind: str, *, time_unit: str = "minute", language: str = DEFAULT_LANGUAGE,
             digits: int = 3, length: Length | None = None, per: str | None = None) -> str:
    """``value`` as people read a figure of ``kind``: ``quantity(0.624, "share") == "62.4%"``,
    ``quantity(3310, "time", time_unit="minute", language="es") == "2,3 días"``, ``quantity(1204,
    "count") == "1,204"``, ``quantity(0.5, "rate", time_unit="minute") == "30 per hour"``.

    ``length`` is Babel's unit length for times (default ``"short"``) and rates (default ``"long"``); ``per``
    the unit a rate is said per (by default the first in which it reaches one)."""
    if _kind(kind) == "share":
        return percent(value, language, digits=digits)
    if kind == "time":
        return duration(value, time_unit, language, length=length or "short", digits=digits)
    if kind == "count":
        return count(value, language)
    if kind == "rate":
        return rate(value, time_unit, language, length=length or "long", digits=digits, per=per)
    if kind == "money":
        return money(value, language)
    return number(value, language, digits=digits)


def points(delta: float | None, language: str = DEFAULT_LANGUAGE, *, length: Length = "long", digits: int = 3,
           sign: bool = True) -> str:
    """A change in a share (``0.009``: 0.9 percentage points) with its sign: ``+0.9 percentage points`` /
    ``+0,9 puntos porcentuales``; ``length="short"`` gives ``+0.9 pp`` / ``+0,9 p. p.`` for tight cells."""
    if is_missing(delta):
        return MISSING
    words = translator(language)
    magnitude = abs(float(delta)) * 100.0
    shown = number(magnitude, language, digits=digits)
    if length == "long":
        text = words.ngettext("{points} percentage point", "{points} percentage points",
                              round_significant(magnitude, digits)[0], points=shown)
    else:
        text = words.gettext("{points} pp", points=shown)
    return signed(text, float(delta), language) if sign else text


def change(delta: float | None, kind: str, *, time_unit: str = "minute", language: str = DEFAULT_LANGUAGE,
           digits: int = 3, length: Length | None = None, per: str | None = None) -> str:
    """A change in a figure of ``kind`` with its sign and unit: ``+0.9 percentage points`` for a share,
    ``-2 min 10 sec`` for a time, ``+12`` for a count, ``+30 per hour`` for a rate; no sign when it is
    (or rounds to) zero. ``length="short"`` fits tight cells (``+0.9 pp``, ``+30/h``); ``"long"`` spells
    units out (``-2 minutes and 10 seconds``); by default each kind takes its own, as in :func:`quantity`.
    ``per`` fixes the unit a change in a rate is said per (several changes side by side)."""
    if is_missing(delta):
        return MISSING
    if _kind(kind) == "share":
        return points(delta, language, length=length or "long", digits=digits)
    magnitude = quantity(abs(float(delta)), kind, time_unit=time_unit, language=language, digits=digits,
                         length=length, per=per)
    return signed(magnitude, float(delta), language)


def clip(value: float, kind: str) -> float:
    """``value`` kept within the range a figure of ``kind`` can take (:data:`BOUNDS`)."""
    low, high = BOUNDS[_kind(kind)]
    return min(max(value, low), high)


def _range(low: str, high: str) -> str:
    """Two ends joined by an en dash, spaced when the ends themselves hold spaces (``4 min – 6 min``)."""
    if low == high:
        return low
    spaced = any(character.isspace() for character in low + high)
    return f"{low} – {high}" if spaced else f"{low}–{high}"


def interval(low: float | None, high: float | None, kind: str, *, time_unit: str = "minute",
             language: str = DEFAULT_LANGUAGE, digits: int = 3, bare: bool = False) -> str:
    """An interval ``low–high`` clipped to the range of ``kind``: ``interval(-0.01, 0.03, "share") ==
    "0%–3%"``. ``bare`` writes the numbers alone, in the unit :func:`unit_label` names."""
    if is_missing(low) or is_missing(high):
        return MISSING
    show = figure if bare else quantity
    ends = [show(clip(float(v), kind), kind, time_unit=time_unit, language=language, digits=digits)
            for v in (low, high)]
    return _range(ends[0], ends[1])


def estimate(mean: float | None, half_width: float | None, kind: str, *, time_unit: str = "minute",
             language: str = DEFAULT_LANGUAGE, digits: int = 3, bare: bool = False) -> str:
    """A mean and the half-width of its interval: ``62.4% ± 3.1 pp``, ``18.5 ± 2.1 min``,
    ``30 ± 2.5 per hour``; the figure alone when there is no interval (``half_width`` NaN or 0); and
    the clipped interval ``low–high`` when ``mean ± half_width`` would leave the range of ``kind``
    (a share of 0.2% ± 0.5 is ``0%–0.7%``). ``bare`` writes numbers alone (``62.4 ± 3.1``)."""
    if is_missing(mean):
        return MISSING
    mean = float(mean)
    show = figure if bare else quantity
    alone = show(mean, kind, time_unit=time_unit, language=language, digits=digits)
    if is_missing(half_width) or abs(float(half_width)) <= 1e-9 * max(1.0, abs(mean)):
        return alone
    half = abs(float(half_width))
    low, high = BOUNDS[_kind(kind)]
    if mean - half < low or mean + half > high:
        return interval(mean - half, mean + half, kind, time_unit=time_unit, language=language, digits=digits,
                        bare=bare)
    width = HALF_WIDTH_DIGITS
    if bare or kind in ("count", "number", "money"):
        both = (show(mean, kind, time_unit=time_unit, language=language, digits=digits),
                show(half, kind, time_unit=time_unit, language=language, digits=width))
    elif kind == "share":
        both = (alone, points(half, language, length="short", digits=width, sign=False))
    else:  # a time or a rate: both numbers in the unit the mean is said in, the unit once
        unit = duration_unit(mean, time_unit, digits=digits) if kind == "time" else rate_unit(mean, time_unit)
        factor = SECONDS[time_unit] / SECONDS[unit] if kind == "time" else SECONDS[unit] / SECONDS[time_unit]
        both = (number(mean * factor, language, digits=digits), number(half * factor, language, digits=width))
    if not shows_nonzero(both[1]):
        return alone
    text = f"{both[0]} ± {both[1]}"
    if bare or kind not in ("time", "rate"):
        return text
    if kind == "time":
        return with_unit(text, unit, language)
    return format_compound_unit(text, denominator_unit=f"duration-{unit}", locale=language_of(language)) or text


def figure(value: float | None, kind: str, *, time_unit: str = "minute", language: str = DEFAULT_LANGUAGE,
           digits: int = 3) -> str:
    """The number alone, in the unit :func:`unit_label` names (for a table whose heading carries the
    unit): a share in percent (``62.4``), a time or rate per ``time_unit``, a count whole."""
    if _kind(kind) == "count":
        return count(value, language)
    if kind == "money":
        return money(value, language)
    scale = 100.0 if kind == "share" else 1.0
    return number(None if is_missing(value) else float(value) * scale, language, digits=digits)


def unit_label(kind: str, *, time_unit: str = "minute", language: str = DEFAULT_LANGUAGE) -> str:
    """The unit of :func:`figure`'s numbers, for a heading: ``%``, ``min``, ``per minute``; ``""`` for counts
    and plain numbers."""
    if _kind(kind) == "share":
        return "%"
    if kind == "time":
        return unit_symbol(time_unit, language)
    if kind == "rate":
        mark = "\u2063"  # an invisible separator standing for the number, taken out of "{0} per minute"
        written = format_compound_unit(mark, denominator_unit=f"duration-{time_unit}", locale=language_of(language))
        return (written or "").replace(mark, "").strip()
    return ""
