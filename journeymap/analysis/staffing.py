"""Staffing a touchpoint for a service-level target, the quick way: Erlang C / Erlang A per period.

A *target* says what share of the customers must be served within what wait (``"80% within 2 min"``,
:func:`parse_target`). The arrivals at a touchpoint come from the journey's flows (every entry stream
times the expected visits there, abandonment upstream counted: :func:`~journeymap.analysis.queue_flows`);
for a journey whose arrivals follow a daily schedule, the day is cut into *periods* (the schedules' own
periods, or windows the caller gives) and each period is sized as if its mean rate held steady (the
stationary independent period-by-period approach of workforce planners). :func:`erlang_capacity` is the
smallest number of servers whose Erlang C (no patience; with the Allen-Cunneen correction for a
non-exponential service) or Erlang A (patience) service level meets the target. The simulation confirms
it (:func:`journeymap.staff`).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.errors import UnitError, clip
from journeymap.model import Arrival, Exponential, Gamma, Journey, RatePeriod, Shift, Touchpoint
from journeymap.model.limits import MAX_CAPACITY
from journeymap.model.units import convert, parse_duration, parse_time_of_day

__all__ = ["Period", "ServiceTarget", "erlang_capacity", "erlang_level", "merged_touchpoint", "offered_rate",
           "parse_target", "parse_windows", "periods", "rate_between", "shift_periods", "steady_journey"]

TARGET_EXAMPLE = "80% within 2 min"
"""How a service-level target is written (in messages)."""

_TARGET = re.compile(r"^\s*(?P<share>\d+(?:[.,]\d+)?)\s*(?P<percent>%?)\s*(?:within|in|en|dentro de)\s+"
                     r"(?P<wait>.+?)\s*$", re.IGNORECASE)
_WINDOW = re.compile(r"^\s*(?P<start>[^-\s]+)\s*-\s*(?P<end>[^-\s]+)\s*$")


@dataclass(frozen=True)
class ServiceTarget:
    """A service-level target: ``share`` (0–1) of the customers served within ``wait`` (journey time unit)."""

    share: float
    wait: float


def parse_target(text: str | ServiceTarget, time_unit: str = "minute") -> ServiceTarget:
    """``"80% within 2 min"`` (or ``"0.8 within 120 s"``, ``"80% en 2 min"``) as a :class:`ServiceTarget`
    with the wait in ``time_unit``; :class:`~journeymap.errors.UnitError` with an example otherwise."""
    if isinstance(text, ServiceTarget):
        return text
    match = _TARGET.match(text) if isinstance(text, str) else None
    if match is None:
        raise UnitError(f"'target' must be a service-level target such as '{TARGET_EXAMPLE}' (got {clip(repr(text))})")
    share = float(match.group("share").replace(",", "."))
    if match.group("percent") or share > 1:
        share /= 100.0
    if not 0 < share <= 1:
        raise UnitError(f"'target': the share must be above 0% and at most 100%, as in '{TARGET_EXAMPLE}' "
                        f"(got {clip(repr(text))})")
    try:
        wait = parse_duration(match.group("wait"), time_unit)
    except UnitError as exc:
        raise UnitError(f"'target': {exc}, as in '{TARGET_EXAMPLE}'") from None
    if not math.isfinite(wait) or wait < 0:
        raise UnitError(f"'target': the wait must be a time of 0 or more, as in '{TARGET_EXAMPLE}' "
                        f"(got {clip(repr(text))})")
    return ServiceTarget(share, wait)


@dataclass(frozen=True)
class Period:
    """A part of the day, from ``start`` to ``end`` (times of day in the journey's unit)."""

    start: float
    end: float


def parse_windows(text: str, time_unit: str = "minute") -> tuple[Period, ...]:
    """``"08:00-14:00,14:00-20:00"`` as periods of the day; :class:`~journeymap.errors.UnitError` naming the
    bad window (a window must end after it starts)."""
    found = []
    for part in text.split(","):
        match = _WINDOW.match(part)
        if match is None:
            raise UnitError(f"'shifts': expected windows such as '08:00-14:00,14:00-20:00' (got {clip(repr(part))})")
        start = parse_time_of_day(match.group("start"), time_unit)
        end = parse_time_of_day(match.group("end"), time_unit)
        if end <= start:
            raise UnitError(f"'shifts': the window {clip(repr(part.strip()))} ends before it starts")
        found.append(Period(start, end))
    return tuple(found)


def _day(journey: Journey) -> float:
    return convert(1.0, "day", journey.time_unit)


def periods(journey: Journey) -> tuple[Period, ...]:
    """The periods of the day the journey's arrival schedules make (every schedule's ``until`` cuts the day);
    one period, the whole day, when no arrival has a schedule."""
    day = _day(journey)
    cuts = sorted({min(p.until, day) for a in journey.arrivals for p in a.schedule} | {0.0, day})
    return tuple(Period(a, b) for a, b in itertools.pairwise(cuts) if b > a)


def shift_periods(shifts: Sequence[Shift]) -> tuple[Period, ...]:
    """The periods of the day a team's ``shifts`` make (every ``from`` and ``until`` cuts the day), so that a
    plan sized on them changes the shifts as they are; empty when a shift runs on some weekdays only."""
    if not shifts or any(shift.days for shift in shifts):
        return ()
    cuts = sorted({edge for shift in shifts for edge in (shift.start, shift.until)})
    return tuple(Period(a, b) for a, b in itertools.pairwise(cuts) if b > a)


def _rate_at(schedule: tuple[RatePeriod, ...], time: float) -> float:
    """The rate of a daily schedule at time of day ``time`` (after the last period, the first one's rate)."""
    for period in schedule:
        if time < period.until:
            return period.rate
    return schedule[0].rate


def _mean_rate(arrival: Arrival, period: Period) -> float:
    """The mean rate of one entry stream over ``period`` (its own rate when it has no schedule)."""
    if not arrival.schedule:
        return arrival.rate or 0.0
    inside = {p.until for p in arrival.schedule if period.start < p.until < period.end}
    cuts = sorted({period.start, period.end} | inside)
    total = sum(_rate_at(arrival.schedule, a) * (b - a) for a, b in itertools.pairwise(cuts))
    return total / (period.end - period.start)


def rate_between(journey: Journey, period: Period) -> dict[str, float]:
    """The mean rate of the entry streams over ``period`` (customers per time unit, by entry touchpoint)."""
    rates: dict[str, float] = {}
    for arrival in journey.arrivals:
        rates[arrival.touchpoint] = rates.get(arrival.touchpoint, 0.0) + _mean_rate(arrival, period)
    return rates


def steady_journey(journey: Journey, period: Period | None = None) -> Journey:
    """The journey with every scheduled entry stream at a steady rate (its mean over ``period``; without a
    period the schedules are left as they are), without a horizon: the queues in steady state at that
    period's load."""
    arrivals = tuple(arrival.replace(rate=_mean_rate(arrival, period), schedule=())
                     if arrival.schedule and period is not None else arrival for arrival in journey.arrivals)
    return journey.replace(arrivals=arrivals, horizon=None)


def offered_rate(journey: Journey, touchpoint: str) -> float:
    """Customers per time unit arriving at ``touchpoint`` in steady state (schedules averaged over the day)."""
    from journeymap.analysis.flows import queue_flows

    tp = journey.touchpoint(touchpoint)
    return float(queue_flows(journey).table.loc[tp.id, "served_rate"])


def merged_touchpoint(touchpoints: Sequence[Touchpoint], rates: Sequence[float]) -> Touchpoint:
    """The one touchpoint an Erlang formula sees for a pool that serves ``touchpoints`` (one queue) with arrivals
    at ``rates``: the mixture of their service times (a gamma time with the mixture's mean and variability,
    unless they are all the same) and, when every one has a patience, their rate-weighted mean patience (else
    none: Erlang C)."""
    total = sum(rates)
    weights = [rate / total for rate in rates] if total > 0 else [1 / len(rates)] * len(rates)
    services = [tp.service_time for tp in touchpoints]
    assert all(service is not None for service in services)
    mean = sum(w * float(s.mean) for w, s in zip(weights, services, strict=True))  # type: ignore[union-attr]
    second = sum(w * (float(s.scv) + 1) * float(s.mean) ** 2  # type: ignore[union-attr]
                 for w, s in zip(weights, services, strict=True))
    sd = math.sqrt(max(second - mean**2, 0.0))
    if all(service == services[0] for service in services):
        service = services[0]
    else:  # a mixture of exponentials of different means is more variable than one exponential: not one
        service = Exponential(mean) if math.isclose(sd, mean, rel_tol=1e-9) else Gamma(mean, sd)
    patience = None
    if all(tp.patience is not None for tp in touchpoints):
        patiences = [tp.patience for tp in touchpoints]
        patience = patiences[0] if all(p == patiences[0] for p in patiences) else Exponential(
            sum(w * float(p.mean) for w, p in zip(weights, patiences, strict=True)))  # type: ignore[union-attr]
    return Touchpoint("+".join(tp.id for tp in touchpoints), service_time=service, patience=patience)


def erlang_level(touchpoint: Touchpoint, rate: float, servers: int, wait: float) -> float:
    """The service level (share served within ``wait``) Erlang C or Erlang A gives ``touchpoint`` with
    ``servers`` at arrival ``rate`` (0 when the queue has no steady state)."""
    from journeymap.analysis.queueing import queue_figures

    service, patience = touchpoint.service_time, touchpoint.patience
    if service is None:
        return 1.0
    figures = queue_figures(rate, float(service.mean), float(service.scv), servers,
                            float(patience.mean) if patience is not None else None,
                            patience_is_exponential=patience is None or isinstance(patience, Exponential),
                            service_is_exponential=isinstance(service, Exponential), standard=wait)
    return figures.service_level if figures.stable and math.isfinite(figures.service_level) else 0.0


def erlang_capacity(touchpoint: Touchpoint, rate: float, target: ServiceTarget) -> int:
    """The smallest number of servers whose Erlang service level meets ``target`` at arrival ``rate`` (0 when
    nobody arrives); :data:`~journeymap.model.limits.MAX_CAPACITY` at most."""
    if rate <= 0:
        return 0
    service = touchpoint.service_time
    load = rate * float(service.mean) if service is not None else 0.0
    servers = 1 if touchpoint.patience is not None else max(1, math.floor(load))  # below the load: no steady state
    while servers < MAX_CAPACITY and erlang_level(touchpoint, rate, servers, target.wait) < target.share:
        servers += 1
    return servers
