"""What a person types into the workbench's text boxes, turned into model values (and back).

Times and rates use the file format's units (``6 min``, ``90 s``, ``30/h``) through
:func:`journeymap.model.units.parse_duration` and :func:`~journeymap.model.units.parse_rate`, so a
field accepts exactly what a YAML file would. Errors are :class:`~journeymap.errors.UnitError`
messages naming the field; judging the values (positive, below 1...) is left to validation, except
numbers too large for any service journey (:data:`LARGEST`, an infinity, ``1e308``), refused here so
that nothing downstream overflows.

Showing a value never fails: a number the file format cannot write exactly is shown as it is.
"""

from __future__ import annotations

import math

from journeymap.errors import UnitError
from journeymap.model import DISTRIBUTIONS, Distribution
from journeymap.model.distributions import TIME_PARAMETERS, from_parameters
from journeymap.model.units import SHORT_NAMES, convert, format_duration, format_rate, parse_duration, parse_rate

__all__ = [
    "LARGEST",
    "UNLIMITED",
    "check_size",
    "distribution_texts",
    "duration_text",
    "format_capacity",
    "format_number",
    "format_rate_text",
    "parse_capacity",
    "parse_count",
    "parse_distribution",
    "parse_number",
    "parse_optional_rate",
]

UNLIMITED = ("", "unlimited", "none", "∞", "sin límite", "ilimitada")
"""What a capacity box may hold to mean "no queue: everyone is served at once"."""

LARGEST = 1e9
"""The largest number a box takes, in the journey's units (a billion minutes is nineteen centuries)."""


def check_size(value: float, field: str, text: object) -> float:
    """``value`` when it is a finite number no larger than :data:`LARGEST`; ``UnitError`` naming ``field``."""
    if not math.isfinite(value) or abs(value) > LARGEST:
        shown = str(text).strip()
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        raise UnitError(f"'{field}' is too large for a service journey: at most {LARGEST:,.0f} (got {shown})")
    return value


def parse_capacity(text: str) -> int | None:
    """A capacity typed as a whole number of parallel servers; empty (or ``unlimited``) means ``None``."""
    cleaned = str(text).strip()
    if cleaned.lower() in UNLIMITED:
        return None
    try:
        number = float(cleaned)
    except ValueError:
        raise UnitError(
            f"'capacity' must be a whole number of servers, or empty for unlimited (got '{text}')"
        ) from None
    check_size(number, "capacity", cleaned)
    if not number.is_integer():
        raise UnitError(f"'capacity' must be a whole number of servers (got {cleaned})")
    return int(number)


def format_capacity(capacity: int | None) -> str:
    """The text a capacity box shows: the number, or empty for unlimited."""
    return "" if capacity is None else str(capacity)


def parse_optional_rate(text: str, time_unit: str, *, field: str = "rate") -> float | None:
    """An arrival rate typed as in a file (``30/h``, ``2``: per time unit); empty means no arrivals (``None``)."""
    cleaned = str(text).strip()
    if not cleaned:
        return None
    try:
        rate = parse_rate(cleaned, time_unit)
    except UnitError as exc:
        raise UnitError(f"'{field}': {exc}") from None
    except (ArithmeticError, ValueError):
        rate = math.inf
    return check_size(rate, field, cleaned)


def format_rate_text(rate: float | None, time_unit: str) -> str:
    """The text a rate box shows (``30/h`` rather than ``0.5``); empty for no rate."""
    if rate is None:
        return ""
    try:
        return str(format_rate(rate, time_unit))
    except (ArithmeticError, ValueError):  # too large to write in a unit: shown as it is
        return f"{rate:g}"


_SMALLER = {"week": "day", "day": "hour", "hour": "minute", "minute": "second"}


def duration_text(value: float, time_unit: str) -> str:
    """A duration as a box shows it: as a journey file writes it (``6``, ``1 d``), except that a time
    below one unit that is round in a smaller unit is written in it (0.1333… h → ``8 min``); a number
    too large to write in a unit is shown as it is (``1e+308``)."""
    try:
        written = format_duration(value, time_unit)
    except (ArithmeticError, ValueError):
        return f"{value:g}"
    if isinstance(written, str) or value == 0 or not math.isfinite(value) or abs(value) >= 1:
        return str(written)
    unit, amount = time_unit, float(value)
    while unit in _SMALLER:
        amount, unit = convert(amount, unit, _SMALLER[unit]), _SMALLER[unit]
        if round(amount, 2) == round(amount, 9):
            text = f"{round(amount, 2):g} {SHORT_NAMES[unit]}"
            if math.isclose(parse_duration(text, time_unit), value, rel_tol=1e-9):
                return text
    return str(written)


def _format_time(value: float, time_unit: str) -> str:
    return duration_text(value, time_unit)


def distribution_texts(distribution: Distribution, time_unit: str) -> dict[str, str]:
    """The parameter boxes' texts for a distribution, by file-format parameter name (``{"mean": "6"}``)."""
    texts: dict[str, str] = {}
    for name, value in distribution.parameters().items():
        if isinstance(value, tuple):
            texts[name] = ", ".join(_format_time(v, time_unit) for v in value)
        else:
            texts[name] = _format_time(value, time_unit)
    return texts


def parse_distribution(kind: str, texts: dict[str, str], time_unit: str, *, field: str = "time") -> Distribution:
    """The distribution of ``kind`` whose parameters were typed as ``texts`` (times with units, as in a file).

    ``empirical`` takes its values as a comma-separated list (``4 min, 6 min, 90 s``).
    """
    if kind not in DISTRIBUTIONS:
        raise UnitError(f"'{field}.dist' must be one of: {', '.join(DISTRIBUTIONS)} (got '{kind}')")
    params: dict[str, object] = {}
    for name in TIME_PARAMETERS[kind]:
        text = str(texts.get(name, "")).strip()
        if not text:
            raise UnitError(f"'{field}.{name}' is needed for a {kind} distribution")
        try:
            if kind == "empirical":
                values = tuple(parse_duration(part, time_unit) for part in text.split(",") if part.strip())
                params[name] = tuple(check_size(v, f"{field}.{name}", text) for v in values)
            else:
                params[name] = check_size(parse_duration(text, time_unit), f"{field}.{name}", text)
        except UnitError as exc:
            if str(exc).startswith(f"'{field}.{name}'"):
                raise
            raise UnitError(f"'{field}.{name}': {exc}") from None
        except (ArithmeticError, ValueError):  # a unit conversion that overflowed
            raise UnitError(f"'{field}.{name}' is too large for a service journey (got {text[:40]})") from None
    return from_parameters(kind, params)


def parse_number(text: str, field: str) -> float | None:
    """A plain number typed in a box (a cost, a share, a factor; a decimal comma taken too); empty means
    ``None`` (not given). Judging it (negative, above 1...) is left to the edit or to validation."""
    cleaned = str(text).strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        number = float(cleaned)
    except ValueError:
        raise UnitError(f"'{field}' must be a number (got '{str(text).strip()[:40]}')") from None
    return check_size(number, field, cleaned)


def parse_count(text: str, field: str) -> int:
    """A whole number typed in a box (servers in a shift, a priority); ``UnitError`` naming ``field``."""
    number = parse_number(text, field)
    if number is None:
        raise UnitError(f"'{field}' is needed: a whole number")
    if not number.is_integer():
        raise UnitError(f"'{field}' must be a whole number (got {str(text).strip()[:40]})")
    return int(number)


def format_number(value: float | None) -> str:
    """The text a number box shows: ``4.5``, ``6`` (not ``6.0``), empty for ``None``."""
    return "" if value is None else f"{value:g}"
