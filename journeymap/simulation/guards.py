"""The limits a replication runs within, and the clear message when it hits one instead of hanging.

A run can run away in a handful of ways: a loop customers leave with a tiny probability holds them
(visits without end), a service of centuries with unlimited capacity keeps every customer inside
(memory without end), a rate of a billion an hour makes events without end, or the cohort never
finishes leaving. :class:`Limits` bounds each: the visits a replication may make (``events``), the
customers inside at once (``in_system``), the visits of one customer
(:data:`~journeymap.simulation.station.MAX_VISITS`) and the time the cohort has to leave after its
last member arrived (``drain``). When one is hit, :func:`where_customers_are` and
:func:`loop_through` say where the run got stuck, so the message names the touchpoint or the loop.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from journeymap.model import Journey
from journeymap.simulation.preemption import Service

if TYPE_CHECKING:
    from journeymap.simulation.station import Station

__all__ = ["DEFAULT_MAX_EVENTS", "MAX_IN_SYSTEM", "Limits", "loop_through", "where_customers_are"]

DEFAULT_MAX_EVENTS = 100_000_000
"""Visits to touchpoints a run may make unless told otherwise (as estimated before it starts): about ten
minutes of work on one core of a small machine (the engine makes roughly 100,000–200,000 visits a
second). The default run of the longest template (customer_lifecycle: a cohort of 10,000 followed
through loyalty loops of weeks, 20 replications) is estimated at about 61 million."""

MAX_IN_SYSTEM = 2_000_000
"""Customers inside the cycle at once before a replication stops (about 1 GB of memory)."""


@dataclass(frozen=True)
class Limits:
    """What one replication may do: ``events`` visits in all, ``in_system`` customers inside at once,
    and ``drain`` time units for the cohort to leave once its last member has arrived (``inf``: no
    bound)."""

    events: float = DEFAULT_MAX_EVENTS
    in_system: float = MAX_IN_SYSTEM
    drain: float = math.inf


def where_customers_are(env: Any, stations: Sequence[Station], names: Sequence[str], *,
                        followed: bool = True) -> Counter[str]:
    """How many customers (only those the statistics follow, when ``followed``) are at each touchpoint
    now: waiting, in service, or on a route towards it (its id then reads ``→ id``)."""
    places: Counter[str] = Counter()
    finishing = {id(station.finish_callbacks): station.index for station in stations}
    for entry in env._queue:
        customer = entry[-1]
        if isinstance(customer, Service):  # in service at a preemptive team (unless interrupted)
            if customer.live and (customer.customer.included or not followed):
                places[names[customer.station.index]] += 1
            continue
        if not hasattr(customer, "included") or (followed and not customer.included):
            continue
        station = finishing.get(id(customer.callbacks))
        if station is not None:
            places[names[station]] += 1
        elif customer.next_station >= 0:
            places[f"→ {names[customer.next_station]}"] += 1
    pools = {id(station.pool): station.pool for station in stations}  # a team's pool serves several stations
    for pool in pools.values():
        for customer in pool.queue:
            if customer.ticket >= 0 and (customer.included or not followed):
                places[names[customer.station.index]] += 1
    return places


def loop_through(journey: Journey, tp_id: str) -> list[str]:
    """A routing loop through ``tp_id`` (ids in order, back to the first), or ``[tp_id]`` alone."""
    graph = nx.DiGraph()
    graph.add_edges_from((source, t.target) for source, t in journey.transitions() if t.p > 0)
    if tp_id not in graph:
        return [tp_id]
    try:
        cycle = nx.find_cycle(graph, tp_id)
    except nx.NetworkXNoCycle:
        return [tp_id]
    nodes = [edge[0] for edge in cycle]
    if tp_id in nodes:
        start = nodes.index(tp_id)
        nodes = nodes[start:] + nodes[:start]
    return [*nodes, nodes[0]]
