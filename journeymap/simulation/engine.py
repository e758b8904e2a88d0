"""The SimPy model of one replication: customers moving through the touchpoints of a journey.

Customers are moved by SimPy event callbacks rather than one ``Process`` each: arrival sources are
SimPy processes, every service, patience timer and routing delay is a SimPy ``Timeout``, and the
callback of each decides what happens next (see :mod:`journeymap.simulation.station`). A customer is
a small list; nothing else is allocated per customer, which makes the engine several times faster
than a process-per-customer model built on ``simpy.Resource`` while it keeps every statistic.

Time zero is midnight of the first day (daily arrival schedules count from it).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import simpy
from simpy.events import Timeout

from journeymap.model import Journey
from journeymap.simulation.arrivals import start_arrivals
from journeymap.simulation.replication import ReplicationStats, collect
from journeymap.simulation.station import (
    ARRIVED,
    COMPLETE,
    DEPTH,
    ENTERED,
    GOAL,
    ID,
    INCLUDED,
    MOMENTS,
    NEXT,
    PATH,
    STAGE,
    STAGE_SINCE,
    STAGES,
    START,
    Station,
)
from journeymap.simulation.stats import MAX_PATH_LENGTH, Histogram, PathCounter
from journeymap.simulation.streams import DELAY, PATIENCE, ROUTING, SERVICE, Streams, choice_stream, stable_key

__all__ = ["Engine"]

LEAVE = -1
"""Routing outcome: the customer leaves the cycle."""


class Engine:
    """Everything one replication needs: the SimPy environment, the stations, the counters.

    ``customers``: stop once this many customers (who arrived after ``warmup``) have left the
    cycle; ``until``: stop at this time; either or both. ``events``: keep the event log.
    ``progress`` is called now and then with the share of the run done (0 to 1).
    """

    def __init__(
        self,
        journey: Journey,
        seed: np.random.SeedSequence,
        *,
        customers: int | None = None,
        until: float | None = None,
        warmup: float = 0.0,
        events: bool = False,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        self.journey = journey
        self.seed = seed
        self.env = simpy.Environment()
        self.streams = Streams(seed)
        self.warmup = float(warmup)
        self.customers = customers
        self.until = until
        self.target = customers if customers is not None else math.inf
        self.progress = progress
        self.events: list[tuple[int, int, int, float]] | None = [] if events else None
        self.record: Callable[[tuple[int, int, int, float]], None] | None = (
            self.events.append if self.events is not None else None
        )
        ids = journey.touchpoint_ids
        self.index = {tp_id: k for k, tp_id in enumerate(ids)}
        self.stage_ids = list(journey.stage_ids)
        if any(tp.stage not in self.stage_ids for tp in journey.touchpoints):
            self.stage_ids.append("")  # touchpoints whose stage is not listed
        self.path_base = len(ids) + 1
        self.stations = [self._station(k) for k in range(len(ids))]
        self.routes = [self._routes(k) for k in range(len(ids))]
        self.after_delay = [self._arrive_after_delay]
        # journey-level counters (customers included in the statistics only)
        self.next_id = 0
        self.arrived = self.completed = self.goal = self.lost = self.dropped = 0
        self.moments = 0
        self.time_sum = 0.0
        self.time_hist = Histogram()
        self.paths = PathCounter(self.path_base)
        n_stages = len(self.stage_ids)
        self.stage_entered = [0] * n_stages
        self.stage_stays = [0] * n_stages
        self.stage_time = [0.0] * n_stages
        self.stage_left = [0] * n_stages
        self.stage_lost = [0] * n_stages
        self.stop = self.env.event()

    # -- building ----------------------------------------------------------------------------------
    def _station(self, k: int) -> Station:
        tp = self.journey.touchpoints[k]
        streams = self.streams
        service = streams.times(tp.service_time, *streams.touchpoint(tp.id, SERVICE)) if tp.service_time else None
        patience = streams.times(tp.patience, *streams.touchpoint(tp.id, PATIENCE)) if tp.patience else None
        stage = self.stage_ids.index(tp.stage if tp.stage in self.stage_ids else "")
        return Station(
            self, k, stage=stage, capacity=tp.capacity, service=service, patience=patience,
            goal=tp.goal, moment_of_truth=tp.moment_of_truth,
        )

    def _routes(self, k: int) -> tuple[Any, list[tuple[int, Any]]]:
        """Station ``k``'s routing: ``(stream of outcome indices or None, [(target, delay stream), ...])``.

        The last outcome is leaving the cycle; with one certain outcome no number is drawn."""
        tp = self.journey.touchpoints[k]
        streams = self.streams
        outcomes: list[tuple[int, Any]] = []
        probabilities: list[float] = []
        for transition in tp.next:
            delay = None
            if transition.delay is not None:
                key = streams.touchpoint(tp.id, DELAY, stable_key(transition.target))
                delay = streams.times(transition.delay, *key)
            outcomes.append((self.index[transition.target], delay))
            probabilities.append(max(0.0, float(transition.p)))
        outcomes.append((LEAVE, None))
        probabilities.append(max(0.0, 1.0 - sum(probabilities)))
        total = sum(probabilities)
        kept = [(o, p / total) for o, p in zip(outcomes, probabilities, strict=True) if p > 0]
        if len(kept) == 1:
            return None, [kept[0][0]]
        rng = streams.generator(*streams.touchpoint(tp.id, ROUTING))
        return choice_stream(rng, [p for _, p in kept]), [o for o, _ in kept]

    # -- customers ---------------------------------------------------------------------------------
    def enter(self, k: int) -> None:
        """A new customer enters the cycle at station ``k`` now."""
        now = self.env._now
        self.next_id += 1
        included = now >= self.warmup
        if included:
            self.arrived += 1
        #          ID            ENTERED INCLUDED PATH DEPTH ARRIVED TIMER STAGE SINCE STAGES MOMENTS GOAL  NEXT
        customer = [self.next_id, now, included, 0, 0, now, None, -1, now, 0, 0, False, LEAVE]
        self.move(customer, k)

    def move(self, customer: list[Any], k: int) -> None:
        """``customer`` arrives at station ``k`` now (``LEAVE``: leaves the cycle). Instantaneous
        touchpoints are passed through in this loop, so long chains of them never recurse."""
        stations = self.stations
        now = self.env._now
        while k >= 0:
            station = stations[k]
            if customer[DEPTH] < MAX_PATH_LENGTH:
                customer[PATH] = customer[PATH] * self.path_base + k + 1
            elif customer[PATH] > 0:
                customer[PATH] = -customer[PATH]  # cut short
            customer[DEPTH] += 1
            if station.stage != customer[STAGE]:
                self._change_stage(customer, station.stage, now)
            customer[ARRIVED] = now
            included = customer[INCLUDED]
            if included:
                station.arrivals += 1
                if station.moment_of_truth:
                    customer[MOMENTS] += 1
            if station.busy >= station.capacity:
                station.wait(customer, now)
                return
            if included:  # served at once: a wait of zero
                station.wait_count += 1
                station.wait_hist.zeros += 1
            if station.service is not None:  # a server starts now (station.advance and .start, inlined)
                elapsed = now - station.last
                station.busy_area += station.busy * elapsed
                station.queue_area += station.queue_length * elapsed
                station.last = now
                station.busy += 1
                if self.record is not None and included:
                    self.record((customer[ID], k, START, now))
                Timeout(self.env, next(station.service), customer).callbacks = station.finish_callbacks  # type: ignore[arg-type]
                return
            # instantaneous contact: done now, route on at once
            if included:
                station.served += 1
                station.time_count += 1
                if self.record is not None:
                    self.record((customer[ID], k, START, now))
                    self.record((customer[ID], k, COMPLETE, now))
            if station.goal:
                customer[GOAL] = True
            k = self._next(k, customer)
        if k == LEAVE:
            self.leave(customer, now, lost=False)

    def _next(self, k: int, customer: list[Any]) -> int:
        """Where ``customer`` goes after station ``k``: a station index, ``LEAVE``, or ``-2`` when a
        delay has been scheduled (the customer arrives later)."""
        chooser, outcomes = self.routes[k]
        target, delay = outcomes[0] if chooser is None else outcomes[next(chooser)]
        if delay is None or target == LEAVE:
            return target
        customer[NEXT] = target
        Timeout(self.env, next(delay), customer).callbacks = self.after_delay  # type: ignore[arg-type]
        return -2

    def route(self, k: int, customer: list[Any]) -> None:
        """Send ``customer``, just served at station ``k``, on its way (``_next`` then ``move``, inlined)."""
        chooser, outcomes = self.routes[k]
        target, delay = outcomes[0] if chooser is None else outcomes[next(chooser)]
        if delay is None or target == LEAVE:
            self.move(customer, target)
            return
        customer[NEXT] = target
        Timeout(self.env, next(delay), customer).callbacks = self.after_delay  # type: ignore[arg-type]

    def _arrive_after_delay(self, event: Timeout) -> None:
        customer = event._value
        self.move(customer, customer[NEXT])

    def _change_stage(self, customer: list[Any], stage: int, now: float) -> None:
        old = customer[STAGE]
        included = customer[INCLUDED]
        if old >= 0 and included:
            self.stage_stays[old] += 1
            self.stage_time[old] += now - customer[STAGE_SINCE]
        customer[STAGE] = stage
        customer[STAGE_SINCE] = now
        bit = 1 << stage
        if not customer[STAGES] & bit:
            customer[STAGES] |= bit
            if included:
                self.stage_entered[stage] += 1

    def leave(self, customer: list[Any], now: float, *, lost: bool) -> None:
        """``customer`` leaves the cycle now: routed out after a service, or ``lost`` by abandoning."""
        if not customer[INCLUDED]:
            return
        stage = customer[STAGE]
        self.stage_stays[stage] += 1
        self.stage_time[stage] += now - customer[STAGE_SINCE]
        self.stage_left[stage] += 1
        elapsed = now - customer[ENTERED]
        self.time_sum += elapsed
        buffer = self.time_hist.buffer
        buffer.append(elapsed)
        if len(buffer) >= Histogram.FLUSH:
            self.time_hist.flush()
        self.moments += customer[MOMENTS]
        self.paths.add(customer[PATH])
        if customer[GOAL]:
            self.goal += 1
        if lost:
            self.lost += 1
            self.stage_lost[stage] += 1
        elif not customer[GOAL]:
            self.dropped += 1
        self.completed += 1
        if self.completed >= self.target and not self.stop.triggered:
            self.stop.succeed()
        if self.progress is not None and not self.completed & 1023:
            self._report_progress()

    def _report_progress(self) -> None:
        assert self.progress is not None
        done = self.completed / self.customers if self.customers else 0.0
        if self.until:
            done = max(done, self.env._now / self.until)
        self.progress(min(done, 1.0))

    # -- running -----------------------------------------------------------------------------------
    def _halt(self, event: Any) -> None:
        if not self.stop.triggered:
            self.stop.succeed()

    def _end_warmup(self, event: Any) -> None:
        for station in self.stations:
            station.advance(self.env._now)
            station.reset(self.env._now)

    def run(self) -> ReplicationStats:
        """Run the replication to its end and return its statistics."""
        env = self.env
        start_arrivals(self)
        if self.warmup > 0:
            Timeout(env, self.warmup).callbacks = [self._end_warmup]  # type: ignore[list-item]
        if self.until is not None:
            Timeout(env, self.until).callbacks = [self._halt]  # type: ignore[list-item]
        env.run(until=self.stop)
        end = env.now
        for station in self.stations:
            station.advance(end)
        if self.progress is not None:
            self.progress(1.0)
        return collect(self, end)
