"""The changes a scenario makes to a journey: each a small frozen value whose ``apply`` returns a new journey.

Build them with the functions (``set_capacity("call", 5)``, ``scale_service_time("call", 0.8)``,
``set_route("call", "diagnose", 0.9, rebalance="others")``...) or from a scenarios file. A change that
cannot be applied raises :class:`ChangeError` with a message naming the field; :class:`~journeymap.
experiment.scenario.Scenario` turns it into a :class:`~journeymap.errors.ScenarioError` naming the
scenario, the change and, for a file, its line.

Times and rates may be numbers in the journey's ``time_unit`` or text with a unit (``"90 s"``,
``"30/h"``), read when the change is applied.
"""

from __future__ import annotations

import math
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Literal

from journeymap.errors import did_you_mean
from journeymap.model import Arrival, Distribution, Exponential, Journey, Touchpoint
from journeymap.model.units import parse_duration, parse_rate

__all__ = [
    "REBALANCE",
    "Change",
    "ChangeError",
    "Location",
    "Rebalance",
    "scale_arrivals",
    "scale_capacity",
    "scale_patience",
    "scale_service_time",
    "set_arrival_rate",
    "set_capacity",
    "set_patience",
    "set_service_time",
]

Rebalance = Literal["others", "leave"]
REBALANCE: dict[str, str] = {
    "others": "the touchpoint's other routes are rescaled proportionally; the share leaving there is kept",
    "leave": "only this route changes; the share leaving the cycle there takes up the difference",
}
"""How the rest of a touchpoint's routing adapts when one route's probability changes."""

_EPS = 1e-9


class ChangeError(ValueError):
    """A change cannot be applied to this journey; the message says what and why."""


@dataclass(frozen=True)
class Location:
    """Where a change was written: file, line and field path (``scenarios[0].changes[1]``)."""

    file: str | None = None
    line: int | None = None
    path: str = ""


@dataclass(frozen=True)
class Change:
    """One edit of a journey. Subclasses define :meth:`apply`; ``where`` says where it was written."""

    where: Location | None = field(default=None, kw_only=True, compare=False, repr=False)

    def apply(self, journey: Journey) -> Journey:
        """The journey with this change made (the original is untouched)."""
        raise NotImplementedError

    @property
    def touchpoints(self) -> tuple[str, ...]:
        """The ids of the touchpoints this change acts on (for an intervention's targets)."""
        return ()

    def __str__(self) -> str:
        """The change as the call that makes it: ``set_capacity('call', 5)`` (defaults left out)."""
        shown = [f for f in fields(self) if f.name not in ("where", "mode")]
        while shown and shown[-1].default is not MISSING and getattr(self, shown[-1].name) == shown[-1].default:
            shown.pop()
        args = [repr(getattr(self, f.name)) if f.name not in ("rebalance", "bypass", "after")
                else f"{f.name}={getattr(self, f.name)!r}" for f in shown]
        name = getattr(self, "kind", "") or type(self).__name__
        return f"{name}({', '.join(args)})"


# -- helpers -----------------------------------------------------------------------------------------------
def _touchpoint(journey: Journey, tp_id: str) -> Touchpoint:
    try:
        return journey.touchpoint(tp_id)
    except KeyError as exc:
        raise ChangeError(exc.args[0]) from None


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ChangeError(f"'{what}' must be a finite number (got {value!r})")
    return float(value)


def _positive_factor(value: Any) -> float:
    factor = _number(value, "factor")
    if factor <= 0:
        raise ChangeError(f"'factor' must be a positive number (got {value!r})")
    return factor


def _probability(value: Any) -> float:
    p = _number(value, "p")
    if not 0.0 <= p <= 1.0:
        raise ChangeError(f"'p' must be a probability between 0 and 1 (got {value!r})")
    return p


def _rebalance(value: Any) -> Rebalance:
    if value not in REBALANCE:
        hint = did_you_mean(str(value), REBALANCE)
        raise ChangeError(f"'rebalance' must be 'others' or 'leave' (got {value!r}){hint}")
    return value  # type: ignore[no-any-return]


def _duration(value: Any, journey: Journey, what: str) -> float:
    try:
        number = parse_duration(value, journey.time_unit)
    except ValueError as exc:
        raise ChangeError(f"'{what}': {exc}") from None
    if number <= 0:
        raise ChangeError(f"'{what}' must be a positive time (got {value!r})")
    return number


def _rate(value: Any, journey: Journey) -> float:
    try:
        number = parse_rate(value, journey.time_unit)
    except ValueError as exc:
        raise ChangeError(f"'rate': {exc}") from None
    if number < 0:
        raise ChangeError(f"'rate' must be a non-negative rate (got {value!r})")
    return number


def _scaled_arrival(arrival: Arrival, factor: float) -> Arrival:
    schedule = tuple(period.replace(rate=period.rate * factor) for period in arrival.schedule)
    rate = arrival.rate * factor if arrival.rate is not None else None
    return arrival.replace(rate=rate, schedule=schedule)


def _arrival_rates(journey: Journey) -> dict[str, float]:
    from journeymap.model import mean_arrival_rate

    return mean_arrival_rate(journey)


# -- capacity ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SetCapacity(Change):
    """Set a touchpoint's number of parallel servers (``None``: unlimited, nobody queues)."""

    touchpoint: str
    capacity: int | None
    kind = "set_capacity"

    def apply(self, journey: Journey) -> Journey:
        _touchpoint(journey, self.touchpoint)
        value = self.capacity
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise ChangeError(f"'capacity' must be a positive int (got {value!r})")
        return journey.update_touchpoint(self.touchpoint, capacity=value)

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (self.touchpoint,)


@dataclass(frozen=True)
class ScaleCapacity(Change):
    """Multiply a touchpoint's capacity by ``factor``, rounded to the nearest whole server (at least one)."""

    touchpoint: str
    factor: float
    kind = "scale_capacity"

    def apply(self, journey: Journey) -> Journey:
        tp = _touchpoint(journey, self.touchpoint)
        factor = _positive_factor(self.factor)
        if tp.capacity is None:
            raise ChangeError(f"touchpoint '{tp.id}' has unlimited capacity: set a capacity instead of scaling it")
        return journey.update_touchpoint(tp.id, capacity=max(1, round(tp.capacity * factor)))

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (self.touchpoint,)


# -- times -------------------------------------------------------------------------------------------------
TimeField = Literal["service_time", "patience"]


@dataclass(frozen=True)
class SetTime(Change):
    """Set a touchpoint's service time or patience.

    A :class:`~journeymap.model.Distribution` replaces the old one; a number (or ``"5 min"``) is the new
    *mean*: the old distribution is scaled to it, keeping its shape, and a touchpoint without one gets an
    exponential time with that mean. ``None`` removes the time (no service time; infinite patience).
    """

    touchpoint: str
    value: Distribution | float | str | None
    mode: TimeField = "service_time"

    @property
    def kind(self) -> str:  # type: ignore[override]
        return f"set_{self.mode}"

    def apply(self, journey: Journey) -> Journey:
        tp = _touchpoint(journey, self.touchpoint)
        if self.value is None or isinstance(self.value, Distribution):
            return journey.update_touchpoint(tp.id, **{self.mode: self.value})
        mean = _duration(self.value, journey, self.mode)
        old: Distribution | None = getattr(tp, self.mode)
        new = old.scaled(mean / old.mean) if old is not None and old.mean > 0 else Exponential(mean)
        return journey.update_touchpoint(tp.id, **{self.mode: new})

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (self.touchpoint,)


@dataclass(frozen=True)
class ScaleTime(Change):
    """Multiply a touchpoint's service time or patience by ``factor`` (0.8: 20% shorter), keeping its shape."""

    touchpoint: str
    factor: float
    mode: TimeField = "service_time"

    @property
    def kind(self) -> str:  # type: ignore[override]
        return f"scale_{self.mode}"

    def apply(self, journey: Journey) -> Journey:
        tp = _touchpoint(journey, self.touchpoint)
        factor = _positive_factor(self.factor)
        old: Distribution | None = getattr(tp, self.mode)
        if old is None:
            raise ChangeError(f"touchpoint '{tp.id}' has no {self.mode.replace('_', ' ')} to scale: set one instead")
        return journey.update_touchpoint(tp.id, **{self.mode: old.scaled(factor)})

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (self.touchpoint,)


# -- arrivals ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SetArrivalRate(Change):
    """Set the mean arrival rate, of all arrivals together or of those at one touchpoint.

    Without ``touchpoint`` every arrival (and every period of a daily schedule) is scaled by the same
    factor so that their total mean rate is ``rate``: the mix of entry points and the daily profile are
    kept. With ``touchpoint`` only the arrivals there are scaled so that their mean rate is ``rate``; a
    touchpoint without arrivals becomes an entry point with Poisson arrivals at ``rate``.
    """

    rate: float | str
    touchpoint: str | None = None
    kind = "set_arrival_rate"

    def apply(self, journey: Journey) -> Journey:
        rate = _rate(self.rate, journey)
        rates = _arrival_rates(journey)
        if self.touchpoint is None:
            total = sum(rates.values())
            if total <= 0:
                raise ChangeError("the journey has no arrivals to scale: name an entry touchpoint "
                                  "('arrival.<touchpoint>.rate')")
            return journey.replace(arrivals=tuple(_scaled_arrival(a, rate / total) for a in journey.arrivals))
        tp = _touchpoint(journey, self.touchpoint)
        current = rates.get(tp.id, 0.0)
        if current <= 0:
            kept = tuple(a for a in journey.arrivals if a.touchpoint != tp.id)
            return journey.replace(arrivals=(*kept, Arrival(tp.id, rate=rate)))
        arrivals = tuple(_scaled_arrival(a, rate / current) if a.touchpoint == tp.id else a for a in journey.arrivals)
        return journey.replace(arrivals=arrivals)

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (self.touchpoint,) if self.touchpoint else ()


@dataclass(frozen=True)
class ScaleArrivals(Change):
    """Multiply the arrival rates (all, or those at one touchpoint) by ``factor``, schedules included."""

    factor: float
    touchpoint: str | None = None
    kind = "scale_arrivals"

    def apply(self, journey: Journey) -> Journey:
        factor = _positive_factor(self.factor)
        if self.touchpoint is not None:
            _touchpoint(journey, self.touchpoint)
            if self.touchpoint not in journey.entry_points:
                raise ChangeError(f"no customers arrive at '{self.touchpoint}'"
                                  f"{did_you_mean(self.touchpoint, journey.entry_points)}")
        arrivals = tuple(_scaled_arrival(a, factor) if self.touchpoint in (None, a.touchpoint) else a
                         for a in journey.arrivals)
        return journey.replace(arrivals=arrivals)

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (self.touchpoint,) if self.touchpoint else ()


# -- the functions people call ---------------------------------------------------------------------------
def set_capacity(touchpoint: str, capacity: int | None) -> Change:
    """Give ``touchpoint`` this many parallel servers (``None``: unlimited)."""
    return SetCapacity(touchpoint, capacity)


def scale_capacity(touchpoint: str, factor: float) -> Change:
    """Multiply the capacity of ``touchpoint`` by ``factor`` (rounded, at least one server)."""
    return ScaleCapacity(touchpoint, factor)


def set_service_time(touchpoint: str, value: Distribution | float | str | None) -> Change:
    """Set the service time of ``touchpoint``: a distribution, or a new mean (the shape is kept)."""
    return SetTime(touchpoint, value, "service_time")


def scale_service_time(touchpoint: str, factor: float) -> Change:
    """Multiply the service time of ``touchpoint`` by ``factor`` (0.8: 20% faster)."""
    return ScaleTime(touchpoint, factor, "service_time")


def set_patience(touchpoint: str, value: Distribution | float | str | None) -> Change:
    """Set how long customers wait at ``touchpoint`` before giving up: a distribution, a new mean, or
    ``None`` (they never give up)."""
    return SetTime(touchpoint, value, "patience")


def scale_patience(touchpoint: str, factor: float) -> Change:
    """Multiply the patience at ``touchpoint`` by ``factor``."""
    return ScaleTime(touchpoint, factor, "patience")


def set_arrival_rate(rate: float | str, touchpoint: str | None = None) -> Change:
    """Set the total mean arrival rate (all arrivals scaled alike), or the rate at one ``touchpoint``."""
    return SetArrivalRate(rate, touchpoint)


def scale_arrivals(factor: float, touchpoint: str | None = None) -> Change:
    """Multiply every arrival rate (or those at ``touchpoint``) by ``factor``."""
    return ScaleArrivals(factor, touchpoint)
