"""Customers who give up and try again: callbacks and redials after abandoning a queue.

``retry: {p: 0.6, delay: {dist: exponential, mean: 30 min}}`` on a touchpoint with patience: a share
``p`` of the customers who abandon its queue come back to it after ``delay``. They are the same
customers trying again (counted as *retries*, not as new customers): their time in the cycle runs on,
and they are lost only when they give up without coming back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journeymap.model.distributions import Distribution
from journeymap.model.values import Value

__all__ = ["Retry"]


@dataclass(frozen=True)
class Retry(Value):
    """The share ``p`` of the abandoning customers who come back after ``delay``."""

    p: float
    delay: Distribution | None = None
    notes: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
