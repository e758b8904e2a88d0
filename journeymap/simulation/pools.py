"""Pools of servers: the servers of one touchpoint, or of a team shared by several, and their shifts.

A :class:`Pool` counts its busy servers against its capacity and holds the one first-come-first-served
queue of every touchpoint it serves (a team's touchpoints share one pool, so a free agent takes the
customer who has waited longest, at whichever of the team's touchpoints). The stations keep their own
figures (busy servers, queue length) and start the services; the pool only decides who is next.

**Shifts** change a pool's capacity at the times of day the shifts say (:func:`shift_changes`). More
servers start on the customers waiting at once; fewer servers never interrupt a service: a server
whose shift has ended finishes the customer in front of them and then goes home (the pool's ``busy``
may exceed its ``capacity`` until enough services have ended). Outside every shift the capacity is 0
and arrivals queue (or give up, with patience) until the next shift begins.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Generator, Sequence
from typing import Any

import simpy

from journeymap.simulation.customer import Customer

__all__ = ["Pool", "shift_changes"]


class Pool:
    """``capacity`` servers (``math.inf``: unlimited) and the queue of the customers waiting for them.

    ``waiting`` counts the customers in ``queue`` still waiting (those who gave up stay in the deque,
    marked with ticket -1, and are skipped when reached). ``capacity_area`` is the integral of the
    capacity over time since ``since`` (the scheduled server time, for utilisation and cost)."""

    __slots__ = ("busy", "capacity", "capacity_area", "queue", "since", "waiting")

    def __init__(self, capacity: float) -> None:
        self.capacity = capacity
        self.busy = 0
        self.queue: deque[Customer] = deque()
        self.waiting = 0
        self.capacity_area = 0.0
        self.since = 0.0

    def next_waiting(self) -> Customer:
        """The customer who has waited longest (still waiting), taken out of the queue (somebody must wait)."""
        queue = self.queue
        while True:
            waiting = queue.popleft()
            if waiting.ticket >= 0:  # (a negative ticket: abandoned earlier, already counted and gone)
                break
        self.waiting -= 1
        return waiting

    def measure(self, now: float) -> None:
        """Bring ``capacity_area`` up to ``now``."""
        if self.capacity != math.inf:
            self.capacity_area += self.capacity * (now - self.since)
        self.since = now

    def reset(self, now: float) -> None:
        """Start the capacity integral afresh at ``now`` (the end of the warm-up)."""
        self.capacity_area = 0.0
        self.since = now

    def set_capacity(self, capacity: float, now: float) -> None:
        """A shift change at ``now``: new servers start on the customers waiting; fewer servers wait
        for their services to end (see :meth:`Station.finish <journeymap.simulation.station.Station.finish>`)."""
        self.measure(now)
        self.capacity = capacity
        if not self.waiting and self.queue:
            self.queue.clear()
        while self.busy < capacity and self.waiting:
            waiting = self.next_waiting()
            self.busy += 1
            waiting.station.take(waiting, now)


def shift_changes(env: simpy.Environment, pools: Sequence[Pool], steps: Sequence[tuple[float, int]],
                  week: float) -> Generator[Any]:
    """A SimPy process: set the capacity of ``pools`` by weekly ``steps`` ``(time since Monday 00:00,
    capacity)`` (the first at 0), week after week (see :func:`journeymap.model.teams.capacity_steps`)."""
    timeout = env.timeout
    start = 0.0
    while True:
        for at, capacity in steps:
            if start + at > env.now:
                yield timeout(start + at - env.now)
            for pool in pools:
                pool.set_capacity(capacity, env.now)
        start += week
