"""How a validation message writes what it found: numbers as a person would, times of day, unknown names
with a did-you-mean (shared by :mod:`journeymap.model.validation` and :mod:`journeymap.model.team_rules`)."""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

from journeymap.errors import clip, did_you_mean
from journeymap.model.units import SECONDS

__all__ = ["clock", "fits", "is_number", "number_text", "unknown"]


def number_text(value: Any) -> str:
    """A number as a person would write it in a message (``2``, ``1.4``, ``0.333333``, ``1e+308``)."""
    if isinstance(value, bool) or not isinstance(value, Real):
        return clip(repr(value))
    if isinstance(value, int):
        if abs(value) < 10**15:
            return str(value)
        return f"{value:.6g}" if fits(value) else f"a number of {round(value.bit_length() * 0.30103)} digits"
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


def fits(value: Real) -> bool:
    """True when ``value`` converts to a float (an integer of hundreds of digits does not)."""
    try:
        float(value)
    except OverflowError:
        return False
    return True


def is_number(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool) and fits(value) and math.isfinite(float(value))


def unknown(what: str, value: Any, choices: tuple[str, ...] | list[str], prefix: str = "") -> str:
    """``unknown lane 'x' (did you mean 'y'?)`` or, with nothing close, the valid choices."""
    choices = [c for c in dict.fromkeys(choices) if isinstance(c, str) and c]
    hint = did_you_mean(str(value), choices)
    if hint:
        return f"{prefix}unknown {what} {clip(repr(value))}{hint}"
    if not choices:
        return f"{prefix}unknown {what} {clip(repr(value))} (none is defined)"
    listed = ", ".join(list(choices)[:12]) + (", …" if len(choices) > 12 else "")
    return f"{prefix}unknown {what} {clip(repr(value))} (expected one of: {listed})"


def clock(value: float, time_unit: str) -> str:
    """A time of day as ``HH:MM`` when it is whole minutes, else as a number."""
    if not is_number(value):
        return number_text(value)
    minutes = value * SECONDS.get(time_unit, 60.0) / 60
    if not 0 <= minutes <= 7 * 24 * 60:
        return number_text(value)
    whole = round(minutes)
    if minutes >= 0 and math.isclose(minutes, whole, rel_tol=0, abs_tol=1e-9):
        return f"{whole // 60:02d}:{whole % 60:02d}"
    return number_text(value)
