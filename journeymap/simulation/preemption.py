"""Preemptive priority: a team (``preemptive: true``) whose more urgent customers take a server at once.

When a customer of a more urgent segment (smaller ``priority``) reaches a touchpoint of a preemptive
team whose servers are all busy, the server of the least urgent customer in service (the one who
started last, among equals) turns to the newcomer. The interrupted customer goes back to the front of
their priority's queue, keeps their place at the touchpoint (no new visit, no patience while they wait
again: their service has begun) and, when a server takes them again, resumes the rest of their
service (*preemptive-resume*, as Ciw's ``"resume"`` and the textbook formulas). The time they spend
pushed back counts in their wait at the touchpoint, which is then their time there less their service
(``mean_wait`` adds it to the visit's wait; the wait percentiles keep the first wait only).

Each service of a preemptive team is scheduled as a small :class:`Service` event rather than as the
customer itself, so that an interrupted one can be called off: the other pools pay nothing for this.
"""

from __future__ import annotations

import heapq
from typing import Any

from journeymap.simulation.customer import Customer
from journeymap.simulation.pools import Pool
from journeymap.simulation.segments import SegmentStation
from journeymap.simulation.station import ENQUEUE, NORMAL, START

__all__ = ["PreemptivePool", "PreemptiveStation", "Service"]


class Service:
    """One service in progress at a preemptive team: the SimPy event of its end (``live`` is false once it
    has been interrupted: its end then does nothing)."""

    __slots__ = ("callbacks", "customer", "end", "live", "started", "station")

    _ok = True
    """What SimPy reads of an event once its callbacks have run: this one never fails."""

    def __init__(self, customer: Customer, station: PreemptiveStation, started: float, end: float) -> None:
        self.customer = customer
        self.station = station
        self.started = started
        self.end = end
        self.live = True
        self.callbacks: list[Any] | None = station.service_callbacks


class PreemptivePool(Pool):
    """A team's pool whose services a more urgent customer may interrupt; ``serving`` holds the services
    in progress."""

    __slots__ = ("serving",)

    def __init__(self, capacity: float) -> None:
        super().__init__(capacity)
        self.serving: list[Service] = []

    def victim(self, priority: int) -> Service | None:
        """The service a customer of ``priority`` would interrupt: the least urgent one less urgent than
        they are (the latest started among equals), or ``None``."""
        chosen: Service | None = None
        for service in self.serving:
            other = service.customer.priority
            if other > priority and (chosen is None or (other, service.started)
                                     > (chosen.customer.priority, chosen.started)):
                chosen = service
        return chosen


class PreemptiveStation(SegmentStation):
    """A touchpoint served by a preemptive team (see the module's docstring)."""

    __slots__ = ("service_callbacks",)

    pool: PreemptivePool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.service_callbacks = [self._service_ends]

    def arrive(self, customer: Customer, now: float) -> bool:
        pool = self.pool
        if self.service is not None and pool.busy >= pool.capacity > 0:
            service = pool.victim(customer.priority)
            if service is not None:
                service.station._interrupt(service, now)
        return super().arrive(customer, now)

    def _interrupt(self, service: Service, now: float) -> None:
        """Call off ``service`` (here) now: its customer goes back to the front of their priority's queue
        with the rest of their service still to do, and its server is free."""
        service.live = False
        pool = self.pool
        pool.serving.remove(service)
        customer = service.customer
        customer.remaining = service.end - now
        customer.paused = now
        self.advance(now)
        self.busy -= 1
        pool.busy -= 1
        pool.queue.push_front(customer)  # type: ignore[attr-defined]
        pool.waiting += 1
        customer.station = self
        self.queue_length += 1
        if self.queue_length > self.queue_max:
            self.queue_max = self.queue_length
        if self.record is not None and customer.included:
            self.record((customer.number, self.index, ENQUEUE, now))

    def _take(self, customer: Customer, now: float) -> None:
        if customer.remaining < 0:
            super()._take(customer, now)
            return
        self.queue_length -= 1  # an interrupted customer resumes: the time pushed back adds to their wait
        if customer.included:
            waited = now - customer.paused
            customer.waited += waited
            self.wait_sum += waited
            self.segment_wait_sum[customer.segment] += waited
        self._start_service(customer, now)

    def _start_service(self, customer: Customer, now: float) -> None:
        if self.record is not None and customer.included:
            self.record((customer.number, self.index, START, now))
        if customer.remaining >= 0:
            end = now + customer.remaining
            customer.remaining = -1.0
        else:
            end = now + self.service(customer)  # type: ignore[misc]
        service = Service(customer, self, now, end)
        self.pool.serving.append(service)
        heapq.heappush(self.heap, (end, NORMAL, next(self.eid), service))

    def _service_ends(self, service: Service) -> None:
        """A service's end comes due: the customer is done, unless the service was interrupted before."""
        if service.live:
            self.pool.serving.remove(service)
            self.finish(service.customer)
