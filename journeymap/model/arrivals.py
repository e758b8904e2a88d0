"""How many customers enter the cycle, and where: a fact about a journey's arrivals, not an analysis."""

from __future__ import annotations

from journeymap.model.journey import Journey
from journeymap.model.units import convert

__all__ = ["mean_arrival_rate"]


def mean_arrival_rate(journey: Journey) -> dict[str, float]:
    """Customers per time unit entering at each entry touchpoint, daily schedules averaged over the day
    (after a schedule's last period, its first period's rate holds again until midnight)."""
    day = convert(1.0, "day", journey.time_unit)
    rates: dict[str, float] = {}
    for arrival in journey.arrivals:
        if arrival.schedule:
            start, total = 0.0, 0.0
            for period in arrival.schedule:
                total += period.rate * (min(period.until, day) - start)
                start = min(period.until, day)
            total += arrival.schedule[0].rate * (day - start)  # after the last period, the first rate again
            rate = total / day
        else:
            rate = arrival.rate or 0.0
        rates[arrival.touchpoint] = rates.get(arrival.touchpoint, 0.0) + rate
    return rates
