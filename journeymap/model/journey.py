"""The service cycle as immutable values: a :class:`Journey` of :class:`Stage` s and :class:`Touchpoint` s.

A touchpoint routes its customers onward with :class:`Transition` s (probabilities that need not
sum to 1: the remainder leaves the cycle there); customers enter through :class:`Arrival` s.
Every object is frozen; edits return new objects (``journey.with_touchpoint(...)``,
``touchpoint.replace(capacity=5)``). Construction converts lists to tuples but does not judge
meaning: :func:`journeymap.validate` reports what makes no sense, with field paths.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from numbers import Real
from typing import Any, Literal, get_args

from journeymap.errors import EditError, clip, did_you_mean, find
from journeymap.model.distributions import Distribution
from journeymap.model.entries import Arrival
from journeymap.model.requirements import MeasuredSatisfaction, Requirement, as_requirements
from journeymap.model.retries import Retry
from journeymap.model.segments import Segment
from journeymap.model.teams import Shift, Team
from journeymap.model.values import Value as _Value
from journeymap.text import LANGUAGES, Language, TimeUnit

__all__ = [
    "LANES",
    "LANGUAGES",
    "Journey",
    "Lane",
    "Language",
    "Stage",
    "Touchpoint",
    "Transition",
    "require_journey",
]

Lane = Literal["customer", "frontstage", "backstage", "support"]
LANES: tuple[str, ...] = get_args(Lane)
FORMAT_VERSION = 1

@dataclass(frozen=True)
class Stage(_Value):
    """One ordered phase of the cycle (prospecting, contact, resolution...)."""

    id: str
    name: str = ""
    description: str | None = None
    notes: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The name to show, falling back to the id."""
        return self.name or self.id


@dataclass(frozen=True)
class Transition(_Value):
    """A route from one touchpoint to the next: taken with probability ``p``, after an optional ``delay``."""

    target: str
    p: float
    delay: Distribution | None = None
    notes: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Touchpoint(_Value):
    """One contact between the customer and the business.

    ``capacity`` is the number of parallel servers (``None``: unlimited, nobody queues);
    ``service_time`` and ``patience`` are distributions in the journey's time unit; ``next`` routes
    customers onward and the remainder of its probabilities leaves the cycle here.
    ``requirements`` are :class:`~journeymap.model.requirements.Requirement` s (plain text is turned
    into one). ``satisfaction`` is the consultant's *estimate* (1–5); ``measured_satisfaction`` what a
    survey measured there, with its provenance (see :func:`journeymap.survey.apply`), and
    :attr:`shown_satisfaction` the one a map shows: measured when there is a measurement.
    """

    id: str
    name: str = ""
    stage: str = ""
    channel: str | None = None
    lane: Lane = "frontstage"
    owner: str | None = None
    moment_of_truth: bool = False
    requirements: tuple[Requirement, ...] = ()
    capacity: int | None = None
    service_time: Distribution | None = None
    patience: Distribution | None = None
    goal: bool = False
    satisfaction: float | None = None
    next: tuple[Transition, ...] = ()
    description: str | None = None
    notes: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    measured_satisfaction: MeasuredSatisfaction | None = None
    # -- costs (see journeymap.simulation.economics) --
    cost_per_contact: float | None = None
    """What one visit served here costs (money per contact: an agent's minutes, a letter, a fee)."""
    # operations (see journeymap.model.teams): the shared team serving it, or its own shifts
    team: str | None = None
    shifts: tuple[Shift, ...] = ()
    # segments (see journeymap.model.segments): routes and satisfaction of one segment
    next_by_segment: Mapping[str, tuple[Transition, ...]] = field(default_factory=dict)
    satisfaction_by_segment: Mapping[str, float] = field(default_factory=dict)
    retry: Retry | None = None
    """Who comes back after abandoning here (see :mod:`journeymap.model.retries`)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "requirements", as_requirements(self.requirements))
        object.__setattr__(self, "next", tuple(self.next))
        object.__setattr__(self, "shifts", tuple(self.shifts))
        object.__setattr__(self, "next_by_segment", {key: tuple(routes)
                                                     for key, routes in dict(self.next_by_segment).items()})
        object.__setattr__(self, "satisfaction_by_segment", dict(self.satisfaction_by_segment))

    @property
    def shown_satisfaction(self) -> float | None:
        """The 1–5 satisfaction a map shows: the measured mean when a survey measured it, else the estimate."""
        if self.measured_satisfaction is not None:
            return self.measured_satisfaction.mean
        return self.satisfaction

    @property
    def satisfaction_is_measured(self) -> bool:
        """True when :attr:`shown_satisfaction` comes from a survey rather than an estimate."""
        return self.measured_satisfaction is not None

    @property
    def label(self) -> str:
        """The name to show, falling back to the id."""
        return self.name or self.id

    @property
    def leave_probability(self) -> float:
        """Share of the customers served here who leave the cycle here (1 − Σ routing probabilities)."""
        return max(0.0, 1.0 - sum(t.p for t in self.next))

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(t.target for t in self.next)

    def route(self, target: str) -> Transition:
        """The transition to ``target``; :class:`~journeymap.errors.NotFound` with a did-you-mean when there is none."""
        return find(self.next, target, "route", key=lambda transition: transition.target,
                    text=f"touchpoint '{self.id}' has no route to '{target}'")

    def with_route(self, target: str, p: float, delay: Distribution | None = None, **extra: Any) -> Touchpoint:
        """This touchpoint with the route to ``target`` set (replaced if it exists, else appended)."""
        new = Transition(target, p, delay, **extra)
        routes = [new if t.target == target else t for t in self.next]
        if target not in self.targets:
            routes.append(new)
        return self.replace(next=tuple(routes))

    def without_route(self, target: str) -> Touchpoint:
        """This touchpoint without its route to ``target`` (those customers now leave here)."""
        self.route(target)
        return self.replace(next=tuple(t for t in self.next if t.target != target))


@dataclass(frozen=True)
class Journey(_Value):
    """A business's service cycle: ordered stages, touchpoints with routing, and customer arrivals.

    ``horizon`` (a time in ``time_unit``) marks a *terminating* journey: one working day, say, after
    which nobody else comes in; a simulation then runs that long from empty and follows every customer
    of the day until they leave, instead of looking for a steady state. ``value_per_goal`` is what a
    customer reaching a goal is worth to the business (a sale's margin), in the same money as the
    touchpoints' ``cost_per_contact``."""

    title: str
    stages: tuple[Stage, ...] = ()
    touchpoints: tuple[Touchpoint, ...] = ()
    arrivals: tuple[Arrival, ...] = ()
    language: Language = "en"
    time_unit: TimeUnit = "minute"
    description: str | None = None
    notes: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    horizon: float | None = None
    # -- value (see journeymap.simulation.economics) --
    value_per_goal: float | None = None
    teams: tuple[Team, ...] = ()
    """Pools of servers shared by touchpoints, with their shifts (see :mod:`journeymap.model.teams`)."""
    segments: tuple[Segment, ...] = ()
    """Kinds of customers with their shares and priorities (see :mod:`journeymap.model.segments`)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        for name in ("stages", "touchpoints", "arrivals", "teams", "segments"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    # -- looking things up -------------------------------------------------------------------
    @property
    def touchpoint_ids(self) -> tuple[str, ...]:
        return tuple(tp.id for tp in self.touchpoints)

    @property
    def stage_ids(self) -> tuple[str, ...]:
        return tuple(stage.id for stage in self.stages)

    def touchpoint(self, id: str) -> Touchpoint:
        """The touchpoint with this id; :class:`~journeymap.errors.NotFound` with a did-you-mean when there is none."""
        return find(self.touchpoints, id, "touchpoint")

    def stage(self, id: str) -> Stage:
        """The stage with this id; :class:`~journeymap.errors.NotFound` with a did-you-mean when there is none."""
        return find(self.stages, id, "stage")

    def team(self, id: str) -> Team:
        """The team with this id; :class:`~journeymap.errors.NotFound` with a did-you-mean when there is none."""
        return find(self.teams, id, "team")

    def touchpoints_in(self, stage: str) -> tuple[Touchpoint, ...]:
        """The touchpoints of one stage, in file order."""
        return tuple(tp for tp in self.touchpoints if tp.stage == stage)

    def team_of(self, touchpoint: Touchpoint) -> Team | None:
        """The team whose servers serve ``touchpoint``: ``None`` when it has a ``capacity`` or ``shifts`` of
        its own (those always win), else the team its ``team`` names, else the team whose id is its
        ``owner`` (see :mod:`journeymap.model.teams`)."""
        if touchpoint.capacity is not None or touchpoint.shifts:
            return None
        teams = {team.id: team for team in self.teams}
        return teams.get(touchpoint.team if touchpoint.team is not None else touchpoint.owner)  # type: ignore[arg-type]

    def has_queue(self, touchpoint: Touchpoint) -> bool:
        """True when ``touchpoint`` has a limited number of servers, so that customers queue there once its
        service takes time: its own ``capacity`` or ``shifts``, or those of the team that serves it."""
        return touchpoint.capacity is not None or bool(touchpoint.shifts) or self.team_of(touchpoint) is not None

    @property
    def moments_of_truth(self) -> tuple[Touchpoint, ...]:
        return tuple(tp for tp in self.touchpoints if tp.moment_of_truth)

    @property
    def goals(self) -> tuple[Touchpoint, ...]:
        return tuple(tp for tp in self.touchpoints if tp.goal)

    @property
    def entry_points(self) -> tuple[str, ...]:
        """Touchpoints where customers enter, in arrival order, without repeats."""
        return tuple(dict.fromkeys(a.touchpoint for a in self.arrivals))

    def transitions(self) -> Iterator[tuple[str, Transition]]:
        """Every route as ``(source id, transition)``."""
        for tp in self.touchpoints:
            for transition in tp.next:
                yield tp.id, transition

    # -- edits (each returns a new journey) ------------------------------------------------------
    def with_touchpoint(self, touchpoint: Touchpoint, *, after: str | None = None) -> Journey:
        """This journey with ``touchpoint`` replacing the one with its id, or added (after ``after``,
        else at the end)."""
        if touchpoint.id in self.touchpoint_ids:
            tps = tuple(touchpoint if tp.id == touchpoint.id else tp for tp in self.touchpoints)
            return self.replace(touchpoints=tps)
        tps_list = list(self.touchpoints)
        index = self.touchpoint_ids.index(self.touchpoint(after).id) + 1 if after else len(tps_list)
        tps_list.insert(index, touchpoint)
        return self.replace(touchpoints=tuple(tps_list))

    def update_touchpoint(self, id: str, **changes: Any) -> Journey:
        """This journey with fields of touchpoint ``id`` changed (``update_touchpoint("call", capacity=5)``).

        A field of the wrong type is a :class:`TypeError` naming it (``'capacity' must be a positive int or
        None (got 'x')``), refused here rather than found by the simulation later; a value of the right
        type that makes no sense (a capacity of 0) is :func:`journeymap.validate`'s to report."""
        _check_touchpoint_changes(changes)
        return self.with_touchpoint(self.touchpoint(id).replace(**changes))

    def update_team(self, id: str, **changes: Any) -> Journey:
        """This journey with fields of team ``id`` changed (``update_team("agents", capacity=6)``); what
        makes no sense (a capacity of 0, overlapping shifts) is :func:`journeymap.validate`'s to report."""
        team = self.team(id).replace(**changes)
        return self.replace(teams=tuple(team if t.id == id else t for t in self.teams))

    def without_touchpoint(self, id: str) -> Journey:
        """This journey without touchpoint ``id``, the routes into it and the arrivals at it."""
        self.touchpoint(id)
        tps = tuple(
            tp.replace(next=tuple(t for t in tp.next if t.target != id),
                       next_by_segment={segment: tuple(t for t in routes if t.target != id)
                                        for segment, routes in tp.next_by_segment.items()})
            for tp in self.touchpoints
            if tp.id != id
        )
        arrivals = tuple(a for a in self.arrivals if a.touchpoint != id)
        return self.replace(touchpoints=tps, arrivals=arrivals)

    def rename_touchpoint(self, old: str, new: str) -> Journey:
        """This journey with touchpoint ``old`` given the id ``new``, routes and arrivals following it."""
        self.touchpoint(old)
        if new in self.touchpoint_ids:
            raise EditError(f"a touchpoint '{new}' already exists")

        def moved(tp: Touchpoint) -> Touchpoint:
            routes = tuple(t.replace(target=new) if t.target == old else t for t in tp.next)
            by_segment = {segment: tuple(t.replace(target=new) if t.target == old else t for t in segment_routes)
                          for segment, segment_routes in tp.next_by_segment.items()}
            return tp.replace(id=new if tp.id == old else tp.id, next=routes, next_by_segment=by_segment)

        arrivals = tuple(a.replace(touchpoint=new) if a.touchpoint == old else a for a in self.arrivals)
        return self.replace(touchpoints=tuple(moved(tp) for tp in self.touchpoints), arrivals=arrivals)

    def with_stage(self, stage: Stage, *, after: str | None = None) -> Journey:
        """This journey with ``stage`` replacing the one with its id, or added (after ``after``, else last)."""
        if stage.id in self.stage_ids:
            return self.replace(stages=tuple(stage if s.id == stage.id else s for s in self.stages))
        stages = list(self.stages)
        index = self.stage_ids.index(self.stage(after).id) + 1 if after else len(stages)
        stages.insert(index, stage)
        return self.replace(stages=tuple(stages))

    def without_stage(self, id: str) -> Journey:
        """This journey without stage ``id``; its touchpoints must have been moved or removed first."""
        self.stage(id)
        left = [tp.id for tp in self.touchpoints_in(id)]
        if left:
            raise EditError(f"stage '{id}' still holds touchpoints: {', '.join(left)}")
        return self.replace(stages=tuple(s for s in self.stages if s.id != id))

    def with_arrival(self, arrival: Arrival) -> Journey:
        """This journey with ``arrival`` replacing the arrivals at its touchpoint (or added)."""
        kept = tuple(a for a in self.arrivals if a.touchpoint != arrival.touchpoint)
        return self.replace(arrivals=(*kept, arrival))

    def with_order(self, touchpoints: Iterable[str]) -> Journey:
        """This journey with its touchpoints in the given id order (every id exactly once)."""
        order = list(touchpoints)
        if sorted(order) != sorted(self.touchpoint_ids):
            raise EditError("the new order must name every touchpoint exactly once")
        return self.replace(touchpoints=tuple(self.touchpoint(i) for i in order))

    # -- graphs ----------------------------------------------------------------------------------
    def to_networkx(self) -> Any:
        """A ``networkx.DiGraph``: touchpoint ids as nodes with every field as an attribute,
        routes as edges with ``p`` (and ``delay``); the journey's own fields in ``G.graph``."""
        from journeymap.model.graph import to_networkx

        return to_networkx(self)

    @classmethod
    def from_networkx(cls, graph: Any) -> Journey:
        """The journey that :meth:`to_networkx` made (or a DiGraph with the same attributes)."""
        from journeymap.model.graph import from_networkx

        return from_networkx(graph)

    def __repr__(self) -> str:
        return (
            f"<Journey {self.title!r}: {len(self.stages)} stages, {len(self.touchpoints)} touchpoints, "
            f"{len(self.moments_of_truth)} moments of truth, {len(self.arrivals)} arrivals>"
        )


def _shown(value: Any) -> str:
    return clip(repr(value))


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _is_optional_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _is_flag(value: Any) -> bool:
    return isinstance(value, bool)


def _is_capacity(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def _is_time(value: Any) -> bool:
    return value is None or isinstance(value, Distribution)


def _is_score(value: Any) -> bool:
    return value is None or (isinstance(value, Real) and not isinstance(value, bool))


def _is_texts(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def _is_routes(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, Transition) for v in value)


def _is_mapping(value: Any) -> bool:
    return isinstance(value, Mapping)


def _is_measured(value: Any) -> bool:
    return value is None or isinstance(value, MeasuredSatisfaction)


def _is_shifts(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, Shift) for v in value)


_TOUCHPOINT_TYPES: dict[str, tuple[Any, str]] = {
    "id": (_is_text, "a text"),
    "name": (_is_text, "a text"),
    "stage": (_is_text, "a stage id (text)"),
    "channel": (_is_optional_text, "a text or None"),
    "lane": (_is_text, f"one of {', '.join(LANES)}"),
    "owner": (_is_optional_text, "a text or None"),
    "moment_of_truth": (_is_flag, "True or False"),
    "requirements": (_is_texts, "a list of texts"),
    "capacity": (_is_capacity, "a positive int or None"),
    "service_time": (_is_time, "a distribution such as Exponential(6) or None"),
    "patience": (_is_time, "a distribution such as Exponential(6) or None"),
    "goal": (_is_flag, "True or False"),
    "satisfaction": (_is_score, "a number from 1 to 5, or None"),
    "measured_satisfaction": (_is_measured, "a MeasuredSatisfaction (a survey's result) or None"),
    "cost_per_contact": (_is_score, "a number (money per contact served) or None"),
    "next": (_is_routes, "a list of Transition"),
    "description": (_is_optional_text, "a text or None"),
    "notes": (_is_optional_text, "a text or None"),
    "meta": (_is_mapping, "a mapping"),
    "team": (_is_optional_text, "a team id (text) or None"),
    "next_by_segment": (_is_mapping, "a mapping of segment id to a list of Transition"),
    "satisfaction_by_segment": (_is_mapping, "a mapping of segment id to a number from 1 to 5"),
    "retry": (lambda value: value is None or isinstance(value, Retry), "a Retry(p, delay) or None"),
    "shifts": (_is_shifts, "a list of Shift"),
}


_TIMES = ("service_time", "patience")


def _check_touchpoint_changes(changes: Mapping[str, Any]) -> None:
    """A :class:`TypeError` for an unknown field or a value of the wrong type (attrs' wording)."""
    for name, value in changes.items():
        if name not in _TOUCHPOINT_TYPES:
            raise TypeError(f"a touchpoint has no field {clip(repr(name))}{did_you_mean(name, _TOUCHPOINT_TYPES)} "
                            f"(its fields: {', '.join(_TOUCHPOINT_TYPES)})")
        accepts, what = _TOUCHPOINT_TYPES[name]
        if not accepts(value):
            hint = "; edits.set_time takes a number or a text such as '90 s'" if name in _TIMES else ""
            raise TypeError(f"'{name}' must be {what} (got {_shown(value)}){hint}")


def require_journey(value: Any, name: str = "journey") -> Journey:
    """``value`` when it is a :class:`Journey`; a :class:`TypeError` naming the argument otherwise
    (``'journey' must be a Journey (got None)``), with a hint for a path, a text or a document."""
    if isinstance(value, Journey):
        return value
    hint = ""
    if isinstance(value, str | os.PathLike):
        hint = ": load a file first with jm.load(path), or text with jm.loads(text)"
    elif isinstance(value, Mapping):
        hint = ": build it from a document with jm.io.from_document(...)"
    got = "None" if value is None else f"{type(value).__name__} {_shown(value)}"
    raise TypeError(f"'{name}' must be a Journey (got {got}){hint}")
