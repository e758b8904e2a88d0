"""How many servers a touchpoint has, estimated from how many distinct resources work there at once.

A resource's busy periods at a touchpoint are merged (a person on two overlapping tickets is one
server busy), and the number of distinct resources busy at once is followed over time. The
estimate is the median of that number over the time when at least one is busy (rounded up), with
its 90th percentile and maximum; it is an estimate: people also work elsewhere, take breaks, and a
log shows only the work it records.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = ["concurrency"]


def _merged(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Overlapping intervals of one resource merged (input sorted by start)."""
    running_end = np.maximum.accumulate(ends)
    new = np.ones(len(starts), dtype=bool)
    new[1:] = starts[1:] > running_end[:-1]
    first = np.flatnonzero(new)
    return starts[first], np.maximum.reduceat(ends, first)


def concurrency(busy: pd.DataFrame) -> pd.DataFrame:
    """Per touchpoint: ``resources`` (distinct), ``median``, ``p90`` and ``max`` of the distinct resources
    busy at once while at least one is, and ``capacity`` (the median rounded up, at least 1)."""
    rows = []
    frame = busy[busy["end"] >= busy["start"]]
    for touchpoint, group in frame.groupby("touchpoint", sort=False):
        starts, ends = [], []
        for _, work in group.sort_values("start").groupby("resource", sort=False, observed=True):
            s, e = work["start"].to_numpy(float), work["end"].to_numpy(float)
            merged_start, merged_end = _merged(s, e)
            starts.append(merged_start)
            ends.append(merged_end)
        s, e = np.concatenate(starts), np.concatenate(ends)
        times = np.concatenate([s, e])
        steps = np.concatenate([np.ones(len(s)), -np.ones(len(e))])
        order = np.lexsort((steps, times))  # at a tie, an end (-1) before a start
        times, level = times[order], np.cumsum(steps[order])
        durations = np.diff(times)
        levels = level[:-1]
        busy_time = durations[levels > 0]
        counts = levels[levels > 0]
        if busy_time.sum() <= 0:
            median = p90 = top = 1.0
        else:
            median, p90 = _weighted_quantiles(counts, busy_time, (0.5, 0.9))
            top = float(counts.max())
        rows.append({"touchpoint": touchpoint, "resources": int(group["resource"].nunique()), "median": median,
                     "p90": p90, "max": top, "capacity": max(1, math.ceil(median))})
    return pd.DataFrame(rows, columns=["touchpoint", "resources", "median", "p90", "max", "capacity"])


def _weighted_quantiles(values: np.ndarray, weights: np.ndarray, levels: tuple[float, ...]) -> list[float]:
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order]) / weights.sum()
    return [float(values[order][np.searchsorted(cumulative, q)]) for q in levels]
