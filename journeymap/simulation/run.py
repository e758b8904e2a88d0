"""Running a journey: checks, replications on independent streams, wherever the settings say.

:func:`run_replication` is a top-level, picklable function of plain arguments, so the replications
of :func:`simulate` (and the scenarios and sweep points of the experiment layer, through
:func:`run_replications`) can run in this process, in a process pool or on a Dask cluster and give
the same numbers bit for bit: each replication depends only on its own
:class:`~numpy.random.SeedSequence`.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Unpack

import numpy as np

from journeymap.errors import Issue, JourneyError, OverloadWarning
from journeymap.model import Journey, mean_arrival_rate, validate
from journeymap.simulation.engine import Engine
from journeymap.simulation.executors import map_on, resolve_executor
from journeymap.simulation.progress import Progress
from journeymap.simulation.replication import ReplicationStats
from journeymap.simulation.result import SimulationResult
from journeymap.simulation.settings import RunOptions, RunSettings, run_settings

__all__ = [
    "OverloadWarning",
    "ReplicationTask",
    "check_journey",
    "run_replication",
    "run_replications",
    "simulate",
]




def check_journey(journey: Journey) -> list[str]:
    """Make sure ``journey`` can be simulated: raise :class:`JourneyError` with every validation
    error, and return the warnings about overloaded touchpoints (offered load ≥ 1)."""
    from journeymap.analysis import analyze
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
    :func:`check_journey`) and numbers already in the journey's time unit (see
    :meth:`RunSettings.resolve`). ``progress`` is called with the share of the replication done.
    """
    sequence = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
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


@dataclass(frozen=True)
class Run:
    """One replication of one journey: the unit of work shipped to a worker."""

    task: ReplicationTask
    seed: np.random.SeedSequence


def _execute(run: Run) -> ReplicationStats:
    """Run one :class:`Run` (a top-level function, so that process pools and Dask can pickle it)."""
    return run.task(run.seed)


def _here(runs: Sequence[Run], progress: Progress) -> list[ReplicationStats]:
    """The runs one after another in this process, telling ``progress`` fractions of a replication too."""
    stats = []
    for number, run in enumerate(runs):
        def within(share: float, number: int = number) -> None:
            progress(number + share, len(runs))
        stats.append(run.task(run.seed, within))
    return stats


def run_replications(journeys: Sequence[Journey], settings: RunSettings) -> list[list[ReplicationStats]]:
    """Every journey run once per seed of ``settings`` (resolved: see :meth:`RunSettings.resolve`),
    the same seeds for all (common random numbers), where ``settings.executor`` says; one list of
    replication statistics per journey, in seed order."""
    seeds = settings.seeds()
    runs = [Run(ReplicationTask(journey, customers=settings.customers, until=settings.until,  # type: ignore[arg-type]
                                warmup=settings.warmup, events=settings.events), seed)  # type: ignore[arg-type]
            for journey in journeys for seed in seeds]
    with resolve_executor(settings.executor, len(runs)) as pool:
        if pool is None and settings.progress is not None:
            stats = _here(runs, settings.progress)
        else:
            stats = map_on(pool, _execute, runs, settings.progress)
    n = len(seeds)
    return [stats[k * n:(k + 1) * n] for k in range(len(journeys))]


def simulate(journey: Journey, settings: RunSettings | None = None, **options: Unpack[RunOptions]) -> SimulationResult:
    """Simulate customers flowing through ``journey`` and return the results with 95% intervals.

    How the run goes is said by a :class:`RunSettings` or by its fields as keyword arguments (not
    both): ``customers``, ``until``, ``warmup``, ``replications`` (default 1), ``seed`` (default 0),
    ``events``, ``start``, ``executor``, ``progress``. The run stops once ``customers`` customers
    have left the cycle, or at time ``until`` (those still inside are counted as in progress); with
    neither, after :data:`~journeymap.simulation.settings.DEFAULT_CUSTOMERS`. Customers who arrive
    before ``warmup`` are left out of every statistic. Times may be numbers in the journey's time
    unit or text such as ``"8 h"``. Each replication runs on its own stream spawned from ``seed``.
    ``executor=None`` runs the replications in this process; ``"processes"``, an int, an ``Executor``
    or a Dask ``Client`` run them elsewhere, with the same numbers (see
    :mod:`journeymap.simulation.executors`). ``events=True`` keeps the event log, timestamped from
    ``start``. ``progress(done, total)`` is told how many replications are done. The result keeps
    the settings it ran with (``result.settings``, times in the journey's unit).

    Raises :class:`JourneyError` for an invalid journey, ``ValueError`` naming a bad setting and
    ``TypeError`` for an unknown keyword; warns with :class:`OverloadWarning` when a touchpoint's
    offered load is at least 1.
    """
    run = run_settings(settings, options, caller="simulate").resolve(journey, replications=1)
    for message in check_journey(journey):
        warnings.warn(message, OverloadWarning, stacklevel=2)
    [stats] = run_replications([journey], run)
    return SimulationResult(journey, stats, run)
