"""The warm-up found from the data: MSER-5 on the time customers spent in queues, in arrival order.

A replication starts with empty queues, so the first customers wait less than they will once the
system has settled; leaving them out removes that bias. MSER-5 (White, 1997; Hoad, Robinson and
Davies, 2010) batches the series in means of 5 and truncates at the batch ``d`` that minimises
``Σ (z_i - mean(z[d:]))² / (n - d)²``: the truncation after which the rest is most precisely known.
The search stops at half the series: a minimum found beyond it means the series never settled, which
the result says.

On one replication of a busy queue MSER-5 is erratic: the waits swing so widely that it often finds
no transient at all (at load 0.9 it keeps every customer in most pilots, which leaves intervals that
cover the truth well under 95% of the time). The warm-up used is therefore the larger of what MSER-5
finds and :data:`RELAXATIONS` relaxation times of the slowest queue, from the queueing approximations
(:func:`~journeymap.analysis.queueing.relaxation_time`): after that long an empty start is forgotten.

:func:`warmup_time` turns the pilot's truncation point into a time: the arrival time of the first
customer kept.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["BATCH", "RELAXATIONS", "WarmupChoice", "mser", "warmup_time"]

BATCH = 5
"""MSER-5: means of this many consecutive customers."""

RELAXATIONS = 5.0
"""The warm-up is at least this many relaxation times of the slowest queue (an empty start then
weighs e⁻⁵ < 1% of its first effect)."""


def mser(series: np.ndarray, batch: int = BATCH) -> tuple[int, bool]:
    """The number of leading observations to drop from ``series`` (a multiple of ``batch``) and whether
    the minimum was found in the first half of the batches (``False``: the series never settled)."""
    values = np.asarray(series, dtype=float)
    count = len(values) // batch
    if count < 4:
        return 0, True
    batches = values[: count * batch].reshape(count, batch).mean(axis=1)
    # for every d, the mean and sum of squares of batches[d:], from the end backwards
    tail_sum = np.cumsum(batches[::-1])[::-1]
    tail_squares = np.cumsum((batches**2)[::-1])[::-1]
    left = np.arange(count, 0, -1, dtype=float)  # n - d
    variance_sum = tail_squares - tail_sum**2 / left
    statistic = variance_sum / left**2
    half = count // 2
    best = int(np.argmin(statistic[: half + 1]))
    settled = best < half
    return best * batch, settled


@dataclass(frozen=True)
class WarmupChoice:
    """The warm-up chosen: ``time`` (in the journey's unit), the larger of ``mser_time`` (MSER-5 on the
    pilot, which dropped ``dropped`` of its ``observed`` customers; ``settled`` false when it found no
    point after which the waits settle) and ``floor`` (:data:`RELAXATIONS` relaxation times of the
    slowest queue)."""

    time: float
    dropped: int
    observed: int
    settled: bool
    mser_time: float = 0.0
    floor: float = 0.0

    def to_dict(self) -> dict[str, float | int | bool]:
        return {"time": self.time, "mser_time": self.mser_time, "floor": self.floor, "dropped": self.dropped,
                "observed": self.observed, "settled": self.settled}


def warmup_time(trace: np.ndarray | None, floor: float = 0.0) -> WarmupChoice:
    """The warm-up from a pilot's trace (rows: a followed customer's entry time and total wait in
    queues): MSER-5 on the waits in arrival order, as the entry time of the first customer kept, or
    ``floor`` when that is later."""
    if trace is None or not len(trace):
        return WarmupChoice(max(floor, 0.0), 0, 0, True, 0.0, floor)
    ordered = trace[np.argsort(trace[:, 0], kind="stable")]
    dropped, settled = mser(ordered[:, 1])
    time = float(ordered[dropped, 0]) if 0 < dropped < len(ordered) else 0.0
    time = time if math.isfinite(time) else 0.0
    return WarmupChoice(max(time, floor), dropped, len(ordered), settled, time, floor)
