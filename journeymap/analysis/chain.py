"""Routing as an absorbing Markov chain fed by the arrivals: exact answers without simulating.

With ``Q`` the touchpoint-to-touchpoint routing matrix and ``N = (I - Q)⁻¹`` its fundamental matrix,
a customer entering by the arrivals' mix ``α`` makes ``α N`` expected visits to each touchpoint,
ever reaches touchpoint ``j`` with probability ``Σᵢ αᵢ Nᵢⱼ / Nⱼⱼ``, and leaves the cycle at ``j`` with
probability ``visitsⱼ × leaveⱼ``. Making the goal touchpoints absorbing gives the probability of
reaching a goal. Patience and capacity do not change routing, so abandonment is not in these
numbers: that is what the simulation adds.
"""

from __future__ import annotations

import numpy as np

from journeymap.errors import Issue, JourneyError
from journeymap.model import Journey, closed_loops, mean_arrival_rate

__all__ = [
    "edge_flow",
    "entry_mix",
    "expected_visits",
    "fundamental_matrix",
    "goal_probability",
    "reach_probability",
    "routing_matrix",
]


def routing_matrix(journey: Journey) -> np.ndarray:
    """``Q[i, j]``: probability of going from touchpoint ``i`` to ``j`` (file order); rows may sum below 1."""
    index = {tp_id: k for k, tp_id in enumerate(journey.touchpoint_ids)}
    q = np.zeros((len(index), len(index)))
    for source, transition in journey.transitions():
        if transition.target in index:
            q[index[source], index[transition.target]] += transition.p
    return q


def entry_mix(journey: Journey) -> np.ndarray:
    """``α``: the share of customers entering at each touchpoint. Without arrivals (a map with no
    numbers yet) every customer is taken to enter at the first touchpoint."""
    ids = journey.touchpoint_ids
    alpha = np.zeros(len(ids))
    rates = mean_arrival_rate(journey)
    total = sum(rates.values())
    if total > 0:
        for tp_id, rate in rates.items():
            if tp_id in ids:
                alpha[ids.index(tp_id)] = rate / total
    elif ids:
        alpha[ids.index(journey.entry_points[0]) if journey.entry_points else 0] = 1.0
    return alpha


def fundamental_matrix(journey: Journey) -> np.ndarray:
    """``N = (I - Q)⁻¹``: ``N[i, j]`` is the expected number of visits to ``j`` starting from ``i``.

    Raises :class:`JourneyError` naming the loop when some customers could never leave."""
    loops = closed_loops(journey)
    if loops:
        raise JourneyError(
            [Issue(f"routing loop that customers can never leave: {' → '.join(loop)}", "touchpoints") for loop in loops]
        )
    q = routing_matrix(journey)
    return np.linalg.inv(np.eye(len(q)) - q)


def _by_id(journey: Journey, values: np.ndarray) -> dict[str, float]:
    return {tp_id: float(v) for tp_id, v in zip(journey.touchpoint_ids, values, strict=True)}


def expected_visits(journey: Journey) -> dict[str, float]:
    """Expected visits per customer to each touchpoint (above 1 where customers loop back)."""
    return _by_id(journey, entry_mix(journey) @ fundamental_matrix(journey))


def reach_probability(journey: Journey) -> dict[str, float]:
    """Probability that a customer ever reaches each touchpoint."""
    n = fundamental_matrix(journey)
    alpha = entry_mix(journey)
    return _by_id(journey, np.clip(alpha @ (n / np.diag(n)), 0.0, 1.0))


def goal_probability(journey: Journey) -> float:
    """Probability that a customer reaches at least one goal touchpoint (0 when none is marked)."""
    goals = [k for k, tp in enumerate(journey.touchpoints) if tp.goal]
    if not goals:
        return 0.0
    fundamental_matrix(journey)  # the same loop check as everywhere else
    q = routing_matrix(journey)
    q[goals, :] = 0.0  # a customer who reaches a goal is counted once, whatever happens next
    visits = entry_mix(journey) @ np.linalg.inv(np.eye(len(q)) - q)
    return float(np.clip(visits[goals].sum(), 0.0, 1.0))


def edge_flow(journey: Journey) -> dict[tuple[str, str], float]:
    """Expected traversals of each route per customer (visits to the source × the route's probability)."""
    visits = expected_visits(journey)
    return {(source, t.target): visits[source] * t.p for source, t in journey.transitions() if t.target in visits}
