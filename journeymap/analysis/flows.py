"""The flows of a journey once queues and impatience are counted: approximations, marked as such.

The routing chain (:mod:`journeymap.analysis.chain`) is exact but ignores abandonment: a customer
who gives up in a queue leaves the cycle, so fewer reach what comes after. Here each touchpoint's
queue is approximated with :func:`~journeymap.analysis.queueing.queue_figures` (Erlang C, Erlang A,
Allen-Cunneen), the share of its visits lost to impatience is taken out of its routes, the arrival
rates downstream are recomputed, and so on until nothing moves (a fixed point: abandonment only
lowers the flows, so the iteration settles in a few rounds). At a touchpoint with a ``retry``, the
share ``p`` of those who abandon come back to the same queue: a route back to itself, so its arrival
rate is the fixed point of arrivals + retries (:func:`~journeymap.analysis.queueing.retry_fixed_point`
for one queue) and only the others are lost. Segments that take routes of their own
(``next_by_segment``) each flow by their routes, and the queues see the sum of their flows (the segments'
priorities and patience factors are not in these figures: the simulation has them).

:func:`queue_flows` gives, per touchpoint, the arrival rate with abandonment counted, the queue's
figures and the method that gave them; with them, the probability of reaching a goal when the
abandonment counts (:attr:`Flows.goal_probability`) and the expected time in the cycle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.linalg import spsolve

from journeymap.analysis.chain import check_loops, entry_mix, sparse_routing_matrix
from journeymap.analysis.pools import pools
from journeymap.analysis.queueing import QueueFigures, queue_figures, relaxation_time
from journeymap.model import Exponential, Journey, Touchpoint, mean_arrival_rate
from journeymap.model.segment_views import segment_views
from journeymap.text.columns import column_notes

__all__ = ["FLOW_COLUMNS", "Flows", "queue_flows", "tail_rate"]

FLOW_COLUMNS: dict[str, str] = column_notes("flows")
"""The queueing columns :func:`~journeymap.analysis.analyze` adds to its table, with what each means."""

ROUNDS = 200
"""Most rounds of the fixed point (it settles in a handful on every template)."""


def _wait_standard(tp: Touchpoint) -> float | None:
    """The tightest wait standard among the touchpoint's requirements, or ``None``."""
    limits = [float(r.standard["wait"]) for r in tp.requirements
              if hasattr(r, "standard") and "wait" in r.standard]
    return min(limits) if limits else None


@dataclass(frozen=True)
class Flows:
    """The journey's flows with abandonment counted (see the module documentation).

    ``table``: one row per touchpoint, columns :data:`FLOW_COLUMNS`; ``goal_probability``: the
    probability of reaching a goal when customers lost to impatience count (equal to the routing
    figure when nobody has limited patience); ``time_in_cycle``: the expected time from entering to
    leaving the cycle (services, approximate waits and route delays; infinite when a queue without
    patience is overloaded); ``visits``: the expected visits per customer with abandonment counted."""

    table: pd.DataFrame
    goal_probability: float
    time_in_cycle: float
    visits: dict[str, float]

    @property
    def approximate(self) -> bool:
        """Whether any figure rests on a queueing approximation (some touchpoint has a queue)."""
        return bool((self.table["method"] != "no queue").any())


def _solve(q: sparse.csr_matrix, alpha: np.ndarray) -> np.ndarray:
    """Expected visits ``v`` with ``v = α + Qᵀ v`` (sparse: maps of 10,000 touchpoints solve in a second)."""
    system = (sparse.identity(q.shape[0], format="csr") - q).T.tocsc()
    return np.atleast_1d(spsolve(system, alpha))


def _scaled(q: sparse.csr_matrix, rows: np.ndarray) -> sparse.csr_matrix:
    """``q`` with row ``i`` multiplied by ``rows[i]``."""
    return sparse.diags(rows) @ q


def _retry_shares(journey: Journey) -> np.ndarray:
    """The share of those who abandon each touchpoint who try it again (0 without a ``retry``)."""
    return np.array([float(tp.retry.p) if tp.retry is not None and tp.patience is not None else 0.0
                     for tp in journey.touchpoints])


def _kept(q: sparse.csr_matrix, lost: np.ndarray, retry: np.ndarray) -> sparse.csr_matrix:
    """The routes once a share ``lost`` of each touchpoint's visits abandon: the served go on by ``q``, and the
    share ``retry`` of those who abandoned come back to the same touchpoint."""
    return (_scaled(q, 1.0 - lost) + sparse.diags(lost * retry)).tocsr()


def _servers(journey: Journey, tp: Touchpoint, pool: Any) -> int | None:
    """The servers of the queue ``tp`` is part of: its own capacity, or its pool's (a team's, shifts
    averaged over the week; at least one when it has any)."""
    if pool.shifts or len(pool.members) > 1 or journey.team_of(tp) is not None:
        return max(1, round(pool.servers)) if pool.servers else (None if pool.servers is None else 0)
    return tp.capacity


def _figures(journey: Journey, rates: np.ndarray) -> list[QueueFigures]:
    """Each touchpoint's queueing figures; touchpoints sharing a team's servers are one queue with their
    arrivals merged (mean service weighted by the work), and a pool with shifts has its average servers."""
    found = []
    shared = pools(journey)
    by_id = dict(zip(journey.touchpoint_ids, rates, strict=True))
    for tp, rate in zip(journey.touchpoints, rates, strict=True):
        service = tp.service_time
        patience = tp.patience
        pool = shared[tp.id]
        mean = float(service.mean) if service else 0.0
        servers = _servers(journey, tp, pool)
        if len(pool.members) > 1:
            work = sum(float(by_id[m]) * float(journey.touchpoint(m).service_time.mean)  # type: ignore[union-attr]
                       for m in pool.members if journey.touchpoint(m).service_time is not None)
            rate = sum(float(by_id[m]) for m in pool.members)
            mean = work / rate if rate > 0 else mean
        found.append(queue_figures(
            float(rate), mean, float(service.scv) if service else 0.0,
            servers, float(patience.mean) if patience is not None else None,
            patience_is_exponential=patience is None or isinstance(patience, Exponential),
            service_is_exponential=service is None or isinstance(service, Exponential),
            standard=_wait_standard(tp)))
    return found


def queue_flows(journey: Journey) -> Flows:
    """The journey's flows with each queue approximated and abandonment taken out of the routes.

    Raises :class:`~journeymap.errors.JourneyError` when a routing loop has no exit."""
    check_loops(journey)  # the loop check every analysis makes
    chains = [(weight, sparse_routing_matrix(view), entry_mix(view), view) for weight, view in segment_views(journey)]
    total = sum(mean_arrival_rate(journey).values())
    retry = _retry_shares(journey)

    def each(lost: np.ndarray) -> list[np.ndarray]:  # every segment's visits (one when they share the routes)
        return [_solve(_kept(q, lost, retry), alpha) for _, q, alpha, _ in chains]

    def mixed(visits: list[np.ndarray]) -> np.ndarray:
        return sum(weight * v for (weight, *_), v in zip(chains, visits, strict=True))  # type: ignore[return-value]

    lost = np.zeros(len(journey.touchpoints))
    figures = _figures(journey, total * mixed(each(lost)))
    for _ in range(ROUNDS):
        lost = np.array([f.abandonment for f in figures])
        visits = mixed(each(lost))
        updated = _figures(journey, total * visits)
        moved = max((abs(a.abandonment - b.abandonment) for a, b in zip(updated, figures, strict=True)), default=0.0)
        figures = updated
        if moved < 1e-12:
            break
    lost = np.array([f.abandonment for f in figures])
    by_segment = each(lost)
    visits = mixed(by_segment)
    shared = pools(journey)
    ids = journey.touchpoint_ids
    table = pd.DataFrame(
        {
            "served_rate": total * visits,
            "wait_probability": [f.wait_probability for f in figures],
            "mean_wait": [f.mean_wait for f in figures],
            "abandonment": lost,
            "service_level": [f.service_level for f in figures],
            "relaxation_time": [
                relaxation_time(float(total * v), float(tp.service_time.mean) if tp.service_time else 0.0,
                                _servers(journey, tp, shared[tp.id]),
                                float(tp.patience.mean) if tp.patience is not None else None)
                for tp, v in zip(journey.touchpoints, visits, strict=True)],
            "method": [f.method if f.stable else f"{f.method}: overloaded, no steady state" for f in figures],
        },
        index=pd.Index(ids, name="id"),
    )
    goal = sum(weight * _goal_probability(view, q, lost, retry, alpha) for weight, q, alpha, view in chains)
    time = sum(weight * _time_in_cycle(view, v, figures) for (weight, *_, view), v in zip(chains, by_segment,
                                                                                              strict=True))
    return Flows(table, float(goal), float(time),
                 {tp_id: float(v) for tp_id, v in zip(ids, visits, strict=True)})


def _goal_probability(journey: Journey, q: sparse.csr_matrix, lost: np.ndarray, retry: np.ndarray,
                      alpha: np.ndarray) -> float:
    """Reaching a goal means being served at one: a goal touchpoint absorbs those it serves, and its
    impatient customers leave without reaching it (unless they retry it)."""
    goals = [k for k, tp in enumerate(journey.touchpoints) if tp.goal]
    if not goals:
        return 0.0
    open_rows = np.ones(q.shape[0])
    open_rows[goals] = 0.0
    absorbing = _kept(_scaled(q, open_rows), lost, retry)
    visits = _solve(absorbing, alpha)
    return float(np.clip(np.sum(visits[goals] * (1.0 - lost[goals])), 0.0, 1.0))


def _time_in_cycle(journey: Journey, visits: np.ndarray, figures: list[QueueFigures]) -> float:
    """Services, waits and delays, each weighted by how often a customer meets it."""
    total = 0.0
    for k, (tp, figure) in enumerate(zip(journey.touchpoints, figures, strict=True)):
        if visits[k] <= 0:
            continue
        if not figure.stable:
            return math.inf
        service = float(tp.service_time.mean) if tp.service_time else 0.0
        served = 1.0 - figure.abandonment
        total += visits[k] * (figure.mean_wait + served * service)
        if tp.retry is not None and tp.retry.delay is not None and tp.patience is not None:
            total += visits[k] * figure.abandonment * float(tp.retry.p) * float(tp.retry.delay.mean)
        for transition in tp.next:
            if transition.delay is not None:
                total += visits[k] * served * float(transition.p) * float(transition.delay.mean)
    return total


TAIL_STATES = 600
"""Above this many phases, :func:`tail_rate` gives up (the eigenvalue problem would be slow)."""


def tail_rate(journey: Journey, flows: Flows) -> float:
    """How fast the longest times in the cycle thin out: ``η`` in ``P(time in the cycle > t) ≈ C e^{-η t}``.

    Every service (with its approximate wait) and every route delay is taken as an exponential phase
    of the same mean, which makes the time in the cycle the absorption time of a small Markov chain;
    ``η`` is minus its slowest eigenvalue. The longest of ``n`` customers then takes about
    ``ln(n) / η``: what a cohort needs to drain. NaN when the chain is too large or a queue is
    unstable; a rough guide (heavy-tailed times drain slower), which is what the run's limits need."""
    index = {tp_id: k for k, tp_id in enumerate(journey.touchpoint_ids)}
    table = flows.table
    means: list[float] = []
    moves: list[tuple[int, int, float]] = []
    for tp in journey.touchpoints:
        row = table.loc[tp.id]
        service = float(tp.service_time.mean) if tp.service_time else 0.0
        means.append(float(row["mean_wait"]) + (1.0 - float(row["abandonment"])) * service)
    for tp in journey.touchpoints:
        kept = 1.0 - float(table.loc[tp.id, "abandonment"])
        for transition in tp.next:
            if transition.p <= 0:
                continue
            target = index[transition.target]
            if transition.delay is not None and transition.delay.mean > 0:
                means.append(float(transition.delay.mean))
                moves += [(index[tp.id], len(means) - 1, kept * float(transition.p)), (len(means) - 1, target, 1.0)]
            else:
                moves.append((index[tp.id], target, kept * float(transition.p)))
    if len(means) > TAIL_STATES or not all(math.isfinite(m) for m in means):
        return math.nan
    positive = [m for m in means if m > 0]
    if not positive:
        return math.inf
    floor = 1e-6 * min(positive)  # instantaneous steps: quick phases that do not slow the tail
    rates = 1.0 / np.maximum(np.array(means), floor)
    generator = np.diag(-rates)
    for source, target, p in moves:
        generator[source, target] += rates[source] * p
    return float(-np.max(np.linalg.eigvals(generator).real))
