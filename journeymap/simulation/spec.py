"""What one replication runs: when it stops, its warm-up, its bounds, and what it keeps besides the figures.

A :class:`ReplicationSpec` is a small frozen value, so that the engine, a replication task shipped to a
worker and the pilot run of the warm-up detection all read the same rule from one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from journeymap.simulation.guards import Limits

__all__ = ["ReplicationSpec"]


@dataclass(frozen=True)
class ReplicationSpec:
    """The rule of one replication, in the journey's time unit.

    ``customers``: follow the first this-many customers who arrive after ``warmup`` until they have all
    left (the cohort rule); ``until``: stop at this time; ``horizon``: let customers in until this time
    only and follow every one of them until the last has left (a working day from empty); at least one
    of the three is needed. ``limits`` bounds the run (see :mod:`journeymap.simulation.guards`; ``None``:
    the default bounds); ``trace`` keeps each followed customer's entry time and total wait in queues
    (for the warm-up detection); ``draws`` picks the rule of the random draws (``"customer"``: each customer's own;
    ``"sequence"``: the older per-touchpoint order, kept for the benchmark of common random numbers);
    ``service_level`` is the wait within which a service counts toward every queue's service level (see
    :mod:`journeymap.simulation.service_levels`; ``None``: the touchpoints' own wait standards).
    """

    customers: int | None = None
    until: float | None = None
    warmup: float = 0.0
    horizon: float | None = None
    limits: Limits | None = None
    trace: bool = False
    draws: Literal["customer", "sequence"] = "customer"
    service_level: float | None = None

    def __post_init__(self) -> None:
        if self.customers is None and self.until is None and self.horizon is None:
            raise ValueError("give 'customers', 'until' or 'horizon' to say when the run ends")
