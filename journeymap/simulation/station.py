"""One touchpoint in the simulation: ``capacity`` servers, a first-come-first-served queue, patience.

The queue is written directly on SimPy's event queue instead of ``simpy.Resource``: a ``deque`` of
waiting customers, and for each service the customer itself scheduled as the event whose callback
frees the server and hands it to the next customer in line. Patience deadlines are kept by the
queue's :class:`~journeymap.simulation.patience.Deadlines`, with one alarm for the earliest, so the
event heap does not grow with patience. A customer who abandons is only marked (``ticket`` -1) and
skipped when the servers reach them, so nothing is ever searched for or removed from the middle of
the queue. Time integrals (busy servers, queue length) are advanced at every change, so utilisation
and mean queue length cost O(1).

Who is next and how many servers there are is decided by the station's
:class:`~journeymap.simulation.pools.Pool`: its own servers, or a team's pool shared with other
touchpoints (one queue across them), whose capacity shifts may change over the day. The station keeps
its own figures (``busy`` counts the pool's servers busy *here*) and starts the services.

A station knows nothing of the engine: it is handed the SimPy environment and the things it does to
the rest of the run, as callables (send a served customer on, see a customer leave the cycle, move a
customer into another stage, write a row of the event log, draw a customer's times).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterator
from typing import Any

import simpy

from journeymap.errors import TooLong
from journeymap.simulation.customer import Customer
from journeymap.simulation.hourly import HourOfDay
from journeymap.simulation.patience import Deadlines
from journeymap.simulation.pools import Pool
from journeymap.simulation.stats import MAX_PATH_LENGTH, Histogram

__all__ = ["ABANDON", "CHECK_VISITS", "COMPLETE", "ENQUEUE", "NORMAL", "START", "Draw", "Record", "Station"]

# Event-log transitions.
START, COMPLETE, ABANDON, ENQUEUE = 0, 1, 2, 3

NORMAL = 1
"""SimPy's priority of ordinary events (``simpy.events.NORMAL``)."""

MAX_VISITS = 1_000_000
"""Visits one customer may make before the run stops: beyond it, a loop is holding them."""

CHECK_VISITS = 0xFFFF
"""The run's limits are looked at whenever this touchpoint's count of visits has these bits clear."""

Record = Callable[[tuple[int, int, int, float]], None]
"""Writes one row of the event log: ``(customer number, station index, transition, time)``."""

Draw = Callable[[Customer], Any]
"""A customer's draw of one kind on their current visit (see :mod:`journeymap.simulation.draws`)."""


class Station:
    """The servers, queue and counters of one touchpoint during one replication.

    ``pool`` holds the servers and the queue (the touchpoint's own, or its team's); ``capacity`` is the
    touchpoint's nominal capacity for the figures (``math.inf`` without one: everybody served at once);
    ``service`` and ``patience`` draw a customer's service time and patience, ``None`` for
    instantaneous service and endless patience. ``route(index, customer, now)`` sends a customer on
    after a service; ``leave(customer, now, lost)`` takes a customer out of the cycle;
    ``change_stage(customer, stage, now)`` moves a customer arriving here from another stage;
    ``record`` writes the event log (``None``: no log); ``check()`` looks at the run's limits now and
    then (every :data:`CHECK_VISITS` visits here). ``path_base`` codes the customers' paths (see
    :class:`~journeymap.simulation.stats.PathCounter`); ``tickets`` numbers the patience deadlines of
    the run. ``threshold`` is the wait within which a service counts toward the service level
    (``within``; ``-inf``: no service level asked for). Counters only take the customers the statistics
    follow (``included``); the time integrals take everybody present after the warm-up; ``visits``
    counts every visit (the run's size).
    """

    __slots__ = (
        "abandoned",
        "arrivals",
        "bit",
        "busy",
        "busy_area",
        "capacity",
        "change_stage",
        "check",
        "deadlines",
        "eid",
        "env",
        "finish_callbacks",
        "goal",
        "heap",
        "hourly",
        "index",
        "last",
        "leave",
        "lost_hist",
        "lost_wait_sum",
        "moment_of_truth",
        "path_base",
        "patience",
        "pool",
        "queue_area",
        "queue_length",
        "queue_max",
        "record",
        "retries",
        "retry",
        "route",
        "served",
        "service",
        "stage",
        "threshold",
        "time_count",
        "time_sum",
        "visits",
        "wait_buffer",
        "wait_count",
        "wait_hist",
        "wait_sum",
        "within",
    )

    def __init__(
        self,
        env: simpy.Environment,
        index: int,
        *,
        stage: int,
        capacity: int | None,
        pool: Pool,
        service: Draw | None,
        patience: Draw | None,
        goal: bool,
        moment_of_truth: bool,
        path_base: int,
        route: Callable[[int, Customer, float], None],
        leave: Callable[[Customer, float, bool], None],
        change_stage: Callable[[Customer, int, float], None],
        record: Record | None,
        tickets: Iterator[int],
        check: Callable[[], None] = lambda: None,
        threshold: float = -math.inf,
        hourly: HourOfDay | None = None,
    ) -> None:
        self.env = env
        self.heap: list[Any] = env._queue  # type: ignore[attr-defined]  # SimPy's event queue, pushed onto directly
        self.eid: Iterator[int] = env._eid  # type: ignore[attr-defined]  # and its event counter (ties in order)
        self.index = index
        self.bit = 1 << index
        self.stage = stage
        self.capacity: float = math.inf if capacity is None else capacity
        self.pool = pool
        self.service = service
        self.patience = patience
        self.goal = goal
        self.moment_of_truth = moment_of_truth
        self.path_base = path_base
        self.route = route
        self.leave = leave
        self.change_stage = change_stage
        self.record = record
        self.check = check
        self.deadlines = Deadlines(env, self._expire, tickets) if patience is not None else None
        self.busy = 0
        self.queue_length = 0
        self.queue_max = 0
        self.busy_area = 0.0
        self.queue_area = 0.0
        self.last = 0.0
        self.visits = 0
        self.arrivals = self.served = self.abandoned = self.retries = 0
        self.retry: tuple[float, Draw, Draw, Callable[[Customer, int, float], None]] | None = None
        self.wait_count = self.time_count = 0
        self.wait_sum = self.time_sum = 0.0
        self.wait_hist = Histogram()
        self.wait_buffer = self.wait_hist.buffer
        self.lost_hist = Histogram()  # the waits of those who abandoned (for the share served within a standard)
        # SimPy runs an event's callbacks from the list it holds and then drops it, never changing
        # the list: one list serves every service end of this station.
        self.finish_callbacks = [self.finish]
        # service level: the customers served after a wait of at most ``threshold`` (-inf: none asked for),
        # counted exactly; and the waits of those who abandoned, for the average speed of answer
        self.threshold = threshold
        self.within = 0
        self.lost_wait_sum = 0.0
        self.hourly = hourly  # busy time and waits by hour of the day (journeys with daily schedules)

    # -- time integrals --------------------------------------------------------------------------
    def advance(self, now: float) -> None:
        """Bring the busy-server and queue-length integrals up to ``now``."""
        elapsed = now - self.last
        self.busy_area += self.busy * elapsed
        self.queue_area += self.queue_length * elapsed
        if self.hourly is not None and self.busy and elapsed > 0:
            self.hourly.busy_between(self.last, now, self.busy)
        self.last = now

    def reset(self, now: float) -> None:
        """Start the time integrals afresh at ``now`` (the end of the warm-up)."""
        self.busy_area = self.queue_area = 0.0
        self.last = now
        self.queue_max = self.queue_length
        if self.hourly is not None:
            self.hourly.busy[:] = 0.0

    # -- customers -------------------------------------------------------------------------------
    def arrive(self, customer: Customer, now: float) -> bool:
        """``customer`` reaches this touchpoint at ``now``, the current time: the visit is added to their
        path (and stages), and they queue, or a server starts on them, or (an instantaneous contact)
        they are done at once. True in the last case: route them on now."""
        visits = self.visits = self.visits + 1
        if not visits & CHECK_VISITS:
            self.check()  # the run's limits, looked at every so many visits here (a loop makes no new customers)
        depth = customer.depth
        if depth < MAX_PATH_LENGTH:
            customer.path = customer.path * self.path_base + self.index + 1
        else:
            if customer.path > 0:
                customer.path = -customer.path  # cut short
            if depth >= MAX_VISITS:
                raise TooLong(self.index)
        customer.depth = depth + 1
        if customer.seen & self.bit:
            self._again(customer)
        else:
            customer.seen |= self.bit
            customer.visit = 0
        if self.stage != customer.stage:
            self.change_stage(customer, self.stage, now)
        included = customer.included
        if included:
            self.arrivals += 1
            if self.moment_of_truth:
                customer.moments += 1
        customer.arrived = now
        pool = self.pool
        if pool.busy >= pool.capacity:
            self._wait(customer, now)
            return False
        if included:  # served at once: a wait of zero
            self.wait_count += 1
            self.wait_hist.zeros += 1
            if self.threshold >= 0:
                self.within += 1
            if self.hourly is not None:
                self.hourly.wait(now, 0.0)
            if self.record is not None and self.capacity != math.inf:
                self.record((customer.number, self.index, ENQUEUE, now))
        if self.service is not None:
            self.advance(now)
            self.busy += 1
            pool.busy += 1
            self._start_service(customer, now)
            return False
        if included:
            self.served += 1
            self.time_count += 1
            if self.record is not None:
                self.record((customer.number, self.index, START, now))
                self.record((customer.number, self.index, COMPLETE, now))
        if self.goal:
            customer.goal = True
        return True

    def _again(self, customer: Customer) -> None:
        """Count another visit of ``customer`` here (their draws depend on which visit it is)."""
        repeats = customer.repeats
        if repeats is None:
            repeats = customer.repeats = {}
        visit = repeats.get(self.index, 0) + 1
        repeats[self.index] = visit
        customer.visit = visit

    def _start_service(self, customer: Customer, now: float) -> None:
        """Put ``customer`` in front of a server now (the server is already counted as busy): the
        customer is scheduled as the event of its service's end."""
        if self.record is not None and customer.included:
            self.record((customer.number, self.index, START, now))
        customer.callbacks = self.finish_callbacks
        heapq.heappush(self.heap, (now + self.service(customer), NORMAL, next(self.eid), customer))  # type: ignore[misc]

    def _wait(self, customer: Customer, now: float) -> None:
        """Queue ``customer`` behind the others; with limited patience, note when they give up."""
        self.advance(now)
        if self.record is not None and customer.included:
            self.record((customer.number, self.index, ENQUEUE, now))
        pool = self.pool
        pool.queue.append(customer)
        pool.waiting += 1
        customer.station = self
        self.queue_length += 1
        if self.queue_length > self.queue_max:
            self.queue_max = self.queue_length
        if self.deadlines is not None:
            self.deadlines.add(customer, now + self.patience(customer) * customer.patience_factor)  # type: ignore[misc]

    def _count_wait(self, customer: Customer, now: float) -> float:
        """Count the wait of an included ``customer`` that ends now (served or abandoned); returns it."""
        waited = now - customer.arrived
        customer.waited += waited
        if self.hourly is not None:
            self.hourly.wait(customer.arrived, waited)
        self.wait_count += 1
        self.wait_sum += waited
        self.wait_buffer.append(waited)
        if len(self.wait_buffer) >= Histogram.FLUSH:
            self.wait_hist.flush()
        return waited

    def allow_retry(self, p: float, chance: Draw, delay: Draw,
                    come_back: Callable[[Customer, int, float], None]) -> None:
        """Let a share ``p`` of those who abandon here come back after ``delay``: ``chance`` draws each one's
        uniform number, ``come_back(customer, station index, time)`` brings them back."""
        self.retry = (p, chance, delay, come_back)

    def take(self, customer: Customer, now: float) -> None:
        """A server of the pool (already counted busy there) starts now on ``customer``, who waited here."""
        self.advance(now)
        self.busy += 1
        self._take(customer, now)

    def _take(self, customer: Customer, now: float) -> None:
        """``customer`` leaves the queue here for a server counted busy here (the integrals are up to date)."""
        self.queue_length -= 1
        if self.deadlines is not None:
            self.deadlines.served(customer)
        if customer.included and self._count_wait(customer, now) <= self.threshold:
            self.within += 1
        self._start_service(customer, now)

    def finish(self, customer: Customer) -> None:
        """A service ends: count it, give the server to the next customer still waiting, route the customer on."""
        now = self.env.now
        if customer.included:
            self.served += 1
            self.time_count += 1
            self.time_sum += now - customer.arrived
            if self.record is not None:
                self.record((customer.number, self.index, COMPLETE, now))
        if self.goal:
            customer.goal = True
        self.advance(now)
        pool = self.pool
        if pool.busy > pool.capacity or not pool.waiting:  # the server goes home (its shift is over) or is free
            self.busy -= 1
            pool.busy -= 1
            if not pool.waiting and pool.queue:
                pool.queue.clear()  # only customers who abandoned are left in it
        else:
            waiting = pool.next_waiting()
            if waiting.station is self:  # (the common case: the server stays busy here)
                self._take(waiting, now)
            else:
                self.busy -= 1
                waiting.station.take(waiting, now)
        self.route(self.index, customer, now)

    def _expire(self, customer: Customer, now: float) -> None:
        """A waiting customer's patience has run out before a server took them: they are lost, or come back
        later when the touchpoint has a retry (see :meth:`allow_retry`)."""
        self.advance(now)
        self.queue_length -= 1
        self.pool.waiting -= 1
        if customer.included:
            waited = self._count_wait(customer, now)
            self.abandoned += 1
            self.time_count += 1
            self.time_sum += waited
            self.lost_wait_sum += waited
            self.lost_hist.add(waited)
            if self.record is not None:
                self.record((customer.number, self.index, ABANDON, now))
        retry = self.retry
        if retry is not None and retry[1](customer) < retry[0]:  # they will try again later
            if customer.included:
                self.retries += 1
            self.pool.queue.remove(customer)  # (they may wait here again: no stale entry may stay behind)
            retry[3](customer, self.index, now + retry[2](customer))
            return
        self.leave(customer, now, True)
