"""Queueing formulas for one touchpoint: Erlang C, Erlang A (M/M/c+M) and an Allen-Cunneen correction.

These are the classic closed forms a workforce planner uses, here as plain functions of numbers
(rates per time unit, times in the same unit) so that they can be tested against their textbook
values and against the simulation:

- :func:`erlang_c`: M/M/c without abandonment: the probability of waiting, the mean wait in queue
  and the share served within a time (the *service level*); exact for Poisson arrivals and
  exponential service, and only for an offered load below the number of servers.
- :func:`allen_cunneen`: the Allen-Cunneen factor ``(ca² + cs²) / 2`` that turns the M/M/c wait into
  an approximation of the M/G/c wait for a service with squared coefficient of variation ``cs²``
  (Poisson arrivals: ``ca² = 1``).
- :func:`erlang_a`: M/M/c+M, customers who abandon after an exponential patience: always stable;
  the share who abandon, the mean wait, the probability of waiting and the service level, from the
  birth-death chain of the number of customers present (exact for exponential patience and service).

:func:`queue_figures` picks the right one for a touchpoint and says which (``method``), so that every
number a consultant reads is marked as the approximation it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp

__all__ = [
    "QueueFigures",
    "allen_cunneen",
    "erlang_a",
    "erlang_b",
    "erlang_c",
    "queue_figures",
    "relaxation_time",
    "retry_fixed_point",
]

FLUID_STATES = 200_000
"""Above this many states, :func:`erlang_a` uses the fluid approximation instead of the chain."""


def erlang_b(servers: int, load: float) -> float:
    """Erlang B: the probability that all ``servers`` are busy in M/M/c/c with offered load ``load``
    (arrival rate × mean service time), by the stable recursion ``B(k) = a B(k-1) / (k + a B(k-1))``."""
    blocked = 1.0
    for k in range(1, servers + 1):
        blocked = load * blocked / (k + load * blocked)
    return blocked


@dataclass(frozen=True)
class QueueFigures:
    """What the queueing formulas say of one touchpoint (times in the journey's unit).

    ``wait_probability``: share of visits that wait at all; ``mean_wait``: mean wait in queue over
    every visit (those who abandon count with the time they waited); ``abandonment``: share of visits
    lost to impatience; ``service_level``: share of visits served within ``standard`` (NaN without
    one); ``stable``: whether a steady state exists; ``method``: which formula gave them."""

    wait_probability: float
    mean_wait: float
    abandonment: float
    service_level: float
    stable: bool
    method: str


def erlang_c(arrival_rate: float, mean_service: float, servers: int, standard: float | None = None) -> QueueFigures:
    """M/M/c (Erlang C): probability of waiting ``C = c B / (c - a (1 - B))``, mean wait
    ``C / (c μ - λ)``, service level ``1 - C e^{-(c μ - λ) t}``; not stable when ``a = λ / μ ≥ c``."""
    load = arrival_rate * mean_service
    if load >= servers:
        return QueueFigures(1.0, math.inf, 0.0, 0.0 if standard is not None else math.nan, False, "Erlang C")
    if load <= 0:
        return QueueFigures(0.0, 0.0, 0.0, 1.0 if standard is not None else math.nan, True, "Erlang C")
    blocked = erlang_b(servers, load)
    waiting = servers * blocked / (servers - load * (1.0 - blocked))
    drain = servers / mean_service - arrival_rate  # c μ - λ
    level = 1.0 - waiting * math.exp(-drain * standard) if standard is not None else math.nan
    return QueueFigures(waiting, waiting / drain, 0.0, level, True, "Erlang C")


def allen_cunneen(service_scv: float, arrival_scv: float = 1.0) -> float:
    """The Allen-Cunneen factor ``(ca² + cs²) / 2`` by which the M/M/c wait is multiplied for a
    general service (``cs²`` its squared coefficient of variation; Poisson arrivals have ``ca² = 1``)."""
    return (arrival_scv + service_scv) / 2.0


def _chain(arrival_rate: float, service_rate: float, servers: int, abandon_rate: float) -> np.ndarray:
    """The stationary distribution of the number present in M/M/c+M, truncated where it is negligible."""
    beyond = max(0.0, 2.0 * arrival_rate - servers * service_rate) / abandon_rate  # past it each step at least halves
    states = servers + math.ceil(beyond) + 200
    n = np.arange(1, states)
    deaths = np.minimum(n, servers) * service_rate + np.maximum(n - servers, 0) * abandon_rate
    log_weights = np.concatenate([[0.0], np.cumsum(math.log(arrival_rate) - np.log(deaths))])
    return np.exp(log_weights - logsumexp(log_weights))


def erlang_a(arrival_rate: float, mean_service: float, servers: int, mean_patience: float,
             standard: float | None = None) -> QueueFigures:
    """M/M/c+M (Erlang A) with exponential patience of mean ``mean_patience``: always stable.

    From the birth-death chain of the number present ``n`` (deaths ``min(n, c) μ + max(n - c, 0) θ``),
    by PASTA and Little: the probability of waiting is ``P(n ≥ c)``, the mean wait ``E[queue] / λ`` and
    the share who abandon ``θ E[queue] / λ``. The service level (served within ``standard``) sums, over
    the states an arrival finds, the probability that its turn comes within ``standard`` and before
    its patience ends. When the chain would need more than :data:`FLUID_STATES` states (patience
    thousands of times the service), the fluid approximation is used and the method says so."""
    if arrival_rate <= 0:
        return QueueFigures(0.0, 0.0, 0.0, 1.0 if standard is not None else math.nan, True, "Erlang A")
    mu, theta = 1.0 / mean_service, 1.0 / mean_patience
    if max(0.0, 2.0 * arrival_rate - servers * mu) / theta > FLUID_STATES:
        excess = max(0.0, arrival_rate - servers * mu)  # the queue settles where abandonment takes the excess
        queue = excess / theta
        level = (0.0 if excess > 0 else math.nan) if standard is not None else math.nan
        return QueueFigures(1.0 if excess > 0 else math.nan, queue / arrival_rate, excess / arrival_rate, level, True,
                            "Erlang A, fluid approximation")
    p = _chain(arrival_rate, mu, servers, theta)
    waiting_states = np.arange(len(p)) - servers
    queue = float(np.sum(np.maximum(waiting_states, 0) * p))
    level = _erlang_a_level(p, servers, mu, theta, standard) if standard is not None else math.nan
    return QueueFigures(float(p[servers:].sum()), queue / arrival_rate, min(1.0, theta * queue / arrival_rate), level,
                        True, "Erlang A")


def retry_fixed_point(arrival_rate: float, mean_service: float, servers: int, mean_patience: float,
                      p: float, *, tolerance: float = 1e-12) -> tuple[float, QueueFigures]:
    """Arrivals plus retries at an M/M/c+M queue where a share ``p`` of those who abandon try again:
    the total rate of attempts ``Λ = λ + p Λ A(Λ)`` (``A``: the Erlang A share who abandon at ``Λ``),
    found by iteration from ``Λ = λ``, and the Erlang A figures at ``Λ``. An approximation: it takes
    the retries as Poisson (good when the retry delay is long beside the service and the patience)."""
    total = arrival_rate
    figures = erlang_a(total, mean_service, servers, mean_patience)
    for _ in range(10_000):
        again = arrival_rate + p * total * figures.abandonment
        if abs(again - total) <= tolerance * max(1.0, total):
            break
        total = again
        figures = erlang_a(total, mean_service, servers, mean_patience)
    return total, figures


def _erlang_a_level(p: np.ndarray, servers: int, mu: float, theta: float, standard: float) -> float:
    """The share of arrivals served within ``standard`` in M/M/c+M.

    An arrival who finds ``c + k`` present has ``k`` others waiting ahead. While ``j`` are ahead, the
    queue moves up at rate ``c μ + j θ`` (a server frees or one of them abandons); with none ahead, the
    next free server (rate ``c μ``) takes the arrival; all along, the arrival's own patience runs out
    at rate ``θ``. One matrix exponential of that chain of stages gives, for every ``k`` at once, the
    probability of reaching a server within ``standard``."""
    from scipy.linalg import expm

    level = float(p[:servers].sum())  # served at once
    weights = p[servers:]
    kept = np.flatnonzero(weights > 1e-12)
    if not len(kept):
        return min(1.0, level)
    top = int(kept[-1]) + 1  # stages j = 0 .. top-1, then served, then abandoned
    if top > 2000:
        return math.nan
    served, lost = top, top + 1
    generator = np.zeros((top + 2, top + 2))
    for j in range(top):
        move = servers * mu + j * theta
        generator[j, j - 1 if j else served] = move
        generator[j, lost] = theta
        generator[j, j] = -(move + theta)
    reached = expm(generator * standard)[:top, served]
    return min(1.0, level + float(np.dot(weights[:top], reached)))


def queue_figures(arrival_rate: float, mean_service: float, service_scv: float, servers: int | None,
                  mean_patience: float | None, *, patience_is_exponential: bool = True,
                  service_is_exponential: bool = True, standard: float | None = None) -> QueueFigures:
    """The queueing figures of one touchpoint and the method that gave them.

    Unlimited capacity (``servers`` ``None``) or no service time: nobody waits. Without patience:
    Erlang C, with the Allen-Cunneen factor for a non-exponential service. With patience: Erlang A on
    the mean patience and mean service (the method names what was taken as exponential)."""
    if servers is None or mean_service <= 0 or arrival_rate <= 0:
        level = 1.0 if standard is not None else math.nan
        return QueueFigures(0.0, 0.0, 0.0, level, True, "no queue")
    if mean_patience is None or not math.isfinite(mean_patience):
        base = erlang_c(arrival_rate, mean_service, servers, standard)
        if service_is_exponential or not base.stable:
            return base
        factor = allen_cunneen(service_scv)
        wait = base.mean_wait * factor
        level = base.service_level
        if standard is not None and base.wait_probability > 0:  # the waits of those who wait, stretched alike
            drain = servers / mean_service - arrival_rate
            level = 1.0 - base.wait_probability * math.exp(-drain * standard / factor)
        return QueueFigures(base.wait_probability, wait, 0.0, level, True, "Erlang C × Allen-Cunneen")
    figures = erlang_a(arrival_rate, mean_service, servers, mean_patience, standard)
    taken = [name for name, exponential in (("patience", patience_is_exponential),
                                            ("service", service_is_exponential)) if not exponential]
    if not taken:
        return figures
    method = f"{figures.method}, {' and '.join(taken)} taken as exponential"
    return QueueFigures(figures.wait_probability, figures.mean_wait, figures.abandonment, figures.service_level,
                        figures.stable, method)


def relaxation_time(arrival_rate: float, mean_service: float, servers: int | None,
                    mean_patience: float | None = None) -> float:
    """How long a queue takes to forget how it started (its relaxation time): ``1 / (c μ (1 - √ρ)²)``
    for M/M/c at utilisation ``ρ = λ / (c μ)`` (Morse's result for M/M/1, the standard rule of thumb
    for c servers). With patience the queue settles at least as fast as customers give up, so the time
    is at most ``mean_patience + mean_service``. Zero without servers or without arrivals; infinite
    for an overloaded queue without patience (it never settles)."""
    if servers is None or mean_service <= 0 or arrival_rate <= 0:
        return 0.0
    rho = arrival_rate * mean_service / servers if servers > 0 else math.inf  # (no server at all: a pool closed)
    patient = mean_patience + mean_service if mean_patience is not None and math.isfinite(mean_patience) else math.inf
    if rho >= 1:
        return patient
    return min(mean_service / (servers * (1.0 - math.sqrt(rho)) ** 2), patient)
