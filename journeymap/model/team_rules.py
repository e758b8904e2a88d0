"""What makes no sense in a journey's teams and shifts (part of :func:`journeymap.validate`).

Each rule returns :class:`~journeymap.errors.Issue` s with the field path they are about: a team
needs ``capacity`` or ``shifts`` (not both); a shift runs from a time of day to a later one, on known
weekdays, with a whole number of servers, and overlaps no other shift of the same pool on a shared
day; a touchpoint names a team that exists (a warning when it also has servers of its own, which win).
"""

from __future__ import annotations

from journeymap.errors import Issue, join
from journeymap.model.journey import Journey, Touchpoint
from journeymap.model.limits import MAX_CAPACITY
from journeymap.model.teams import WEEKDAYS, Shift, Team
from journeymap.model.units import TIME_UNITS, convert
from journeymap.model.wording import clock, is_number, number_text, unknown

__all__ = ["team_issues"]

_EPS = 1e-9


def _is_count(value: object, *, zero: bool) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)
            and (value >= 0 if zero else value > 0) and value <= MAX_CAPACITY)


def team_issues(journey: Journey) -> list[Issue]:
    """Every problem of the teams of ``journey`` and of the touchpoints' ``team`` and ``shifts``."""
    unit = journey.time_unit if journey.time_unit in TIME_UNITS else "minute"
    issues: list[Issue] = []
    team_ids = [team.id for team in journey.teams]
    priorities = {segment.priority for segment in journey.segments}
    for index, team in enumerate(journey.teams):
        issues += _team(team, f"teams[{index}]", unit)
        if team.preemptive is True and len(priorities) < 2:
            issues.append(Issue("'preemptive' has no effect: no two segments have different priorities",
                                f"teams[{index}].preemptive", "warning"))
    used = set()
    for index, tp in enumerate(journey.touchpoints):
        path = f"touchpoints[{index}]"
        issues += _touchpoint(tp, path, team_ids, unit)
        team = journey.team_of(tp)
        if team is not None:
            used.add(team.id)
    for index, team in enumerate(journey.teams):
        if team.id and team.id not in used:
            issues.append(Issue(f"team '{team.id}' serves no touchpoint (give a touchpoint 'team: {team.id}')",
                                f"teams[{index}]", "warning"))
    return issues


def _team(team: Team, path: str, unit: str) -> list[Issue]:
    issues: list[Issue] = []
    if team.capacity is not None and team.shifts:
        issues.append(Issue("give either 'capacity' or 'shifts', not both", path))
    elif team.capacity is None and not team.shifts:
        issues.append(Issue("missing 'capacity' (servers at all times) or 'shifts' (servers by time of day)",
                            join(path, "capacity")))
    elif team.capacity is not None and not _is_count(team.capacity, zero=False):
        issues.append(Issue(f"'capacity' must be a positive int, at most {MAX_CAPACITY:,} "
                            f"(got {number_text(team.capacity)})", join(path, "capacity")))
    if not isinstance(team.preemptive, bool):
        issues.append(Issue(f"'preemptive' must be true or false (got {number_text(team.preemptive)})",
                            join(path, "preemptive")))
    cost = team.cost_per_hour
    if cost is not None and not (is_number(cost) and cost >= 0):
        issues.append(Issue(f"'cost_per_hour' must be a number, 0 or more (got {number_text(cost)})",
                            join(path, "cost_per_hour")))
    issues += shift_issues(team.shifts, join(path, "shifts"), unit)
    return issues


def _touchpoint(tp: Touchpoint, path: str, team_ids: list[str], unit: str) -> list[Issue]:
    issues: list[Issue] = []
    if tp.team is not None:
        if tp.team not in team_ids:
            issues.append(Issue(unknown("team", tp.team, team_ids), join(path, "team")))
        for own in ("capacity", "shifts"):
            if getattr(tp, own):
                issues.append(Issue(f"its own '{own}' wins: team '{tp.team}' does not serve this touchpoint "
                                    f"(remove '{own}' to share the team's servers, or 'team')", join(path, own),
                                    "warning"))
    if tp.shifts and tp.capacity is not None:
        issues.append(Issue("give either 'capacity' or 'shifts', not both", join(path, "shifts")))
    issues += shift_issues(tp.shifts, join(path, "shifts"), unit)
    return issues


def shift_issues(shifts: tuple[Shift, ...], path: str, unit: str) -> list[Issue]:
    """The problems of one pool's shifts: times, capacities, weekdays, overlaps."""
    day = convert(24, "hour", unit)
    issues: list[Issue] = []
    readable: list[tuple[int, Shift]] = []
    for index, shift in enumerate(shifts):
        where = f"{path}[{index}]"
        good = True
        for key, value in (("from", shift.start), ("until", shift.until)):
            if not is_number(value):
                issues.append(Issue(f"'{key}' must be a time of day such as '08:00' (got {number_text(value)})",
                                    join(where, key)))
                good = False
            elif not -_EPS <= value <= day + _EPS:
                issues.append(Issue(f"'{key}' must be a time of day from 00:00 to 24:00 (got {clock(value, unit)})",
                                    join(where, key)))
                good = False
        if good and shift.until <= shift.start:
            issues.append(Issue(f"the shift ends ({clock(shift.until, unit)}) before it starts "
                                f"({clock(shift.start, unit)}): split a night shift at midnight into two",
                                join(where, "until")))
            good = False
        if not _is_count(shift.capacity, zero=True):
            issues.append(Issue(f"'capacity' must be a whole number of servers, 0 or more "
                                f"(got {number_text(shift.capacity)})", join(where, "capacity")))
        for number, name in enumerate(shift.days):
            if name not in WEEKDAYS:
                issues.append(Issue(unknown("day", name, WEEKDAYS), f"{join(where, 'days')}[{number}]"))
                good = False
        if good:
            readable.append((index, shift))
    for position, (first_index, first) in enumerate(readable):
        for second_index, second in readable[position + 1:]:
            shared = [d for d in range(7) if first.works_on(d) and second.works_on(d)]
            if shared and first.start < second.until and second.start < first.until:
                days = "every day" if len(shared) == 7 else ", ".join(WEEKDAYS[d] for d in shared)
                issues.append(Issue(
                    f"this shift ({clock(second.start, unit)}–{clock(second.until, unit)}) overlaps shift "
                    f"{first_index + 1} ({clock(first.start, unit)}–{clock(first.until, unit)}) on {days}: "
                    "give one shift the servers of both instead", f"{path}[{second_index}]"))
    return issues
