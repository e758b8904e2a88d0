"""Service levels: the three figures a contact-centre manager reads first at a touchpoint with a queue.

- the *service level*: the share of the customers whose wait there ended (served or abandoned) who were
  served after waiting at most a threshold, counted exactly by the station (an integer counter, not a
  histogram);
- the *average speed of answer* (ASA): the mean wait of the customers who were served (those who gave up
  are left out, as contact centres count it);
- the *abandonment rate*: the share who gave up waiting.

The threshold of a touchpoint is the ``service_level`` of the run's settings when one is given (one
threshold for every touchpoint with a queue, ``--service-level 2min`` on the command line); else the
strictest ``wait`` standard among the touchpoint's requirements; else there is none and the service
level is not measured there.
"""

from __future__ import annotations

import math

from journeymap.model import Journey, Touchpoint

__all__ = ["NO_THRESHOLD", "threshold", "thresholds"]

NO_THRESHOLD = -math.inf
"""The threshold of a touchpoint where no service level is measured (no wait is at most it)."""


def threshold(journey: Journey, touchpoint: Touchpoint, service_level: float | None = None) -> float:
    """The wait within which a service at ``touchpoint`` counts toward its service level, in the journey's
    time unit: ``service_level`` when given, else the strictest ``wait`` standard of its requirements;
    :data:`NO_THRESHOLD` for a touchpoint where nobody queues (no service time, or unlimited servers: see
    :meth:`Journey.has_queue <journeymap.model.Journey.has_queue>`) or without either."""
    if touchpoint.service_time is None or not journey.has_queue(touchpoint):
        return NO_THRESHOLD
    if service_level is not None:
        return float(service_level)
    standards = [requirement.standard["wait"] for requirement in touchpoint.requirements
                 if "wait" in requirement.standard]
    return float(min(standards)) if standards else NO_THRESHOLD


def thresholds(journey: Journey, service_level: float | None = None) -> tuple[float, ...]:
    """:func:`threshold` of every touchpoint, in the journey's order."""
    return tuple(threshold(journey, tp, service_level) for tp in journey.touchpoints)
