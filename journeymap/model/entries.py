"""Where and how fast customers enter the cycle: an :class:`Arrival` stream and its daily schedule.

An arrival brings Poisson customers to one touchpoint, at a constant ``rate`` or by a daily ``schedule``
of :class:`RatePeriod` s, optionally all of one segment. A :class:`~journeymap.model.journey.Journey`
holds its arrivals; :func:`~journeymap.model.arrivals.mean_arrival_rate` says how many enter on average.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from journeymap.model.values import Value as _Value

__all__ = ["Arrival", "RatePeriod"]


@dataclass(frozen=True)
class RatePeriod(_Value):
    """One period of a daily arrival schedule: ``rate`` applies until time of day ``until``."""

    until: float
    rate: float
    notes: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Arrival(_Value):
    """Customers entering the cycle at ``touchpoint``: Poisson at ``rate``, or by a daily ``schedule``.

    Schedule periods are in time-of-day order; each day repeats them, and after the last period's
    ``until`` the first period's rate applies again until midnight.
    """

    touchpoint: str
    rate: float | None = None
    schedule: tuple[RatePeriod, ...] = ()
    notes: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    segment: str | None = None
    """The segment all these customers belong to (``None``: the segments' shares split them)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(self, "schedule", tuple(self.schedule))

    def scaled(self, factor: float) -> Arrival:
        """These arrivals with their rate (every period of a schedule) multiplied by ``factor``."""
        schedule = tuple(period.replace(rate=period.rate * factor) for period in self.schedule)
        return self.replace(rate=self.rate * factor if self.rate is not None else None, schedule=schedule)
