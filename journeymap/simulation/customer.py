"""One customer during one replication: where they are, since when, and what they have lived so far.

The engine creates one :class:`Customer` per arrival and hands it from touchpoint to touchpoint
through SimPy events; nothing else is allocated per customer.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Customer"]


class Customer:
    """A customer's state as the engine moves them through the cycle (times in the journey's unit).

    ``number`` names the case in the event log; ``included`` is false for customers who arrived
    during the warm-up (they move like the others but are left out of every statistic).
    """

    __slots__ = (
        "arrived",
        "depth",
        "entered",
        "goal",
        "included",
        "moments",
        "next_station",
        "number",
        "path",
        "stage",
        "stage_since",
        "stages",
        "timer",
    )

    def __init__(self, number: int, now: float, included: bool) -> None:
        self.number = number
        self.entered = now
        """When the customer entered the cycle."""
        self.included = included
        self.path = 0
        """The touchpoints visited, coded as one integer (see :class:`~journeymap.simulation.stats.PathCounter`)."""
        self.depth = 0
        """How many touchpoints the customer has visited."""
        self.arrived = now
        """When the customer reached the touchpoint they are at."""
        self.timer: Any = None
        """The patience timer while waiting; ``None`` when not waiting, ``False`` once they have abandoned."""
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
