"""Changes to a journey's structure: routing probabilities, routes and touchpoints added or removed.

Changing one route's probability always says what happens to the rest of that touchpoint's routing
(``rebalance``, see :data:`~journeymap.model.edits.REBALANCE`): nothing is rescaled silently. Like every
change, these are records; :meth:`apply` calls the model's edit (:mod:`journeymap.model.edits`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from journeymap.errors import EditError
from journeymap.experiment.changes import Change, Rebalance
from journeymap.model import Journey, Touchpoint, edits

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
@dataclass(frozen=True, repr=False)
class SetRoute(Change):
    """Set the probability of the route ``source → target`` (added when missing), saying how the rest of
    the source's routing adapts (see :func:`journeymap.model.edits.set_route`)."""

    source: str
    target: str
    p: float
    rebalance: Rebalance
    kind = "set_route"

    def apply(self, journey: Journey) -> Journey:
        return edits.set_route(journey, self.source, self.target, self.p, rebalance=self.rebalance)

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (self.source,)


@dataclass(frozen=True, repr=False)
class RemoveRoute(Change):
    """Remove the route ``source → target``: with ``rebalance="leave"`` those customers leave the cycle
    there; with ``rebalance="others"`` the other routes are scaled up to carry them."""

    source: str
    target: str
    rebalance: Rebalance
    kind = "remove_route"

    def apply(self, journey: Journey) -> Journey:
        return edits.remove_route(journey, self.source, self.target, rebalance=self.rebalance)

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (self.source,)


# -- touchpoints -------------------------------------------------------------------------------------------
@dataclass(frozen=True, repr=False)
class AddTouchpoint(Change):
    """Add a new touchpoint (after ``after``, else after the last one of its stage). Routes into it are
    separate changes (:func:`set_route`)."""

    touchpoint: Touchpoint
    after: str | None = None
    kind = "add_touchpoint"

    def apply(self, journey: Journey) -> Journey:
        if not isinstance(self.touchpoint, Touchpoint):
            raise TypeError(f"'touchpoint' must be a Touchpoint (got {type(self.touchpoint).__name__})")
        return edits.add_touchpoint(journey, self.touchpoint, after=self.after)

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (self.touchpoint.id,)

    def __repr__(self) -> str:
        return f"add_touchpoint({self.touchpoint.id!r})"


@dataclass(frozen=True, repr=False)
class AddTouchpointSpec(Change):
    """:class:`AddTouchpoint` as written in a file: the touchpoint's mapping, read with the journey's
    time unit when the change is applied (``"2 min"`` means the same in any journey)."""

    spec: dict[str, Any]
    after: str | None = None
    kind = "add_touchpoint"

    def apply(self, journey: Journey) -> Journey:
        return edits.add_touchpoint(journey, _read_touchpoint(self.spec, journey), after=self.after)

    @property
    def touchpoints(self) -> tuple[str, ...]:
        return (str(self.spec.get("id")),)

    def __repr__(self) -> str:
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
        raise EditError("; ".join(
            f"{i.path.replace(prefix, 'add_touchpoint', 1)}: {i.message}" if i.path.startswith(prefix + ".")
            else i.message for i in errors))
    return parsed.touchpoints[0]


@dataclass(frozen=True, repr=False)
class RemoveTouchpoint(Change):
    """Remove a touchpoint; with ``bypass=True`` its customers go straight on to where it would have sent
    them instead of leaving (see :func:`journeymap.model.edits.remove_touchpoint`)."""

    touchpoint: str
    bypass: bool = False
    kind = "remove_touchpoint"

    def apply(self, journey: Journey) -> Journey:
        return edits.remove_touchpoint(journey, self.touchpoint, bypass=self.bypass)


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
