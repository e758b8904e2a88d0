"""Discrete-event simulation of customers flowing through a journey, on SimPy.

    import journeymap as jm
    result = jm.simulate(journey, customers=10_000, replications=20, seed=1)
    result.kpis              # goal rate, abandonment, time in the cycle... with 95% intervals
    result.touchpoints       # waits, utilisation, queue lengths per touchpoint
    result.metric("mean_wait")  # {touchpoint id: value} for draw(journey, metric=...)
    result.settings          # the RunSettings it ran with

:class:`RunSettings` says how a run goes (stopping rule, warm-up, replications or precision, seed,
executor, progress, budget); every function that simulates takes one, or its fields as keyword
arguments. :func:`run_replication` runs one replication from a seed and returns plain, picklable
statistics; :func:`simulate` estimates the run's size first (refusing a run that would run away),
settles the warm-up, maps the replications over ``SeedSequence(seed).spawn(replications)`` (in this
process, or through any executor with identical results) and combines them into a
:class:`SimulationResult`.
"""

from journeymap.errors import RunawayError, RunWarning
from journeymap.simulation.budget import RunEstimate, estimate_run
from journeymap.simulation.events import EVENT_COLUMNS, event_log, save_event_log
from journeymap.simulation.executors import ExecutorLike, local_pool
from journeymap.simulation.guards import DEFAULT_MAX_EVENTS, Limits
from journeymap.simulation.progress import Progress, ProgressBar
from journeymap.simulation.replication import KPIS, STAGE_METRICS, TOUCHPOINT_METRICS, ReplicationStats
from journeymap.simulation.result import PrecisionReport, SimulationResult, confidence_interval
from journeymap.simulation.run import (
    HEADLINE,
    OverloadWarning,
    PreparedRun,
    ReplicationTask,
    check_journey,
    prepare_run,
    run_replication,
    run_replications,
    simulate,
    warn_censored,
)
from journeymap.simulation.settings import (
    DEFAULT_CUSTOMERS,
    DEFAULT_MAX_REPLICATIONS,
    DEFAULT_REPLICATIONS,
    RUN_OPTIONS,
    RunOptions,
    RunSettings,
    working_day,
)
from journeymap.simulation.warmup import WarmupChoice

__all__ = [
    "DEFAULT_CUSTOMERS",
    "DEFAULT_MAX_EVENTS",
    "DEFAULT_MAX_REPLICATIONS",
    "DEFAULT_REPLICATIONS",
    "EVENT_COLUMNS",
    "HEADLINE",
    "KPIS",
    "RUN_OPTIONS",
    "STAGE_METRICS",
    "TOUCHPOINT_METRICS",
    "ExecutorLike",
    "Limits",
    "OverloadWarning",
    "PrecisionReport",
    "PreparedRun",
    "Progress",
    "ProgressBar",
    "ReplicationStats",
    "ReplicationTask",
    "RunEstimate",
    "RunOptions",
    "RunSettings",
    "RunWarning",
    "RunawayError",
    "SimulationResult",
    "WarmupChoice",
    "check_journey",
    "confidence_interval",
    "estimate_run",
    "event_log",
    "local_pool",
    "prepare_run",
    "run_replication",
    "run_replications",
    "save_event_log",
    "simulate",
    "warn_censored",
    "working_day",
]
