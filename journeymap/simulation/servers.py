"""Who serves each touchpoint in one replication: its own pool of servers or its team's, with their shifts.

:class:`Servers` is built from the journey before the stations: one :class:`~journeymap.simulation.pools.Pool`
per team (shared by the team's touchpoints) and one per touchpoint with servers of its own, the weekly
capacity steps of every pool with shifts, and the capacity each station shows. Once the stations exist,
:meth:`Servers.meter_teams` hands each team a :class:`~journeymap.simulation.team_meter.TeamMeter` of its
server time by hour of day. The engine starts the shift changes and the meters and reads their totals.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from journeymap.model import Journey
from journeymap.model.teams import capacity_steps
from journeymap.model.units import convert
from journeymap.simulation.pools import Pool
from journeymap.simulation.preemption import PreemptivePool
from journeymap.simulation.station import Station
from journeymap.simulation.team_meter import HOURS, TeamMeter

__all__ = ["Servers"]


class Servers:
    """The pools of ``journey``'s touchpoints (``pools[k]`` serves touchpoint ``k``), the pools whose
    capacity follows shifts (``schedules``: pool and weekly ``(time, capacity)`` steps) and, once
    :meth:`meter_teams` has run, one meter per team (``meters``, in the journey's order of teams)."""

    def __init__(self, journey: Journey) -> None:
        self.journey = journey
        self.schedules: list[tuple[Pool, list[tuple[float, int]]]] = []
        day = convert(1.0, "day", journey.time_unit)
        ranked = len({segment.priority for segment in journey.segments}) > 1
        teams = {team.id: self._pool(team.capacity, team.shifts, day, preemptive=ranked and team.preemptive is True)
                 for team in journey.teams}
        self.pools: list[Pool] = []
        for tp in journey.touchpoints:
            team = journey.team_of(tp)
            if tp.service_time is None:  # an instantaneous contact takes no server's time: nobody waits
                self.pools.append(Pool(math.inf))
            else:
                self.pools.append(teams[team.id] if team is not None else self._pool(tp.capacity, tp.shifts, day))
        self.meters: list[TeamMeter] = []

    def _pool(self, capacity: int | None, shifts: Any, day: float, *, preemptive: bool = False) -> Pool:
        kind = PreemptivePool if preemptive else Pool
        if not shifts:
            return kind(math.inf if capacity is None else capacity)
        steps = capacity_steps(shifts, day)
        pool = kind(steps[0][1])
        if len(steps) > 1:
            self.schedules.append((pool, steps))
        return pool

    def nominal(self, k: int) -> int | None:
        """The capacity station ``k`` shows: its own or its team's, or the most servers of the shifts
        (``None``: unlimited)."""
        journey = self.journey
        tp = journey.touchpoints[k]
        team = journey.team_of(tp)
        owner = team if team is not None else tp
        if owner.capacity is not None:
            return owner.capacity
        return max((shift.capacity for shift in owner.shifts), default=None)

    def meter_teams(self, stations: Sequence[Station]) -> list[TeamMeter]:
        """One meter of server time by hour of day per team, over the team's ``stations``."""
        journey = self.journey
        hour = convert(1.0, "hour", journey.time_unit)
        self.meters = []
        for team in journey.teams:
            served = [stations[k] for k, tp in enumerate(journey.touchpoints)
                      if (found := journey.team_of(tp)) is not None and found.id == team.id]
            self.meters.append(TeamMeter(served[0].pool if served else Pool(0), served, hour))
        return self.meters

    def varies(self, pool: Pool) -> bool:
        """Whether ``pool``'s capacity is not simply a station's own: it follows shifts or is a team's."""
        return (any(pool is scheduled for scheduled, _ in self.schedules)
                or sum(1 for other in self.pools if other is pool) > 1 or any(m.pool is pool for m in self.meters))

    def team_statistics(self) -> dict[str, np.ndarray]:
        """Per team: busy and scheduled server time by hour of day (see :class:`TeamMeter`)."""
        return {
            "busy_by_hour": np.array([m.busy for m in self.meters], dtype=float).reshape(-1, HOURS),
            "capacity_by_hour": np.array([m.capacity for m in self.meters], dtype=float).reshape(-1, HOURS),
        }
