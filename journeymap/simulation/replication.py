"""What one replication hands back: :class:`ReplicationStats`, small plain data that pickles cheaply.

It holds raw counts and sums (so that nothing is lost) and computes the figures of that replication
from them: :meth:`~ReplicationStats.kpis`, :meth:`~ReplicationStats.touchpoint_metrics` and
:meth:`~ReplicationStats.stage_metrics`. :class:`~journeymap.simulation.result.SimulationResult`
puts many of them together with confidence intervals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from journeymap.simulation.stats import Histogram

__all__ = ["KPIS", "STAGE_METRICS", "TOUCHPOINT_METRICS", "ReplicationStats", "time_histogram"]

KPIS: dict[str, str] = {
    "arrived": "customers followed: the cohort (customers=N), or everybody who entered after the warm-up",
    "completed": "of those, customers who left the cycle (routed out or abandoned)",
    "in_progress": "of those, customers still inside when the run ended (none under the cohort rule)",
    "in_progress_share": "in_progress ÷ arrived: the share the per-customer figures leave out",
    "goal_rate": "share of completed customers who were served at a goal touchpoint",
    "abandonment_rate": "share of completed customers lost because their patience ran out",
    "drop_off_rate": "share of completed customers who left the cycle without reaching a goal or abandoning",
    "mean_time_in_cycle": "mean time from entering to leaving the cycle, over completed customers",
    "p90_time_in_cycle": "90th percentile of the time in the cycle",
    "moments_of_truth": "moments of truth lived (visited) per completed customer",
    "throughput": "customers (anyone) leaving the cycle per time unit, from the warm-up to the end",
}
"""The journey-level figures, with what each means (the index of ``SimulationResult.kpis``)."""

TOUCHPOINT_METRICS: dict[str, str] = {
    "arrivals": "visits that began there",
    "served": "services completed",
    "abandoned": "customers lost there because their patience ran out",
    "abandonment_rate": "abandoned ÷ customers whose wait ended (served or abandoned)",
    "retries": "customers who abandoned there and came back to try again (callbacks, redials: see 'retry')",
    "mean_wait": "mean wait in queue over every customer whose wait ended, served or abandoned",
    "p50_wait": "median wait in queue",
    "p90_wait": "90th percentile of the wait in queue",
    "mean_time": "mean time there per visit (wait + service; wait alone for those who abandoned)",
    "utilization": "busy server time ÷ (capacity × time); empty without capacity",
    "mean_queue": "time-average number of customers waiting",
    "max_queue": "most customers waiting at once",
    "mean_in_service": "time-average number of customers being served",
    "visits": "visits per customer who entered the cycle",
    "visit_rate": "visits per time unit: visits per customer × customers entering per time unit (after the "
                  "warm-up), whichever rule stopped the run",
    "service_level": "share of the customers whose wait ended (served or abandoned) who were served within the "
                     "service-level threshold (counted exactly); empty where no threshold applies",
    "service_level_threshold": "the wait within which a service counts toward the service level (the run's "
                               "service_level, else the touchpoint's wait standard); empty where none applies",
    "average_speed_of_answer": "mean wait of the customers served (those who abandoned left out); empty without "
                               "capacity (nobody queues)",
}
"""The per-touchpoint figures (columns of ``SimulationResult.touchpoints``)."""

STAGE_METRICS: dict[str, str] = {
    "entered": "customers who entered the stage at least once",
    "reach": "share of the customers entering the cycle who entered the stage",
    "mean_time": "mean time per stay in the stage (to moving to another stage or leaving the cycle)",
    "left": "customers whose cycle ended in the stage (left or abandoned)",
    "abandoned": "customers lost in the stage because their patience ran out",
}
"""The per-stage figures (columns of ``SimulationResult.stages``)."""


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan


@dataclass(frozen=True)
class ReplicationStats:
    """Counts and sums gathered by one replication (all times in the journey's time unit).

    ``start`` is the end of the warm-up (0 without one) and ``end`` the time the run stopped: the
    time-based figures (utilisation, queue lengths, throughput) cover ``end - start``. ``touchpoints`` and
    ``stages`` map a counter name to one value per touchpoint / stage, in the journey's order. The
    per-customer counts take the customers followed (see :mod:`journeymap.simulation.engine`);
    ``departures`` and ``entries`` count everybody who left / entered after the warm-up. ``paths``
    holds exact counts of every
    path up to :data:`~journeymap.simulation.stats.PATH_LIMIT` distinct ones; ``paths_beyond`` the
    customers on paths first seen after that.
    """

    touchpoint_ids: tuple[str, ...]
    stage_ids: tuple[str, ...]
    start: float
    end: float
    arrived: int
    completed: int
    goal: int
    lost: int
    dropped: int
    time_sum: float
    moments: int
    time_counts: np.ndarray
    time_zeros: int
    p90_time: float
    touchpoints: dict[str, np.ndarray]
    stages: dict[str, np.ndarray]
    paths: dict[tuple[str, ...], int]
    paths_beyond: int = 0
    departures: int = 0
    entries: int = 0
    """Customers who entered after the warm-up, followed or not (their rate is the arrival rate)."""
    seed: tuple[Any, tuple[int, ...]] = (None, ())
    events: pd.DataFrame | None = field(default=None, compare=False)
    events_written: int = 0
    """Rows of the event log streamed to a file by this replication."""
    trace: np.ndarray | None = field(default=None, compare=False)
    """Each followed customer's entry time and total wait in queues, when asked for (warm-up detection)."""
    waits: tuple[tuple[tuple[np.ndarray, np.ndarray, int], tuple[np.ndarray, np.ndarray, int]], ...] = field(
        default=(), compare=False)
    """Per touchpoint: the sparse wait histogram (:func:`~journeymap.simulation.stats.sparse`) of every
    customer whose wait ended, and that of those who abandoned (for :meth:`SimulationResult.standard_met`)."""
    segment_ids: tuple[str, ...] = ()
    segments: dict[str, np.ndarray] = field(default_factory=dict, compare=False)
    """Per segment (rows in ``segment_ids`` order): the journey-level counts and, as ``touchpoint_<name>``,
    the touchpoint counters by segment (see :mod:`journeymap.simulation.segments`)."""
    team_ids: tuple[str, ...] = ()
    teams: dict[str, np.ndarray] = field(default_factory=dict, compare=False)
    """Per team (rows in ``team_ids`` order): ``busy_by_hour`` and ``capacity_by_hour``, the busy and
    scheduled server time in each hour of the day (24 columns; see :mod:`journeymap.simulation.team_results`)."""

    @property
    def duration(self) -> float:
        """The observed time: from the end of the warm-up to the end of the run."""
        return self.end - self.start

    def kpis(self) -> dict[str, float]:
        """The journey-level figures of this replication, keyed as :data:`KPIS`."""
        done = self.completed
        return {
            "arrived": float(self.arrived),
            "completed": float(done),
            "in_progress": float(self.arrived - done),
            "in_progress_share": _ratio(self.arrived - done, self.arrived),
            "goal_rate": _ratio(self.goal, done),
            "abandonment_rate": _ratio(self.lost, done),
            "drop_off_rate": _ratio(self.dropped, done),
            "mean_time_in_cycle": _ratio(self.time_sum, done),
            "p90_time_in_cycle": self.p90_time,
            "moments_of_truth": _ratio(self.moments, done),
            "throughput": _ratio(self.departures, self.duration),
        }

    def touchpoint_metrics(self) -> pd.DataFrame:
        """The figures of every touchpoint in this replication: index touchpoint id, columns
        :data:`TOUCHPOINT_METRICS`."""
        c = self.touchpoints
        duration = self.duration
        with np.errstate(divide="ignore", invalid="ignore"):
            table = {
                "arrivals": c["arrivals"].astype(float),
                "served": c["served"].astype(float),
                "abandoned": c["abandoned"].astype(float),
                "abandonment_rate": c["abandoned"] / c["wait_count"],
                "retries": c["retries"].astype(float) if "retries" in c else c["abandoned"] * 0.0,
                "mean_wait": c["wait_sum"] / c["wait_count"],
                "p50_wait": c["p50_wait"],
                "p90_wait": c["p90_wait"],
                "mean_time": c["time_sum"] / c["time_count"],
                "utilization": c["busy_area"] / (c["capacity"] * duration),
                "mean_queue": c["queue_area"] / duration if duration > 0 else c["queue_area"] * np.nan,
                "max_queue": c["queue_max"].astype(float),
                "mean_in_service": c["busy_area"] / duration if duration > 0 else c["busy_area"] * np.nan,
                "visits": c["arrivals"] / self.arrived if self.arrived else c["arrivals"] * np.nan,
                "visit_rate": (c["arrivals"] / self.arrived * (self.entries / duration) if self.arrived and duration > 0
                               else c["arrivals"] * np.nan),
                **_service_level(c),
            }
        frame = pd.DataFrame(table, index=pd.Index(self.touchpoint_ids, name="touchpoint"))
        return frame.replace([np.inf, -np.inf], np.nan)

    def stage_metrics(self) -> pd.DataFrame:
        """The figures of every stage in this replication: index stage id, columns :data:`STAGE_METRICS`."""
        s = self.stages
        with np.errstate(divide="ignore", invalid="ignore"):
            table = {
                "entered": s["entered"].astype(float),
                "reach": s["entered"] / self.arrived if self.arrived else s["entered"] * np.nan,
                "mean_time": s["time_sum"] / s["stays"],
                "left": s["left"].astype(float),
                "abandoned": s["abandoned"].astype(float),
            }
        return pd.DataFrame(table, index=pd.Index(self.stage_ids, name="stage"))


def _service_level(c: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The service-level figures of every touchpoint from a replication's counters (see
    :mod:`journeymap.simulation.service_levels`): NaN where no threshold applies."""
    nothing = np.full(len(c["served"]), np.nan)
    limit = c.get("threshold", nothing)
    measured = np.isfinite(limit) & (limit >= 0)
    served_waits = c["wait_count"] - c["abandoned"]
    return {
        "service_level": np.where(measured, c.get("within", nothing) / c["wait_count"], np.nan),
        "service_level_threshold": np.where(measured, limit, np.nan),
        "average_speed_of_answer": np.where(np.isfinite(c["capacity"]),
                                            (c["wait_sum"] - c.get("lost_wait_sum", nothing)) / served_waits, np.nan),
    }


def time_histogram(stats: list[ReplicationStats]) -> Histogram:
    """The times in the cycle of several replications pooled in one :class:`Histogram`."""
    pooled = Histogram()
    pooled.low, pooled.high = 0.0, Histogram.HIGH
    for replication in stats:
        pooled.counts += replication.time_counts
        pooled.zeros += replication.time_zeros
    return pooled
