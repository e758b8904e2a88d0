"""One customer during one replication: where they are, since when, what they have lived, their draws.

The engine creates one :class:`Customer` per arrival and hands it from touchpoint to touchpoint.
While a service or a routing delay runs, the customer *is* the SimPy event in the environment's
queue (it carries the ``callbacks`` SimPy calls when its time comes), so nothing else is allocated
per step; a customer is scheduled at most once at any time.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Customer"]


class Customer:
    """A customer's state as the engine moves them through the cycle (times in the journey's unit).

    ``number`` names the case in the event log; ``source`` and ``serial`` (the customer's number
    among those of its arrival) key its own random draws (see :mod:`journeymap.simulation.draws`);
    ``included`` is true for the customers the statistics follow (the cohort, or everybody who
    arrived after the warm-up when the run stops at a time).
    """

    __slots__ = (
        "arrived",
        "callbacks",
        "depth",
        "entered",
        "goal",
        "included",
        "moments",
        "next_station",
        "number",
        "offset",
        "path",
        "patience_factor",
        "paused",
        "priority",
        "remaining",
        "repeats",
        "routes",
        "row",
        "seen",
        "segment",
        "serial",
        "source",
        "stage",
        "stage_since",
        "stages",
        "station",
        "ticket",
        "visit",
        "waited",
    )

    _ok = True
    """What SimPy reads of an event once its callbacks have run: this one never fails."""

    def __init__(self, number: int, now: float, included: bool, source: int = 0, serial: int = 0,
                 row: Any = None, offset: int = 0, routes: Any = None) -> None:
        self.number = number
        self.source = source
        self.serial = serial
        self.row = row
        """The block of draws this customer shares with its neighbours in arrival order."""
        self.offset = offset
        """Its place in that block."""
        self.entered = now
        """When the customer entered the cycle."""
        self.included = included
        self.path = 0
        """The touchpoints visited, coded as one integer (see :class:`~journeymap.simulation.stats.PathCounter`)."""
        self.depth = 0
        """How many touchpoints the customer has visited."""
        self.seen = 0
        """The touchpoints visited so far, one bit per station index."""
        self.repeats: dict[int, int] | None = None
        """Visits so far to each touchpoint visited more than once (``None`` until a touchpoint is met again)."""
        self.visit = 0
        """Which visit to the current touchpoint this is (0: the first), which picks the draws."""
        self.arrived = now
        """When the customer reached the touchpoint they are at."""
        self.ticket = 0
        """Positive while waiting with limited patience (the ticket of its deadline), 0 otherwise, -1 once
        the customer has abandoned."""
        self.waited = 0.0
        """Total time spent waiting in queues so far."""
        self.stage = -1
        """The index of the stage they are in (-1 before the first touchpoint)."""
        self.stage_since = now
        """When they entered that stage."""
        self.stages = 0
        """The stages entered so far, one bit per stage index."""
        self.moments = 0
        """Moments of truth lived (visits to them)."""
        self.goal = False
        """Whether they have been served at a goal touchpoint."""
        self.next_station = -1
        """Where they go once a routing delay ends."""
        self.routes = routes
        """The routing table of the customer's segment (see :class:`~journeymap.simulation.engine.Engine`)."""
        self.segment = 0
        """The number of the customer's segment (0 when the journey has none)."""
        self.priority = 0
        """The segment's priority: the smaller, the sooner served."""
        self.patience_factor = 1.0
        """What the segment multiplies patience by."""
        self.remaining = -1.0
        """The service left to do after a more urgent customer interrupted it (-1: none; see
        :mod:`journeymap.simulation.preemption`)."""
        self.paused = 0.0
        """When that service was interrupted."""
        self.station: Any = None
        """The station where the customer waits for a server (set when they join a queue)."""
        self.callbacks: list[Any] | None = None
        """What SimPy calls when the customer's service or delay ends (set each time it is scheduled)."""
