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


def _merged(group: np.ndarray, starts: np.ndarray,
            ends: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Overlapping intervals of each group (a resource in a history) merged; the input is sorted by group
    and start, and the groups are laid one after another on the time line so that one running maximum
    serves them all. Returns the merged starts, ends and the group of each."""
    stride = float(np.max(ends) - np.min(starts)) + 1.0
    shift = group * stride
    running_end = np.maximum.accumulate(ends + shift) - shift
    new = np.ones(len(starts), dtype=bool)
    new[1:] = (group[1:] != group[:-1]) | (starts[1:] > running_end[:-1])
    first = np.flatnonzero(new)
    return starts[first], np.maximum.reduceat(ends, first), group[first]


def concurrency(busy: pd.DataFrame) -> pd.DataFrame:
    """Per touchpoint: ``resources`` (distinct), ``median``, ``p90`` and ``max`` of the distinct resources
    busy at once while at least one is, and ``capacity`` (the median rounded up, at least 1).

    With a ``replication`` column the histories are kept apart: each is followed on its own (the same
    person in two replications is two histories' server, never two servers at once)."""
    rows = []
    frame = busy[busy["end"] >= busy["start"]]
    history = frame["replication"] if "replication" in frame else pd.Series(0, index=frame.index)
    for touchpoint, group in frame.groupby("touchpoint", sort=False):
        resource = pd.factorize(group["resource"], sort=False)[0]
        runs, runs_of = pd.factorize(history[group.index], sort=False)
        s, e = group["start"].to_numpy(float), group["end"].to_numpy(float)
        width = int(resource.max()) + 1
        key = runs.astype(np.int64) * width + resource
        order = np.lexsort((s, key))
        merged_start, merged_end, merged_key = _merged(key[order], s[order], e[order])
        merged_runs = merged_key // width
        # each history on its own stretch of the time line, so that their busy periods never overlap
        stretch = float(np.max(e) - np.min(s)) + 1.0
        offset = merged_runs * stretch
        times = np.concatenate([merged_start + offset, merged_end + offset])
        steps = np.concatenate([np.ones(len(merged_start)), -np.ones(len(merged_end))])
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
                     "p90": p90, "max": top, "capacity": max(1, math.ceil(median)), "replications": len(runs_of)})
    return pd.DataFrame(rows, columns=["touchpoint", "resources", "median", "p90", "max", "capacity", "replications"])


def _weighted_quantiles(values: np.ndarray, weights: np.ndarray, levels: tuple[float, ...]) -> list[float]:
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order]) / weights.sum()
    return [float(values[order][np.searchsorted(cumulative, q)]) for q in levels]
