"""Running a journey: checks, replications on independent streams, and any ``concurrent.futures`` executor.

:func:`run_replication` is a top-level, picklable function of plain arguments, so the replications
of :func:`simulate` (and later the scenarios and sweep points of the experiment layer) can run in
this process, in a process pool or on a Dask cluster and give the same numbers bit for bit: each
replication depends only on its own :class:`~numpy.random.SeedSequence`.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass

import numpy as np

from journeymap.errors import Issue, JourneyError
from journeymap.model import Journey, validate
from journeymap.model.units import parse_duration
from journeymap.simulation.engine import Engine
from journeymap.simulation.replication import ReplicationStats
from journeymap.simulation.result import SimulationResult

__all__ = [
    "DEFAULT_CUSTOMERS",
    "OverloadWarning",
    "ReplicationTask",
    "check_journey",
    "replication_seeds",
    "run_replication",
    "simulate",
]

DEFAULT_CUSTOMERS = 10_000
"""How many customers a run lets through when neither ``customers`` nor ``until`` is given."""

Progress = Callable[[float, int], None]


class OverloadWarning(UserWarning):
    """A touchpoint receives more work than its servers can do (offered load ≥ 1)."""


def _seed_sequence(seed: np.random.SeedSequence | int | None) -> np.random.SeedSequence:
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0):
        raise ValueError(f"'seed' must be a non-negative int (got {seed!r})")
    return np.random.SeedSequence(seed)


def replication_seeds(root: np.random.SeedSequence, replications: int) -> list[np.random.SeedSequence]:
    """The seeds of the replications: what ``root.spawn(replications)`` gives on a fresh ``root``,
    without changing ``root`` (so passing the same SeedSequence twice gives the same run)."""
    return [
        np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, k), pool_size=root.pool_size)
        for k in range(replications)
    ]


def _time(value: float | str | None, journey: Journey, name: str, *, allow_zero: bool) -> float | None:
    if value is None:
        return None
    number = parse_duration(value, journey.time_unit)
    if not math.isfinite(number) or number < 0 or (number == 0 and not allow_zero):
        wanted = "a non-negative time" if allow_zero else "a positive time"
        raise ValueError(f"'{name}' must be {wanted} (got {value!r})")
    return number


def _settings(
    journey: Journey, customers: int | None, until: float | str | None, warmup: float | str | None
) -> tuple[int | None, float | None, float]:
    """The run's stopping rule and warm-up as numbers, checked; ``ValueError`` names the bad argument."""
    if customers is not None and (isinstance(customers, bool) or not isinstance(customers, int | np.integer)
                                  or customers < 1):
        raise ValueError(f"'customers' must be a positive int (got {customers!r})")
    horizon = _time(until, journey, "until", allow_zero=False)
    start = _time(warmup, journey, "warmup", allow_zero=True) or 0.0
    if customers is None and horizon is None:
        customers = DEFAULT_CUSTOMERS
    if horizon is not None and start >= horizon:
        raise ValueError(f"'warmup' must end before 'until' (got warmup {start:g}, until {horizon:g})")
    return (int(customers) if customers is not None else None), horizon, start


def check_journey(journey: Journey) -> list[str]:
    """Make sure ``journey`` can be simulated: raise :class:`JourneyError` with every validation
    error, and return the warnings about overloaded touchpoints (offered load ≥ 1)."""
    from journeymap.analysis import analyze, mean_arrival_rate

    issues = [issue for issue in validate(journey) if issue.is_error]
    if not issues and sum(mean_arrival_rate(journey).values()) <= 0:
        issues.append(Issue("no customers arrive: give at least one arrival a positive rate", "arrivals"))
    if issues:
        raise JourneyError(issues)
    analysis = analyze(journey)
    table = analysis.touchpoints
    return [
        f"touchpoint '{tp_id}' is overloaded: offered load {table.loc[tp_id, 'offered_load']:.2f} ≥ 1 "
        f"(arrivals × mean service time ÷ capacity), so its queue grows as long as the run lasts"
        for tp_id in analysis.overloaded
    ]


def run_replication(
    journey: Journey,
    *,
    seed: np.random.SeedSequence | int,
    customers: int | None = None,
    until: float | None = None,
    warmup: float = 0.0,
    events: bool = False,
    progress: Callable[[float], None] | None = None,
) -> ReplicationStats:
    """Run one replication of ``journey`` and return its :class:`ReplicationStats`.

    Meant to be mapped over seeds by an executor: it takes a journey already checked (see
    :func:`check_journey`) and numbers already in the journey's time unit. ``progress`` is called
    with the share of the replication done.
    """
    sequence = _seed_sequence(seed)
    if customers is None and until is None:
        raise ValueError("give 'customers' or 'until' to say when the run ends")
    engine = Engine(journey, sequence, customers=customers, until=until, warmup=warmup, events=events,
                    progress=progress)
    return engine.run()


@dataclass(frozen=True)
class ReplicationTask:
    """One replication waiting for its seed: ``task(seed)`` runs it. A picklable callable, so that
    ``executor.map(task, seeds)`` works with process pools and Dask alike."""

    journey: Journey
    customers: int | None = None
    until: float | None = None
    warmup: float = 0.0
    events: bool = False

    def __call__(
        self, seed: np.random.SeedSequence | int, progress: Callable[[float], None] | None = None
    ) -> ReplicationStats:
        return run_replication(self.journey, seed=seed, customers=self.customers, until=self.until,
                               warmup=self.warmup, events=self.events, progress=progress)


def _serial(task: ReplicationTask, seeds: list[np.random.SeedSequence],
            progress: Progress | None) -> Iterable[ReplicationStats]:
    total = len(seeds)
    for number, seed in enumerate(seeds):
        inner = None
        if progress is not None:
            def inner(done: float, number: int = number) -> None:
                progress(number + done, total)
        yield task(seed, inner)


def simulate(
    journey: Journey,
    *,
    customers: int | None = None,
    until: float | str | None = None,
    replications: int = 1,
    seed: int | np.random.SeedSequence | None = 0,
    warmup: float | str = 0.0,
    events: bool = False,
    start: dt.datetime | str | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> SimulationResult:
    """Simulate customers flowing through ``journey`` and return the results with 95% intervals.

    The run stops once ``customers`` customers have left the cycle, or at time ``until`` (those
    still inside are counted as in progress); with neither, after :data:`DEFAULT_CUSTOMERS`.
    Customers who arrive before ``warmup`` are left out of every statistic (time averages such as
    utilisation and queue length cover the time from ``warmup`` to the end). Times may be numbers in
    the journey's time unit or text such as ``"8 h"``. Each of the ``replications`` runs on its own
    stream spawned from ``seed`` (``SeedSequence(seed).spawn``; with ``seed=None`` fresh entropy, recorded
    in ``result.seed`` so the run can be repeated); with an ``executor`` they run
    through ``executor.map`` and give the same numbers as in this process. ``events=True`` keeps
    the event log, timestamped from ``start``. ``progress(done, total)`` is told how many
    replications are done (fractions within a replication when running here).

    Raises :class:`JourneyError` for an invalid journey; warns with :class:`OverloadWarning` when a
    touchpoint's offered load is at least 1.
    """
    if isinstance(replications, bool) or not isinstance(replications, int | np.integer) or replications < 1:
        raise ValueError(f"'replications' must be a positive int (got {replications!r})")
    stop_after, horizon, warm = _settings(journey, customers, until, warmup)
    for message in check_journey(journey):
        warnings.warn(message, OverloadWarning, stacklevel=2)
    root = _seed_sequence(seed)
    seeds = replication_seeds(root, int(replications))
    task = ReplicationTask(journey, customers=stop_after, until=horizon, warmup=warm, events=events)
    if executor is None:
        stats = list(_serial(task, seeds, progress))
    else:
        stats = []
        for stat in executor.map(task, seeds):
            stats.append(stat)
            if progress is not None:
                progress(len(stats), len(seeds))
    return SimulationResult.from_replications(
        journey, stats, seed=int(seed) if isinstance(seed, int | np.integer) else seed or root.entropy,
        customers=stop_after, until=horizon, warmup=warm, start=start,
    )
