"""Parameter names: one journey setting as a dotted name, for sweeps and for changes in scenarios files.

=============================  =================================================================================
``<touchpoint>.capacity``      parallel servers (a positive int)
``<touchpoint>.service_time``  mean service time; the distribution is scaled to it, keeping its shape
``<touchpoint>.patience``      mean patience; scaled the same way (exponential when there was none)
``<touchpoint>.next.<target>`` probability of the route to ``<target>``; needs ``rebalance`` (``"others"``: the
                               touchpoint's other routes are rescaled, the share leaving kept; ``"leave"``: only
                               the leaving share changes)
``arrival.rate``               total mean arrival rate: every arrival (and schedule period) scaled by one factor,
                               so the mix of entry points and the daily profile are kept
``arrival.<touchpoint>.rate``  mean arrival rate at one entry touchpoint (only those arrivals scaled)
``team.<team>.capacity``       servers of a team at all times; scaling a team in shifts scales every shift
``team.<team>.shifts.<from>.`` servers of a team's shifts that start at time of day ``<from>``
``capacity``                   (``team.agents.shifts.07:00.capacity``), whatever their days
=============================  =================================================================================

A team's capacity is read as its servers on average over the week when it works in shifts.

Times and rates are numbers in the journey's ``time_unit`` or text with a unit (``"4 min"``, ``"30/h"``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from journeymap.errors import EditError, NotFound
from journeymap.experiment.changes import (
    Change,
    Rebalance,
    ScaleArrivals,
    ScaleCapacity,
    ScaleTeamCapacity,
    ScaleTime,
    SetArrivalRate,
    SetCapacity,
    SetTeamCapacity,
    SetTime,
)
from journeymap.experiment.routing import SetRoute
from journeymap.model import Journey
from journeymap.model.teams import mean_capacity
from journeymap.model.units import convert, parse_time_of_day
from journeymap.model.wording import clock

__all__ = [
    "FIELDS",
    "Parameter",
    "parameter_change",
    "parameter_names",
    "parameter_scaling",
    "parameter_value",
    "parse_parameter",
]

Kind = Literal["capacity", "service_time", "patience", "route", "arrival_rate"]
FIELDS: tuple[str, ...] = ("capacity", "service_time", "patience")
"""The touchpoint fields a parameter can name (``<touchpoint>.<field>``)."""

_TEAM = re.compile(r"team\.(?P<team>[^.]+)\.(?:shifts\.(?P<shift>.+)\.)?capacity")
_ARRIVAL = re.compile(r"arrival\.(?P<tp>.+)\.rate")
_ROUTE = re.compile(r"(?P<tp>.+)\.next\.(?P<target>.+)")
_FIELD = re.compile(rf"(?P<tp>.+)\.(?P<field>{'|'.join(FIELDS)})")


@dataclass(frozen=True)
class Parameter:
    """A parsed parameter name: what it sets and where."""

    name: str
    kind: Kind
    touchpoint: str | None = None
    target: str | None = None
    team: str | None = None
    shift: str | None = None
    """The time of day its team's shifts start at, as written (``"07:00"``)."""


def parameter_names(journey: Journey) -> list[str]:
    """Every parameter name that makes sense for ``journey``: the fields of each touchpoint, each existing
    route, the total arrival rate and the rate at each entry point."""
    names = [f"{tp.id}.{name}" for tp in journey.touchpoints for name in FIELDS]
    names += [f"{source}.next.{t.target}" for source, t in journey.transitions()]
    names += ["arrival.rate"] + [f"arrival.{tp_id}.rate" for tp_id in journey.entry_points]
    for team in journey.teams:
        names.append(f"team.{team.id}.capacity")
        starts = dict.fromkeys(clock(shift.start, journey.time_unit) for shift in team.shifts)
        names += [f"team.{team.id}.shifts.{start}.capacity" for start in starts]
    return names


def _unknown(name: str, journey: Journey | None, why: str) -> NotFound:
    if journey is not None:
        choices = parameter_names(journey)
    else:  # the touchpoints are not known yet: suggest the fields of the one named
        prefix = name.rsplit(".", 1)[0]
        choices = [f"{prefix}.{field}" for field in FIELDS] + ["arrival.rate"]
    return NotFound("parameter", name, choices, text=f"unknown parameter '{name}'", tail=f": {why}")


def parse_parameter(name: str, journey: Journey | None = None) -> Parameter:
    """Read a parameter name; with ``journey``, also check that its touchpoints exist (did-you-mean)."""
    if not isinstance(name, str):
        raise TypeError(f"a parameter name must be a non-empty string (got {name!r})")
    if not name:
        raise EditError(f"a parameter name must be a non-empty string (got {name!r})")
    parameter: Parameter | None = None
    if name == "arrival.rate":
        parameter = Parameter(name, "arrival_rate")
    elif match := _TEAM.fullmatch(name):
        parameter = Parameter(name, "capacity", team=match["team"], shift=match["shift"])
    elif match := _ARRIVAL.fullmatch(name):
        parameter = Parameter(name, "arrival_rate", match["tp"])
    elif match := _ROUTE.fullmatch(name):
        parameter = Parameter(name, "route", match["tp"], match["target"])
    elif match := _FIELD.fullmatch(name):
        parameter = Parameter(name, match["field"], match["tp"])  # type: ignore[arg-type]
    if parameter is None:
        raise _unknown(name, journey, "expected '<touchpoint>.capacity|service_time|patience', "
                                      "'<touchpoint>.next.<target>', 'arrival.rate', 'arrival.<touchpoint>.rate', "
                                      "'team.<team>.capacity' or 'team.<team>.shifts.<from>.capacity'")
    if journey is not None:
        if parameter.team is not None and parameter.team not in [team.id for team in journey.teams]:
            raise _unknown(name, journey, f"no team '{parameter.team}'")
        for tp_id in (parameter.touchpoint, parameter.target):
            if tp_id is not None and tp_id not in journey.touchpoint_ids:
                raise _unknown(name, journey, f"no touchpoint '{tp_id}'")
    return parameter


def parameter_change(name: str, value: Any, *, rebalance: Rebalance | None = None,
                     journey: Journey | None = None) -> Change:
    """The change that sets parameter ``name`` to ``value`` (``rebalance`` is required for routes)."""
    parameter = parse_parameter(name, journey)
    tp = parameter.touchpoint
    if parameter.team is not None:
        return SetTeamCapacity(parameter.team, value, parameter.shift)
    if parameter.kind == "capacity":
        return SetCapacity(tp, value)  # type: ignore[arg-type]
    if parameter.kind in ("service_time", "patience"):
        return SetTime(tp, value, parameter.kind)  # type: ignore[arg-type]
    if parameter.kind == "arrival_rate":
        return SetArrivalRate(value, tp)
    if rebalance is None:
        raise EditError(
            f"'{name}' sets a routing probability: say how the rest of '{tp}''s routing adapts with "
            f"rebalance='others' (other routes rescaled, leaving share kept) or rebalance='leave' "
            f"(only the leaving share changes)")
    return SetRoute(tp, parameter.target, value, rebalance)  # type: ignore[arg-type]


def parameter_scaling(name: str, factor: float, journey: Journey | None = None) -> Change:
    """The change that multiplies parameter ``name`` by ``factor`` (not for routing probabilities)."""
    parameter = parse_parameter(name, journey)
    if parameter.team is not None:
        return ScaleTeamCapacity(parameter.team, factor, parameter.shift)
    if parameter.kind == "capacity":
        return ScaleCapacity(parameter.touchpoint, factor)  # type: ignore[arg-type]
    if parameter.kind in ("service_time", "patience"):
        return ScaleTime(parameter.touchpoint, factor, parameter.kind)  # type: ignore[arg-type]
    if parameter.kind == "arrival_rate":
        return ScaleArrivals(factor, parameter.touchpoint)
    raise EditError(f"'{name}' is a routing probability: set it (with rebalance) rather than scaling it")


def parameter_value(journey: Journey, name: str) -> float | None:
    """The current value of parameter ``name`` in ``journey`` (a mean for times, a mean rate for arrivals;
    ``None`` for an unlimited capacity or a missing time)."""
    from journeymap.model import mean_arrival_rate

    parameter = parse_parameter(name, journey)
    if parameter.kind == "arrival_rate":
        rates = mean_arrival_rate(journey)
        return sum(rates.values()) if parameter.touchpoint is None else rates.get(parameter.touchpoint, 0.0)
    if parameter.team is not None:
        return _team_servers(journey, parameter)
    tp = journey.touchpoint(parameter.touchpoint)  # type: ignore[arg-type]
    if parameter.kind == "route":
        return next((t.p for t in tp.next if t.target == parameter.target), 0.0)
    value = getattr(tp, parameter.kind)
    if value is None or parameter.kind == "capacity":
        return value
    return float(value.mean)


def _team_servers(journey: Journey, parameter: Parameter) -> float | None:
    """A team's servers: its capacity, its mean over the week in shifts, or those of the shifts that start
    at ``parameter.shift`` (the first of them; ``None`` when no shift starts then)."""
    team = journey.team(parameter.team)  # type: ignore[arg-type]
    if parameter.shift is not None:
        start = parse_time_of_day(parameter.shift, journey.time_unit)
        return next((s.capacity for s in team.shifts if abs(s.start - start) < 1e-9), None)
    if team.shifts:
        return mean_capacity(team.shifts, convert(24, "hour", journey.time_unit))
    return team.capacity
