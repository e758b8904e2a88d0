"""Customers entering the cycle: Poisson at a constant rate, or by a daily schedule of rates.

A schedule makes a non-homogeneous Poisson process whose rate is a step function of the time of
day. It is simulated exactly by thinning (Lewis and Shedler): candidate arrivals come at the
schedule's peak rate and each is kept with probability ``rate(t) / peak``. Every arrival has its own
random streams; it calls ``enter(station index, source)`` for each customer,
where ``source`` names the arrival (the same in every scenario, from the touchpoint's id) so that
each customer's own draws are keyed by its source and its number among that source's customers.
An arrival stops letting customers in at ``close`` (a working day's end), if one is given.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from typing import Any

import simpy

from journeymap.model import Arrival, Journey
from journeymap.model.entries import RatePeriod
from journeymap.model.units import convert
from journeymap.simulation.station import NORMAL
from journeymap.simulation.streams import Streams, block_stream, stable_key

Enter = Callable[[int, int], None]
"""Lets a new customer of arrival ``source`` into the cycle at the station of that index, now."""

__all__ = ["DailyRate", "PoissonArrivals", "arrival_sources", "scheduled_arrivals", "start_arrivals"]


class DailyRate:
    """The rate of a daily schedule at any time: period ``k`` holds from the previous period's
    ``until`` (0 for the first) up to its own ``until``; after the last period the first period's
    rate applies again until midnight, and every day repeats."""

    def __init__(self, schedule: Sequence[RatePeriod], day: float) -> None:
        self.day = float(day)
        self.ends = [min(float(period.until), self.day) for period in schedule]
        self.rates = [float(period.rate) for period in schedule]

    @property
    def peak(self) -> float:
        """The highest rate of the day (the thinning envelope)."""
        return max(self.rates, default=0.0)

    def __call__(self, t: float) -> float:
        """The arrival rate at time ``t`` (time since midnight of the first day)."""
        k = bisect.bisect_right(self.ends, t % self.day)
        return self.rates[k] if k < len(self.rates) else self.rates[0]


class PoissonArrivals:
    """Customers of ``source`` entering at station ``entry`` after exponential ``gaps``, until time ``close``.

    Not a SimPy process: the stream itself is the event of its next arrival, pushed onto the environment's
    event queue as the stations push their customers (the same order of events as a process yielding
    timeouts, without a timeout object and a generator step per customer: 8% of the tandem benchmark's
    time)."""

    __slots__ = ("arrive_callbacks", "callbacks", "close", "eid", "enter", "entry", "env", "gaps", "heap", "source")

    _ok = True
    """What SimPy reads of an event once its callbacks have run: this one never fails."""

    def __init__(self, env: simpy.Environment, enter: Enter, entry: int, source: int, gaps: Iterator[float],
                 close: float = math.inf) -> None:
        self.env, self.enter, self.entry, self.source, self.gaps, self.close = env, enter, entry, source, gaps, close
        self.heap: list[Any] = env._queue  # type: ignore[attr-defined]
        self.eid: Iterator[int] = env._eid  # type: ignore[attr-defined]
        self.callbacks: list[Any] | None = None
        self.arrive_callbacks = [self._arrive]  # (SimPy only reads the list it is handed: one serves every arrival)
        self._next()

    def _next(self) -> None:
        """Schedule the next customer, unless they would come at ``close`` or later."""
        at = self.env.now + next(self.gaps)
        if at < self.close:
            self.callbacks = self.arrive_callbacks
            heapq.heappush(self.heap, (at, NORMAL, next(self.eid), self))

    def _arrive(self, _: PoissonArrivals) -> None:
        self.enter(self.entry, self.source)
        self._next()


def scheduled_arrivals(
    env: simpy.Environment,
    enter: Enter,
    entry: int,
    source: int,
    rate: DailyRate,
    gaps: Iterator[float],
    uniforms: Iterator[float],
    close: float = math.inf,
) -> Generator[Any]:
    """A SimPy process: customers of ``source`` enter at station ``entry`` at the time-varying ``rate``,
    by thinning candidates that come at the peak rate (``gaps`` must be exponential with that rate),
    until time ``close``."""
    timeout = env.timeout
    peak = rate.peak
    t = env.now
    while True:
        t += next(gaps)
        if t >= close:
            return
        if next(uniforms) * peak < rate(t):
            yield timeout(t - env.now)
            enter(entry, source)


def arrival_sources(journey: Journey) -> list[int]:
    """The source number of each arrival of ``journey``: from its touchpoint's id and how many arrivals
    at that touchpoint come before it, so that it is the same in every scenario."""
    seen: dict[str, int] = {}
    sources = []
    for arrival in journey.arrivals:
        occurrence = seen.get(arrival.touchpoint, 0)
        seen[arrival.touchpoint] = occurrence + 1
        sources.append(stable_key(arrival.touchpoint) * 64 + occurrence % 64)
    return sources


def start_arrivals(env: simpy.Environment, journey: Journey, streams: Streams, index: Mapping[str, int],
                   enter: Enter, *, close: float = math.inf) -> None:
    """Start every arrival of ``journey`` (a :class:`PoissonArrivals`, or a SimPy process for a daily schedule),
    each on its own random streams, letting customers in until ``close``; ``index`` gives each touchpoint's
    station index."""
    day = convert(1.0, "day", journey.time_unit)
    seen: dict[str, int] = {}
    for arrival, source in zip(journey.arrivals, arrival_sources(journey), strict=True):
        occurrence = seen.get(arrival.touchpoint, 0)
        seen[arrival.touchpoint] = occurrence + 1
        key = streams.arrival(arrival.touchpoint, occurrence)
        _start(env, enter, streams, arrival, index[arrival.touchpoint], source, key, day, close)


def _start(env: simpy.Environment, enter: Enter, streams: Streams, arrival: Arrival, entry: int, source: int,
           key: tuple[int, ...], day: float, close: float) -> None:
    """Start one arrival: by its daily schedule (a SimPy process), at its constant rate, or not at all."""
    if arrival.schedule:
        rate = DailyRate(arrival.schedule, day)
        if rate.peak <= 0:
            return
        gaps_rng, uniforms_rng = streams.generator(*key, 0), streams.generator(*key, 1)
        gaps = block_stream(lambda size: gaps_rng.exponential(1.0 / rate.peak, size))
        uniforms = block_stream(uniforms_rng.random)
        env.process(scheduled_arrivals(env, enter, entry, source, rate, gaps, uniforms, close))
    elif arrival.rate and arrival.rate > 0:
        rng = streams.generator(*key, 0)
        mean_gap = 1.0 / float(arrival.rate)
        PoissonArrivals(env, enter, entry, source, block_stream(lambda size: rng.exponential(mean_gap, size)), close)
