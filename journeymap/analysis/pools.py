"""Which touchpoints share servers, and how many servers a pool has on average (teams and shifts).

A touchpoint served by a team shares the team's servers with the team's other touchpoints; a pool
with shifts has, over a week, the average of its shifts' capacities (an approximation for the
steady-state formulas, which know no time of day: the simulation follows the shifts exactly).
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.model import Journey
from journeymap.model.teams import mean_capacity
from journeymap.model.units import convert

__all__ = ["Pool", "pools"]


@dataclass(frozen=True)
class Pool:
    """The servers of one touchpoint: ``members`` (the ids of the touchpoints sharing them, in the
    journey's order), ``servers`` on average (``None``: unlimited) and whether ``shifts`` change them."""

    members: tuple[str, ...]
    servers: float | None
    shifts: bool = False


def pools(journey: Journey) -> dict[str, Pool]:
    """The pool of every touchpoint of ``journey``, by touchpoint id."""
    day = convert(1.0, "day", journey.time_unit)
    members: dict[str, list[str]] = {}
    for tp in journey.touchpoints:
        team = journey.team_of(tp)
        if team is not None:
            members.setdefault(team.id, []).append(tp.id)
    found = {}
    for tp in journey.touchpoints:
        team = journey.team_of(tp)
        if team is not None:
            servers = team.capacity if team.capacity is not None else mean_capacity(team.shifts, day)
            found[tp.id] = Pool(tuple(members[team.id]), float(servers), bool(team.shifts))
        elif tp.shifts:
            found[tp.id] = Pool((tp.id,), mean_capacity(tp.shifts, day), True)
        else:
            found[tp.id] = Pool((tp.id,), None if tp.capacity is None else float(tp.capacity))
    return found
