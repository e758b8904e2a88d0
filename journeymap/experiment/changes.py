"""The changes a scenario makes to a journey: each a small frozen record whose ``apply`` makes the edit.

Build them with the functions (``set_capacity("call", 5)``, ``scale_service_time("call", 0.8)``,
``set_route("call", "diagnose", 0.9, rebalance="others")``...) or from a scenarios file. A change is
the record of an edit (it can be printed, compared, read from and placed in a file); making it is the
model's job: ``set_capacity("call", 5).apply(journey)`` is :func:`journeymap.model.edits.set_capacity`
``(journey, "call", 5)``. A change that cannot be made raises the edit's error
(:class:`~journeymap.errors.NotFound`, :class:`~journeymap.errors.EditError`...);
:class:`~journeymap.experiment.scenario.Scenario` turns it into a :class:`~journeymap.errors.ScenarioError`
naming the scenario, the change and, for a file, its line.

Times and rates may be numbers in the journey's ``time_unit`` or text with a unit (``"90 s"``,
``"30/h"``), read when the change is applied.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields

from journeymap.model import Distribution, Journey, edits, operations_edits
from journeymap.model.edits import REBALANCE, Rebalance, TimeField

__all__ = [
    "REBALANCE",
    "Change",
    "Location",
    "Rebalance",
    "Setting",
    "scale_arrivals",
    "scale_capacity",
    "scale_patience",
    "scale_service_time",
    "scale_team_capacity",
    "set_arrival_rate",
    "set_capacity",
    "set_patience",
    "set_service_time",
    "set_team_capacity",
]


@dataclass(frozen=True)
class Location:
    """Where a change was written: file, line and field path (``scenarios[0].changes[1]``)."""

    file: str | None = None
    line: int | None = None
    path: str = ""


@dataclass(frozen=True)
class Change:
    """One edit of a journey, as a record. Subclasses define :meth:`apply` (a call to the model's edit)
    and :attr:`touchpoints`; ``where`` says where it was written."""

    where: Location | None = field(default=None, kw_only=True, compare=False, repr=False)

    def apply(self, journey: Journey) -> Journey:
        """The journey with this change made (the original is untouched)."""
        raise NotImplementedError

    @property
    def touchpoints(self) -> tuple[str, ...]:
        """The ids of the touchpoints this change acts on (for an intervention's targets)."""
        touchpoint = getattr(self, "touchpoint", None)
        return (touchpoint,) if isinstance(touchpoint, str) else ()

    def describe(self, journey: Journey | None = None, language: str | None = None) -> str:
        """The change in words, in ``language`` (by default the journey's): with ``journey``, names and the
        values before and after (``Capacity of “Calls the support line”: 4 → 5``); see
        :mod:`journeymap.experiment.descriptions`. Its :func:`repr` is the call that makes it, for code."""
        from journeymap.experiment.descriptions import describe_change

        return describe_change(self, journey, language)

    def __repr__(self) -> str:
        """The change as the call that makes it: ``set_capacity('call', 5)`` (defaults left out)."""
        shown = [f for f in fields(self) if f.name not in ("where", "mode")]
        while shown and shown[-1].default is not MISSING and getattr(self, shown[-1].name) == shown[-1].default:
            shown.pop()
        args = [repr(getattr(self, f.name)) if f.name not in ("rebalance", "bypass", "after", "shift")
                else f"{f.name}={getattr(self, f.name)!r}" for f in shown]
        name = getattr(self, "kind", "") or type(self).__name__
        return f"{name}({', '.join(args)})"


@dataclass(frozen=True, repr=False)
class Setting(Change):
    """A change that moves one setting from one value to another: set to a value, or scaled by ``factor``."""

    @property
    def parameter(self) -> str:
        """The setting it moves, by its parameter name (``call.capacity``, ``arrival.rate``, as sweeps name
        them: see :mod:`journeymap.experiment.parameters`)."""
        raise NotImplementedError


class _Capacity(Setting):
    touchpoint: str

    @property
    def parameter(self) -> str:
        return f"{self.touchpoint}.capacity"


class _TeamCapacity(Setting):
    team: str
    shift: float | str | None

    @property
    def parameter(self) -> str:
        return f"team.{self.team}.capacity" if self.shift is None else f"team.{self.team}.shifts.{self.shift}.capacity"


class _Time(Setting):
    touchpoint: str
    mode: TimeField

    @property
    def parameter(self) -> str:
        return f"{self.touchpoint}.{self.mode}"


class _Arrivals(Setting):
    touchpoint: str | None

    @property
    def parameter(self) -> str:
        return "arrival.rate" if self.touchpoint is None else f"arrival.{self.touchpoint}.rate"


# -- capacity ----------------------------------------------------------------------------------------------
@dataclass(frozen=True, repr=False)
class SetCapacity(_Capacity):
    """Set a touchpoint's number of parallel servers (``None``: unlimited, nobody queues)."""

    touchpoint: str
    capacity: int | None
    kind = "set_capacity"

    def apply(self, journey: Journey) -> Journey:
        return edits.set_capacity(journey, self.touchpoint, self.capacity)


@dataclass(frozen=True, repr=False)
class ScaleCapacity(_Capacity):
    """Multiply a touchpoint's capacity by ``factor``, rounded to the nearest whole server (at least one)."""

    touchpoint: str
    factor: float
    kind = "scale_capacity"

    def apply(self, journey: Journey) -> Journey:
        return edits.scale_capacity(journey, self.touchpoint, self.factor)


@dataclass(frozen=True, repr=False)
class SetTeamCapacity(_TeamCapacity):
    """Set a team's servers: at all times, or in its shifts that start at time of day ``shift``."""

    team: str
    capacity: int
    shift: float | str | None = None
    kind = "set_team_capacity"

    def apply(self, journey: Journey) -> Journey:
        return operations_edits.set_team_capacity(journey, self.team, self.capacity, shift=self.shift)


@dataclass(frozen=True, repr=False)
class ScaleTeamCapacity(_TeamCapacity):
    """Multiply a team's servers by ``factor`` (every shift's, or those starting at ``shift``), rounded."""

    team: str
    factor: float
    shift: float | str | None = None
    kind = "scale_team_capacity"

    def apply(self, journey: Journey) -> Journey:
        return operations_edits.scale_team_capacity(journey, self.team, self.factor, shift=self.shift)


# -- times -------------------------------------------------------------------------------------------------
@dataclass(frozen=True, repr=False)
class SetTime(_Time):
    """Set a touchpoint's service time or patience (``mode``): a distribution, a new mean (the shape kept)
    or ``None`` (see :func:`journeymap.model.edits.set_time`)."""

    touchpoint: str
    value: Distribution | float | str | None
    mode: TimeField = "service_time"

    @property
    def kind(self) -> str:  # type: ignore[override]
        return f"set_{self.mode}"

    def apply(self, journey: Journey) -> Journey:
        return edits.set_time(journey, self.touchpoint, self.mode, self.value)


@dataclass(frozen=True, repr=False)
class ScaleTime(_Time):
    """Multiply a touchpoint's service time or patience by ``factor`` (0.8: 20% shorter), keeping its shape."""

    touchpoint: str
    factor: float
    mode: TimeField = "service_time"

    @property
    def kind(self) -> str:  # type: ignore[override]
        return f"scale_{self.mode}"

    def apply(self, journey: Journey) -> Journey:
        return edits.scale_time(journey, self.touchpoint, self.mode, self.factor)


# -- arrivals ----------------------------------------------------------------------------------------------
@dataclass(frozen=True, repr=False)
class SetArrivalRate(_Arrivals):
    """Set the mean arrival rate, of all arrivals together (scaled alike) or of those at one touchpoint
    (see :func:`journeymap.model.edits.set_arrival_rate`)."""

    rate: float | str | None
    touchpoint: str | None = None
    kind = "set_arrival_rate"

    def apply(self, journey: Journey) -> Journey:
        return edits.set_arrival_rate(journey, self.rate, self.touchpoint)


@dataclass(frozen=True, repr=False)
class ScaleArrivals(_Arrivals):
    """Multiply the arrival rates (all, or those at one touchpoint) by ``factor``, schedules included."""

    factor: float
    touchpoint: str | None = None
    kind = "scale_arrivals"

    def apply(self, journey: Journey) -> Journey:
        return edits.scale_arrivals(journey, self.factor, self.touchpoint)


# -- the functions people call ---------------------------------------------------------------------------
def set_capacity(touchpoint: str, capacity: int | None) -> Change:
    """Give ``touchpoint`` this many parallel servers (``None``: unlimited)."""
    return SetCapacity(touchpoint, capacity)


def scale_capacity(touchpoint: str, factor: float) -> Change:
    """Multiply the capacity of ``touchpoint`` by ``factor`` (rounded, at least one server)."""
    return ScaleCapacity(touchpoint, factor)


def set_team_capacity(team: str, capacity: int, shift: float | str | None = None) -> Change:
    """Give team ``team`` this many servers at all times, or in its shifts that start at ``shift``
    (``set_team_capacity("agents", 9, shift="07:00")``)."""
    return SetTeamCapacity(team, capacity, shift)


def scale_team_capacity(team: str, factor: float, shift: float | str | None = None) -> Change:
    """Multiply the servers of team ``team`` by ``factor`` (every shift's, or those starting at ``shift``)."""
    return ScaleTeamCapacity(team, factor, shift)


def set_service_time(touchpoint: str, value: Distribution | float | str | None) -> Change:
    """Set the service time of ``touchpoint``: a distribution, or a new mean (the shape is kept)."""
    return SetTime(touchpoint, value, "service_time")


def scale_service_time(touchpoint: str, factor: float) -> Change:
    """Multiply the service time of ``touchpoint`` by ``factor`` (0.8: 20% faster)."""
    return ScaleTime(touchpoint, factor, "service_time")


def set_patience(touchpoint: str, value: Distribution | float | str | None) -> Change:
    """Set how long customers wait at ``touchpoint`` before giving up: a distribution, a new mean, or
    ``None`` (they never give up)."""
    return SetTime(touchpoint, value, "patience")


def scale_patience(touchpoint: str, factor: float) -> Change:
    """Multiply the patience at ``touchpoint`` by ``factor``."""
    return ScaleTime(touchpoint, factor, "patience")


def set_arrival_rate(rate: float | str | None, touchpoint: str | None = None) -> Change:
    """Set the total mean arrival rate (all arrivals scaled alike), or the rate at one ``touchpoint``
    (``None`` there: nobody enters there any more)."""
    return SetArrivalRate(rate, touchpoint)


def scale_arrivals(factor: float, touchpoint: str | None = None) -> Change:
    """Multiply every arrival rate (or those at ``touchpoint``) by ``factor``."""
    return ScaleArrivals(factor, touchpoint)
