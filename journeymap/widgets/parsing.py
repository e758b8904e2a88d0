"""What a person types into the workbench's text boxes, turned into model values (and back).

Times and rates use the file format's units (``6 min``, ``90 s``, ``30/h``) through
:func:`journeymap.model.units.parse_duration` and :func:`~journeymap.model.units.parse_rate`, so a
field accepts exactly what a YAML file would. Errors are :class:`~journeymap.errors.UnitError`
messages naming the field; judging the values (positive, below 1...) is left to validation, except
numbers too large for any service journey (:data:`LARGEST`, an infinity, ``1e308``), refused here so
that nothing downstream overflows.

Showing a value never fails: a number the file format cannot write exactly is shown as it is.

A box speaks its editor's language: in Spanish a decimal is written with a comma (``4,5 min``, a share
of ``0,3``) and the values of an empirical distribution are separated by semicolons (``4 min; 4,5 min``),
both shown so and read so (:func:`shown`, :func:`typed`); English boxes keep the file format's point.
"""

from __future__ import annotations

import math

from journeymap.errors import UnitError
from journeymap.model import DISTRIBUTIONS, Distribution
from journeymap.model.distributions import TIME_PARAMETERS, from_parameters
from journeymap.model.units import SHORT_NAMES, convert, format_duration, format_rate, parse_duration, parse_rate

__all__ = [
    "LARGEST",
    "LIST_SEPARATORS",
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
    "shown",
    "typed",
]

UNLIMITED = ("", "unlimited", "none", "∞", "sin límite", "ilimitada")
"""What a capacity box may hold to mean "no queue: everyone is served at once"."""

LARGEST = 1e9
"""The largest number a box takes, in the journey's units (a billion minutes is nineteen centuries)."""


LIST_SEPARATORS: dict[str, str] = {"en": ",", "es": ";"}
"""What separates the values of a list typed in a box, by language (a Spanish decimal is a comma)."""


def shown(text: str, language: str = "en") -> str:
    """A value's text (``4.5 min``) as a box in ``language`` shows it: ``4,5 min`` in Spanish."""
    return text.replace(".", ",") if language == "es" else text


def typed(text: str, language: str = "en") -> str:
    """What was typed in a box in ``language``, with the file format's decimal point: ``4,5 min`` in a
    Spanish box is ``4.5 min`` (a point typed there is taken as a decimal point too)."""
    return text.replace(",", ".") if language == "es" else text


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


def parse_optional_rate(text: str, time_unit: str, *, field: str = "rate", language: str = "en") -> float | None:
    """An arrival rate typed as in a file (``30/h``, ``2``: per time unit) in a box in ``language``; empty means
    no arrivals (``None``)."""
    cleaned = typed(str(text).strip(), language)
    if not cleaned:
        return None
    try:
        rate = parse_rate(cleaned, time_unit)
    except UnitError as exc:
        raise UnitError(f"'{field}': {exc}") from None
    except (ArithmeticError, ValueError):
        rate = math.inf
    return check_size(rate, field, cleaned)


def format_rate_text(rate: float | None, time_unit: str, language: str = "en") -> str:
    """The text a rate box in ``language`` shows (``30/h`` rather than ``0.5``); empty for no rate."""
    if rate is None:
        return ""
    try:
        return shown(str(format_rate(rate, time_unit)), language)
    except (ArithmeticError, ValueError):  # too large to write in a unit: shown as it is
        return shown(f"{rate:g}", language)


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


def distribution_texts(distribution: Distribution, time_unit: str, language: str = "en") -> dict[str, str]:
    """The parameter boxes' texts for a distribution, by file-format parameter name (``{"mean": "6"}``), in
    ``language``."""
    texts: dict[str, str] = {}
    for name, value in distribution.parameters().items():
        if isinstance(value, tuple):
            texts[name] = f"{LIST_SEPARATORS[language]} ".join(shown(duration_text(v, time_unit), language)
                                                              for v in value)
        else:
            texts[name] = shown(duration_text(value, time_unit), language)
    return texts


def parse_distribution(kind: str, texts: dict[str, str], time_unit: str, *, field: str = "time",
                       language: str = "en") -> Distribution:
    """The distribution of ``kind`` whose parameters were typed as ``texts`` (times with units, as in a file)
    in boxes in ``language``.

    ``empirical`` takes its values as a list (``4 min, 6 min, 90 s``; in Spanish ``4 min; 4,5 min``).
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
                values = tuple(parse_duration(typed(part, language), time_unit)
                               for part in text.split(LIST_SEPARATORS[language]) if part.strip())
                params[name] = tuple(check_size(v, f"{field}.{name}", text) for v in values)
            else:
                params[name] = check_size(parse_duration(typed(text, language), time_unit), f"{field}.{name}", text)
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


def format_number(value: float | None, language: str = "en") -> str:
    """The text a number box in ``language`` shows: ``4.5`` (``4,5`` in Spanish), ``6`` (not ``6.0``), empty
    for ``None``."""
    return "" if value is None else shown(f"{value:g}", language)
