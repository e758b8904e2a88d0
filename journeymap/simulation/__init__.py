"""Discrete-event simulation of customers flowing through a journey, on SimPy.

    import journeymap as jm
    result = jm.simulate(journey, customers=10_000, replications=10, seed=1)
    result.kpis              # goal rate, abandonment, time in the cycle... with 95% intervals
    result.touchpoints       # waits, utilisation, queue lengths per touchpoint
    result.metric("mean_wait")  # {touchpoint id: value} for draw(journey, metric=...)
    result.settings          # the RunSettings it ran with

:class:`RunSettings` says how a run goes (stopping rule, warm-up, replications, seed, executor,
progress); every function that simulates takes one, or its fields as keyword arguments.
:func:`run_replication` runs one replication from a seed and returns plain, picklable statistics;
:func:`simulate` maps it over ``SeedSequence(seed).spawn(replications)`` (in this process, or
through any executor with identical results) and combines them into a :class:`SimulationResult`.
"""

from journeymap.simulation.events import EVENT_COLUMNS, event_log, save_event_log
from journeymap.simulation.executors import ExecutorLike, local_pool
from journeymap.simulation.progress import Progress, ProgressBar
from journeymap.simulation.replication import KPIS, STAGE_METRICS, TOUCHPOINT_METRICS, ReplicationStats
from journeymap.simulation.result import SimulationResult, confidence_interval
from journeymap.simulation.run import (
    OverloadWarning,
    ReplicationTask,
    check_journey,
    run_replication,
    run_replications,
    simulate,
)
from journeymap.simulation.settings import DEFAULT_CUSTOMERS, RUN_OPTIONS, RunOptions, RunSettings

__all__ = [
    "DEFAULT_CUSTOMERS",
    "EVENT_COLUMNS",
    "KPIS",
    "RUN_OPTIONS",
    "STAGE_METRICS",
    "TOUCHPOINT_METRICS",
    "ExecutorLike",
    "OverloadWarning",
    "Progress",
    "ProgressBar",
    "ReplicationStats",
    "ReplicationTask",
    "RunOptions",
    "RunSettings",
    "SimulationResult",
    "check_journey",
    "confidence_interval",
    "event_log",
    "local_pool",
    "run_replication",
    "run_replications",
    "save_event_log",
    "simulate",
]
