"""Changes to a journey's structure: routing probabilities, routes and touchpoints added or removed.

Changing one route's probability always says what happens to the rest of that touchpoint's routing
(``rebalance``, see :data:`~journeymap.experiment.changes.REBALANCE`): nothing is rescaled silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from journeymap.errors import did_you_mean
from journeymap.experiment.changes import (
    _EPS,
    Change,
    ChangeError,
    Rebalance,
    _probability,
    _rebalance,
    _scaled_arrival,
    _touchpoint,
)
from journeymap.model import Arrival, Distribution, Journey, Touchpoint

__all__ = [
    "AddTouchpoint",
    "AddTouchpointSpec",
    "RemoveRoute",
    "RemoveTouchpoint",
    "SetRoute",
    "add_route",
    "add_touchpoint",
    "remove_route",
    "remove_touchpoint",
    "set_route",
]


# -- routes -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SetRoute(Change):
    """Set the probability of the route ``source → target`` (added when missing), saying how the rest of
    the source's routing adapts: ``rebalance="others"`` rescales its other routes and keeps the share
    leaving there; ``rebalance="leave"`` changes only this route, the leaving share taking up the rest."""

    source: str
    target: str
    p: float
    rebalance: Rebalance
    kind = "set_route"

    def apply(self, journey: Journey) -> Journey:
        tp = _touchpoint(journey, self.source)
        _touchpoint(journey, self.target)
        p, rebalance = _probability(self.p), _rebalance(self.rebalance)
        old = next((t.p for t in tp.next if t.target == self.target), 0.0)
        others = sum(t.p for t in tp.next if t.target != self.target)
        if rebalance == "leave":
            if others + p > 1 + _EPS:
                raise ChangeError(
                    f"'p' {p:g} with the other routes of '{tp.id}' ({others:g}) sums to {others + p:g} > 1: "
                    f"lower it or use rebalance='others'")
            return journey.with_touchpoint(tp.with_route(self.target, p, _delay(tp, self.target)))
        room = others + old - p  # what the other routes must carry so that the leaving share is kept
        if room < -_EPS:
            raise ChangeError(
                f"'p' {p:g} is more than the {others + old:g} routed onward from '{tp.id}' before, so the share "
                f"leaving there cannot be kept: use rebalance='leave'")
        if others <= _EPS and room > _EPS:
            raise ChangeError(f"touchpoint '{tp.id}' has no other route to rescale: use rebalance='leave'")
        factor = max(room, 0.0) / others if others > _EPS else 0.0
        routes = tuple(t.replace(p=t.p * factor) if t.target != self.target else t for t in tp.next)
        return journey.with_touchpoint(tp.replace(next=routes).with_route(self.target, p, _delay(tp, self.target)))

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (self.source,)


def _delay(tp: Touchpoint, target: str) -> Distribution | None:
    return next((t.delay for t in tp.next if t.target == target), None)


@dataclass(frozen=True)
class RemoveRoute(Change):
    """Remove the route ``source → target``: with ``rebalance="leave"`` those customers leave the cycle
    there; with ``rebalance="others"`` the other routes are scaled up to carry them."""

    source: str
    target: str
    rebalance: Rebalance
    kind = "remove_route"

    def apply(self, journey: Journey) -> Journey:
        tp = _touchpoint(journey, self.source)
        rebalance = _rebalance(self.rebalance)
        try:
            route = tp.route(self.target)
        except KeyError as exc:
            raise ChangeError(exc.args[0]) from None
        rest = tp.without_route(self.target)
        others = sum(t.p for t in rest.next)
        if rebalance == "others":
            if others <= _EPS:
                raise ChangeError(f"touchpoint '{tp.id}' has no other route to carry those customers: "
                                  f"use rebalance='leave'")
            factor = (others + route.p) / others
            rest = rest.replace(next=tuple(t.replace(p=t.p * factor) for t in rest.next))
        return journey.with_touchpoint(rest)

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (self.source,)


# -- touchpoints -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AddTouchpoint(Change):
    """Add a new touchpoint (placed after ``after``, else last). Routes into it are separate changes
    (:func:`set_route`)."""

    touchpoint: Touchpoint
    after: str | None = None
    kind = "add_touchpoint"

    def apply(self, journey: Journey) -> Journey:
        new = self.touchpoint
        if not isinstance(new, Touchpoint):
            raise ChangeError(f"'touchpoint' must be a Touchpoint (got {type(new).__name__})")
        if new.id in journey.touchpoint_ids:
            raise ChangeError(f"a touchpoint '{new.id}' already exists")
        if self.after is not None:
            _touchpoint(journey, self.after)
        if journey.stages and new.stage not in journey.stage_ids:
            hint = did_you_mean(new.stage, journey.stage_ids)
            raise ChangeError(f"'stage' '{new.stage}' is not a stage of the journey{hint}")
        for route in new.next:
            if route.target != new.id:
                _touchpoint(journey, route.target)
        return journey.with_touchpoint(new, after=self.after)

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (self.touchpoint.id,)

    def __str__(self) -> str:
        return f"add_touchpoint({self.touchpoint.id!r})"


@dataclass(frozen=True)
class AddTouchpointSpec(Change):
    """:class:`AddTouchpoint` as written in a file: the touchpoint's mapping, read with the journey's
    time unit when the change is applied (``"2 min"`` means the same in any journey)."""

    spec: dict[str, Any]
    after: str | None = None
    kind = "add_touchpoint"

    def apply(self, journey: Journey) -> Journey:
        return AddTouchpoint(_read_touchpoint(self.spec, journey), self.after).apply(journey)

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (str(self.spec.get("id")),)

    def __str__(self) -> str:
        return f"add_touchpoint({self.spec.get('id')!r})"


def _read_touchpoint(spec: dict[str, Any], journey: Journey) -> Touchpoint:
    """A :class:`Touchpoint` from its file mapping, read by the io layer in ``journey``'s time unit
    (a one-touchpoint document, so times and routes are read exactly as in a journey file)."""
    from journeymap.io.parse import parse_document

    document = {"title": journey.title, "time_unit": journey.time_unit, "touchpoints": [spec]}
    parsed, issues, _ = parse_document(document)
    errors = [issue for issue in issues if issue.is_error]
    if errors:
        prefix = "touchpoints[0]"
        raise ChangeError("; ".join(
            f"{i.path.replace(prefix, 'add_touchpoint', 1)}: {i.message}" if i.path.startswith(prefix + ".")
            else i.message for i in errors))
    return parsed.touchpoints[0]


@dataclass(frozen=True)
class RemoveTouchpoint(Change):
    """Remove a touchpoint. Without ``bypass`` the customers routed there leave the cycle at the source
    (and its arrivals stop); with ``bypass=True`` they go straight on to where it would have sent them
    (routing probabilities multiplied through, a self-loop folded in; the delays on its outgoing routes
    kept), and customers arriving there enter at those touchpoints instead."""

    touchpoint: str
    bypass: bool = False
    kind = "remove_touchpoint"

    def apply(self, journey: Journey) -> Journey:
        gone = _touchpoint(journey, self.touchpoint)
        if not self.bypass:
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
                    delay = existing.delay if existing else route.delay
                    tp = tp.with_route(route.target, p, delay)
            touchpoints.append(tp)
        arrivals: list[Arrival] = []
        for arrival in journey.arrivals:
            if arrival.touchpoint != gone.id:
                arrivals.append(arrival)
                continue
            arrivals.extend(_scaled_arrival(arrival, route.p).replace(touchpoint=route.target) for route in onward)
        return journey.replace(touchpoints=tuple(touchpoints), arrivals=tuple(arrivals))

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (self.touchpoint,)



# -- the functions people call ---------------------------------------------------------------------------
def set_route(source: str, target: str, p: float, *, rebalance: Rebalance) -> Change:
    """Set the probability of ``source → target``; ``rebalance`` ("others" or "leave") says what else
    changes (see :data:`REBALANCE`)."""
    return SetRoute(source, target, p, rebalance)


def add_route(source: str, target: str, p: float, *, rebalance: Rebalance) -> Change:
    """Add the route ``source → target`` with probability ``p`` (same as :func:`set_route`)."""
    return SetRoute(source, target, p, rebalance)


def remove_route(source: str, target: str, *, rebalance: Rebalance) -> Change:
    """Remove the route ``source → target``; ``rebalance`` says where its customers go."""
    return RemoveRoute(source, target, rebalance)


def add_touchpoint(touchpoint: Touchpoint, *, after: str | None = None) -> Change:
    """Add ``touchpoint`` to the journey (after the touchpoint ``after``, else at the end)."""
    return AddTouchpoint(touchpoint, after)


def remove_touchpoint(touchpoint: str, *, bypass: bool = False) -> Change:
    """Remove ``touchpoint``; ``bypass=True`` sends its customers straight on instead of out."""
    return RemoveTouchpoint(touchpoint, bypass)
