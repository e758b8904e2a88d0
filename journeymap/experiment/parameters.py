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
=============================  =================================================================================

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
    ScaleTime,
    SetArrivalRate,
    SetCapacity,
    SetTime,
)
from journeymap.experiment.routing import SetRoute
from journeymap.model import Journey

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


def parameter_names(journey: Journey) -> list[str]:
    """Every parameter name that makes sense for ``journey``: the fields of each touchpoint, each existing
    route, the total arrival rate and the rate at each entry point."""
    names = [f"{tp.id}.{name}" for tp in journey.touchpoints for name in FIELDS]
    names += [f"{source}.next.{t.target}" for source, t in journey.transitions()]
    names += ["arrival.rate"] + [f"arrival.{tp_id}.rate" for tp_id in journey.entry_points]
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
    elif match := _ARRIVAL.fullmatch(name):
        parameter = Parameter(name, "arrival_rate", match["tp"])
    elif match := _ROUTE.fullmatch(name):
        parameter = Parameter(name, "route", match["tp"], match["target"])
    elif match := _FIELD.fullmatch(name):
        parameter = Parameter(name, match["field"], match["tp"])  # type: ignore[arg-type]
    if parameter is None:
        raise _unknown(name, journey, "expected '<touchpoint>.capacity|service_time|patience', "
                                      "'<touchpoint>.next.<target>', 'arrival.rate' or 'arrival.<touchpoint>.rate'")
    if journey is not None:
        for tp_id in (parameter.touchpoint, parameter.target):
            if tp_id is not None and tp_id not in journey.touchpoint_ids:
                raise _unknown(name, journey, f"no touchpoint '{tp_id}'")
    return parameter


def parameter_change(name: str, value: Any, *, rebalance: Rebalance | None = None,
                     journey: Journey | None = None) -> Change:
    """The change that sets parameter ``name`` to ``value`` (``rebalance`` is required for routes)."""
    parameter = parse_parameter(name, journey)
    tp = parameter.touchpoint
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
    tp = journey.touchpoint(parameter.touchpoint)  # type: ignore[arg-type]
    if parameter.kind == "route":
        return next((t.p for t in tp.next if t.target == parameter.target), 0.0)
    value = getattr(tp, parameter.kind)
    if value is None or parameter.kind == "capacity":
        return value
    return float(value.mean)
