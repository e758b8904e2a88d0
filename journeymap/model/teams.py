"""Teams of servers shared by several touchpoints, and shifts: how many servers work when.

A :class:`Team` is one pool of servers with one queue: every touchpoint it serves (``team: <id>``)
draws from the same servers, first come first served across them. A :class:`Shift` says how many
servers work from one time of day until another, on some weekdays or every day; outside every shift
nobody works (capacity 0: customers queue until a shift begins). Shifts belong to a team or to a
touchpoint's own capacity (``Touchpoint.shifts``).

**Which servers serve a touchpoint** (:meth:`Journey.team_of <journeymap.model.Journey.team_of>`):
its own ``capacity`` or ``shifts`` when it has them (they always win: an edit such as
``set: phone_agent.capacity`` in a scenario gives the touchpoint servers of its own, taking it out of its
team, and :func:`journeymap.validate` warns when a file says both); else the team its ``team`` names;
else the team whose id is its ``owner`` (``team`` wins over ``owner``; an ``owner`` that names no team is
only the name of who answers for it).

Times of day are in the journey's time unit since midnight; time zero of a simulation is a Monday at
midnight, so ``days`` count from it (``mon`` is the first day). A shift cannot run past midnight:
split a night shift in two (``22:00``–``24:00`` and ``00:00``–``06:00`` on the next day).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from journeymap.model.values import Value as _Value

__all__ = ["WEEKDAYS", "Shift", "Team", "capacity_steps", "mean_capacity", "scheduled_capacity"]

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""The weekday names a shift's ``days`` take; time zero of a simulation is a Monday at midnight."""


@dataclass(frozen=True)
class Shift(_Value):
    """``capacity`` servers at work from time of day ``start`` (``from:`` in a file) until ``until``,
    on ``days`` (weekday names from :data:`WEEKDAYS`; empty: every day)."""

    start: float
    until: float
    capacity: int
    days: tuple[str, ...] = ()
    notes: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "days", tuple(self.days))

    def works_on(self, weekday: int) -> bool:
        """True when the shift runs on day ``weekday`` of the week (0: Monday)."""
        return not self.days or WEEKDAYS[weekday % 7] in self.days


@dataclass(frozen=True)
class Team(_Value):
    """A pool of servers shared by the touchpoints that name it: ``capacity`` servers at all times, or
    by ``shifts``; ``cost_per_hour`` is paid for each server of every scheduled hour, busy or idle.
    ``preemptive``: a customer of a more urgent segment (smaller ``priority``) who finds every server busy
    takes the server of the least urgent customer being served, who goes back to the front of the queue
    of their priority and later resumes the rest of their service (preemptive-resume); by default a
    service is never interrupted."""

    id: str
    name: str = ""
    capacity: int | None = None
    shifts: tuple[Shift, ...] = ()
    cost_per_hour: float | None = None
    preemptive: bool = False
    notes: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "shifts", tuple(self.shifts))

    @property
    def label(self) -> str:
        """The name to show, falling back to the id."""
        return self.name or self.id


def capacity_steps(shifts: Sequence[Shift], day: float) -> list[tuple[float, int]]:
    """The weekly capacity of ``shifts`` as steps ``(time since Monday 00:00, capacity from then on)``,
    sorted, starting at 0 and merged where the capacity does not change (``day``: a day's length)."""
    edges = {0.0}
    for weekday in range(7):
        for shift in shifts:
            if shift.works_on(weekday):
                edges.update((weekday * day + shift.start, weekday * day + shift.until))
    steps: list[tuple[float, int]] = []
    for edge in sorted(t for t in edges if t < 7 * day):
        capacity = scheduled_capacity(shifts, edge, day)
        if not steps or steps[-1][1] != capacity:
            steps.append((edge, capacity))
    return steps


def scheduled_capacity(shifts: Sequence[Shift], t: float, day: float) -> int:
    """The servers at work at time ``t`` (since Monday 00:00 of the first week) by ``shifts``."""
    weekday, clock = divmod(t, day)
    return sum(shift.capacity for shift in shifts
               if shift.works_on(int(weekday)) and shift.start <= clock < shift.until)


def mean_capacity(shifts: Sequence[Shift], day: float) -> float:
    """The servers at work on average over a week of ``shifts`` (``day``: a day's length)."""
    work = sum(shift.capacity * (shift.until - shift.start) * (len(set(shift.days)) if shift.days else 7)
               for shift in shifts)
    return work / (7 * day)
