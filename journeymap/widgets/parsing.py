"""What a person types into the workbench's text boxes, turned into model values (and back).

Times and rates use the file format's units (``6 min``, ``90 s``, ``30/h``) through
:func:`journeymap.model.units.parse_duration` and :func:`~journeymap.model.units.parse_rate`, so a
field accepts exactly what a YAML file would. Errors are :class:`~journeymap.errors.UnitError`
messages naming the field; judging the values (positive, below 1...) is left to validation.
"""

from __future__ import annotations

import math

from journeymap.errors import UnitError
from journeymap.model import DISTRIBUTIONS, Distribution
from journeymap.model.distributions import TIME_PARAMETERS, from_parameters
from journeymap.model.units import SHORT_NAMES, convert, format_duration, format_rate, parse_duration, parse_rate

__all__ = [
    "UNLIMITED",
    "distribution_texts",
    "duration_text",
    "format_capacity",
    "format_rate_text",
    "parse_capacity",
    "parse_distribution",
    "parse_optional_rate",
]

UNLIMITED = ("", "unlimited", "none", "∞", "sin límite", "ilimitada")
"""What a capacity box may hold to mean "no queue: everyone is served at once"."""


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
        return parse_rate(cleaned, time_unit)
    except UnitError as exc:
        raise UnitError(f"'{field}': {exc}") from None


def format_rate_text(rate: float | None, time_unit: str) -> str:
    """The text a rate box shows (``30/h`` rather than ``0.5``); empty for no rate."""
    return "" if rate is None else str(format_rate(rate, time_unit))


_SMALLER = {"week": "day", "day": "hour", "hour": "minute", "minute": "second"}


def duration_text(value: float, time_unit: str) -> str:
    """A duration as a box shows it: as a journey file writes it (``6``, ``1 d``), except that a time
    below one unit that is round in a smaller unit is written in it (0.1333… h → ``8 min``)."""
    written = format_duration(value, time_unit)
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
                params[name] = tuple(parse_duration(part, time_unit) for part in text.split(",") if part.strip())
            else:
                params[name] = parse_duration(text, time_unit)
        except UnitError as exc:
            raise UnitError(f"'{field}.{name}': {exc}") from None
    return from_parameters(kind, params)
