"""The SimPy model of one replication: customers moving through the touchpoints of a journey.

Customers are moved by SimPy event callbacks rather than one ``Process`` each: arrival sources are
SimPy processes, every service, patience timer and routing delay is a SimPy ``Timeout``, and the
callback of each decides what happens next (see :mod:`journeymap.simulation.station`). A customer is
one small :class:`~journeymap.simulation.customer.Customer`; nothing else is allocated per customer,
which makes the engine several times faster than a process-per-customer model built on
``simpy.Resource`` while it keeps every statistic.

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
from journeymap.simulation.customer import Customer
from journeymap.simulation.events import event_frame
from journeymap.simulation.replication import ReplicationStats
from journeymap.simulation.station import Station
from journeymap.simulation.stats import Histogram, PathCounter, sparse
from journeymap.simulation.streams import DELAY, PATIENCE, ROUTING, SERVICE, Streams, choice_stream, stable_key

__all__ = ["Engine"]

LEAVE = -1
"""Routing outcome: the customer leaves the cycle."""

TOP_PATHS = 50
"""How many of the most frequent paths a replication hands back."""


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
        self.next_number = 0
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
            self.env, k, stage=stage, capacity=tp.capacity, service=service, patience=patience,
            goal=tp.goal, moment_of_truth=tp.moment_of_truth, path_base=self.path_base, route=self.route,
            leave=self.leave, change_stage=self.change_stage,
            record=None if self.events is None else self.events.append,
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
        now = self.env.now
        self.next_number += 1
        included = now >= self.warmup
        if included:
            self.arrived += 1
        customer = Customer(self.next_number, now, included)
        if self.stations[k].arrive(customer, now):
            self.route(k, customer, now)

    def route(self, k: int, customer: Customer, now: float) -> None:
        """Send ``customer``, done at station ``k`` at ``now``, on its way: out of the cycle, to the next
        station after a delay, or to the next station now. Instantaneous touchpoints are passed through
        in this loop, so long chains of them never recurse."""
        routes, stations = self.routes, self.stations
        while True:
            chooser, outcomes = routes[k]
            target, delay = outcomes[0] if chooser is None else outcomes[next(chooser)]
            if target == LEAVE:
                self.leave(customer, now, False)
                return
            if delay is not None:
                customer.next_station = target
                Timeout(self.env, next(delay), customer).callbacks = self.after_delay  # type: ignore[arg-type]
                return
            if not stations[target].arrive(customer, now):
                return  # waiting or being served
            k = target

    def _arrive_after_delay(self, event: Timeout) -> None:
        customer: Customer = event.value
        now = self.env.now
        if self.stations[customer.next_station].arrive(customer, now):
            self.route(customer.next_station, customer, now)

    def change_stage(self, customer: Customer, stage: int, now: float) -> None:
        """``customer`` moves into stage number ``stage`` at ``now``: count the stay that ends and the
        stage entered (once per customer)."""
        old = customer.stage
        included = customer.included
        if old >= 0 and included:
            self.stage_stays[old] += 1
            self.stage_time[old] += now - customer.stage_since
        customer.stage = stage
        customer.stage_since = now
        bit = 1 << stage
        if not customer.stages & bit:
            customer.stages |= bit
            if included:
                self.stage_entered[stage] += 1

    def leave(self, customer: Customer, now: float, lost: bool) -> None:
        """``customer`` leaves the cycle now: routed out after a service, or ``lost`` by abandoning."""
        if not customer.included:
            return
        stage = customer.stage
        self.stage_stays[stage] += 1
        self.stage_time[stage] += now - customer.stage_since
        self.stage_left[stage] += 1
        elapsed = now - customer.entered
        self.time_sum += elapsed
        buffer = self.time_hist.buffer
        buffer.append(elapsed)
        if len(buffer) >= Histogram.FLUSH:
            self.time_hist.flush()
        self.moments += customer.moments
        self.paths.add(customer.path)
        if customer.goal:
            self.goal += 1
        if lost:
            self.lost += 1
            self.stage_lost[stage] += 1
        elif not customer.goal:
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
            done = max(done, self.env.now / self.until)
        self.progress(min(done, 1.0))

    # -- running -----------------------------------------------------------------------------------
    def _halt(self, event: Any) -> None:
        if not self.stop.triggered:
            self.stop.succeed()

    def _end_warmup(self, event: Any) -> None:
        for station in self.stations:
            station.advance(self.env.now)
            station.reset(self.env.now)

    def run(self) -> ReplicationStats:
        """Run the replication to its end and return its statistics."""
        env = self.env
        start_arrivals(env, self.journey, self.streams, self.index, self.enter)
        if self.warmup > 0:
            env.timeout(self.warmup).callbacks.append(self._end_warmup)
        if self.until is not None:
            env.timeout(self.until).callbacks.append(self._halt)
        env.run(until=self.stop)
        end = env.now
        for station in self.stations:
            station.advance(end)
        if self.progress is not None:
            self.progress(1.0)
        return self.statistics(end)

    def statistics(self, end: float) -> ReplicationStats:
        """The :class:`ReplicationStats` of the run, which ended at ``end``."""
        stations = self.stations
        for station in stations:
            station.wait_hist.flush()
        counts, zeros = self.time_hist.snapshot()
        names = self.journey.touchpoint_ids

        def column(name: str, dtype: type = float) -> np.ndarray:
            return np.array([getattr(station, name) for station in stations], dtype=dtype)

        touchpoints = {
            name: column(name, int)
            for name in ("arrivals", "served", "abandoned", "wait_count", "time_count", "queue_max")
        }
        touchpoints.update({name: column(name) for name in ("wait_sum", "time_sum", "busy_area", "queue_area")})
        touchpoints["capacity"] = column("capacity")
        touchpoints["capacity"][np.isinf(touchpoints["capacity"])] = np.nan
        touchpoints["p50_wait"] = np.array([station.wait_hist.quantile(0.5) for station in stations])
        touchpoints["p90_wait"] = np.array([station.wait_hist.quantile(0.9) for station in stations])
        stages = {
            "entered": np.array(self.stage_entered, dtype=int),
            "stays": np.array(self.stage_stays, dtype=int),
            "time_sum": np.array(self.stage_time, dtype=float),
            "left": np.array(self.stage_left, dtype=int),
            "abandoned": np.array(self.stage_lost, dtype=int),
        }
        events = None
        if self.events is not None:
            events = event_frame(self.events, names)
        return ReplicationStats(
            touchpoint_ids=tuple(names),
            stage_ids=tuple(self.stage_ids),
            start=min(self.warmup, end),
            end=end,
            arrived=self.arrived,
            completed=self.completed,
            goal=self.goal,
            lost=self.lost,
            dropped=self.dropped,
            time_sum=self.time_sum,
            moments=self.moments,
            time_counts=counts,
            time_zeros=zeros,
            p90_time=self.time_hist.quantile(0.9),
            touchpoints=touchpoints,
            stages=stages,
            paths=self.paths.most_common(names, TOP_PATHS),
            paths_dropped=self.paths.dropped,
            seed=(self.seed.entropy, tuple(self.seed.spawn_key)),
            events=events,
            waits=tuple((sparse(s.wait_hist), sparse(s.lost_hist)) for s in self.stations),
        )
