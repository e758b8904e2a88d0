"""One touchpoint in the simulation: ``capacity`` servers, a first-come-first-served queue, patience.

The queue is written directly on SimPy events instead of ``simpy.Resource``: a ``deque`` of waiting
customers, one ``Timeout`` per service whose callback frees the server and hands it to the next
customer in line, and one ``Timeout`` per waiting customer with limited patience. A customer who
abandons is only marked (``TIMER`` set to ``False``) and skipped when the servers reach them, so
nothing is ever searched for or removed from the middle of the queue. Time integrals (busy servers,
queue length) are advanced at every change, so utilisation and mean queue length cost O(1).

A customer is a plain list indexed by the constants below (cheaper than an object per customer).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from simpy.events import Timeout

from journeymap.simulation.stats import Histogram

if TYPE_CHECKING:
    from journeymap.simulation.engine import Engine

__all__ = ["Station"]

# Fields of a customer (a list).
ID, ENTERED, INCLUDED, PATH, DEPTH, ARRIVED, TIMER, STAGE, STAGE_SINCE, STAGES, MOMENTS, GOAL, NEXT = range(13)
# Event-log transitions.
START, COMPLETE, ABANDON = 0, 1, 2


class Station:
    """The servers, queue and counters of one touchpoint during one replication.

    ``capacity`` is ``math.inf`` for a touchpoint without capacity (everybody served at once);
    ``service`` and ``patience`` are streams of draws, ``None`` for instantaneous service and
    endless patience. Counters only take customers included in the statistics (arrived after the
    warm-up); the time integrals take everybody present after the warm-up.
    """

    __slots__ = (
        "abandon_callbacks",
        "abandoned",
        "arrivals",
        "busy",
        "busy_area",
        "capacity",
        "engine",
        "finish_callbacks",
        "goal",
        "index",
        "last",
        "lost_hist",
        "moment_of_truth",
        "patience",
        "queue",
        "queue_area",
        "queue_length",
        "queue_max",
        "served",
        "service",
        "stage",
        "time_count",
        "time_sum",
        "wait_buffer",
        "wait_count",
        "wait_hist",
        "wait_sum",
    )

    def __init__(
        self,
        engine: Engine,
        index: int,
        *,
        stage: int,
        capacity: int | None,
        service: Iterator[float] | None,
        patience: Iterator[float] | None,
        goal: bool,
        moment_of_truth: bool,
    ) -> None:
        self.engine = engine
        self.index = index
        self.stage = stage
        self.capacity: float = math.inf if capacity is None else capacity
        self.service = service
        self.patience = patience
        self.goal = goal
        self.moment_of_truth = moment_of_truth
        self.queue: deque[list[Any]] = deque()
        self.busy = 0
        self.queue_length = 0
        self.queue_max = 0
        self.busy_area = 0.0
        self.queue_area = 0.0
        self.last = 0.0
        self.arrivals = self.served = self.abandoned = 0
        self.wait_count = self.time_count = 0
        self.wait_sum = self.time_sum = 0.0
        self.wait_hist = Histogram()
        self.wait_buffer = self.wait_hist.buffer
        self.lost_hist = Histogram()  # the waits of those who abandoned (for the share served within a standard)
        # SimPy never mutates an event's callback list (it swaps it for None), so one list serves all.
        self.finish_callbacks = [self.finish]
        self.abandon_callbacks = [self.abandon]

    # -- time integrals --------------------------------------------------------------------------
    def advance(self, now: float) -> None:
        """Bring the busy-server and queue-length integrals up to ``now``."""
        elapsed = now - self.last
        self.busy_area += self.busy * elapsed
        self.queue_area += self.queue_length * elapsed
        self.last = now

    def reset(self, now: float) -> None:
        """Start the time integrals afresh at ``now`` (the end of the warm-up)."""
        self.busy_area = self.queue_area = 0.0
        self.last = now
        self.queue_max = self.queue_length

    # -- customers -------------------------------------------------------------------------------
    def start(self, customer: list[Any], now: float) -> None:
        """Put ``customer`` in front of a server now (the server is already counted as busy)."""
        engine = self.engine
        if engine.record is not None and customer[INCLUDED]:
            engine.record((customer[ID], self.index, START, now))
        Timeout(engine.env, next(self.service), customer).callbacks = self.finish_callbacks  # type: ignore[arg-type]

    def wait(self, customer: list[Any], now: float) -> None:
        """Queue ``customer`` behind the others; with limited patience, set the timer that makes them leave."""
        self.advance(now)
        self.queue.append(customer)
        self.queue_length += 1
        if self.queue_length > self.queue_max:
            self.queue_max = self.queue_length
        if self.patience is None:
            customer[TIMER] = None
        else:
            timer = Timeout(self.engine.env, next(self.patience), customer)
            timer.callbacks = self.abandon_callbacks
            customer[TIMER] = timer

    def finish(self, event: Timeout) -> None:
        """A service ends: count it, give the server to the next customer still waiting, route the customer on."""
        customer = event._value
        engine = self.engine
        now = engine.env._now
        if customer[INCLUDED]:
            self.served += 1
            self.time_count += 1
            self.time_sum += now - customer[ARRIVED]
            if engine.record is not None:
                engine.record((customer[ID], self.index, COMPLETE, now))
        if self.goal:
            customer[GOAL] = True
        elapsed = now - self.last  # self.advance(now), inlined on the hottest path
        self.busy_area += self.busy * elapsed
        self.queue_area += self.queue_length * elapsed
        self.last = now
        queue = self.queue
        while queue:
            waiting = queue.popleft()
            if waiting[TIMER] is False:  # abandoned earlier: already counted and gone
                continue
            waiting[TIMER] = None
            self.queue_length -= 1
            if waiting[INCLUDED]:
                waited = now - waiting[ARRIVED]
                self.wait_count += 1
                self.wait_sum += waited
                self.wait_buffer.append(waited)
                if len(self.wait_buffer) >= Histogram.FLUSH:
                    self.wait_hist.flush()
            self.start(waiting, now)
            break
        else:
            self.busy -= 1
        engine.route(self.index, customer)

    def abandon(self, event: Timeout) -> None:
        """A waiting customer's patience runs out: unless a server took them first, they are lost."""
        customer = event._value
        if customer[TIMER] is not event:
            return  # served before the patience ran out (or this is an earlier visit's timer)
        customer[TIMER] = False
        engine = self.engine
        now = engine.env._now
        self.advance(now)
        self.queue_length -= 1
        if customer[INCLUDED]:
            waited = now - customer[ARRIVED]
            self.abandoned += 1
            self.wait_count += 1
            self.wait_sum += waited
            self.time_count += 1
            self.time_sum += waited
            self.wait_buffer.append(waited)
            if len(self.wait_buffer) >= Histogram.FLUSH:
                self.wait_hist.flush()
            self.lost_hist.add(waited)
            if engine.record is not None:
                engine.record((customer[ID], self.index, ABANDON, now))
        engine.leave(customer, now, lost=True)
