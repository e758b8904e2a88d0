"""The figures of the teams (shared pools of servers): utilisation, scheduled hours and cost.

Per replication, from the server time each team's :class:`~journeymap.simulation.team_meter.TeamMeter`
put in the 24 bins of the hour of day (over the observed time, after the warm-up):

- ``utilization``: busy server time ÷ scheduled server time (capacity × time, shifts included);
- ``mean_capacity``: servers scheduled on average over the observed time;
- ``scheduled_hours`` / ``busy_hours``: server hours scheduled (paid, busy or idle) / spent serving;
- ``cost``: ``cost_per_hour`` × ``scheduled_hours`` (empty without a ``cost_per_hour``).

:func:`team_tables` puts the replications together with 95% intervals, like the touchpoints' tables,
and :func:`hourly_utilization` gives the utilisation by hour of day with its interval.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from journeymap.model import Journey
from journeymap.model.units import convert
from journeymap.simulation.replication import ReplicationStats

__all__ = ["TEAM_METRICS", "hourly_utilization", "team_metrics"]

TEAM_METRICS: dict[str, str] = {
    "utilization": "busy server time ÷ scheduled server time (shifts included)",
    "mean_capacity": "servers scheduled on average over the observed time",
    "scheduled_hours": "server hours scheduled (paid for, busy or idle) over the observed time",
    "busy_hours": "server hours spent serving customers over the observed time",
    "cost": "cost_per_hour × scheduled_hours (empty without a cost_per_hour)",
}
"""The per-team figures (columns of ``SimulationResult.teams``)."""


def team_metrics(journey: Journey, stats: ReplicationStats) -> pd.DataFrame:
    """The figures of every team in one replication: index team id, columns :data:`TEAM_METRICS`."""
    busy = stats.teams.get("busy_by_hour", np.zeros((0, 24))).sum(axis=1)
    scheduled = stats.teams.get("capacity_by_hour", np.zeros((0, 24))).sum(axis=1)
    hours = convert(1.0, "hour", journey.time_unit)
    costs = np.array([math.nan if team.cost_per_hour is None else float(team.cost_per_hour) for team in journey.teams])
    duration = stats.duration
    with np.errstate(divide="ignore", invalid="ignore"):
        table = {
            "utilization": busy / scheduled,
            "mean_capacity": scheduled / duration if duration > 0 else scheduled * np.nan,
            "scheduled_hours": scheduled / hours,
            "busy_hours": busy / hours,
            "cost": costs * scheduled / hours,
        }
    return pd.DataFrame(table, index=pd.Index(stats.team_ids, name="team")).replace([np.inf, -np.inf], np.nan)


def hourly_utilization(stats: Sequence[ReplicationStats], confidence_interval: object) -> pd.DataFrame:
    """Utilisation of each team by hour of day: index ``(team, hour)`` (hour 0–23), columns ``mean``,
    ``ci_low``, ``ci_high``, ``n`` over the replications (``confidence_interval`` summarises a stack);
    empty where no server was scheduled in that hour."""
    ids = stats[0].team_ids
    if not ids:
        return pd.DataFrame(columns=["mean", "ci_low", "ci_high", "n"],
                            index=pd.MultiIndex.from_tuples([], names=["team", "hour"]))
    with np.errstate(divide="ignore", invalid="ignore"):
        cube = np.stack([s.teams["busy_by_hour"] / s.teams["capacity_by_hour"] for s in stats])
    ci = confidence_interval(cube.reshape(len(stats), -1))  # type: ignore[operator]
    index = pd.MultiIndex.from_product([ids, range(24)], names=["team", "hour"])
    frame = pd.DataFrame({key: ci[key] for key in ("mean", "ci_low", "ci_high", "n")}, index=index)
    frame[["ci_low", "ci_high"]] = frame[["ci_low", "ci_high"]].clip(lower=0.0)  # above 1: servers staying past a shift
    frame["n"] = frame["n"].astype(int)
    return frame
