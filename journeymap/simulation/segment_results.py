"""The figures of each customer segment, and the differences between segments, with 95% intervals.

Each replication's counts of one segment become a
:class:`~journeymap.simulation.replication.ReplicationStats` (:func:`~journeymap.simulation.segments.segment_view`),
so a segment's KPIs and touchpoint figures are computed exactly as the journey's; the replications are
then summarised the same way (mean, Student-t interval). A difference between two segments is taken
within each replication (both segments lived the same queues) and then summarised: a paired interval.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from journeymap.errors import NotFound
from journeymap.simulation.replication import KPIS, ReplicationStats
from journeymap.simulation.segments import segment_view

__all__ = ["SegmentFigures", "segment_difference", "segment_figures"]

Summary = Callable[[np.ndarray], dict[str, np.ndarray]]


@dataclass(frozen=True)
class SegmentFigures:
    """One segment's figures: ``replications`` (one row per replication, one column per KPI), ``kpis``
    (index KPI; ``mean``, ``ci_low``, ``ci_high``, ``sd``, ``n``) and ``touchpoints_ci`` (index
    ``(touchpoint, metric)``, the same columns): shaped like the journey's own tables."""

    replications: pd.DataFrame
    kpis: pd.DataFrame
    touchpoints_ci: pd.DataFrame


def segment_figures(stats: Sequence[ReplicationStats], summary: Summary) -> dict[str, SegmentFigures]:
    """The figures of every segment by id (none without segments); ``summary`` makes the intervals."""
    if not stats or not stats[0].segment_ids:
        return {}
    found = {}
    for number, segment in enumerate(stats[0].segment_ids):
        views = [segment_view(s, number) for s in stats]
        replications = pd.DataFrame([v.kpis() for v in views], columns=list(KPIS))
        found[segment] = SegmentFigures(replications, _table(replications.to_numpy(), list(KPIS), "kpi", summary),
                                        _touchpoints([v.touchpoint_metrics() for v in views], summary))
    return found


def _table(values: np.ndarray, index: Any, name: str | list[str], summary: Summary) -> pd.DataFrame:
    ci = summary(values)
    frame = pd.DataFrame({key: ci[key] for key in ("mean", "ci_low", "ci_high", "sd", "n")},
                         index=pd.Index(index, name=name) if isinstance(name, str) else index)
    frame["n"] = frame["n"].astype(int)
    return frame


def _touchpoints(frames: list[pd.DataFrame], summary: Summary) -> pd.DataFrame:
    cube = np.stack([frame.to_numpy(dtype=float) for frame in frames])
    template = frames[0]
    index = pd.MultiIndex.from_product([template.index, template.columns], names=["touchpoint", "metric"])
    return _table(cube.reshape(len(frames), -1), index, ["touchpoint", "metric"], summary)


def segment_difference(figures: dict[str, SegmentFigures], first: str, second: str,
                       summary: Summary) -> pd.DataFrame:
    """``first`` − ``second`` for every KPI, paired by replication: index KPI, columns ``mean``,
    ``ci_low``, ``ci_high``, ``sd``, ``n``. :class:`~journeymap.errors.NotFound` for an unknown segment."""
    for segment in (first, second):
        if segment not in figures:
            raise NotFound("segment", segment, list(figures))
    paired = figures[first].replications.to_numpy() - figures[second].replications.to_numpy()
    return _table(paired, list(KPIS), "kpi", summary)
