"""Every pure edit of a journey: each takes a journey and returns a new one, the original untouched.

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
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, Literal, get_args

from journeymap.errors import EditError, NotFound, UnitError, did_you_mean, find
from journeymap.model import distributions as dist
from journeymap.model.arrivals import mean_arrival_rate
from journeymap.model.distributions import DISTRIBUTIONS, Distribution, Exponential
from journeymap.model.journey import Arrival, Journey, Stage, Touchpoint
from journeymap.model.segments import Segment
from journeymap.model.teams import WEEKDAYS, Shift, Team
from journeymap.model.units import convert, parse_duration, parse_rate, parse_time_of_day
from journeymap.model.wording import clock

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
    "scale_team_capacity",
    "scale_time",
    "set_arrival_rate",
    "set_capacity",
    "set_route",
    "set_stage",
    "set_team_capacity",
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

_EPS = 1e-9


# -- checking arguments ------------------------------------------------------------------------------------
def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"'{what}' must be a finite number (got {value!r})")
    if not math.isfinite(value):
        raise EditError(f"'{what}' must be a finite number (got {value!r})")
    return float(value)


def _factor(value: Any) -> float:
    factor = _number(value, "factor")
    if factor <= 0:
        raise EditError(f"'factor' must be a positive number (got {value!r})")
    return factor


def _probability(value: Any) -> float:
    p = _number(value, "p")
    if not 0.0 <= p <= 1.0:
        raise EditError(f"'p' must be a probability between 0 and 1 (got {value!r})")
    return p


def _choice(value: Any, choices: Iterable[str], what: str) -> Any:
    choices = tuple(choices)
    if value not in choices:
        listed = " or ".join(f"'{c}'" for c in choices)
        raise EditError(f"'{what}' must be {listed} (got {value!r}){did_you_mean(str(value), choices)}")
    return value


def _duration(value: Any, journey: Journey, what: str) -> float:
    try:
        number = parse_duration(value, journey.time_unit)
    except UnitError as exc:
        raise UnitError(f"'{what}': {exc}") from None
    if number <= 0:
        raise EditError(f"'{what}' must be a positive time (got {value!r})")
    return number


def _rate(value: Any, journey: Journey) -> float:
    try:
        number = parse_rate(value, journey.time_unit)
    except UnitError as exc:
        raise UnitError(f"'rate': {exc}") from None
    if number < 0:
        raise EditError(f"'rate' must be a non-negative rate (got {value!r})")
    return number


def _name(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"'{what}' must be a text (got {type(value).__name__})")
    if not value.strip():
        raise EditError(f"a {what} needs a name (got an empty text)")
    return value.strip()


# -- ids ---------------------------------------------------------------------------------------------------
def slug(text: str) -> str:
    """An id made from a typed name: ASCII lowercase words joined by ``_`` (``"Atención 24 h"`` → ``atencion_24_h``)."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    words = re.sub(r"[^0-9a-z]+", "_", ascii_text.lower()).strip("_")
    if not words:
        return "item"
    return words if words[0].isalpha() else f"n_{words}"


def unique_id(name: str, taken: Iterable[str]) -> str:
    """``slug(name)``, with ``_2``, ``_3``... appended until it is not in ``taken``."""
    used = set(taken)
    base = slug(name)
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}_{n}"
    return candidate


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


# -- teams and their shifts ---------------------------------------------------------------------------
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


# -- the editor's teams, shifts, costs and segments ----------------------------------------------------
# (add_team, remove_team, shifts by row, a touchpoint's team and cost, segments; the workbench's forms call these)
__all__ += [
    "add_segment",
    "add_shift",
    "add_team",
    "remove_segment",
    "remove_shift",
    "remove_team",
    "set_cost_per_contact",
    "set_segment",
    "set_shift",
    "set_team_cost",
    "set_touchpoint_team",
    "use_team_capacity",
]

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
