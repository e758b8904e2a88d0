"""One touchpoint in the simulation: ``capacity`` servers, a first-come-first-served queue, patience.

The queue is written directly on SimPy events instead of ``simpy.Resource``: a ``deque`` of waiting
customers, one ``Timeout`` per service whose callback frees the server and hands it to the next
customer in line, and one ``Timeout`` per waiting customer with limited patience. A customer who
abandons is only marked (``timer`` set to ``False``) and skipped when the servers reach them, so
nothing is ever searched for or removed from the middle of the queue. Time integrals (busy servers,
queue length) are advanced at every change, so utilisation and mean queue length cost O(1).

A station knows nothing of the engine: it is handed the SimPy environment and the things it does to
the rest of the run, as callables (send a served customer on, see a customer leave the cycle, move a
customer into another stage, write a row of the event log).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterator

import simpy
from simpy.events import Timeout

from journeymap.simulation.customer import Customer
from journeymap.simulation.stats import MAX_PATH_LENGTH, Histogram

__all__ = ["ABANDON", "COMPLETE", "START", "Record", "Station"]

# Event-log transitions.
START, COMPLETE, ABANDON = 0, 1, 2

Record = Callable[[tuple[int, int, int, float]], None]
"""Writes one row of the event log: ``(customer number, station index, transition, time)``."""


class Station:
    """The servers, queue and counters of one touchpoint during one replication.

    ``capacity`` is ``math.inf`` for a touchpoint without capacity (everybody served at once);
    ``service`` and ``patience`` are streams of draws, ``None`` for instantaneous service and
    endless patience. ``route(index, customer, now)`` sends a customer on after a service;
    ``leave(customer, now, lost)`` takes a customer out of the cycle; ``change_stage(customer, stage,
    now)`` moves a customer arriving here from another stage; ``record`` writes the event log
    (``None``: no log). ``path_base`` codes the customers' paths (see
    :class:`~journeymap.simulation.stats.PathCounter`). Counters only take customers included in the
    statistics (arrived after the warm-up); the time integrals take everybody present after the warm-up.
    """

    __slots__ = (
        "abandon_callbacks",
        "abandoned",
        "arrivals",
        "busy",
        "busy_area",
        "capacity",
        "change_stage",
        "env",
        "finish_callbacks",
        "goal",
        "index",
        "last",
        "leave",
        "lost_hist",
        "moment_of_truth",
        "path_base",
        "patience",
        "queue",
        "queue_area",
        "queue_length",
        "queue_max",
        "record",
        "route",
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
        env: simpy.Environment,
        index: int,
        *,
        stage: int,
        capacity: int | None,
        service: Iterator[float] | None,
        patience: Iterator[float] | None,
        goal: bool,
        moment_of_truth: bool,
        path_base: int,
        route: Callable[[int, Customer, float], None],
        leave: Callable[[Customer, float, bool], None],
        change_stage: Callable[[Customer, int, float], None],
        record: Record | None,
    ) -> None:
        self.env = env
        self.index = index
        self.stage = stage
        self.capacity: float = math.inf if capacity is None else capacity
        self.service = service
        self.patience = patience
        self.goal = goal
        self.moment_of_truth = moment_of_truth
        self.path_base = path_base
        self.route = route
        self.leave = leave
        self.change_stage = change_stage
        self.record = record
        self.queue: deque[Customer] = deque()
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
        # SimPy runs an event's callbacks from the list it holds and then drops it, never changing
        # the list: one list per kind of event serves every event of that kind.
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
    def arrive(self, customer: Customer, now: float) -> bool:
        """``customer`` reaches this touchpoint at ``now``, the current time: the visit is added to their
        path (and stages), and they queue, or a server starts on them, or (an instantaneous contact)
        they are done at once. True in the last case: route them on now."""
        if customer.depth < MAX_PATH_LENGTH:
            customer.path = customer.path * self.path_base + self.index + 1
        elif customer.path > 0:
            customer.path = -customer.path  # cut short
        customer.depth += 1
        if self.stage != customer.stage:
            self.change_stage(customer, self.stage, now)
        included = customer.included
        if included:
            self.arrivals += 1
            if self.moment_of_truth:
                customer.moments += 1
        customer.arrived = now
        if self.busy >= self.capacity:
            self._wait(customer, now)
            return False
        if included:  # served at once: a wait of zero
            self.wait_count += 1
            self.wait_hist.zeros += 1
        if self.service is not None:
            self.advance(now)
            self.busy += 1
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

    def _start_service(self, customer: Customer, now: float) -> None:
        """Put ``customer`` in front of a server now (the server is already counted as busy)."""
        if self.record is not None and customer.included:
            self.record((customer.number, self.index, START, now))
        Timeout(self.env, next(self.service), customer).callbacks = self.finish_callbacks  # type: ignore[arg-type]

    def _wait(self, customer: Customer, now: float) -> None:
        """Queue ``customer`` behind the others; with limited patience, set the timer that makes them leave."""
        self.advance(now)
        self.queue.append(customer)
        self.queue_length += 1
        if self.queue_length > self.queue_max:
            self.queue_max = self.queue_length
        if self.patience is None:
            customer.timer = None
        else:
            timer = Timeout(self.env, next(self.patience), customer)
            timer.callbacks = self.abandon_callbacks  # type: ignore[assignment]
            customer.timer = timer

    def _count_wait(self, customer: Customer, now: float) -> float:
        """Count the wait of an included ``customer`` that ends now (served or abandoned); returns it."""
        waited = now - customer.arrived
        self.wait_count += 1
        self.wait_sum += waited
        self.wait_buffer.append(waited)
        if len(self.wait_buffer) >= Histogram.FLUSH:
            self.wait_hist.flush()
        return waited

    def finish(self, event: Timeout) -> None:
        """A service ends: count it, give the server to the next customer still waiting, route the customer on."""
        customer: Customer = event.value
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
        queue = self.queue
        while queue:
            waiting = queue.popleft()
            if waiting.timer is False:  # abandoned earlier: already counted and gone
                continue
            waiting.timer = None
            self.queue_length -= 1
            if waiting.included:
                self._count_wait(waiting, now)
            self._start_service(waiting, now)
            break
        else:
            self.busy -= 1
        self.route(self.index, customer, now)

    def abandon(self, event: Timeout) -> None:
        """A waiting customer's patience runs out: unless a server took them first, they are lost."""
        customer: Customer = event.value
        if customer.timer is not event:
            return  # served before the patience ran out (or this is an earlier visit's timer)
        customer.timer = False
        now = self.env.now
        self.advance(now)
        self.queue_length -= 1
        if customer.included:
            waited = self._count_wait(customer, now)
            self.abandoned += 1
            self.time_count += 1
            self.time_sum += waited
            self.lost_hist.add(waited)
            if self.record is not None:
                self.record((customer.number, self.index, ABANDON, now))
        self.leave(customer, now, True)
