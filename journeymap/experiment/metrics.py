"""The figures an experiment compares, measured in each replication, and which way is better for each.

They are the simulation's journey-level KPIs (:data:`journeymap.simulation.KPIS`) plus
``mot_mean_wait``: the mean wait in queue at the moments of truth, over every customer whose wait
ended there (served or abandoned): the wait customers feel where it matters most.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from journeymap.model import Journey
from journeymap.simulation import KPIS, ReplicationStats, SimulationResult
from journeymap.simulation.formatting import kind, kpi_name
from journeymap.text import N_, change, quantity, translator

__all__ = ["DIRECTION", "METRICS", "check_metrics", "format_change", "format_metric", "metric_kind", "metric_name",
           "metric_table", "replication_metrics", "unstable_metrics"]

METRICS: dict[str, str] = {
    **KPIS,
    "mot_mean_wait": "mean wait in queue at the moments of truth, over every customer whose wait ended there",
}
"""Every figure an experiment reports per replication, with what it means."""

DIRECTION: dict[str, int] = {
    "arrived": 0,
    "completed": 0,
    "in_progress": 0,
    "in_progress_share": 0,
    "goal_rate": 1,
    "abandonment_rate": -1,
    "drop_off_rate": -1,
    "mean_time_in_cycle": -1,
    "p90_time_in_cycle": -1,
    "moments_of_truth": 0,
    "throughput": 1,
    "mot_mean_wait": -1,
}
"""+1 when more is better, -1 when less is better, 0 when neither (a count that depends on the run length)."""


def replication_metrics(stats: ReplicationStats, journey: Journey) -> dict[str, float]:
    """The :data:`METRICS` of one replication of ``journey``."""
    values = stats.kpis()
    moments = {tp.id for tp in journey.moments_of_truth}
    wait_sum = stats.touchpoints["wait_sum"]
    wait_count = stats.touchpoints["wait_count"]
    chosen = np.array([tp_id in moments for tp_id in stats.touchpoint_ids], dtype=bool)
    count = float(np.sum(wait_count[chosen])) if chosen.any() else 0.0
    values["mot_mean_wait"] = float(np.sum(wait_sum[chosen])) / count if count else math.nan
    return {name: float(values[name]) for name in METRICS}


def metric_table(stats: Sequence[ReplicationStats], journey: Journey) -> pd.DataFrame:
    """One row per replication (numbered from 1), one column per metric."""
    rows = [replication_metrics(s, journey) for s in stats]
    return pd.DataFrame(rows, columns=list(METRICS), index=pd.RangeIndex(1, len(rows) + 1, name="replication"))


def unstable_metrics(result: SimulationResult) -> dict[str, bool]:
    """Which :data:`METRICS` are not meaningful in ``result`` (a queue upstream without steady state):
    the flagged KPIs, and ``mot_mean_wait`` when a moment of truth is flagged."""
    flags = {str(name): bool(flag) for name, flag in result.kpis["unstable"].items()}
    moments = {tp.id for tp in result.journey.moments_of_truth}
    flags["mot_mean_wait"] = bool(moments & set(result.unstable))
    return {name: flags.get(name, False) for name in METRICS}


_MOT_MEAN_WAIT = N_("mean wait at moments of truth")


def metric_kind(name: str) -> str:
    """The kind of quantity metric ``name`` is (``share``, ``time``...; see
    :func:`journeymap.simulate.formatting.kind`)."""
    return "time" if name == "mot_mean_wait" else kind(name)


def metric_name(name: str, language: str = "en") -> str:
    """The name people read for metric ``name`` (``espera media en los momentos de la verdad``)."""
    if name == "mot_mean_wait":
        return translator(language).gettext(_MOT_MEAN_WAIT)
    return kpi_name(name, language)


def format_metric(name: str, value: float, time_unit: str, language: str = "en", *, per: str | None = None) -> str:
    """``value`` of metric ``name`` as people read it (``62.4%``, ``18.5 min``), as the simulation prints it;
    ``per`` fixes the unit a rate is said per."""
    return quantity(value, metric_kind(name), time_unit=time_unit, language=language, per=per)


def format_change(name: str, value: float, time_unit: str, language: str = "en", *, per: str | None = None) -> str:
    """A change in metric ``name`` as people read it in a table, with its sign: ``+8.3 pp``, ``-20 sec``;
    ``per`` fixes the unit a change in a rate is said per (``+1.5/h``)."""
    return change(value, metric_kind(name), time_unit=time_unit, language=language, length="short", per=per)


def check_metrics(names: Sequence[str] | None) -> list[str]:
    """The metric names asked for (all when ``None``); :class:`~journeymap.errors.NotFound` with a
    did-you-mean for an unknown one."""
    from journeymap.errors import NotFound

    if names is None:
        return list(METRICS)
    if isinstance(names, str):
        names = [names]
    for name in names:
        if name not in METRICS:
            raise NotFound("KPI", name, METRICS, text=f"unknown KPI '{name}'",
                           tail=f"; choose from: {', '.join(METRICS)}")
    return list(names)
