"""Customers entering the cycle: Poisson at a constant rate, or by a daily schedule of rates.

A schedule makes a non-homogeneous Poisson process whose rate is a step function of the time of
day. It is simulated exactly by thinning (Lewis and Shedler): candidate arrivals come at the
schedule's peak rate and each is kept with probability ``rate(t) / peak``. Every arrival is a SimPy
process with its own random streams.
"""

from __future__ import annotations

import bisect
from collections.abc import Generator, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import simpy

from journeymap.model import Arrival
from journeymap.model.journey import RatePeriod
from journeymap.model.units import convert
from journeymap.simulation.streams import block_stream

if TYPE_CHECKING:
    from journeymap.simulation.engine import Engine

__all__ = ["DailyRate", "poisson_arrivals", "scheduled_arrivals", "start_arrivals"]


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

    def mean(self) -> float:
        """The rate averaged over a day (what :func:`journeymap.model.mean_arrival_rate` reports)."""
        total, start = 0.0, 0.0
        for end, rate in zip(self.ends, self.rates, strict=True):
            total += rate * max(0.0, end - start)
            start = max(start, end)
        total += self.rates[0] * (self.day - start) if self.rates else 0.0
        return total / self.day


def poisson_arrivals(env: simpy.Environment, engine: Engine, entry: int, gaps: Iterator[float]) -> Generator[Any]:
    """A SimPy process: customers enter at station ``entry`` after exponential ``gaps``."""
    timeout = env.timeout
    enter = engine.enter
    while True:
        yield timeout(next(gaps))
        enter(entry)


def scheduled_arrivals(
    env: simpy.Environment,
    engine: Engine,
    entry: int,
    rate: DailyRate,
    gaps: Iterator[float],
    uniforms: Iterator[float],
) -> Generator[Any]:
    """A SimPy process: customers enter at station ``entry`` at the time-varying ``rate``, by thinning
    candidates that come at the peak rate (``gaps`` must be exponential with that rate)."""
    timeout = env.timeout
    enter = engine.enter
    peak = rate.peak
    t = env.now
    while True:
        t += next(gaps)
        if next(uniforms) * peak < rate(t):
            yield timeout(t - env.now)
            enter(entry)


def start_arrivals(engine: Engine) -> None:
    """Start one SimPy process per arrival of the journey, each on its own random streams."""
    journey = engine.journey
    env = engine.env
    streams = engine.streams
    day = convert(1.0, "day", journey.time_unit)
    seen: dict[str, int] = {}
    for arrival in journey.arrivals:
        occurrence = seen.get(arrival.touchpoint, 0)
        seen[arrival.touchpoint] = occurrence + 1
        key = streams.arrival(arrival.touchpoint, occurrence)
        entry = engine.index[arrival.touchpoint]
        process = _process(engine, env, streams, arrival, entry, key, day)
        if process is not None:
            env.process(process)


def _process(engine: Engine, env: simpy.Environment, streams: Any, arrival: Arrival, entry: int,
             key: tuple[int, ...], day: float) -> Generator[Any] | None:
    if arrival.schedule:
        rate = DailyRate(arrival.schedule, day)
        if rate.peak <= 0:
            return None
        gaps_rng, uniforms_rng = streams.generator(*key, 0), streams.generator(*key, 1)
        gaps = block_stream(lambda size: gaps_rng.exponential(1.0 / rate.peak, size))
        uniforms = block_stream(uniforms_rng.random)
        return scheduled_arrivals(env, engine, entry, rate, gaps, uniforms)
    if not arrival.rate or arrival.rate <= 0:
        return None
    rng = streams.generator(*key, 0)
    mean_gap = 1.0 / float(arrival.rate)
    return poisson_arrivals(env, engine, entry, block_stream(lambda size: rng.exponential(mean_gap, size)))
