"""What a team's servers did, by hour of day: busy and scheduled server time, for utilisation and cost."""

from __future__ import annotations

import math
from collections.abc import Generator, Sequence
from typing import Any

import numpy as np
import simpy

from journeymap.simulation.pools import Pool
from journeymap.simulation.station import Station

__all__ = ["HOURS", "TeamMeter"]

HOURS = 24
"""Bins of the team figures by hour of day."""


class TeamMeter:
    """Busy and scheduled server time of one team's pool by hour of day (``hour``: an hour in the
    journey's time unit), read at every hour's end from the team's ``stations``."""

    __slots__ = ("busy", "capacity", "hour", "last_busy", "last_capacity", "pool", "stations")

    def __init__(self, pool: Pool, stations: Sequence[Station], hour: float) -> None:
        self.pool = pool
        self.stations = list(stations)
        self.hour = hour
        self.busy = np.zeros(HOURS)
        self.capacity = np.zeros(HOURS)
        self.last_busy = self.last_capacity = 0.0

    def read(self, now: float) -> tuple[float, float]:
        """Busy and scheduled server time so far (the integrals brought up to ``now``)."""
        for station in self.stations:
            station.advance(now)
        self.pool.measure(now)
        return sum(station.busy_area for station in self.stations), self.pool.capacity_area

    def tick(self, now: float) -> None:
        """Put the server time since the last tick into the bin of the hour that ends at ``now``."""
        busy, capacity = self.read(now)
        bin_ = (math.ceil(now / self.hour) - 1) % HOURS
        self.busy[bin_] += busy - self.last_busy
        self.capacity[bin_] += capacity - self.last_capacity
        self.last_busy, self.last_capacity = busy, capacity

    def reset(self) -> None:
        """Start afresh (the end of the warm-up: the stations' and pool's integrals were reset)."""
        self.busy[:] = 0.0
        self.capacity[:] = 0.0
        self.last_busy = self.last_capacity = 0.0

    def hourly(self, env: simpy.Environment) -> Generator[Any]:
        """A SimPy process ticking at the end of every hour."""
        while True:
            yield env.timeout(self.hour)
            self.tick(env.now)
