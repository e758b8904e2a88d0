"""Customer segments in the simulation: priority queues and the figures of each segment.

Each customer belongs to one segment, drawn by the segments' shares from the customer's own stream
(keyed by the arrival and the customer's number in it, like every other draw: a seed gives the same
segments anywhere) unless the arrival names one. A segment's ``priority`` orders every queue
(:class:`PriorityQueue`: the smaller first, first come first served within a priority; a service is
never interrupted); its ``patience_factor`` multiplies the customer's patience; ``next_by_segment``
gives it its own routes (the engine hands each customer the routing table of its segment).

The figures of each segment are counted beside the journey's: :class:`SegmentStation` counts each
touchpoint's visits, services, abandonments and waits by segment, and :class:`SegmentCounts` the
journey-level figures; :func:`segment_view` turns one segment's counts into a
:class:`~journeymap.simulation.replication.ReplicationStats` so that its KPIs and touchpoint figures
are computed exactly as the journey's are (those not counted by segment — utilisation, queue lengths,
percentiles — are empty there).
"""

from __future__ import annotations

import dataclasses
import heapq
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from journeymap.simulation.customer import Customer
from journeymap.simulation.replication import ReplicationStats
from journeymap.simulation.station import Station

__all__ = ["PriorityQueue", "SegmentCounts", "SegmentStation", "segment_view"]

TOUCHPOINT_COUNTS = ("arrivals", "served", "abandoned", "wait_count", "wait_sum", "time_count", "time_sum")
"""The touchpoint counters kept by segment."""


class PriorityQueue:
    """A pool's queue ordered by the customers' ``priority`` (smaller first), then by arrival: it
    offers what the pool uses of a ``deque`` (``append``, ``popleft``, ``clear``, ``remove``, iteration, truth)."""

    __slots__ = ("front", "heap", "order")

    def __init__(self) -> None:
        self.heap: list[tuple[int, int, Customer]] = []
        self.order = itertools.count()
        self.front = itertools.count(-1, -1)

    def append(self, customer: Customer) -> None:
        heapq.heappush(self.heap, (customer.priority, next(self.order), customer))

    def push_front(self, customer: Customer) -> None:
        """Put ``customer`` ahead of everybody of their priority (a service interrupted by a more urgent one)."""
        heapq.heappush(self.heap, (customer.priority, next(self.front), customer))

    def popleft(self) -> Customer:
        return heapq.heappop(self.heap)[2]

    def clear(self) -> None:
        self.heap.clear()

    def remove(self, customer: Customer) -> None:
        """Take ``customer`` out of the queue wherever they are."""
        self.heap = [entry for entry in self.heap if entry[2] is not customer]
        heapq.heapify(self.heap)

    def __bool__(self) -> bool:
        return bool(self.heap)

    def __iter__(self) -> Iterator[Customer]:
        return (entry[2] for entry in self.heap)


class SegmentStation(Station):
    """A :class:`Station` that also counts its figures by segment (one list per counter, indexed by the
    segment's number; lists rather than numpy arrays: a Python list adds one faster)."""

    __slots__ = ("segment_abandoned", "segment_arrivals", "segment_served", "segment_time_count",
                 "segment_time_sum", "segment_wait_count", "segment_wait_sum")

    def __init__(self, *args: Any, segments: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.segment_arrivals = [0] * segments
        self.segment_served = [0] * segments
        self.segment_abandoned = [0] * segments
        self.segment_wait_count = [0] * segments
        self.segment_wait_sum = [0.0] * segments
        self.segment_time_count = [0] * segments
        self.segment_time_sum = [0.0] * segments

    def counts(self) -> dict[str, list[float]]:
        """The counters by name (:data:`TOUCHPOINT_COUNTS`)."""
        return {name: getattr(self, f"segment_{name}") for name in TOUCHPOINT_COUNTS}

    def arrive(self, customer: Customer, now: float) -> bool:
        included = customer.included
        if included:
            self.segment_arrivals[customer.segment] += 1
            pool = self.pool
            if pool.busy < pool.capacity:  # served at once: a wait of zero
                self.segment_wait_count[customer.segment] += 1
        done = Station.arrive(self, customer, now)
        if done and included:  # an instantaneous contact: served at once
            self.segment_served[customer.segment] += 1
            self.segment_time_count[customer.segment] += 1
        return done

    def _count_wait(self, customer: Customer, now: float) -> float:
        waited = Station._count_wait(self, customer, now)
        self.segment_wait_count[customer.segment] += 1
        self.segment_wait_sum[customer.segment] += waited
        return waited

    def finish(self, customer: Customer) -> None:
        if customer.included:
            segment = customer.segment
            self.segment_served[segment] += 1
            self.segment_time_count[segment] += 1
            self.segment_time_sum[segment] += self.env.now - customer.arrived
        Station.finish(self, customer)

    def _expire(self, customer: Customer, now: float) -> None:
        if customer.included:
            segment = customer.segment
            self.segment_abandoned[segment] += 1
            self.segment_time_count[segment] += 1
            self.segment_time_sum[segment] += now - customer.arrived
        Station._expire(self, customer, now)


class SegmentCounts:
    """The journey-level counts of each segment (followed customers, except ``entries``/``departures``);
    the engine counts ``entries`` and ``arrived`` as it gives each customer their segment."""

    NAMES = ("arrived", "completed", "goal", "lost", "dropped", "time_sum", "moments", "entries", "departures")

    __slots__ = NAMES

    def __init__(self, segments: int) -> None:
        for name in self.NAMES:
            setattr(self, name, [0.0] * segments)

    @property
    def counts(self) -> dict[str, list[float]]:
        """The counters by name (:data:`NAMES`), one list indexed by segment number each."""
        return {name: getattr(self, name) for name in self.NAMES}

    def statistics(self, stations: Sequence[Station]) -> dict[str, np.ndarray]:
        """These counts and the ``stations``' counts by segment (:class:`SegmentStation` s), as the arrays a
        :class:`~journeymap.simulation.replication.ReplicationStats` keeps in ``segments``."""
        found = {name: np.array(counts, dtype=float) for name, counts in self.counts.items()}
        for name in TOUCHPOINT_COUNTS:
            found[f"touchpoint_{name}"] = np.array([s.counts()[name] for s in stations],  # type: ignore[attr-defined]
                                                   dtype=float).T
        return found

    def leave(self, customer: Customer, elapsed: float, lost: bool, counted: bool) -> None:
        """A customer left the cycle after ``elapsed`` (``counted``: after the warm-up); one counted by the
        run's statistics (``included``) or not. (Attributes rather than a dict: this runs for every customer.)"""
        segment = customer.segment
        if counted:
            self.departures[segment] += 1
        if not customer.included:
            return
        self.completed[segment] += 1
        self.time_sum[segment] += elapsed
        self.moments[segment] += customer.moments
        if customer.goal:
            self.goal[segment] += 1
        if lost:
            self.lost[segment] += 1
        elif not customer.goal:
            self.dropped[segment] += 1


def segment_view(stats: ReplicationStats, segment: int) -> ReplicationStats:
    """The counts of segment number ``segment`` as a :class:`ReplicationStats` (see the module)."""
    counts = stats.segments
    touchpoints = {name: np.full(len(stats.touchpoint_ids), np.nan) for name in stats.touchpoints}
    for name in TOUCHPOINT_COUNTS:
        touchpoints[name] = counts[f"touchpoint_{name}"][segment]
    touchpoints["capacity"] = stats.touchpoints["capacity"]
    nothing = np.zeros(0)
    return dataclasses.replace(
        stats,
        arrived=int(counts["arrived"][segment]), completed=int(counts["completed"][segment]),
        goal=int(counts["goal"][segment]), lost=int(counts["lost"][segment]),
        dropped=int(counts["dropped"][segment]), time_sum=float(counts["time_sum"][segment]),
        moments=int(counts["moments"][segment]), time_counts=nothing, time_zeros=0, p90_time=np.nan,
        touchpoints=touchpoints, stages={name: np.full(len(stats.stage_ids), np.nan) for name in stats.stages},
        paths={}, paths_beyond=0, departures=int(counts["departures"][segment]),
        entries=int(counts["entries"][segment]), waits=(), segment_ids=(), segments={},
    )
