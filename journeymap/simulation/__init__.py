"""Discrete-event simulation of customers flowing through a journey, on SimPy.

    import journeymap as jm
    result = jm.simulate(journey, customers=10_000, replications=10, seed=1)
    result.kpis              # goal rate, abandonment, time in the cycle... with 95% intervals
    result.touchpoints       # waits, utilisation, queue lengths per touchpoint
    result.metric("mean_wait")  # {touchpoint id: value} for draw(journey, metric=...)

:func:`run_replication` runs one replication from a seed and returns plain, picklable statistics;
:func:`simulate` maps it over ``SeedSequence(seed).spawn(replications)`` (serially, or through any
``concurrent.futures`` executor with identical results) and combines them into a
:class:`SimulationResult`.
"""

from journeymap.simulation.events import EVENT_COLUMNS, event_log, save_event_log
from journeymap.simulation.replication import KPIS, STAGE_METRICS, TOUCHPOINT_METRICS, ReplicationStats
from journeymap.simulation.result import SimulationResult, confidence_interval
from journeymap.simulation.run import (
    DEFAULT_CUSTOMERS,
    OverloadWarning,
    ReplicationTask,
    check_journey,
    run_replication,
    simulate,
)

__all__ = [
    "DEFAULT_CUSTOMERS",
    "EVENT_COLUMNS",
    "KPIS",
    "STAGE_METRICS",
    "TOUCHPOINT_METRICS",
    "OverloadWarning",
    "ReplicationStats",
    "ReplicationTask",
    "SimulationResult",
    "check_journey",
    "confidence_interval",
    "event_log",
    "run_replication",
    "save_event_log",
    "simulate",
]
