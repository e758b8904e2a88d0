"""Customer segments (personas): who the customers are, how urgent they are, how long they wait.

A :class:`Segment` takes a ``share`` of the customers of every arrival that names no ``segment``
(the shares of a journey's segments sum to 1); an arrival with ``segment: <id>`` brings only that
segment. ``priority`` is an integer, the smaller served first (0 is the most urgent, as in SimPy's
``PriorityResource`` and Ciw), without interrupting a service; ``patience_factor`` multiplies the
patience of the segment's customers at every touchpoint. A touchpoint may route a segment its own way
(``next_by_segment``) and carry its satisfaction (``satisfaction_by_segment``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journeymap.model.values import Value

__all__ = ["Segment"]


@dataclass(frozen=True)
class Segment(Value):
    """One kind of customer: ``share`` of the arrivals that name no segment, served by ``priority``
    (smaller first), with their patience multiplied by ``patience_factor``."""

    id: str
    name: str = ""
    share: float | None = None
    priority: int = 0
    patience_factor: float = 1.0
    notes: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The name to show, falling back to the id."""
        return self.name or self.id
