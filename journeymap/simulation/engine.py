"""The SimPy model of one replication: customers moving through the touchpoints of a journey.

Customers are moved by SimPy event callbacks rather than one ``Process`` each: arrival sources are
SimPy processes, and for every service and routing delay the customer itself is put on SimPy's event
queue, with the callback that decides what happens next (see :mod:`journeymap.simulation.station`).
A customer is one small :class:`~journeymap.simulation.customer.Customer`; nothing else is allocated
per step, which makes the engine several times faster than a process-per-customer model built on
``simpy.Resource`` while it keeps every statistic.

**Who the statistics follow.** With ``customers=N`` (the cohort rule), the first ``N`` customers who
arrive after the warm-up are followed until each has left the cycle (goal, drop-off or abandonment),
while the system keeps running with everybody else so that they meet realistic queues; every
per-customer figure is computed over that cohort, so nothing is censored. With ``until=T``, every
customer who arrives after the warm-up is followed and the run stops at ``T``; per-customer figures
cover those who left, and those still inside are counted. With ``horizon=H`` (a working day), every
customer who arrives before ``H`` is followed from an empty system until the last has left.

**Limits.** A replication stops with :class:`~journeymap.errors.RunawayError`, naming the touchpoint
or the loop, when it makes more visits or holds more customers than its
:class:`~journeymap.simulation.guards.Limits`, when one customer loops without end, or when its
cohort has not left within the drain time.

Time zero is midnight of the first day (daily arrival schedules count from it).
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import simpy
from simpy.core import EmptySchedule
from simpy.events import Timeout

from journeymap.errors import DrawError, Issue, RunawayError, TooLong
from journeymap.model import Journey
from journeymap.model.units import convert
from journeymap.simulation.arrivals import start_arrivals
from journeymap.simulation.customer import Customer
from journeymap.simulation.draws import BLOCK, CustomerDraws, Row, SequenceDraws
from journeymap.simulation.guards import Limits, loop_through, where_customers_are
from journeymap.simulation.hourly import HourOfDay
from journeymap.simulation.pools import shift_changes
from journeymap.simulation.preemption import PreemptivePool, PreemptiveStation
from journeymap.simulation.replication import ReplicationStats
from journeymap.simulation.routing_tables import LEAVE, Routing
from journeymap.simulation.segments import PriorityQueue, SegmentCounts, SegmentStation
from journeymap.simulation.servers import Servers
from journeymap.simulation.service_levels import thresholds
from journeymap.simulation.spec import ReplicationSpec
from journeymap.simulation.station import MAX_VISITS, NORMAL, Record, Station
from journeymap.simulation.stats import Histogram, PathCounter, sparse
from journeymap.simulation.streams import (
    PATIENCE,
    RETRY,
    RETRY_DELAY,
    SERVICE,
    Streams,
)

__all__ = ["LEAVE", "Engine"]

CHECK_EVERY = 1023
"""The limits and the progress are looked at whenever the count of entering customers has these bits clear."""


class Engine:
    """Everything one replication needs: the SimPy environment, the stations, the counters.

    ``spec`` says when the run stops, its warm-up and bounds and what it keeps (see
    :class:`~journeymap.simulation.spec.ReplicationSpec`); ``record`` writes the event log (``None``: none);
    ``progress`` is called now and then with the share of the run done (0 to 1).
    """

    def __init__(
        self,
        journey: Journey,
        seed: np.random.SeedSequence,
        spec: ReplicationSpec,
        *,
        record: Record | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> None:
        self.journey = journey
        self.thresholds = thresholds(journey, spec.service_level)
        self.seed = seed
        self.env = simpy.Environment()
        self.heap: list[Any] = self.env._queue  # type: ignore[attr-defined]
        self.eid = self.env._eid  # type: ignore[attr-defined]
        self.streams = Streams(seed)
        self.warmup = float(spec.warmup)
        self.customers = spec.customers
        self.until = spec.until
        self.horizon = spec.horizon
        self.cohort = spec.customers if spec.customers is not None and spec.horizon is None else math.inf
        self.target = math.inf if spec.horizon is not None else self.cohort
        self.progress = progress
        self.limits = spec.limits or Limits()
        self.record = record
        self.trace: list[tuple[float, float]] | None = [] if spec.trace else None
        self.rule = spec.draws
        ids = journey.touchpoint_ids
        self.names = ids
        self.index = {tp_id: k for k, tp_id in enumerate(ids)}
        self.stage_ids = list(journey.stage_ids)
        if any(tp.stage not in self.stage_ids for tp in journey.touchpoints):
            self.stage_ids.append("")  # touchpoints whose stage is not listed
        self.path_base = len(ids) + 1
        self.slots = itertools.count()
        self.tickets = itertools.count(1)
        self.servers = Servers(journey)
        self.pools = self.servers.pools
        self.segmented = bool(journey.segments)
        if len({segment.priority for segment in journey.segments}) > 1:
            for pool in self.pools:
                pool.queue = PriorityQueue()  # type: ignore[assignment]
        self.stations = [self._station(k) for k in range(len(ids))]
        for k, tp in enumerate(journey.touchpoints):
            if tp.retry is not None and tp.patience is not None and tp.retry.delay is not None:
                self._retry(k)
        self.meters = self.servers.meter_teams(self.stations)
        routing = Routing(journey, self.streams, self.index, self._draws)
        self.routes = routing.table()
        self.segment_routes = [routing.segment_table(segment.id, self.routes) for segment in journey.segments]
        self.segment_of = routing.segment_choices()
        self.segment_counts = SegmentCounts(len(journey.segments))
        self.segment_traits = [(int(segment.priority), float(segment.patience_factor), routes)
                               for segment, routes in zip(journey.segments, self.segment_routes, strict=True)]
        self.width = next(self.slots)
        self.after_delay = [self._arrive_after_delay]
        self.rows: dict[int, Row] = {}
        self.serials: dict[int, int] = {}
        # journey-level counters (followed customers only, except ``entered`` and ``departed``)
        self.entered = self.departed = self.departed_at_warmup = self.entered_at_warmup = 0
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
        self.problem: RunawayError | None = None

    # -- building ----------------------------------------------------------------------------------
    def _draws(self, key: tuple[int, ...], sample: Any, *, integers: bool = False, name: str) -> Any:
        """One kind of draw, by the engine's rule (see :mod:`journeymap.simulation.draws`)."""
        if self.rule == "sequence":
            return SequenceDraws(self.streams.generator(*key), sample, integers=integers, name=name)
        return CustomerDraws(self.seed, key, next(self.slots), sample, integers=integers, name=name)

    def _station(self, k: int) -> Station:
        tp = self.journey.touchpoints[k]
        streams = self.streams
        service = patience = None
        if tp.service_time:
            service = self._draws(streams.touchpoint(tp.id, SERVICE), tp.service_time.sample,
                                  name=f"the service time of touchpoint '{tp.id}' ({tp.service_time})")
        if tp.patience:
            patience = self._draws(streams.touchpoint(tp.id, PATIENCE), tp.patience.sample,
                                   name=f"the patience of touchpoint '{tp.id}' ({tp.patience})")
        stage = self.stage_ids.index(tp.stage if tp.stage in self.stage_ids else "")
        kind, more = (SegmentStation, {"segments": len(self.journey.segments)}) if self.segmented else (Station, {})
        if isinstance(self.pools[k], PreemptivePool):
            kind = PreemptiveStation
        return kind(
            self.env, k, stage=stage, capacity=self.servers.nominal(k), pool=self.pools[k], service=service,
            patience=patience, goal=tp.goal, moment_of_truth=tp.moment_of_truth, path_base=self.path_base,
            route=self.route, leave=self.leave, change_stage=self.change_stage, record=self.record,
            tickets=self.tickets, check=self._check, threshold=self.thresholds[k], hourly=HourOfDay.of(self.journey),
            **more,
        )

    def _retry(self, k: int) -> None:
        """Let those who abandon station ``k`` come back (its touchpoint's ``retry``), on draws of their own."""
        tp = self.journey.touchpoints[k]
        retry = tp.retry
        assert retry is not None and retry.delay is not None
        streams = self.streams
        chance = self._draws(streams.touchpoint(tp.id, RETRY), lambda generator, size: generator.random(size),
                             name="a retry choice")
        delay = self._draws(streams.touchpoint(tp.id, RETRY_DELAY), retry.delay.sample,
                            name=f"the retry delay of touchpoint '{tp.id}' ({retry.delay})")
        self.stations[k].allow_retry(float(retry.p), chance, delay, self._come_back)

    def _come_back(self, customer: Customer, k: int, at: float) -> None:
        """``customer`` will reach station ``k`` again at time ``at`` (a retry after abandoning)."""
        customer.next_station = k
        customer.callbacks = self.after_delay
        heapq.heappush(self.heap, (at, NORMAL, next(self.eid), customer))

    # -- customers ---------------------------------------------------------------------------------
    def enter(self, k: int, source: int) -> None:
        """A new customer of arrival ``source`` enters the cycle at station ``k`` now."""
        now = self.env.now
        self.entered = number = self.entered + 1
        included = now >= self.warmup and self.arrived < self.cohort
        if included:
            self.arrived += 1
            if self.arrived == self.cohort:
                self._cohort_in(now)
        serial = self.serials.get(source, 0)
        self.serials[source] = serial + 1
        block, offset = divmod(serial, BLOCK)
        row = self.rows.get(source) if offset else None
        if row is None:
            row = self.rows[source] = Row(source, block, self.width)
        customer = Customer(number, now, included, source, serial, row, offset, self.routes)
        if self.segmented:
            self._assign(customer, source, now)
        if not number & CHECK_EVERY:
            self._check()
        if self.stations[k].arrive(customer, now):
            self.route(k, customer, now)

    def route(self, k: int, customer: Customer, now: float) -> None:
        """Send ``customer``, done at station ``k`` at ``now``, on its way: out of the cycle, to the next
        station after a delay, or to the next station now. Instantaneous touchpoints are passed through
        in this loop, so long chains of them never recurse."""
        routes, stations = customer.routes, self.stations
        while True:
            chooser, outcomes = routes[k]
            target, delay = outcomes[0] if chooser is None else outcomes[chooser(customer)]
            if target == LEAVE:
                self.leave(customer, now, False)
                return
            if delay is not None:
                customer.next_station = target
                customer.callbacks = self.after_delay
                heapq.heappush(self.heap, (now + delay(customer), NORMAL, next(self.eid), customer))
                return
            if not stations[target].arrive(customer, now):
                return  # waiting or being served
            k = target

    def _assign(self, customer: Customer, source: int, now: float) -> None:
        """Give a new ``customer`` of arrival ``source`` their segment: its priority, patience factor, routes."""
        choice = self.segment_of[source]
        number = choice if choice.__class__ is int else choice(customer)
        customer.segment = number
        customer.priority, customer.patience_factor, customer.routes = self.segment_traits[number]
        counts = self.segment_counts
        if now >= self.warmup:
            counts.entries[number] += 1
        if customer.included:
            counts.arrived[number] += 1

    def _arrive_after_delay(self, customer: Customer) -> None:
        now = self.env.now
        target = customer.next_station
        customer.next_station = -1
        if self.stations[target].arrive(customer, now):
            self.route(target, customer, now)

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
        self.departed += 1
        if self.segmented:
            self.segment_counts.leave(customer, now - customer.entered, lost, now >= self.warmup)
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
        if self.trace is not None:
            self.trace.append((customer.entered, customer.waited))
        self.completed += 1
        if self.completed >= self.target and not self.stop.triggered:
            self.stop.succeed()

    # -- limits and progress -----------------------------------------------------------------------
    def _check(self) -> None:
        """Stop the run when it holds or has done more than its limits allow; report progress."""
        inside = self.entered - self.departed
        if inside > self.limits.in_system:
            self._runaway(f"more than {self.limits.in_system:,.0f} customers were inside the cycle at once "
                          f"(at time {self.env.now:.6g} {self.journey.time_unit}s)", followed=False)
        visits = sum(station.visits for station in self.stations)
        if visits > self.limits.events:
            self._runaway(f"the replication made more than {self.limits.events:,.0f} visits to touchpoints "
                          f"(max_events) by time {self.env.now:.6g} {self.journey.time_unit}s", followed=False,
                          raise_limit=True)
        if self.progress is not None:
            done = self.completed / self.customers if self.customers else 0.0
            for end in (self.until, self.horizon):
                if end:
                    done = max(done, self.env.now / end)
            self.progress(min(done, 1.0))

    def _runaway(self, what: str, *, followed: bool = True, raise_limit: bool = False) -> None:
        """Stop the run with a :class:`RunawayError` that says ``what`` happened and where customers are."""
        places = where_customers_are(self.env, self.stations, self.names, followed=followed)
        where = ""
        if places:
            top = ", ".join(f"{place} ({count:,})" for place, count in places.most_common(3))
            where = f"; most of them are at {top}"
        hint = ("; if the run is meant to be this large, raise max_events (--max-events)" if raise_limit else
                "; check that the touchpoints named can serve the customers they receive (capacity, service "
                "time, routing loops)")
        raise RunawayError(Issue(f"the run was stopped: {what}{where}{hint}"))

    def _cohort_in(self, now: float) -> None:
        """The cohort's last member has just arrived: give the cohort its drain time to leave."""
        if math.isfinite(self.limits.drain):
            Timeout(self.env, self.limits.drain).callbacks.append(self._drained)

    def _drained(self, event: Any) -> None:
        if not self.stop.triggered:
            left = self.arrived - self.completed
            self._runaway(f"{left:,} of the {self.arrived:,} customers followed had not left the cycle "
                          f"{self.limits.drain:.6g} {self.journey.time_unit}s after the last of them arrived "
                          f"(the drain time allowed: many times the expected time in the cycle)")

    # -- running -----------------------------------------------------------------------------------
    def _halt(self, event: Any) -> None:
        if not self.stop.triggered:
            self.stop.succeed()

    def _close(self, event: Any) -> None:
        """The working day is over: nobody else comes in; the run ends when the last customer has left."""
        self.target = self.arrived
        self._cohort_in(self.env.now)
        if self.completed >= self.target and not self.stop.triggered:
            self.stop.succeed()

    def _end_warmup(self, event: Any) -> None:
        self.departed_at_warmup = self.departed
        self.entered_at_warmup = self.entered
        for station in self.stations:
            station.advance(self.env.now)
            station.reset(self.env.now)
        for pool in self.pools:
            pool.reset(self.env.now)
        for meter in self.meters:
            meter.reset()

    def run(self) -> ReplicationStats:
        """Run the replication to its end and return its statistics (raises
        :class:`~journeymap.errors.RunawayError` when it runs away; see the module documentation)."""
        env = self.env
        close = self.horizon if self.horizon is not None else math.inf
        start_arrivals(env, self.journey, self.streams, self.index, self.enter, close=close)
        week = convert(1.0, "week", self.journey.time_unit)
        for pool, steps in self.servers.schedules:
            env.process(shift_changes(env, [pool], steps, week))
        for meter in self.meters:
            env.process(meter.hourly(env))
        if self.warmup > 0:
            env.timeout(self.warmup).callbacks.append(self._end_warmup)
        if self.until is not None:
            env.timeout(self.until).callbacks.append(self._halt)
        if self.horizon is not None:
            env.timeout(self.horizon).callbacks.append(self._close)
        try:
            env.run(until=self.stop)
        except RuntimeError as exc:  # the event queue ran dry: nobody else will ever arrive
            if not isinstance(exc.__cause__, EmptySchedule) and "No scheduled events left" not in str(exc):
                raise
        except TooLong as exc:
            loop = " → ".join(loop_through(self.journey, self.names[exc.station]))
            raise RunawayError(Issue(
                f"the run was stopped: a customer made more than {MAX_VISITS:,} visits, looping through "
                f"{loop}; the probability of leaving that loop is too small for a simulation (check its routes)",
                "touchpoints")) from None
        except DrawError as exc:
            raise RunawayError(Issue(f"the run was stopped: {exc}")) from None
        end = env.now
        for station in self.stations:
            station.advance(end)
        for pool in self.pools:
            pool.measure(end)
        for meter in self.meters:
            meter.tick(end)
        if self.progress is not None:
            self.progress(1.0)
        return self.statistics(end)

    def statistics(self, end: float) -> ReplicationStats:
        """The :class:`ReplicationStats` of the run, which ended at ``end``."""
        stations = self.stations
        for station in stations:
            station.wait_hist.flush()
        counts, zeros = self.time_hist.snapshot()
        names = self.names

        def column(name: str, dtype: type = float) -> np.ndarray:
            return np.array([getattr(station, name) for station in stations], dtype=dtype)

        touchpoints = {
            name: column(name, int)
            for name in ("arrivals", "served", "abandoned", "retries", "wait_count", "time_count", "queue_max",
                         "within")
        }
        touchpoints.update({name: column(name) for name in ("wait_sum", "time_sum", "busy_area", "queue_area",
                                                            "lost_wait_sum", "threshold")})
        touchpoints["capacity"] = column("capacity")
        duration = end - min(self.warmup, end)
        for k, station in enumerate(stations):  # shifts or a team: the time-average capacity
            if self.servers.varies(station.pool) and duration > 0:
                touchpoints["capacity"][k] = station.pool.capacity_area / duration
        touchpoints["capacity"][np.isinf(touchpoints["capacity"])] = np.nan
        if stations and stations[0].hourly is not None:
            touchpoints["hour_busy"] = np.array([station.hourly.busy for station in stations])  # type: ignore[union-attr]
            touchpoints["hour_wait_sum"] = np.array([station.hourly.wait_sum for station in stations])  # type: ignore[union-attr]
            touchpoints["hour_wait_count"] = np.array([station.hourly.wait_count for station in stations])  # type: ignore[union-attr]
        touchpoints["p50_wait"] = np.array([station.wait_hist.quantile(0.5) for station in stations])
        touchpoints["p90_wait"] = np.array([station.wait_hist.quantile(0.9) for station in stations])
        stages = {
            "entered": np.array(self.stage_entered, dtype=int),
            "stays": np.array(self.stage_stays, dtype=int),
            "time_sum": np.array(self.stage_time, dtype=float),
            "left": np.array(self.stage_left, dtype=int),
            "abandoned": np.array(self.stage_lost, dtype=int),
        }
        start = min(self.warmup, end)
        return ReplicationStats(
            touchpoint_ids=tuple(names),
            stage_ids=tuple(self.stage_ids),
            start=start,
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
            paths=self.paths.all(names),
            paths_beyond=self.paths.beyond,
            departures=self.departed - self.departed_at_warmup,
            entries=self.entered - self.entered_at_warmup,
            seed=(self.seed.entropy, tuple(self.seed.spawn_key)),
            waits=tuple((sparse(s.wait_hist), sparse(s.lost_hist)) for s in self.stations),
            trace=np.array(self.trace, dtype=float).reshape(-1, 2) if self.trace is not None else None,
            segment_ids=tuple(segment.id for segment in self.journey.segments),
            segments=self.segment_counts.statistics(self.stations) if self.segmented else {},
            team_ids=tuple(team.id for team in self.journey.teams),
            teams=self.servers.team_statistics(),
        )
