"""Patience deadlines of one queue, with one alarm for the earliest: the event heap stays small.

Setting one SimPy timeout per waiting customer and ignoring it once the customer is served leaves
every served customer's timeout in the event heap until its time comes: with long patience the heap
grows with arrival rate × patience. Here a queue keeps its customers' deadlines in its own heap and
sets an alarm only for the earliest; when the alarm rings, every customer whose patience has run out
leaves and the alarm is set again for the next deadline. A new deadline sets an alarm only when it is
earlier than every alarm already set, so a queue has few alarms pending (a handful: each new one is
a new record low). Deadlines of customers served in time are dropped from the heap, in one sweep
whenever they outnumber the live ones, so its size stays within about twice the queue's.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from typing import Any

import simpy
from simpy.events import Timeout

from journeymap.simulation.customer import Customer

__all__ = ["Deadlines"]

SWEEP = 64
"""Dropped deadlines tolerated before a sweep is considered."""


class Deadlines:
    """The patience deadlines of the customers waiting at one queue (see the module documentation).

    ``expire(customer, now)`` is called for each customer whose patience runs out while waiting;
    ``tickets`` numbers every deadline of the run (shared by all queues, so a ticket names one wait)."""

    __slots__ = ("alarm_callbacks", "alarms", "env", "expire", "heap", "stale", "tickets")

    def __init__(self, env: simpy.Environment, expire: Callable[[Customer, float], None],
                 tickets: Iterator[int]) -> None:
        self.env = env
        self.expire = expire
        self.tickets = tickets
        self.heap: list[tuple[float, int, Customer]] = []
        self.alarms: list[float] = []  # times of the alarms set and not rung yet
        self.stale = 0
        self.alarm_callbacks = [self.ring]

    def add(self, customer: Customer, deadline: float) -> None:
        """``customer`` starts waiting and gives up at ``deadline`` unless served before."""
        ticket = next(self.tickets)
        customer.ticket = ticket
        heapq.heappush(self.heap, (deadline, ticket, customer))
        alarms = self.alarms
        if not alarms or deadline < alarms[0]:
            self._set(deadline)

    def served(self, customer: Customer) -> None:
        """``customer`` leaves the queue for a server: their deadline no longer counts."""
        customer.ticket = 0
        self.stale += 1
        if self.stale > SWEEP and self.stale * 2 > len(self.heap):
            self.heap = [entry for entry in self.heap if entry[2].ticket == entry[1]]
            heapq.heapify(self.heap)
            self.stale = 0

    def _set(self, deadline: float) -> None:
        heapq.heappush(self.alarms, deadline)
        Timeout(self.env, deadline - self.env.now).callbacks = self.alarm_callbacks  # type: ignore[assignment]

    def ring(self, event: Any) -> None:
        """An alarm rings: everybody whose deadline has come leaves; the alarm is set for the next one."""
        now = self.env.now
        heapq.heappop(self.alarms)
        heap = self.heap
        while heap and (heap[0][0] <= now or heap[0][2].ticket != heap[0][1]):
            _, ticket, customer = heapq.heappop(heap)
            if customer.ticket == ticket:
                customer.ticket = -1
                self.expire(customer, now)
            else:
                self.stale -= 1
        if heap and (not self.alarms or heap[0][0] < self.alarms[0]):
            self._set(heap[0][0])

    @property
    def pending(self) -> int:
        """Deadlines held (live and not yet swept): what this queue keeps in memory."""
        return len(self.heap)
