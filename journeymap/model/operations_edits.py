"""The edits of how a journey is staffed and whom it serves: teams, their shifts and costs, and customer segments.

Pure edits like those of :mod:`journeymap.model.edits`: each takes a journey and returns a new one.
Scenarios and sweeps change a team's servers with :func:`set_team_capacity` and :func:`scale_team_capacity`
(at all times, or in the shifts that start at a time of day); the workbench's Teams and Segments tabs add,
change and remove teams, shifts and segments with the rest.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from typing import Any

from journeymap.errors import EditError, NotFound, UnitError, did_you_mean, find
from journeymap.model.edit_checks import _EPS, _factor, _name, _number, unique_id
from journeymap.model.journey import Journey
from journeymap.model.segments import Segment
from journeymap.model.teams import WEEKDAYS, Shift, Team
from journeymap.model.units import convert, parse_time_of_day
from journeymap.model.wording import clock

__all__ = [
    "add_segment",
    "add_shift",
    "add_team",
    "remove_segment",
    "remove_shift",
    "remove_team",
    "scale_team_capacity",
    "set_cost_per_contact",
    "set_segment",
    "set_shift",
    "set_team_capacity",
    "set_team_cost",
    "set_touchpoint_team",
    "use_team_capacity",
]


# -- a team's servers (scenarios and sweeps) ----------------------------------------------------------
def _servers(value: Any, *, zero: bool) -> int:
    """A whole number of servers (at least one, or at least zero for a shift)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"'capacity' must be a whole number of servers (got {value!r})")
    if value < (0 if zero else 1):
        raise EditError(f"'capacity' must be {'0 or more' if zero else 'a positive int'} (got {value!r})")
    return int(value)


def _shift_indices(journey: Journey, team: str, shift: float | str) -> list[int]:
    """The positions, in team ``team``'s shifts, of those that start at time of day ``shift``."""
    shifts = journey.team(team).shifts
    start = parse_time_of_day(shift, journey.time_unit)
    found = [i for i, s in enumerate(shifts) if math.isclose(s.start, start, rel_tol=0, abs_tol=_EPS)]
    if not found:
        starts = list(dict.fromkeys(clock(s.start, journey.time_unit) for s in shifts))
        raise NotFound("shift", clock(start, journey.time_unit), [],
                       text=f"team '{team}' has no shift starting at {clock(start, journey.time_unit)}",
                       tail=f" (its shifts start at: {', '.join(starts) or 'none'})")
    return found


def _with_shift_capacities(journey: Journey, team: str, indices: Iterable[int], capacity: Any) -> Journey:
    """Team ``team`` with ``capacity(old)`` servers in each of its shifts at ``indices``."""
    chosen = set(indices)
    shifts = tuple(s.replace(capacity=capacity(s.capacity)) if i in chosen else s
                   for i, s in enumerate(journey.team(team).shifts))
    return journey.update_team(team, shifts=shifts)


def set_team_capacity(journey: Journey, team: str, capacity: int, *, shift: float | str | None = None) -> Journey:
    """The journey with team ``team`` given ``capacity`` servers: at all times, or (``shift="07:00"``) in
    its shifts that start at that time of day. A team that works in shifts refuses a capacity for all
    times: name the shift, or scale the team (:func:`scale_team_capacity`)."""
    if shift is None:
        if journey.team(team).shifts:
            raise EditError(f"team '{team}' works in shifts: set the capacity of one shift "
                            f"(team.{team}.shifts.<from>.capacity) or scale the team's capacity")
        return journey.update_team(team, capacity=_servers(capacity, zero=False))
    servers = _servers(capacity, zero=True)
    return _with_shift_capacities(journey, team, _shift_indices(journey, team, shift), lambda _: servers)


def scale_team_capacity(journey: Journey, team: str, factor: float, *, shift: float | str | None = None) -> Journey:
    """The journey with team ``team``'s servers multiplied by ``factor``, rounded to whole servers: its
    capacity, or each of its shifts (only those starting at ``shift`` when given). A shift keeps at least
    one server when it had any; one with none stays closed."""
    factor = _factor(factor)
    pool = journey.team(team)
    if not pool.shifts:
        if shift is not None:
            raise EditError(f"team '{team}' has no shifts: scale its capacity without naming a shift")
        return journey.update_team(team, capacity=max(1, round((pool.capacity or 1) * factor)))
    indices = range(len(pool.shifts)) if shift is None else _shift_indices(journey, team, shift)
    return _with_shift_capacities(journey, team, indices,
                                  lambda servers: max(1, round(servers * factor)) if servers else 0)


# -- teams, shifts, costs and segments (the workbench's forms) -----------------------------------------

_DAY_MINUTES = 24 * 60


def _money(value: Any, what: str) -> float | None:
    """An amount of money, 0 or more, or ``None`` (not given)."""
    if value is None:
        return None
    amount = _number(value, what)
    if amount < 0:
        raise EditError(f"'{what}' must be 0 or more (got {value!r})")
    return amount


def _users_of_team(journey: Journey, team: str) -> list[str]:
    """The touchpoints that name ``team`` as their ``team``."""
    return [tp.id for tp in journey.touchpoints if tp.team == team]


def add_team(journey: Journey, name: str, *, capacity: int = 1) -> Journey:
    """The journey with a new team called ``name`` (a fresh id made from it) of ``capacity`` servers at all
    times; it serves no touchpoint until one names it (:func:`set_touchpoint_team`)."""
    name = _name(name, "team")
    team = Team(unique_id(name, (t.id for t in journey.teams)), name, capacity=_servers(capacity, zero=False))
    return journey.replace(teams=(*journey.teams, team))


def remove_team(journey: Journey, team: str, *, detach: bool = False) -> Journey:
    """The journey without team ``team``. While touchpoints name it (``team: <id>``) it is refused, naming
    them; with ``detach=True`` they are let go first (``team`` cleared: a touchpoint without servers of its
    own then serves everyone at once, so give it a capacity or another team)."""
    if not isinstance(detach, bool):
        raise TypeError(f"'detach' must be True or False (got {detach!r})")
    gone = journey.team(team)
    users = _users_of_team(journey, gone.id)
    if users and not detach:
        raise EditError(f"team '{gone.id}' serves {', '.join(repr(u) for u in users)}: give them another team "
                        "first, or remove it with detach=True")
    touchpoints = tuple(tp.replace(team=None) if tp.id in users else tp for tp in journey.touchpoints)
    return journey.replace(teams=tuple(t for t in journey.teams if t.id != gone.id), touchpoints=touchpoints)


def set_team_cost(journey: Journey, team: str, cost_per_hour: float | None) -> Journey:
    """The journey with team ``team`` paid ``cost_per_hour`` for each server of every scheduled hour
    (``None``: no cost given)."""
    journey.team(team)
    return journey.update_team(team, cost_per_hour=_money(cost_per_hour, "cost_per_hour"))


def use_team_capacity(journey: Journey, team: str, capacity: int) -> Journey:
    """The journey with team ``team`` working at all times with ``capacity`` servers, its shifts dropped."""
    journey.team(team)
    return journey.update_team(team, capacity=_servers(capacity, zero=False), shifts=())


def _shift_index(journey: Journey, team: str, index: int) -> int:
    shifts = journey.team(team).shifts
    if isinstance(index, bool) or not isinstance(index, numbers.Integral):
        raise TypeError(f"'index' must be the position of a shift, an int (got {index!r})")
    if not 0 <= index < len(shifts):
        raise NotFound("shift", index, [], text=f"team '{team}' has no shift number {index + 1}",
                       tail=f" (it has {len(shifts)})")
    return int(index)


def _days(days: Iterable[str] | str) -> tuple[str, ...]:
    """Weekday names (``("mon", "tue")``, or ``"mon, tue"``), checked against :data:`~journeymap.model.WEEKDAYS`."""
    names = [d.strip().lower() for d in (days.replace(",", " ").split() if isinstance(days, str) else days)]
    for name in names:
        if name not in WEEKDAYS:
            raise EditError(f"'days': no day '{name}'{did_you_mean(name, WEEKDAYS)} "
                            f"(days are {', '.join(WEEKDAYS)}; none: every day)")
    return tuple(dict.fromkeys(names))


def _time_of_day(value: Any, journey: Journey, what: str) -> float:
    try:
        return parse_time_of_day(value, journey.time_unit)
    except UnitError as exc:
        raise UnitError(f"'{what}': {exc}") from None


def add_shift(journey: Journey, team: str, start: float | str | None = None, until: float | str | None = None,
              capacity: int | None = None, days: Iterable[str] | str = ()) -> Journey:
    """The journey with a shift added to team ``team``: ``capacity`` servers from ``start`` until ``until``
    (times of day such as ``"08:00"``) on ``days`` (empty: every day). A team working at all times turns
    into one working shifts (its capacity dropped). Left out, the shift starts when the last one ends (or at
    08:00), lasts up to 8 hours within the day and keeps the team's servers."""
    pool = journey.team(team)
    day = convert(_DAY_MINUTES, "minute", journey.time_unit)
    if start is None:
        start_at = pool.shifts[-1].until if pool.shifts else convert(8 * 60, "minute", journey.time_unit)
        if start_at >= day - _EPS:
            raise EditError(f"team '{team}''s last shift ends at midnight: say when the new shift starts")
    else:
        start_at = _time_of_day(start, journey, "from")
    until_at = (min(start_at + convert(8 * 60, "minute", journey.time_unit), day) if until is None
                else _time_of_day(until, journey, "until"))
    servers = (capacity if capacity is not None
               else pool.capacity or (pool.shifts[-1].capacity if pool.shifts else 1))
    shift = Shift(start_at, until_at, _servers(servers, zero=True), _days(days))
    return journey.update_team(team, capacity=None, shifts=(*pool.shifts, shift))


def set_shift(journey: Journey, team: str, index: int, *, start: float | str | None = None,
              until: float | str | None = None, capacity: int | None = None,
              days: Iterable[str] | str | None = None) -> Journey:
    """The journey with shift number ``index`` (from 0) of team ``team`` changed: its ``start`` and ``until``
    (times of day such as ``"08:00"``), its ``capacity`` (0 or more servers) and ``days`` (weekday names;
    empty: every day). What is left out stays; overlaps with other shifts are validation's to report."""
    position = _shift_index(journey, team, index)
    shift = journey.team(team).shifts[position]
    changes: dict[str, Any] = {}
    if start is not None:
        changes["start"] = _time_of_day(start, journey, "from")
    if until is not None:
        changes["until"] = _time_of_day(until, journey, "until")
    if capacity is not None:
        changes["capacity"] = _servers(capacity, zero=True)
    if days is not None:
        changes["days"] = _days(days)
    shifts = list(journey.team(team).shifts)
    shifts[position] = shift.replace(**changes)
    return journey.update_team(team, shifts=tuple(shifts))


def remove_shift(journey: Journey, team: str, index: int) -> Journey:
    """The journey without shift number ``index`` (from 0) of team ``team``; a team's last shift is kept
    (a team needs servers: :func:`use_team_capacity` turns it into one working at all times)."""
    position = _shift_index(journey, team, index)
    shifts = journey.team(team).shifts
    if len(shifts) == 1:
        raise EditError(f"shift 1 is team '{team}''s only one: give the team a capacity for all times instead")
    return journey.update_team(team, shifts=shifts[:position] + shifts[position + 1:])


def set_touchpoint_team(journey: Journey, touchpoint: str, team: str | None) -> Journey:
    """The journey with ``touchpoint`` served by team ``team``'s servers (``None``: by none). Its own
    ``capacity`` and ``shifts`` are cleared, since they would win over the team (see
    :mod:`journeymap.model.teams`); with ``None`` it keeps whatever servers it has."""
    journey.touchpoint(touchpoint)
    if team is None:
        return journey.update_touchpoint(touchpoint, team=None)
    journey.team(team)
    return journey.update_touchpoint(touchpoint, team=team, capacity=None, shifts=())


def set_cost_per_contact(journey: Journey, touchpoint: str, cost: float | None) -> Journey:
    """The journey with ``touchpoint`` costing ``cost`` per contact served (``None``: no cost given)."""
    journey.touchpoint(touchpoint)
    return journey.update_touchpoint(touchpoint, cost_per_contact=_money(cost, "cost_per_contact"))


def _segment(journey: Journey, segment: str) -> Segment:
    return find(journey.segments, segment, "segment")


def add_segment(journey: Journey, name: str, *, share: float | None = None) -> Journey:
    """The journey with a new segment called ``name`` (a fresh id made from it). Its ``share`` defaults
    to what the other segments leave of 1 (the first segment: all of it; else often 0, to be raised)."""
    name = _name(name, "segment")
    if share is None:
        taken = sum(s.share or 0.0 for s in journey.segments)
        share = round(max(0.0, 1.0 - taken), 9)
    else:
        share = _probability_of(share, "share")
    segment = Segment(unique_id(name, (s.id for s in journey.segments)), name, share=share)
    return journey.replace(segments=(*journey.segments, segment))


def _probability_of(value: Any, what: str) -> float:
    number = _number(value, what)
    if not 0.0 <= number <= 1.0:
        raise EditError(f"'{what}' must be between 0 and 1 (got {value!r})")
    return number


def remove_segment(journey: Journey, segment: str) -> Journey:
    """The journey without ``segment``: its share goes to the other segments in proportion to theirs
    (equally when they have none), and the touchpoints' routes and satisfaction for it go too. Refused
    while an arrival brings only that segment (name the arrival's touchpoint)."""
    gone = _segment(journey, segment)
    entering = [a.touchpoint for a in journey.arrivals if a.segment == gone.id]
    if entering:
        raise EditError(f"segment '{gone.id}' is what arrives at {', '.join(repr(t) for t in entering)}: "
                        "change or remove those arrivals first")
    rest = [s for s in journey.segments if s.id != gone.id]
    freed = gone.share or 0.0
    total = sum(s.share or 0.0 for s in rest)
    if rest and freed > 0:
        rest = [s.replace(share=round((s.share or 0.0) + freed * ((s.share or 0.0) / total if total > _EPS
                                                                    else 1 / len(rest)), 9))
                for s in rest]
    touchpoints = tuple(
        tp.replace(next_by_segment={k: v for k, v in tp.next_by_segment.items() if k != gone.id},
                   satisfaction_by_segment={k: v for k, v in tp.satisfaction_by_segment.items() if k != gone.id})
        for tp in journey.touchpoints)
    return journey.replace(segments=tuple(rest), touchpoints=touchpoints)


def set_segment(journey: Journey, segment: str, *, name: str | None = None, share: float | None = None,
                priority: int | None = None, patience_factor: float | None = None) -> Journey:
    """The journey with ``segment`` changed: its ``name``, ``share`` (0 to 1; the shares of all segments
    must still sum to 1, which validation checks), ``priority`` (an integer, the smaller served first) and
    ``patience_factor`` (positive). What is left out stays."""
    old = _segment(journey, segment)
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = _name(name, "segment")
    if share is not None:
        changes["share"] = _probability_of(share, "share")
    if priority is not None:
        if isinstance(priority, bool) or not isinstance(priority, numbers.Integral):
            raise TypeError(f"'priority' must be an int, the smaller served first (got {priority!r})")
        changes["priority"] = int(priority)
    if patience_factor is not None:
        factor = _number(patience_factor, "patience_factor")
        if factor <= 0:
            raise EditError(f"'patience_factor' must be a positive number (got {patience_factor!r})")
        changes["patience_factor"] = factor
    new = old.replace(**changes)
    return journey.replace(segments=tuple(new if s.id == old.id else s for s in journey.segments))
