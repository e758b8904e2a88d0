"""What every edit of a journey checks of its arguments, and the ids it makes for new things.

:mod:`journeymap.model.edits` and :mod:`journeymap.model.operations_edits` share these: a number that must be
finite, a factor that must be positive, a probability, a choice among names (with a did-you-mean), a time or a
rate in the journey's unit, a name that must not be empty; and :func:`slug` / :func:`unique_id`, the id a
typed name becomes. Each raises ``TypeError`` for the wrong type and :class:`~journeymap.errors.EditError`
(or :class:`~journeymap.errors.UnitError`) for a value that makes no sense, naming the argument.
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from journeymap.errors import EditError, UnitError, did_you_mean
from journeymap.model.journey import Journey
from journeymap.model.units import parse_duration, parse_rate

__all__ = ["slug", "unique_id"]

_EPS = 1e-9


# -- checking arguments ------------------------------------------------------------------------------------
def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"'{what}' must be a finite number (got {value!r})")
    if not math.isfinite(value):
        raise EditError(f"'{what}' must be a finite number (got {value!r})")
    return float(value)


def _factor(value: Any) -> float:
    factor = _number(value, "factor")
    if factor <= 0:
        raise EditError(f"'factor' must be a positive number (got {value!r})")
    return factor


def _probability(value: Any) -> float:
    p = _number(value, "p")
    if not 0.0 <= p <= 1.0:
        raise EditError(f"'p' must be a probability between 0 and 1 (got {value!r})")
    return p


def _choice(value: Any, choices: Iterable[str], what: str) -> Any:
    choices = tuple(choices)
    if value not in choices:
        listed = " or ".join(f"'{c}'" for c in choices)
        raise EditError(f"'{what}' must be {listed} (got {value!r}){did_you_mean(str(value), choices)}")
    return value


def _duration(value: Any, journey: Journey, what: str) -> float:
    try:
        number = parse_duration(value, journey.time_unit)
    except UnitError as exc:
        raise UnitError(f"'{what}': {exc}") from None
    if number <= 0:
        raise EditError(f"'{what}' must be a positive time (got {value!r})")
    return number


def _rate(value: Any, journey: Journey) -> float:
    try:
        number = parse_rate(value, journey.time_unit)
    except UnitError as exc:
        raise UnitError(f"'rate': {exc}") from None
    if number < 0:
        raise EditError(f"'rate' must be a non-negative rate (got {value!r})")
    return number


def _name(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"'{what}' must be a text (got {type(value).__name__})")
    if not value.strip():
        raise EditError(f"a {what} needs a name (got an empty text)")
    return value.strip()



# -- ids ---------------------------------------------------------------------------------------------------
def slug(text: str) -> str:
    """An id made from a typed name: ASCII lowercase words joined by ``_`` (``"Atención 24 h"`` → ``atencion_24_h``)."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    words = re.sub(r"[^0-9a-z]+", "_", ascii_text.lower()).strip("_")
    if not words:
        return "item"
    return words if words[0].isalpha() else f"n_{words}"


def unique_id(name: str, taken: Iterable[str]) -> str:
    """``slug(name)``, with ``_2``, ``_3``... appended until it is not in ``taken``."""
    used = set(taken)
    base = slug(name)
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}_{n}"
    return candidate
