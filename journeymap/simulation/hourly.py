"""A touchpoint's utilisation and waits by hour of the day, from a result's event log.

For a journey whose arrivals follow a daily schedule, the averages over the run hide the morning peak;
these figures split them by the hour of the day. They are read from the event log kept in memory
(``simulate(..., events=True)``), so they cover the customers the statistics follow (everybody in a
terminating run; with the cohort rule, the others' services are not in the log), pooled over the
replications:

- ``utilization``: server time busy with them in that hour of the day ÷ (capacity × the time the runs
  spent in that hour of the day);
- ``mean_wait``: the mean wait of the customers who came to the queue in that hour (served or abandoned);
- ``arrivals``: how many came to the touchpoint in that hour, per day observed.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from journeymap.model.units import convert

if TYPE_CHECKING:
    from journeymap.simulation.result import SimulationResult

__all__ = ["HOURLY_COLUMNS", "by_hour"]

HOURLY_COLUMNS = ("utilization", "mean_wait", "arrivals")
"""The columns of :func:`by_hour`."""


def _in_hours(times: np.ndarray, hour: float, day: float) -> np.ndarray:
    """Time spent in each hour of the day from 0 to ``times``: one row per time, 24 columns."""
    days = np.floor(times / day)
    within = times - days * day
    starts = np.arange(24) * hour
    return days[:, None] * hour + np.clip(within[:, None] - starts[None, :], 0.0, hour)


def _pairs(frame: pd.DataFrame, first: tuple[str, ...], second: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The times of each ``first`` event and of the ``second`` event that closes it, per customer in order."""
    opened = frame[frame["lifecycle"].isin(first)]
    closed = frame[frame["lifecycle"].isin(second)]
    left = opened.assign(k=opened.groupby("case", observed=True).cumcount())
    right = closed.assign(k=closed.groupby("case", observed=True).cumcount())
    joined = left.merge(right, on=["case", "k"], suffixes=("_a", "_b"))
    return joined["time_a"].to_numpy(dtype=float), joined["time_b"].to_numpy(dtype=float)


def by_hour(result: SimulationResult, touchpoint: str) -> pd.DataFrame:
    """The figures of ``touchpoint`` by hour of the day (index 0–23, columns :data:`HOURLY_COLUMNS`; see the
    module). ``ValueError`` when the result kept no event log."""
    journey = result.journey
    tp = journey.touchpoint(touchpoint)
    frames = [stats.events for stats in result.stats]
    if any(frame is None for frame in frames):
        raise ValueError("figures by hour of the day need the event log: simulate with events=True")
    hour, day = convert(1.0, "hour", journey.time_unit), convert(1.0, "day", journey.time_unit)
    busy = np.zeros(24)
    observed = np.zeros(24)
    waits = np.zeros(24)
    ended = np.zeros(24)
    for stats, frame in zip(result.stats, frames, strict=True):
        mine = frame[frame["touchpoint"] == tp.id]
        observed += (_in_hours(np.array([stats.end]), hour, day) - _in_hours(np.array([stats.start]), hour, day))[0]
        start, end = _pairs(mine, ("start",), ("complete",))
        busy += (_in_hours(end, hour, day) - _in_hours(start, hour, day)).sum(axis=0)
        came, left = _pairs(mine, ("enqueue",), ("start", "abandon"))
        slot = (np.floor((came % day) / hour).astype(int)).clip(0, 23)
        np.add.at(waits, slot, left - came)
        np.add.at(ended, slot, 1)
    days = observed / hour
    capacity = tp.capacity if tp.capacity is not None else math.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        table = {"utilization": busy / (capacity * observed), "mean_wait": waits / ended,
                 "arrivals": np.where(days > 0, ended / days, np.nan)}
    return pd.DataFrame(table, index=pd.RangeIndex(24, name="hour")).replace([np.inf, -np.inf], np.nan)
