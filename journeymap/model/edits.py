"""The pure edits of a journey's map: each takes a journey and returns a new one, the original untouched.

The workbench calls these when a field changes, the experiment layer's changes (``set_capacity("call",
5)`` in a scenario) call them when applied, and a notebook user can call them directly::

    from journeymap.model import edits
    journey = edits.set_capacity(journey, "call", 5)
    journey = edits.set_route(journey, "call", "chat", 0.3, rebalance="others")
    journey = edits.add_touchpoint(journey, "Calls back", after="call")   # a fresh id: calls_back

Times and rates are numbers in the journey's ``time_unit`` or text with a unit (``"90 s"``, ``"30/h"``).
An unknown id raises :class:`~journeymap.errors.NotFound` (with a did-you-mean), an edit that cannot
be made :class:`~journeymap.errors.EditError`, text that is not a time or rate
:class:`~journeymap.errors.UnitError`, and an argument of the wrong type :class:`TypeError`, each
naming the argument: ``'capacity' must be a positive int (got -2)``.

The edits of how the journey is staffed and whom it serves (teams, shifts, costs, segments) are in
:mod:`journeymap.model.operations_edits`; the argument checks both share in
:mod:`journeymap.model.edit_checks`.
"""

from __future__ import annotations

import numbers
from typing import Literal, get_args

from journeymap.errors import EditError, NotFound, did_you_mean
from journeymap.model import distributions as dist
from journeymap.model.arrivals import mean_arrival_rate
from journeymap.model.distributions import DISTRIBUTIONS, Distribution, Exponential
from journeymap.model.edit_checks import (
    _EPS,
    _choice,
    _duration,
    _factor,
    _name,
    _probability,
    _rate,
    slug,
    unique_id,
)
from journeymap.model.entries import Arrival
from journeymap.model.journey import Journey, Stage, Touchpoint

__all__ = [
    "REBALANCE",
    "TIME_FIELDS",
    "Rebalance",
    "TimeField",
    "add_stage",
    "add_touchpoint",
    "move_stage",
    "move_touchpoint",
    "new_stage",
    "new_touchpoint",
    "remove_route",
    "remove_touchpoint",
    "scale_arrivals",
    "scale_capacity",
    "scale_time",
    "set_arrival_rate",
    "set_capacity",
    "set_route",
    "set_stage",
    "set_time",
    "slug",
    "switch_kind",
    "unique_id",
]

Rebalance = Literal["others", "leave"]
REBALANCE: dict[str, str] = {
    "others": "the touchpoint's other routes are rescaled proportionally; the share leaving there is kept",
    "leave": "only this route changes; the share leaving the cycle there takes up the difference",
}
"""How the rest of a touchpoint's routing adapts when one route's probability changes."""

TimeField = Literal["service_time", "patience"]
TIME_FIELDS: tuple[str, ...] = get_args(TimeField)
"""The touchpoint fields that hold a time distribution."""

# -- stages and order --------------------------------------------------------------------------------------
def new_stage(journey: Journey, name: str) -> Stage:
    """A stage called ``name`` with a fresh id (``slug`` of the name, made unique in ``journey``)."""
    name = _name(name, "stage")
    return Stage(unique_id(name, journey.stage_ids), name)


def add_stage(journey: Journey, stage: Stage | str, *, after: str | None = None) -> Journey:
    """The journey with a new stage (a :class:`Stage`, or a name given a fresh id) after stage ``after``,
    else last."""
    if isinstance(stage, str):
        stage = new_stage(journey, stage)
    elif not isinstance(stage, Stage):
        raise TypeError(f"'stage' must be a Stage or a name (got {type(stage).__name__})")
    if stage.id in journey.stage_ids:
        raise EditError(f"a stage '{stage.id}' already exists")
    return journey.with_stage(stage, after=after)


def move_stage(journey: Journey, stage: str, offset: int) -> Journey:
    """The journey with stage ``stage`` moved ``offset`` places (negative: earlier), clamped to the ends."""
    index = journey.stage_ids.index(journey.stage(stage).id)
    target = min(max(index + offset, 0), len(journey.stages) - 1)
    stages = list(journey.stages)
    stages.insert(target, stages.pop(index))
    return journey.replace(stages=tuple(stages))


def move_touchpoint(journey: Journey, touchpoint: str, offset: int) -> Journey:
    """The journey with a touchpoint moved ``offset`` places among the touchpoints of its own stage."""
    tp = journey.touchpoint(touchpoint)
    siblings = [t.id for t in journey.touchpoints_in(tp.stage)]
    index = siblings.index(tp.id)
    target = min(max(index + offset, 0), len(siblings) - 1)
    if target == index:
        return journey
    siblings.insert(target, siblings.pop(index))
    slots = iter(siblings)  # the stage's positions in file order stay; who sits in them changes
    order = [next(slots) if t.stage == tp.stage else t.id for t in journey.touchpoints]
    return journey.with_order(order)


def set_stage(journey: Journey, touchpoint: str, stage: str) -> Journey:
    """The journey with a touchpoint moved to ``stage``: an existing stage's id or name (any case), or the
    name of a new stage, added last."""
    stage = _name(stage, "stage")
    by_label = {s.label.casefold(): s.id for s in journey.stages}
    if stage in journey.stage_ids:
        stage_id = stage
    elif stage.casefold() in by_label:
        stage_id = by_label[stage.casefold()]
    else:
        created = new_stage(journey, stage)
        journey, stage_id = add_stage(journey, created), created.id
    return journey.update_touchpoint(touchpoint, stage=stage_id)


# -- touchpoints -------------------------------------------------------------------------------------------
def new_touchpoint(journey: Journey, name: str, stage: str | None = None, *, after: str | None = None) -> Touchpoint:
    """A touchpoint called ``name`` with a fresh id, in ``stage`` (default: the stage of touchpoint
    ``after``, else the first stage)."""
    name = _name(name, "touchpoint")
    if stage is None:
        stage = journey.touchpoint(after).stage if after else (journey.stage_ids[0] if journey.stages else "")
    return Touchpoint(unique_id(name, journey.touchpoint_ids), name, stage)


def add_touchpoint(
    journey: Journey, touchpoint: Touchpoint | str, stage: str | None = None, *, after: str | None = None
) -> Journey:
    """The journey with a new touchpoint: a :class:`Touchpoint`, or a name given a fresh id (see
    :func:`new_touchpoint`, which also places it in ``stage``).

    It goes right after touchpoint ``after`` when given, else after the last touchpoint of its stage
    (else last). Its stage and the targets of its routes must exist; routes into it are separate
    edits (:func:`set_route`).
    """
    if isinstance(touchpoint, str):
        touchpoint = new_touchpoint(journey, touchpoint, stage, after=after)
    elif not isinstance(touchpoint, Touchpoint):
        raise TypeError(f"'touchpoint' must be a Touchpoint or a name (got {type(touchpoint).__name__})")
    if touchpoint.id in journey.touchpoint_ids:
        raise EditError(f"a touchpoint '{touchpoint.id}' already exists")
    if journey.stages:
        journey.stage(touchpoint.stage)
    for route in touchpoint.next:
        if route.target != touchpoint.id:
            journey.touchpoint(route.target)
    if after is None:
        in_stage = journey.touchpoints_in(touchpoint.stage)
        after = in_stage[-1].id if in_stage else None
    return journey.with_touchpoint(touchpoint, after=after)


def remove_touchpoint(journey: Journey, touchpoint: str, *, bypass: bool = False) -> Journey:
    """The journey without ``touchpoint``.

    Without ``bypass`` the customers routed there leave the cycle at the source and its arrivals stop.
    With ``bypass=True`` they go straight on to where it would have sent them (probabilities multiplied
    through, a self-loop folded in, the delays on its outgoing routes kept), and customers arriving
    there enter at those touchpoints instead.
    """
    if not isinstance(bypass, bool):
        raise TypeError(f"'bypass' must be True or False (got {bypass!r})")
    gone = journey.touchpoint(touchpoint)
    if not bypass:
        return journey.without_touchpoint(gone.id)
    stay = sum(t.p for t in gone.next if t.target == gone.id)
    onward = [t.replace(p=t.p / (1 - stay)) for t in gone.next if t.target != gone.id] if stay < 1 else []
    touchpoints = []
    for tp in journey.touchpoints:
        if tp.id == gone.id:
            continue
        into = sum(t.p for t in tp.next if t.target == gone.id)
        if into > 0:
            tp = tp.without_route(gone.id)
            for route in onward:
                existing = next((t for t in tp.next if t.target == route.target), None)
                p = into * route.p + (existing.p if existing else 0.0)
                tp = tp.with_route(route.target, p, existing.delay if existing else route.delay)
        touchpoints.append(tp)
    arrivals: list[Arrival] = []
    for arrival in journey.arrivals:
        if arrival.touchpoint != gone.id:
            arrivals.append(arrival)
            continue
        arrivals.extend(arrival.scaled(route.p).replace(touchpoint=route.target) for route in onward)
    return journey.replace(touchpoints=tuple(touchpoints), arrivals=tuple(arrivals))


# -- routes ------------------------------------------------------------------------------------------------
def set_route(journey: Journey, source: str, target: str, p: float, *, rebalance: Rebalance) -> Journey:
    """The journey with the route ``source → target`` taken with probability ``p`` (added when missing;
    its delay kept). ``rebalance`` says how the rest of the source's routing adapts (:data:`REBALANCE`):
    ``"others"`` rescales its other routes and keeps the share leaving there; ``"leave"`` changes only
    this route, the leaving share taking up the rest."""
    tp = journey.touchpoint(source)
    journey.touchpoint(target)
    p, rebalance = _probability(p), _choice(rebalance, REBALANCE, "rebalance")
    delay = next((t.delay for t in tp.next if t.target == target), None)
    old = next((t.p for t in tp.next if t.target == target), 0.0)
    others = sum(t.p for t in tp.next if t.target != target)
    if rebalance == "leave":
        if others + p > 1 + _EPS:
            raise EditError(f"'p' {p:g} with the other routes of '{tp.id}' ({others:g}) sums to {others + p:g} > 1: "
                            f"lower it or use rebalance='others'")
        return journey.with_touchpoint(tp.with_route(target, p, delay))
    room = others + old - p  # what the other routes must carry so that the leaving share is kept
    if room < -_EPS:
        raise EditError(f"'p' {p:g} is more than the {others + old:g} routed onward from '{tp.id}' before, so the "
                        f"share leaving there cannot be kept: use rebalance='leave'")
    if others <= _EPS and room > _EPS:
        raise EditError(f"touchpoint '{tp.id}' has no other route to rescale: use rebalance='leave'")
    factor = max(room, 0.0) / others if others > _EPS else 0.0
    routes = tuple(t.replace(p=t.p * factor) if t.target != target else t for t in tp.next)
    return journey.with_touchpoint(tp.replace(next=routes).with_route(target, p, delay))


def remove_route(journey: Journey, source: str, target: str, *, rebalance: Rebalance) -> Journey:
    """The journey without the route ``source → target``: with ``rebalance="leave"`` those customers
    leave the cycle there; with ``rebalance="others"`` the source's other routes are scaled up to carry them."""
    tp = journey.touchpoint(source)
    rebalance = _choice(rebalance, REBALANCE, "rebalance")
    route = tp.route(target)
    rest = tp.without_route(target)
    others = sum(t.p for t in rest.next)
    if rebalance == "others":
        if others <= _EPS:
            raise EditError(f"touchpoint '{tp.id}' has no other route to carry those customers: use rebalance='leave'")
        factor = (others + route.p) / others
        rest = rest.replace(next=tuple(t.replace(p=t.p * factor) for t in rest.next))
    return journey.with_touchpoint(rest)


# -- capacity and times ------------------------------------------------------------------------------------
def set_capacity(journey: Journey, touchpoint: str, capacity: int | None) -> Journey:
    """The journey with ``touchpoint`` given this many parallel servers (``None``: unlimited, nobody queues)."""
    journey.touchpoint(touchpoint)
    if capacity is not None:
        if isinstance(capacity, bool) or not isinstance(capacity, numbers.Integral):
            raise TypeError(f"'capacity' must be a positive int or None (got {capacity!r})")
        if capacity < 1:
            raise EditError(f"'capacity' must be a positive int (got {capacity!r})")
        capacity = int(capacity)
    return journey.update_touchpoint(touchpoint, capacity=capacity)


def scale_capacity(journey: Journey, touchpoint: str, factor: float) -> Journey:
    """The journey with the capacity of ``touchpoint`` multiplied by ``factor``, rounded to the nearest
    whole server (at least one)."""
    tp = journey.touchpoint(touchpoint)
    factor = _factor(factor)
    if tp.capacity is None:
        raise EditError(f"touchpoint '{tp.id}' has unlimited capacity: set a capacity instead of scaling it")
    return journey.update_touchpoint(tp.id, capacity=max(1, round(tp.capacity * factor)))


def set_time(journey: Journey, touchpoint: str, field: TimeField, value: Distribution | float | str | None) -> Journey:
    """The journey with the service time or patience (``field``) of ``touchpoint`` set.

    A :class:`~journeymap.model.Distribution` replaces the old one; a number (or ``"5 min"``) is the new
    *mean*: the old distribution is scaled to it, keeping its shape, and a touchpoint without one gets an
    exponential time with that mean. ``None`` removes the time (no service time; infinite patience).
    """
    tp = journey.touchpoint(touchpoint)
    field = _choice(field, TIME_FIELDS, "field")
    if value is None or isinstance(value, Distribution):
        return journey.update_touchpoint(tp.id, **{field: value})
    mean = _duration(value, journey, field)
    old: Distribution | None = getattr(tp, field)
    new = old.scaled(mean / old.mean) if old is not None and old.mean > 0 else Exponential(mean)
    return journey.update_touchpoint(tp.id, **{field: new})


def scale_time(journey: Journey, touchpoint: str, field: TimeField, factor: float) -> Journey:
    """The journey with the service time or patience (``field``) of ``touchpoint`` multiplied by ``factor``
    (0.8: 20% shorter), keeping its shape."""
    tp = journey.touchpoint(touchpoint)
    field = _choice(field, TIME_FIELDS, "field")
    factor = _factor(factor)
    old: Distribution | None = getattr(tp, field)
    if old is None:
        raise EditError(f"touchpoint '{tp.id}' has no {field.replace('_', ' ')} to scale: set one instead")
    return journey.update_touchpoint(tp.id, **{field: old.scaled(factor)})


def switch_kind(distribution: Distribution | None, kind: str, *, default_mean: float = 1.0) -> Distribution:
    """A distribution of another ``kind`` with the same mean as ``distribution`` (or ``default_mean``).

    The spread follows the kind's usual shape: uniform and triangular from half to one and a half
    times the mean, lognormal and gamma with the standard deviation equal to the mean.
    """
    if kind not in DISTRIBUTIONS:
        hint = did_you_mean(kind, DISTRIBUTIONS)
        raise EditError(f"'dist' must be one of: {', '.join(DISTRIBUTIONS)} (got '{kind}'){hint}")
    if distribution is not None and distribution.kind == kind:
        return distribution
    mean = float(distribution.mean) if distribution is not None else default_mean
    builders = {
        "constant": lambda m: dist.Constant(m),
        "exponential": lambda m: dist.Exponential(m),
        "uniform": lambda m: dist.Uniform(m / 2, m * 3 / 2),
        "triangular": lambda m: dist.Triangular(m / 2, m, m * 3 / 2),
        "lognormal": lambda m: dist.Lognormal(m, m),
        "gamma": lambda m: dist.Gamma(m, m),
        "empirical": lambda m: dist.Empirical((m,)),
    }
    return builders[kind](mean)


# -- arrivals ----------------------------------------------------------------------------------------------
def set_arrival_rate(journey: Journey, rate: float | str | None, touchpoint: str | None = None) -> Journey:
    """The journey with customers entering at mean ``rate`` (per time unit, or text such as ``"30/h"``).

    Without ``touchpoint`` every arrival (and every period of a daily schedule) is scaled by one factor
    so that their total is ``rate``: the mix of entry points and the daily profile are kept. With
    ``touchpoint`` only the arrivals there are scaled so; a touchpoint without arrivals becomes an entry
    point with Poisson arrivals at ``rate``, and ``rate=None`` stops the arrivals there.
    """
    if touchpoint is None:
        if rate is None:
            raise TypeError("'rate' must be a rate such as 0.5 or '30/h' (got None); None stops the arrivals "
                            "at one touchpoint only")
        total = sum(mean_arrival_rate(journey).values())
        if total <= 0:
            raise EditError("the journey has no arrivals to scale: give the touchpoint where customers enter")
        factor = _rate(rate, journey) / total
        return journey.replace(arrivals=tuple(a.scaled(factor) for a in journey.arrivals))
    journey.touchpoint(touchpoint)
    kept = tuple(a for a in journey.arrivals if a.touchpoint != touchpoint)
    if rate is None:
        return journey.replace(arrivals=kept)
    new = _rate(rate, journey)
    current = mean_arrival_rate(journey).get(touchpoint, 0.0)
    if current <= 0:
        return journey.replace(arrivals=(*kept, Arrival(touchpoint, rate=new)))
    arrivals = tuple(a.scaled(new / current) if a.touchpoint == touchpoint else a for a in journey.arrivals)
    return journey.replace(arrivals=arrivals)


def scale_arrivals(journey: Journey, factor: float, touchpoint: str | None = None) -> Journey:
    """The journey with every arrival rate (or those at ``touchpoint``) multiplied by ``factor``,
    daily schedules included."""
    factor = _factor(factor)
    if touchpoint is not None:
        journey.touchpoint(touchpoint)
        if touchpoint not in journey.entry_points:
            raise NotFound("entry touchpoint", touchpoint, journey.entry_points,
                           text=f"no customers arrive at '{touchpoint}'")
    arrivals = tuple(a.scaled(factor) if touchpoint in (None, a.touchpoint) else a for a in journey.arrivals)
    return journey.replace(arrivals=arrivals)
