"""Teams and shifts in a journey document, both ways: ``teams:`` at the top, ``team:``/``shifts:`` on a touchpoint.

``teams: [{id: agents, name: Agents, shifts: [{from: "08:00", until: "14:00", capacity: 6}], cost_per_hour: 22}]``;
a shift takes ``from``, ``until``, ``capacity`` and optional ``days: [mon, tue, ...]``. Only what the
model cannot hold is judged here (unknown keys with a did-you-mean, unreadable times, a capacity that is
not a number); overlapping shifts, unknown weekdays and the like are :func:`journeymap.validate`'s.
The ``reader`` these functions take is :mod:`journeymap.io.parse`'s, which collects the problems.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, TypeVar

from journeymap.errors import join
from journeymap.model import Shift, Team

__all__ = ["SHIFT_KEYS", "TEAM_KEYS", "read_objects", "read_shifts", "read_teams", "shifts_document",
           "teams_document"]

_T = TypeVar("_T")

TEAM_KEYS = ("id", "name", "capacity", "shifts", "cost_per_hour", "preemptive", "notes", "meta")
SHIFT_KEYS = ("from", "until", "capacity", "days", "notes", "meta")


def read_objects(reader: Any, value: Any, key: str, allowed: tuple[str, ...], what: str, empty: _T,
                 build: Callable[[dict[str, Any], str], _T]) -> tuple[_T, ...]:
    """A top-level list of objects (``teams``, ``segments``): each item's known fields made into one by
    ``build(fields, path)``; a broken item stays in place as ``empty``, so indices match the document's."""
    found = []
    for index, item in enumerate(reader.items(value, key, key)):
        path = f"{key}[{index}]"
        data = reader.fields(item, path, allowed, ("id",), what)
        found.append(empty if data is None else build(data, path))
    return tuple(found)


def read_teams(reader: Any, value: Any) -> tuple[Team, ...]:
    """The ``teams:`` list."""
    def team(data: dict[str, Any], path: str) -> Team:
        return Team(
            id=reader.read(data, "id", path, reader.text, ""),
            name=reader.read(data, "name", path, reader.text, ""),
            capacity=reader.read(data, "capacity", path, reader.capacity, None),
            shifts=read_shifts(reader, data.get("shifts"), join(path, "shifts")),
            cost_per_hour=reader.read(data, "cost_per_hour", path, reader.number, None),
            preemptive=reader.read(data, "preemptive", path, reader.flag, False),
            notes=reader.read(data, "notes", path, reader.text, None),
            meta=reader.read(data, "meta", path, reader.mapping, {}),
        )

    return read_objects(reader, value, "teams", TEAM_KEYS, "a team such as {id: agents, capacity: 4, "
                        "cost_per_hour: 22}", Team(""), team)


def read_shifts(reader: Any, value: Any, path: str) -> tuple[Shift, ...]:
    """A ``shifts:`` list of a team or a touchpoint."""
    shifts = []
    for index, item in enumerate(reader.items(value, path, "shifts")):
        where = f"{path}[{index}]"
        data = reader.fields(item, where, SHIFT_KEYS, ("from", "until", "capacity"),
                             "a shift such as {from: '08:00', until: '14:00', capacity: 6}")
        if data is None:
            data = {}
            reader.failed.add(path)
        days = reader.items(data.get("days"), join(where, "days"), "weekdays such as mon, tue")
        shifts.append(Shift(
            start=reader.read(data, "from", where, reader.time_of_day, math.nan),
            until=reader.read(data, "until", where, reader.time_of_day, math.nan),
            capacity=reader.read(data, "capacity", where, reader.capacity, 0),  # type: ignore[arg-type]
            days=tuple(reader.value(day, f"{join(where, 'days')}[{i}]", reader.text, "") for i, day in enumerate(days)),
            notes=reader.read(data, "notes", where, reader.text, None),
            meta=reader.read(data, "meta", where, reader.mapping, {}),
        ))
    if any(math.isnan(shift.start) or math.isnan(shift.until) for shift in shifts):
        reader.failed.add(path)
    return tuple(shifts)


def shifts_document(shifts: tuple[Shift, ...], unit: str, time_of_day: Any, extras: Any,
                    path: str) -> list[dict[str, Any]]:
    """``shifts`` as a document's list (``time_of_day`` and ``extras`` write times of day and notes/meta)."""
    items = []
    for index, shift in enumerate(shifts):
        item: dict[str, Any] = {"from": time_of_day(shift.start, unit), "until": time_of_day(shift.until, unit),
                                "capacity": int(shift.capacity)}
        if shift.days:
            item["days"] = list(shift.days)
        extras(shift, item, f"{path}[{index}]")
        items.append(item)
    return items


def teams_document(teams: tuple[Team, ...], unit: str, time_of_day: Any, extras: Any) -> list[dict[str, Any]]:
    """The ``teams:`` list of a document, defaults left out."""
    items = []
    for index, team in enumerate(teams):
        item: dict[str, Any] = {"id": team.id}
        if team.name:
            item["name"] = team.name
        if team.capacity is not None:
            item["capacity"] = int(team.capacity)
        if team.shifts:
            item["shifts"] = shifts_document(team.shifts, unit, time_of_day, extras, f"teams[{index}].shifts")
        if team.cost_per_hour is not None:
            cost = float(team.cost_per_hour)
            item["cost_per_hour"] = int(cost) if cost.is_integer() else cost
        if team.preemptive:
            item["preemptive"] = True
        extras(team, item, f"teams[{index}]")
        items.append(item)
    return items

