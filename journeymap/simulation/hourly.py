"""A touchpoint's utilisation and waits by hour of the day, for journeys whose arrivals follow a daily schedule.

The averages over a run hide the morning peak; these figures split them by the hour of the day. Each
station of such a journey keeps an :class:`HourOfDay`: the busy server time falling in each hour of the
day (everybody present after the warm-up, like the utilisation) and the waits of the customers the
statistics follow, by the hour they came to the queue (served or abandoned). :func:`by_hour` pools the
replications:

- ``utilization``: busy server time in that hour of the day ÷ the server time scheduled in it (capacity ×
  the time the runs spent in it; by the shifts for a touchpoint with shifts; for a touchpoint served by a
  team, the team's scheduled time, so that it reads as the share of the team's servers it takes);
- ``mean_wait``: the mean wait of the customers who came to the queue in that hour;
- ``customers``: how many of them came to the queue in that hour, over every replication (the count
  behind ``mean_wait``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from journeymap.model import Journey
from journeymap.model.teams import capacity_steps
from journeymap.model.units import convert

__all__ = ["HOURLY_COLUMNS", "HourOfDay", "by_hour"]

HOURLY_COLUMNS = ("utilization", "mean_wait", "customers")
"""The columns of :func:`by_hour`."""

HOURS = 24


class HourOfDay:
    """The counters of one station by hour of the day; ``hour`` and ``day`` in the journey's time unit."""

    __slots__ = ("busy", "day", "hour", "wait_count", "wait_sum")

    @classmethod
    def of(cls, journey: Journey) -> HourOfDay | None:
        """A station's counters by hour of the day, for a journey whose arrivals follow a daily schedule
        (``None`` otherwise: nothing changes with the hour)."""
        if not any(arrival.schedule for arrival in journey.arrivals):
            return None
        return cls(convert(1.0, "hour", journey.time_unit), convert(1.0, "day", journey.time_unit))

    def __init__(self, hour: float, day: float) -> None:
        self.hour = hour
        self.day = day
        self.busy = np.zeros(HOURS)
        self.wait_sum = np.zeros(HOURS)
        self.wait_count = np.zeros(HOURS)

    def slot(self, time: float) -> int:
        """The hour of the day ``time`` falls in (0–23)."""
        return min(HOURS - 1, int((time % self.day) // self.hour))

    def busy_between(self, start: float, end: float, servers: int) -> None:
        """``servers`` busy from ``start`` to ``end``: their time added to the hours it falls in."""
        hour = self.hour
        while start < end:
            boundary = (start // hour + 1) * hour
            step = min(end, boundary) - start
            self.busy[self.slot(start)] += servers * step
            start = boundary if boundary < end else end

    def wait(self, came: float, waited: float) -> None:
        """A customer who came to the queue at ``came`` waited ``waited``."""
        slot = self.slot(came)
        self.wait_sum[slot] += waited
        self.wait_count[slot] += 1


def observed_hours(start: float, end: float, hour: float, day: float) -> np.ndarray:
    """The time from ``start`` to ``end`` that falls in each hour of the day."""
    def upto(time: float) -> np.ndarray:
        days = math.floor(time / day)
        within = time - days * day
        return days * hour + np.clip(within - np.arange(HOURS) * hour, 0.0, hour)

    return upto(end) - upto(start)


def scheduled_hours(steps: Sequence[tuple[float, int]], start: float, end: float, hour: float,
                    day: float) -> np.ndarray:
    """The server time weekly capacity ``steps`` (see :func:`~journeymap.model.teams.capacity_steps`) schedule
    from ``start`` to ``end`` in each hour of the day."""
    week = 7 * day
    total = np.zeros(HOURS)
    first = math.floor(start / week)
    for number in range(first, math.floor(end / week) + 1):
        base = number * week
        edges = [base + at for at, _ in steps] + [base + week]
        for (a, b), (_, capacity) in zip(itertools.pairwise(edges), steps, strict=True):
            low, high = max(a, start), min(b, end)
            if capacity and high > low:
                total += capacity * observed_hours(low, high, hour, day)
    return total


def by_hour(journey: Journey, replications: Sequence[Any], touchpoint: str) -> pd.DataFrame:
    """The figures of ``touchpoint`` by hour of the day over ``replications`` (their
    :class:`~journeymap.simulation.replication.ReplicationStats`): index 0–23, columns :data:`HOURLY_COLUMNS`
    (see the module). ``ValueError`` for a journey without a daily schedule (nothing was counted by hour)."""
    tp = journey.touchpoint(touchpoint)
    index = journey.touchpoint_ids.index(tp.id)
    if any("hour_busy" not in stats.touchpoints for stats in replications):
        raise ValueError("figures by hour of the day are kept for journeys whose arrivals follow a daily schedule")
    hour, day = convert(1.0, "hour", journey.time_unit), convert(1.0, "day", journey.time_unit)
    observed = sum(observed_hours(stats.start, stats.end, hour, day) for stats in replications)
    busy = sum(stats.touchpoints["hour_busy"][index] for stats in replications)
    waits = sum(stats.touchpoints["hour_wait_sum"][index] for stats in replications)
    count = sum(stats.touchpoints["hour_wait_count"][index] for stats in replications)
    team = journey.team_of(tp)
    if team is not None:
        scheduled = sum(stats.teams["capacity_by_hour"][stats.team_ids.index(team.id)] for stats in replications)
    elif tp.shifts:
        steps = capacity_steps(tp.shifts, day)
        scheduled = sum(scheduled_hours(steps, stats.start, stats.end, hour, day) for stats in replications)
    else:
        scheduled = (tp.capacity if tp.capacity is not None else math.nan) * observed
    with np.errstate(divide="ignore", invalid="ignore"):
        table = {"utilization": busy / scheduled, "mean_wait": waits / count, "customers": count}
    return pd.DataFrame(table, index=pd.RangeIndex(HOURS, name="hour")).replace([np.inf, -np.inf], np.nan)
