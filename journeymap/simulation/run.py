"""Running a journey: checks, the size of the run, the warm-up, replications wherever the settings say.

Before anything runs, :func:`prepare_run` checks the journeys, estimates the run's size from the
analysis (:mod:`journeymap.simulation.budget`) and refuses it above its budget, warns about a long
run *before* it starts, and settles a ``warmup="auto"`` with a pilot replication
(:mod:`journeymap.simulation.warmup`). :func:`run_replication` is a top-level, picklable function of
plain arguments, so the replications of :func:`simulate` (and the scenarios and sweep points of the
experiment layer, through :func:`run_replications`) can run in this process, in a process pool or on
a Dask cluster and give the same numbers bit for bit: each replication depends only on its own
:class:`~numpy.random.SeedSequence`. With ``precision``, :func:`simulate` adds replications until
the headline figures are known well enough (:data:`HEADLINE`).
"""

from __future__ import annotations

import dataclasses
import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Unpack

import numpy as np

from journeymap.analysis import analyze
from journeymap.errors import Issue, JourneyError, OverloadWarning, RunWarning
from journeymap.model import Journey, mean_arrival_rate, validate
from journeymap.simulation.budget import estimate_run
from journeymap.simulation.engine import Engine
from journeymap.simulation.events import EventFile, event_frame, join_parts, log_format, part_path
from journeymap.simulation.executors import map_on, resolve_executor
from journeymap.simulation.guards import Limits
from journeymap.simulation.progress import Progress
from journeymap.simulation.replication import ReplicationStats
from journeymap.simulation.result import PrecisionReport, SimulationResult, confidence_interval
from journeymap.simulation.settings import AUTO, RunOptions, RunSettings, run_settings
from journeymap.simulation.spec import ReplicationSpec
from journeymap.simulation.warmup import RELAXATIONS, WarmupChoice, warmup_time
from journeymap.text import N_, percent, translator

__all__ = [
    "HEADLINE",
    "OverloadWarning",
    "PreparedRun",
    "ReplicationTask",
    "check_journey",
    "prepare_run",
    "run_replication",
    "run_replications",
    "simulate",
]

HEADLINE = ("goal_rate", "abandonment_rate", "mean_time_in_cycle")
"""The figures ``precision`` is about."""

CENSORED = 0.01
"""Above this share of customers still inside at the end, a run that stopped at a time warns."""

_INSIDE = N_("{share} of the customers were still inside the cycle when the run stopped at its time limit: the "
             "per-customer figures (goal rate, abandonment, time in the cycle) count only those who left, which "
             "favours the quick ones; follow a cohort to the end with customers= instead of until=")
_IMPRECISE = N_("the precision asked for ({target}) was not reached in {replications} replications (the most "
                "allowed): the widest interval is ± {worst} of its mean ({kpi})")
_UNSETTLED = N_("the warm-up detection (MSER-5) found no point after which the waits settle in the pilot "
                "replication: the queues may be overloaded or the run too short; the warm-up used is {time}")


def check_journey(journey: Journey) -> list[str]:
    """Make sure ``journey`` can be simulated: raise :class:`JourneyError` with every validation
    error, and return the warnings about its queues (see :mod:`journeymap.analysis.steady_state`)."""
    issues = [issue for issue in validate(journey) if issue.is_error]
    if not issues and sum(mean_arrival_rate(journey).values()) <= 0:
        issues.append(Issue("no customers arrive: give at least one arrival a positive rate", "arrivals"))
    if issues:
        raise JourneyError(issues)
    analysis = analyze(journey)
    assert analysis.stability is not None
    return analysis.stability.messages()


def run_replication(journey: Journey, *, seed: np.random.SeedSequence | int, events: bool = False,
                    progress: Callable[[float], None] | None = None, **spec: Any) -> ReplicationStats:
    """Run one replication of ``journey`` and return its :class:`ReplicationStats`.

    It takes a journey already checked (see :func:`check_journey`) and numbers already in the journey's
    time unit (see :meth:`RunSettings.resolve`); ``spec`` holds the fields of
    :class:`~journeymap.simulation.spec.ReplicationSpec` (``customers``, ``until``, ``warmup``,
    ``horizon``, ``limits``, ``trace``, ``draws``, ``service_level``). ``events`` keeps the event log in
    memory; ``progress`` is called with the share of the replication done."""
    return ReplicationTask(journey, ReplicationSpec(**spec), events=events)(seed, progress)


@dataclass(frozen=True)
class ReplicationTask:
    """One replication waiting for its seed: ``task(seed)`` runs it. A picklable callable, so that
    ``executor.map(task, seeds)`` works with process pools and Dask alike. ``events``: ``True`` keeps
    the log in memory, a file name streams it to that replication's part of the file (``start`` and
    ``replications`` go into its header)."""

    journey: Journey
    spec: ReplicationSpec
    events: bool | str = False
    start: object = None
    replications: int = 1

    def __call__(self, seed: np.random.SeedSequence | int, progress: Callable[[float], None] | None = None,
                 number: int = 1) -> ReplicationStats:
        sequence = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
        rows: list[tuple[int, int, int, float]] = []
        stream = None
        if self.events and self.events is not True:
            stream = EventFile(part_path(str(self.events), number), self.journey, kind=log_format(str(self.events)),
                               replication=number, replications=self.replications, start=self.start)  # type: ignore[arg-type]
        record = stream.record if stream is not None else rows.append if self.events is True else None
        try:
            stats = Engine(self.journey, sequence, self.spec, record=record, progress=progress).run()
        except BaseException:
            if stream is not None:
                stream.close()
                stream.path.unlink(missing_ok=True)
            raise
        if stream is not None:
            return dataclasses.replace(stats, events_written=stream.close())
        if self.events is True:
            return dataclasses.replace(stats, events=event_frame(rows, self.journey.touchpoint_ids))
        return stats


@dataclass(frozen=True)
class Run:
    """One replication of one journey: the unit of work shipped to a worker."""

    task: ReplicationTask
    seed: np.random.SeedSequence
    number: int = 1


def _execute(run: Run) -> ReplicationStats:
    """Run one :class:`Run` (a top-level function, so that process pools and Dask can pickle it)."""
    return run.task(run.seed, number=run.number)


def _here(runs: Sequence[Run], progress: Progress) -> list[ReplicationStats]:
    """The runs one after another in this process, telling ``progress`` fractions of a replication too."""
    stats = []
    for number, run in enumerate(runs):
        def within(share: float, number: int = number) -> None:
            progress(number + share, len(runs))
        stats.append(run.task(run.seed, within, run.number))
    return stats


def run_replications(journeys: Sequence[Journey], settings: RunSettings, *, limits: Limits | None = None,
                     first: int = 0, count: int | None = None) -> list[list[ReplicationStats]]:
    """Every journey run once per seed of ``settings`` (resolved, with a numeric warm-up: see
    :func:`prepare_run`), the same seeds for all (common random numbers), where ``settings.executor``
    says; one list of replication statistics per journey, in seed order. ``first`` and ``count`` pick
    the replications (to add some to a run)."""
    if settings.warmup == AUTO:
        raise ValueError("settle the warm-up first (prepare_run)")
    seeds = settings.seeds(first, count)
    events = settings.events if isinstance(settings.events, bool) else str(settings.events)
    if len(journeys) > 1 and events and events is not True:
        raise ValueError("an event log file takes the replications of one journey: simulate each journey on its own")
    spec = ReplicationSpec(customers=settings.customers, until=settings.until,  # type: ignore[arg-type]
                           warmup=settings.warmup, horizon=settings.horizon,  # type: ignore[arg-type]
                           limits=limits, service_level=settings.service_level)
    runs = [Run(ReplicationTask(journey, spec, events, settings.start, int(settings.replications or 1)),
                seed, first + number + 1)
            for journey in journeys for number, seed in enumerate(seeds)]
    with resolve_executor(settings.executor, len(runs)) as pool:
        if pool is None and settings.progress is not None:
            stats = _here(runs, settings.progress)
        else:
            stats = map_on(pool, _execute, runs, settings.progress)
    n = len(seeds)
    return [stats[k * n:(k + 1) * n] for k in range(len(journeys))]


@dataclass(frozen=True)
class PreparedRun:
    """A run ready to go: its ``settings`` (warm-up settled), the ``limits`` of each replication and
    the warm-up the pilot chose (``None`` when it was given)."""

    settings: RunSettings
    limits: Limits
    warmup: WarmupChoice | None = None


def prepare_run(journeys: Sequence[Journey], settings: RunSettings) -> PreparedRun:
    """Estimate the run of ``journeys`` with ``settings`` (resolved), refuse it above its budget
    (:class:`~journeymap.errors.RunawayError`), warn about a long one with :class:`RunWarning` before it
    starts, and settle ``warmup="auto"`` with a pilot replication of the first journey (the same
    warm-up for all, so their replications stay paired)."""
    estimates = [estimate_run(journey, settings) for journey in journeys]
    total = dataclasses.replace(estimates[0], visits=sum(e.visits for e in estimates))
    total.check(settings.max_events)
    for message in total.warnings():
        warnings.warn(message, RunWarning, stacklevel=3)
    limits = Limits(settings.max_events, max(e.limits(settings.max_events).in_system for e in estimates),
                    max(e.limits(settings.max_events).drain for e in estimates))
    if settings.warmup != AUTO:
        return PreparedRun(settings, limits)
    journey = journeys[0]
    pilot = run_replication(journey, seed=settings.pilot_seed(), customers=settings.customers, until=settings.until,
                            horizon=settings.horizon, limits=limits, trace=True)
    relaxation = analyze(journey).touchpoints["relaxation_time"]
    floor = RELAXATIONS * float(relaxation.max()) if len(relaxation) else 0.0
    choice = warmup_time(pilot.trace, floor if math.isfinite(floor) else 0.0)
    time = choice.time
    if settings.until is not None and time >= float(settings.until) / 2:  # keep most of the run observed
        time = float(settings.until) / 2
        choice = dataclasses.replace(choice, time=time, settled=False)
    settled = settings.replace(warmup=time)
    limits = Limits(settings.max_events, limits.in_system,
                    max(estimate_run(j, settled).limits(settings.max_events).drain for j in journeys))
    if not choice.settled:
        words = translator(journey.language)
        from journeymap.text import duration

        warnings.warn(words.gettext(_UNSETTLED, time=duration(time, journey.time_unit, journey.language)),
                      RunWarning, stacklevel=3)
    return PreparedRun(settled, limits, choice)


def _precision(stats: Sequence[ReplicationStats]) -> tuple[str, float]:
    """The headline figure whose interval is widest relative to its mean, and that relative half-width."""
    worst, widest = "", 0.0
    for name in HEADLINE:
        values = np.array([s.kpis()[name] for s in stats], dtype=float)
        ci = confidence_interval(values[:, None])
        mean, low, high = (float(ci[key][0]) for key in ("mean", "ci_low", "ci_high"))
        if not (math.isfinite(mean) and mean != 0):
            continue
        relative = (high - low) / 2 / abs(mean) if math.isfinite(low) else math.inf
        if relative > widest or not worst:
            worst, widest = name, relative
    return worst, widest


def _until_precise(journey: Journey, run: RunSettings, stats: list[ReplicationStats],
                   limits: Limits) -> tuple[list[ReplicationStats], PrecisionReport]:
    """Add replications (on the seeds that come next) until every headline figure's half-width is within
    ``run.precision`` of its mean, or ``run.max_replications`` are made."""
    target = float(run.precision)  # type: ignore[arg-type]
    kpi, widest = _precision(stats)
    while widest > target and len(stats) < run.max_replications:
        growth = min((widest / target) ** 2, 4.0) if math.isfinite(widest) else 2.0
        needed = math.ceil(len(stats) * growth * 1.05)
        more = min(max(needed, len(stats) + 2), run.max_replications) - len(stats)
        stats = stats + run_replications([journey], run, limits=limits, first=len(stats), count=more)[0]
        kpi, widest = _precision(stats)
    report = PrecisionReport(target, widest <= target, len(stats), run.max_replications, kpi, widest)
    if not report.reached:
        words = translator(journey.language)
        warnings.warn(words.gettext(_IMPRECISE, target=percent(target, journey.language), replications=len(stats),
                                    worst=percent(widest, journey.language), kpi=kpi), RunWarning, stacklevel=3)
    return stats, report


def warn_censored(result: SimulationResult) -> None:
    """Warn (:class:`RunWarning`) when more than :data:`CENSORED` of the customers followed were still
    inside when the run stopped."""
    share = float(result.kpis.loc["in_progress_share", "mean"])
    if math.isfinite(share) and share > CENSORED:
        journey = result.journey
        warnings.warn(translator(journey.language).gettext(_INSIDE, share=percent(share, journey.language)),
                      RunWarning, stacklevel=3)


def simulate(journey: Journey, settings: RunSettings | None = None, **options: Unpack[RunOptions]) -> SimulationResult:
    """Simulate customers flowing through ``journey`` and return the results with 95% intervals.

    How the run goes is said by a :class:`RunSettings` or by its fields as keyword arguments (not
    both): ``customers``, ``until``, ``warmup``, ``replications`` (default 20), ``precision``,
    ``seed`` (default 0), ``events``, ``start``, ``executor``, ``progress``, ``max_events``... (see
    :class:`RunSettings`). By default the first ``customers`` (10,000) customers who arrive after the
    warm-up are followed until every one has left the cycle, while the system keeps running (the
    cohort rule: nothing is censored); ``until`` stops at a time instead and reports the share still
    inside; a terminating journey (a ``horizon``, or daily schedules that close) runs one working day
    from empty. The warm-up is detected (``"auto"``, MSER-5) unless given. Times may be numbers in the
    journey's time unit or text such as ``"8 h"``. Each replication runs on its own stream spawned from
    ``seed``, and each customer's draws are its own (common random numbers pair customers).
    ``executor=None`` runs the replications in this process; ``"processes"``, an int, an ``Executor``
    or a Dask ``Client`` run them elsewhere, with the same numbers (see
    :mod:`journeymap.simulation.executors`). ``events=True`` keeps the event log, a ``.csv`` or
    ``.parquet`` file name streams it there. ``progress(done, total)`` is told how many replications
    are done. The result keeps the settings it ran with (``result.settings``, times in the journey's
    unit, the warm-up chosen).

    Before the run: raises :class:`JourneyError` for an invalid journey, ``ValueError`` naming a bad
    setting, ``TypeError`` for an unknown keyword, and :class:`~journeymap.errors.RunawayError` when
    the run's estimated size is above ``max_events`` (it says how to raise it); warns with
    :class:`OverloadWarning` about overloaded queues and :class:`RunWarning` about a long run. During
    the run, :class:`~journeymap.errors.RunawayError` stops a replication that runs away (naming the
    touchpoint or loop); after it, :class:`RunWarning` says when more than 1% of the customers were
    still inside or a precision was not reached.
    """
    run = run_settings(settings, options, caller="simulate").resolve(journey)
    for message in check_journey(journey):
        warnings.warn(message, OverloadWarning, stacklevel=2)
    prepared = prepare_run([journey], run)
    run = prepared.settings
    [stats] = run_replications([journey], run, limits=prepared.limits)
    report = None
    if run.precision is not None:
        stats, report = _until_precise(journey, run, stats, prepared.limits)
        run = run.replace(replications=len(stats))
    events_file = None
    if run.events and run.events is not True:
        parts = [part_path(str(run.events), number) for number in range(1, len(stats) + 1)]
        events_file = join_parts(parts, run.events)  # type: ignore[arg-type]
    result = SimulationResult(journey, stats, run, warmup=prepared.warmup, precision=report,
                              events_file=Path(events_file) if events_file else None)
    warn_censored(result)
    return result
