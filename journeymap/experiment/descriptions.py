"""Each change in words, for the people who read a comparison or an action plan.

A change's :func:`repr` is the call that makes it, for code (``set_capacity('call', 5)``); its
description is a sentence in the journey's language, generated from the change itself: with the
journey, names instead of ids and the value before and after the change::

    describe_change(set_capacity("call", 5), journey)
    # 'Capacity of “Calls the support line”: 4 → 5'
    describe_change(set_route("mass_outage", "service_restored", 0.92, rebalance="others"), journey, "es")
    # 'Ruta de «Falla masiva detectada» a «Servicio restablecido»: 85 % → 92 % (las demás rutas se reescalan)'

Without a journey the ids stand for the names and only the new value is known
(``Capacity of “call”: … → 5``, ``Arrivals: … → … × 1.5``).
"""

from __future__ import annotations

from typing import Any

from journeymap.experiment.changes import Change, SetArrivalRate, SetCapacity, SetTeamCapacity, SetTime, Setting
from journeymap.experiment.parameters import Parameter, parameter_value, parse_parameter
from journeymap.experiment.routing import AddTouchpoint, AddTouchpointSpec, RemoveRoute, RemoveTouchpoint, SetRoute
from journeymap.model import Distribution, Journey
from journeymap.model.units import parse_time_of_day
from journeymap.model.wording import clock
from journeymap.text import N_, duration, number, percent, rate, translator

__all__ = ["describe_change", "describe_changes", "parameter_label", "parameter_text", "parameter_unit"]

_WHAT = {
    "capacity": N_("Capacity of “{touchpoint}”: {before} → {after}"),
    "service_time": N_("Service time at “{touchpoint}”: {before} → {after}"),
    "patience": N_("Patience at “{touchpoint}”: {before} → {after}"),
    "arrival_rate": N_("Arrivals: {before} → {after}"),
    "arrival_rate_at": N_("Arrivals at “{touchpoint}”: {before} → {after}"),
    "team_capacity": N_("Servers of the team “{team}”: {before} → {after}"),
    "team_capacity_mean": N_("Servers of the team “{team}”, on average over the week: {before} → {after}"),
    "shift_capacity": N_("Servers of the team “{team}” in the shift from {start}: {before} → {after}"),
}
"""The sentence of each kind of setting a change moves from one value to another."""


def _sentence(parameter: Parameter) -> str:
    """The kind of ``parameter`` as the sentences tell it (a key of :data:`_WHAT` and :data:`_PARAMETERS`)."""
    if parameter.team is not None:
        return "team_capacity" if parameter.shift is None else "shift_capacity"
    if parameter.kind == "arrival_rate" and parameter.touchpoint is not None:
        return "arrival_rate_at"
    return parameter.kind


def _value(kind: str, value: Any, journey: Journey | None, language: str) -> str:
    """A setting's value for people: servers, a mean time, a rate; what ``None`` means for each."""
    words = translator(language)
    unit = journey.time_unit if journey is not None else "minute"
    if value is None:
        return {"capacity": words.gettext("unlimited"), "patience": words.gettext("no limit")}.get(
            kind, words.gettext("none"))
    if isinstance(value, Distribution):
        value = value.mean
    if isinstance(value, str):  # a time or rate written with its unit ('20 min', '30/h'), as given
        return value
    if kind == "capacity":
        return number(value, language)
    if kind in ("service_time", "patience"):
        return duration(value, unit, language)
    return rate(value, unit, language)


def _scaled(factor: float, language: str) -> str:
    return "… × " + number(factor, language)


def describe_change(change: Change, journey: Journey | None = None, language: str | None = None) -> str:
    """``change`` as a sentence in ``language`` (by default the journey's, else English): names from
    ``journey`` and the values before and after it, when the journey is given."""
    language = language or (journey.language if journey is not None else "en")
    words = translator(language)

    def name(tp_id: str | None) -> str:
        if journey is not None and tp_id in journey.touchpoint_ids:
            return journey.touchpoint(tp_id).label
        return str(tp_id)

    if isinstance(change, SetRoute | RemoveRoute):
        return _route(change, journey, language, name)
    if isinstance(change, AddTouchpoint | AddTouchpointSpec):
        added = change.touchpoint.label if isinstance(change, AddTouchpoint) else str(
            change.spec.get("name") or change.spec.get("id"))
        if change.after:
            return words.gettext("New touchpoint “{touchpoint}” after “{after}”", touchpoint=added,
                                 after=name(change.after))
        return words.gettext("New touchpoint “{touchpoint}”", touchpoint=added)
    if isinstance(change, RemoveTouchpoint):
        if change.bypass:
            return words.gettext("“{touchpoint}” removed: its customers go straight on",
                                 touchpoint=name(change.touchpoint))
        return words.gettext("“{touchpoint}” removed: its customers leave the cycle there",
                             touchpoint=name(change.touchpoint))
    if not isinstance(change, Setting):
        return repr(change)
    parameter = change.parameter
    parsed = parse_parameter(parameter)
    kind, touchpoint = _sentence(parsed), parsed.touchpoint
    value_kind = "arrival_rate" if kind.startswith("arrival") else "capacity" if kind.endswith("capacity") else kind
    if journey is None:  # the value before is not known: "…" stands for it
        before = "…"
        after = (_scaled(change.factor, language) if hasattr(change, "factor")
                 else _value(value_kind, _given(change), journey, language))
    else:
        before = _value(value_kind, parameter_value(journey, parameter), journey, language)
        after = _value(value_kind, parameter_value(change.apply(journey), parameter), journey, language)
    team = getattr(change, "team", None)
    if kind == "team_capacity" and journey is not None and any(t.id == team and t.shifts for t in journey.teams):
        kind = "team_capacity_mean"
    return words.gettext(_WHAT[kind], touchpoint=name(touchpoint), before=before, after=after,
                         team=_team_label(team, journey), start=_start(getattr(change, "shift", None), journey))


def _team_label(team: str | None, journey: Journey | None) -> str:
    """A team's name when the journey knows it, else its id."""
    if journey is not None and team in [t.id for t in journey.teams]:
        return journey.team(team).label  # type: ignore[arg-type]
    return str(team or "")


def _start(shift: float | str | None, journey: Journey | None) -> str:
    """The time of day a shift starts, as ``HH:MM`` (a number, or a time such as ``7 h``, is in the journey's
    time unit); a text that is no time of day is shown as given."""
    if shift is None:
        return ""
    unit = journey.time_unit if journey is not None else "minute"
    try:
        return clock(parse_time_of_day(shift, unit), unit)
    except ValueError:
        return str(shift)


def _given(change: Change) -> Any:
    """The value a change that sets one setting gives it."""
    if isinstance(change, SetCapacity | SetTeamCapacity):
        return change.capacity
    if isinstance(change, SetTime):
        return change.value
    assert isinstance(change, SetArrivalRate)
    return change.rate


def _route(change: SetRoute | RemoveRoute, journey: Journey | None, language: str, name: Any) -> str:
    """A change of a route: its probability before and after, and what happens to the rest."""
    words = translator(language)
    rest = (words.gettext("the other routes are rescaled") if change.rebalance == "others"
            else words.gettext("the share leaving the cycle adapts"))
    source, target = name(change.source), name(change.target)
    if isinstance(change, RemoveRoute):
        if change.rebalance == "others":
            return words.gettext("Route from “{source}” to “{target}” removed: its customers take the other routes",
                                 source=source, target=target)
        return words.gettext("Route from “{source}” to “{target}” removed: its customers leave the cycle there",
                             source=source, target=target)
    name_of_parameter = f"{change.source}.next.{change.target}"
    before = "…" if journey is None else percent(parameter_value(journey, name_of_parameter), language)
    after = percent(change.p, language) if journey is None else percent(
        parameter_value(change.apply(journey), name_of_parameter), language)
    return words.gettext("Route from “{source}” to “{target}”: {before} → {after} ({rest})", source=source,
                         target=target, before=before, after=after, rest=rest)


def describe_changes(changes: Any, journey: Journey | None = None, language: str | None = None) -> list[str]:
    """Each of ``changes`` (a scenario, an intervention or a list of changes) as a sentence."""
    items = getattr(changes, "changes", changes)
    return [describe_change(change, journey, language) for change in items]


_PARAMETERS = {
    "capacity": N_("capacity of “{touchpoint}”"),
    "service_time": N_("service time at “{touchpoint}”"),
    "patience": N_("patience at “{touchpoint}”"),
    "arrival_rate": N_("arrivals"),
    "arrival_rate_at": N_("arrivals at “{touchpoint}”"),
    "route": N_("route from “{source}” to “{target}”"),
    "team_capacity": N_("servers of the team “{team}”"),
    "shift_capacity": N_("servers of the team “{team}” in the shift from {start}"),
}
"""The name of each kind of parameter (:mod:`journeymap.experiment.parameters`), for people."""


def parameter_label(name: str, journey: Journey, language: str | None = None) -> str:
    """A parameter's name for people: ``call.capacity`` is ``capacity of “Calls the support line”``."""
    language = language or journey.language
    parameter = parse_parameter(name, journey)
    kind = _sentence(parameter)
    labels = {tp.id: tp.label for tp in journey.touchpoints}
    return translator(language).gettext(_PARAMETERS[kind], touchpoint=labels.get(parameter.touchpoint or "", ""),
                                        source=labels.get(parameter.touchpoint or "", ""),
                                        target=labels.get(parameter.target or "", ""),
                                        team=_team_label(parameter.team, journey), start=parameter.shift or "")


def parameter_unit(name: str, values: Any, journey: Journey) -> str | None:
    """The unit one parameter's values are said per when several are shown together (a sweep's column or
    legend): for an arrival rate, the one in which the largest reaches one; ``None`` for other parameters."""
    from journeymap.text import rate_unit

    if parse_parameter(name, journey).kind != "arrival_rate":
        return None
    finite = [abs(float(v)) for v in values if v is not None and float(v) == float(v)]
    return rate_unit(max(finite), journey.time_unit) if finite and max(finite) else journey.time_unit


def parameter_text(name: str, value: Any, journey: Journey, language: str | None = None, *,
                   per: str | None = None) -> str:
    """A parameter's value (in the journey's units, as a sweep's ``points`` hold it) for people: servers, a
    duration, a rate (said per ``per`` when given), a probability."""
    language = language or journey.language
    kind = parse_parameter(name, journey).kind
    if kind == "route":
        return percent(value, language)
    if kind == "arrival_rate" and per is not None:
        return rate(value, journey.time_unit, language, per=per)
    return _value(kind, value, journey, language)
