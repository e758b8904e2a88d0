"""Teams and shifts in a journey document, both ways: ``teams:`` at the top, ``team:``/``shifts:`` on a touchpoint.

``teams: [{id: agents, name: Agents, shifts: [{from: "08:00", until: "14:00", capacity: 6}], cost_per_hour: 22}]``;
a shift takes ``from``, ``until``, ``capacity`` and optional ``days: [mon, tue, ...]``. Only what the
model cannot hold is judged here (unknown keys with a did-you-mean, unreadable times, a capacity that is
not a number); overlapping shifts, unknown weekdays and the like are :func:`journeymap.validate`'s.
The ``reader`` these functions take is :mod:`journeymap.io.parse`'s, which collects the problems.
"""

from __future__ import annotations

import math
from typing import Any

from journeymap.errors import join
from journeymap.io.records import objects_document, read_objects
from journeymap.model import Shift, Team

__all__ = ["SHIFT_KEYS", "TEAM_KEYS", "read_objects", "read_shifts", "read_teams", "shifts_document",
           "teams_document"]

TEAM_KEYS = ("id", "name", "capacity", "shifts", "cost_per_hour", "preemptive", "notes", "meta")
SHIFT_KEYS = ("from", "until", "capacity", "days", "notes", "meta")


def read_teams(reader: Any, value: Any) -> tuple[Team, ...]:
    """The ``teams:`` list."""
    def team(data: dict[str, Any], path: str) -> dict[str, Any]:
        return {"capacity": reader.read(data, "capacity", path, reader.capacity, None),
                "shifts": read_shifts(reader, data.get("shifts"), join(path, "shifts")),
                "cost_per_hour": reader.read(data, "cost_per_hour", path, reader.number, None),
                "preemptive": reader.read(data, "preemptive", path, reader.flag, False)}

    return read_objects(reader, value, "teams", TEAM_KEYS, "a team such as {id: agents, capacity: 4, "
                        "cost_per_hour: 22}", Team, team)


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
    def team(record: Team, path: str) -> dict[str, Any]:
        item: dict[str, Any] = {}
        if record.capacity is not None:
            item["capacity"] = int(record.capacity)
        if record.shifts:
            item["shifts"] = shifts_document(record.shifts, unit, time_of_day, extras, join(path, "shifts"))
        if record.cost_per_hour is not None:
            cost = float(record.cost_per_hour)
            item["cost_per_hour"] = int(cost) if cost.is_integer() else cost
        if record.preemptive:
            item["preemptive"] = True
        return item

    return objects_document(teams, "teams", extras, team)
