"""Staffing a touchpoint or a team for a service-level target: Erlang's quick estimate, confirmed by simulation.

    plan = jm.staff(journey, "call", "80% within 2 min", cost_per_hour=28)
    plan = jm.staff(journey, "agents", "80% within 2 min")    # a team: its touchpoints' one queue, by its shifts
    plan.periods          # one row per period of the day: the capacity that meets the target, its cost
    plan.options          # every capacity the simulation tried, with its service level and interval
    plan.shifts           # [{"from": "08:00", "until": "14:00", "capacity": 6}, ...] (the ``shifts:`` format)

For each period (see :mod:`journeymap.analysis.staffing`) the Erlang C / Erlang A estimate comes first;
the simulation then runs the journey at that period's steady load with that capacity and moves it, one
server at a time, to the smallest capacity whose simulated service level meets the target: its 95%
interval reaches the target share (down while one server fewer still does, up until one does). Where the
whole interval lies at or above the target, the option is marked ``sure``; a capacity just meeting the
target on its mean may need one server more to be sure of it, and the options table shows both.

A *team* is staffed as the one pool it is: the arrivals of all its touchpoints together, Erlang's formula
on the mixture of their service times, and the service level of all of them (those served within the wait
over those whose wait ended, at any of the team's touchpoints). Its periods are its own shifts (so the plan
says how many agents each shift needs) and its ``cost_per_hour`` prices the options, unless told otherwise.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from journeymap.analysis.staffing import (
    Period,
    ServiceTarget,
    erlang_capacity,
    erlang_level,
    merged_touchpoint,
    offered_rate,
    parse_target,
    parse_windows,
    periods,
    shift_periods,
    steady_journey,
)
from journeymap.errors import EditError, NotFound, OverloadWarning, RunWarning
from journeymap.model import Journey, Team, require_journey
from journeymap.model.units import convert
from journeymap.simulation import RunSettings, SimulationResult, simulate
from journeymap.simulation.result import confidence_interval
from journeymap.simulation.settings import run_settings
from journeymap.text import translator

__all__ = ["MAX_STEPS", "StaffingPlan", "clock", "plan_table", "staff"]

MAX_STEPS = 12
"""Servers the simulation may add above the Erlang estimate before it gives up on a period."""

DEFAULTS = {"customers": 5_000, "replications": 10, "seed": 0}
"""The run of each capacity tried, unless the caller says otherwise."""


def clock(time: float, time_unit: str) -> str:
    """A time of day in the journey's unit as ``HH:MM`` (``24:00`` for the end of the day)."""
    minutes = round(convert(time, time_unit, "minute"))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class StaffingPlan:
    """What :func:`staff` found for ``touchpoint`` (a touchpoint's id, or a team's when ``team`` is true):
    ``periods`` (one row per period of the day: ``from``, ``until``, ``rate`` of arrivals at the touchpoint
    (or all the team's) per time unit, ``erlang_capacity``, ``capacity`` confirmed by the
    simulation, its ``service_level`` with ``ci_low``/``ci_high``, ``average_speed_of_answer``,
    ``abandonment_rate``, ``confirmed`` and ``cost`` per day when a cost per server hour was given) and
    ``options`` (every capacity the simulation tried, the same columns plus ``erlang_level``, ``meets``: its
    interval reaches the target, and ``sure``: all of its interval is at or above it)."""

    journey: Journey
    touchpoint: str
    target: ServiceTarget
    periods: pd.DataFrame
    options: pd.DataFrame
    cost_per_hour: float | None = None
    settings: RunSettings = field(default_factory=RunSettings)
    team: bool = False

    @property
    def shifts(self) -> list[dict[str, Any]]:
        """The plan in the ``shifts:`` format, ``[{"from": "08:00", "until": "14:00", "capacity": 6}, ...]``;
        periods nobody arrives in are left out (outside every shift the capacity is 0)."""
        return [{"from": row["from"], "until": row["until"], "capacity": int(row["capacity"])}
                for _, row in self.periods.iterrows() if row["capacity"] > 0]

    def summary(self, language: str | None = None) -> pd.DataFrame:
        """The periods as people read them, in ``language`` (by default the journey's)."""
        return plan_table(self, language or self.journey.language)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document: the target, the periods (numbers, ``null`` where undefined) and ``shifts``."""
        def plain(value: Any) -> Any:
            if isinstance(value, float):
                return value if math.isfinite(value) else None
            return value.item() if hasattr(value, "item") else value

        return {
            "team" if self.team else "touchpoint": self.touchpoint,
            "target": {"share": self.target.share, "wait": self.target.wait, "time_unit": self.journey.time_unit},
            "cost_per_hour": self.cost_per_hour,
            "periods": [{key: plain(value) for key, value in row.items()} for row in self.periods.to_dict("records")],
            "shifts": self.shifts,
        }


def _reaches(mean: float, high: float, share: float) -> bool:
    """Whether a simulated service level's 95% interval reaches ``share`` (its mean with one replication)."""
    return bool((high if math.isfinite(high) else mean) >= share - 1e-12)


@dataclass(frozen=True)
class _Staffed:
    """What is staffed: one touchpoint (``team`` None) or a team, and the touchpoints its servers serve."""

    name: str
    served: tuple[str, ...]
    team: Team | None = None

    def with_capacity(self, journey: Journey, capacity: int) -> Journey:
        """``journey`` with ``capacity`` servers at all times here (a team's shifts set aside)."""
        if self.team is None:
            return journey.update_touchpoint(self.name, capacity=capacity)
        return journey.update_team(self.name, capacity=capacity, shifts=())


def _staffed(journey: Journey, name: str) -> _Staffed:
    """The touchpoint ``name``, or else the team ``name`` and the touchpoints it serves (a did-you-mean over
    both when there is neither)."""
    if name not in journey.touchpoint_ids and name in [team.id for team in journey.teams]:
        team = journey.team(name)
        served = tuple(tp.id for tp in journey.touchpoints if (found := journey.team_of(tp)) is not None
                       and found.id == name and tp.service_time is not None)
        if not served:
            raise EditError(f"team '{name}' serves no touchpoint with a service time: there is nobody to staff")
        return _Staffed(name, served, team)
    if name not in journey.touchpoint_ids and journey.teams:
        raise NotFound("touchpoint or team", name, [*journey.touchpoint_ids, *(team.id for team in journey.teams)])
    tp = journey.touchpoint(name)
    if tp.service_time is None:
        raise EditError(f"touchpoint '{tp.id}' has no service time: there is nobody to staff there")
    return _Staffed(tp.id, (tp.id,))


def _pooled(result: SimulationResult, staffed: _Staffed) -> dict[str, float]:
    """The service-level figures of the touchpoints ``staffed`` serves, as one queue: per replication, those
    served within the wait over those whose wait ended, the speed of answer and the share abandoned; then
    their mean and 95% interval over the replications."""
    rows = []
    for stats in result.stats:
        where = [stats.touchpoint_ids.index(tp_id) for tp_id in staffed.served]
        c = {key: float(np.sum(stats.touchpoints[key][where]))
             for key in ("within", "wait_count", "abandoned", "wait_sum", "lost_wait_sum")}
        with np.errstate(divide="ignore", invalid="ignore"):
            rows.append([np.float64(c["within"]) / c["wait_count"],
                         np.float64(c["wait_sum"] - c["lost_wait_sum"]) / (c["wait_count"] - c["abandoned"]),
                         np.float64(c["abandoned"]) / c["wait_count"]])
    ci = confidence_interval(np.array(rows, dtype=float))
    if staffed.team is not None:
        utilization = float(result.teams_ci.loc[(staffed.name, "utilization"), "mean"])
    else:
        utilization = float(result.touchpoints_ci.loc[(staffed.name, "utilization"), "mean"])
    return {"service_level": float(ci["mean"][0]), "ci_low": float(max(ci["ci_low"][0], 0.0)),
            "ci_high": float(min(ci["ci_high"][0], 1.0)), "average_speed_of_answer": float(ci["mean"][1]),
            "abandonment_rate": float(ci["mean"][2]), "utilization": utilization}


def _try(journey: Journey, staffed: _Staffed, capacity: int, settings: RunSettings) -> dict[str, float]:
    """The simulated figures of what is ``staffed`` with ``capacity`` (an overloaded option is expected while
    searching: its warning is not shown, its service level says it)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OverloadWarning)
        # (a short option's pilot may find no settled point: the fallback warm-up it says it uses is fine here)
        warnings.filterwarnings("ignore", "the warm-up detection", RunWarning)
        result = simulate(staffed.with_capacity(journey, capacity), settings)
    return _pooled(result, staffed)


def staff(journey: Journey, touchpoint: str, target: str | ServiceTarget, *, shifts: str | None = None,
          cost_per_hour: float | None = None, settings: RunSettings | None = None,
          **options: Any) -> StaffingPlan:
    """The smallest capacity of ``touchpoint`` (a touchpoint's id, or a team's: see the module) that meets a
    service-level ``target`` (``"80% within 2 min"``), per period of the day: Erlang C / Erlang A first, then
    confirmed by simulating the journey at each period's steady load. ``shifts`` gives the periods as windows
    (``"08:00-14:00,14:00-20:00"``; default: a team's own shifts, else the periods of the arrival schedules, or
    the whole day); ``cost_per_hour`` (money per server hour; default: a team's own) adds each option's cost
    per day. The run of each capacity tried is ``settings`` or the same as keywords (default 5,000 customers ×
    10 replications, seed 0).

    Raises :class:`~journeymap.errors.NotFound` for an unknown touchpoint or team (with a did-you-mean),
    :class:`~journeymap.errors.UnitError` for a target or windows that cannot be read (with an example), and
    :class:`~journeymap.errors.EditError` for a touchpoint (or a team's) without a queue to staff."""
    journey = require_journey(journey)
    staffed = _staffed(journey, touchpoint)
    if cost_per_hour is None and staffed.team is not None:
        cost_per_hour = staffed.team.cost_per_hour
    if cost_per_hour is not None and (isinstance(cost_per_hour, bool) or not isinstance(cost_per_hour, int | float)
                                      or not math.isfinite(cost_per_hour) or cost_per_hour < 0):
        raise ValueError(f"'cost_per_hour' must be an amount of money, 0 or more (got {cost_per_hour!r})")
    unit = journey.time_unit
    goal = parse_target(target, unit)
    own = shift_periods(staffed.team.shifts) if staffed.team is not None else ()
    windows = parse_windows(shifts, unit) if shifts else own or periods(journey)
    base = run_settings(settings, options, caller="staff", defaults=DEFAULTS).replace(service_level=goal.wait)
    chosen, tried = [], []
    for window in windows:
        row, rows = _period(journey, staffed, goal, window, base, cost_per_hour)
        chosen.append(row)
        tried.extend(rows)
    return StaffingPlan(journey, staffed.name, goal, pd.DataFrame(chosen), pd.DataFrame(tried), cost_per_hour, base,
                        team=staffed.team is not None)


def _period(journey: Journey, staffed: _Staffed, goal: ServiceTarget, window: Period, settings: RunSettings,
            cost_per_hour: float | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The chosen capacity of one period and every option tried there."""
    unit = journey.time_unit
    steady = steady_journey(journey, window)
    rates = [offered_rate(steady, tp_id) for tp_id in staffed.served]
    tp = merged_touchpoint([steady.touchpoint(tp_id) for tp_id in staffed.served], rates)
    rate = sum(rates)
    estimate = erlang_capacity(tp, rate, goal)
    hours = convert(window.end - window.start, unit, "hour")
    head = {"from": clock(window.start, unit), "until": clock(window.end, unit), "rate": rate}

    def option(capacity: int, figures: dict[str, float]) -> dict[str, Any]:
        cost = capacity * hours * cost_per_hour if cost_per_hour is not None else math.nan
        return {**head, "capacity": capacity, "erlang_level": erlang_level(tp, rate, capacity, goal.wait), **figures,
                "meets": _reaches(figures["service_level"], figures["ci_high"], goal.share),
                "sure": bool(figures["ci_low"] >= goal.share), "cost": cost}

    if estimate == 0:
        empty = {"service_level": math.nan, "ci_low": math.nan, "ci_high": math.nan,
                 "average_speed_of_answer": math.nan, "abandonment_rate": math.nan, "utilization": math.nan}
        return {**option(0, empty), "erlang_capacity": 0, "confirmed": True}, []
    tried: dict[int, dict[str, Any]] = {}

    def attempt(capacity: int) -> dict[str, Any]:
        if capacity not in tried:
            tried[capacity] = option(capacity, _try(steady, staffed, capacity, settings))
        return tried[capacity]

    capacity = estimate
    if attempt(capacity)["meets"]:
        while capacity > 1 and attempt(capacity - 1)["meets"]:
            capacity -= 1
    else:
        while not attempt(capacity)["meets"] and capacity < estimate + MAX_STEPS:
            capacity += 1
    best = tried[capacity]
    rows = [tried[c] for c in sorted(tried)]
    return {**best, "erlang_capacity": estimate, "confirmed": bool(best["meets"])}, rows


def plan_table(plan: StaffingPlan, language: str) -> pd.DataFrame:
    """:attr:`StaffingPlan.periods` for people: one row per period (``08:00–14:00``), the arrivals per hour,
    Erlang's capacity, the confirmed one, its simulated service level with the 95% interval, the speed of
    answer, the share abandoned and, with a cost per server hour, the cost per day."""
    from journeymap.text import interval, quantity

    words = translator(language)
    unit = plan.journey.time_unit
    rows = []
    for _, row in plan.periods.iterrows():
        level = quantity(row["service_level"], "share", language=language)
        if math.isfinite(row["ci_low"]):
            level += f" ({interval(row['ci_low'], row['ci_high'], 'share', language=language)})"
        cells = {
            words.gettext("period"): f"{row['from']}–{row['until']}",
            words.gettext("arrivals"): quantity(row["rate"], "rate", time_unit=unit, language=language, per="hour"),
            words.gettext("Erlang estimate"): int(row["erlang_capacity"]),
            words.gettext("capacity"): int(row["capacity"]) if row["confirmed"] else
            words.gettext("{n} (target not reached)", n=int(row["capacity"])),
            words.gettext("service level"): level,
            words.gettext("average speed of answer"): quantity(row["average_speed_of_answer"], "time", time_unit=unit,
                                                               language=language),
            words.gettext("abandonment rate"): quantity(row["abandonment_rate"], "share", language=language),
        }
        if plan.cost_per_hour is not None:
            cells[words.gettext("cost per day")] = quantity(row["cost"], "money", language=language)
        rows.append(cells)
    return pd.DataFrame(rows)
