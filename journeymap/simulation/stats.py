"""Streaming accumulators whose memory does not grow with the number of customers.

:class:`Histogram` keeps percentiles of waits and times in the cycle in fixed log-spaced bins;
:class:`PathCounter` counts the paths through the cycle exactly, up to a stated number of distinct paths. The
engine feeds both as the run goes, so a run of ten million customers takes the same memory as one
of a thousand (only the optional event log grows).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

__all__ = ["MAX_PATH_LENGTH", "PATH_LIMIT", "Histogram", "PathCounter", "count_at_most", "sparse"]

MAX_PATH_LENGTH = 12
"""Paths are told apart by their first this-many visits; longer ones end in ``…``."""


class Histogram:
    """Counts of non-negative times in log-spaced bins, for percentiles with bounded memory.

    Bins run from ``LOW`` to ``HIGH`` (in the journey's time unit) with ``PER_DECADE`` bins per
    factor of ten, so each bin is 3.7% wide; a percentile is interpolated inside its bin and
    clamped to the exact smallest and largest value seen, which keeps its relative error well
    under 2%. Zeros (customers served at once) have their own exact count.

    Values are appended to :attr:`buffer` (a plain list, the cheapest thing to append to in the
    engine's inner loop) and binned by numpy whenever the buffer holds ``FLUSH`` values.
    """

    LOW = 1e-6
    HIGH = 1e9
    PER_DECADE = 64
    FLUSH = 2048
    BINS = round(math.log10(HIGH / LOW) * PER_DECADE)

    def __init__(self) -> None:
        # counts[0]: values below LOW (other than zero); counts[1:BINS+1]: the log bins; counts[-1]: above HIGH
        self.counts = np.zeros(self.BINS + 2, dtype=np.int64)
        self.zeros = 0
        self.low = math.inf
        self.high = -math.inf
        self.buffer: list[float] = []

    def add(self, value: float) -> None:
        """Count one value (the engine appends to :attr:`buffer` directly; this is for everyone else)."""
        if value <= 0.0:
            self.zeros += 1
            return
        self.buffer.append(value)
        if len(self.buffer) >= self.FLUSH:
            self.flush()

    def flush(self) -> None:
        """Bin the buffered values and empty the buffer."""
        if not self.buffer:
            return
        values = np.asarray(self.buffer, dtype=float)
        self.buffer.clear()
        positive = values[values > 0.0]
        self.zeros += len(values) - len(positive)
        if not len(positive):
            return
        self.low = min(self.low, float(positive.min()))
        self.high = max(self.high, float(positive.max()))
        index = np.floor(np.log10(positive / self.LOW) * self.PER_DECADE).astype(np.int64) + 1
        np.clip(index, 0, self.BINS + 1, out=index)
        self.counts += np.bincount(index, minlength=self.BINS + 2)

    @property
    def total(self) -> int:
        """How many values were counted."""
        self.flush()
        return int(self.counts.sum()) + self.zeros

    def edges(self) -> np.ndarray:
        """The ``BINS + 1`` bin edges of the log bins."""
        return self.LOW * 10.0 ** (np.arange(self.BINS + 1) / self.PER_DECADE)

    def quantile(self, q: float) -> float:
        """The ``q``-quantile (0 ≤ q ≤ 1) of the values counted; NaN when there are none."""
        self.flush()
        total = self.total
        if total == 0:
            return math.nan
        target = q * total
        if self.zeros and target <= self.zeros:
            return 0.0
        cumulative = np.cumsum(self.counts) + self.zeros
        k = int(np.searchsorted(cumulative, target, side="left"))
        k = min(k, len(self.counts) - 1)
        before = cumulative[k - 1] if k > 0 else self.zeros
        fraction = (target - before) / self.counts[k] if self.counts[k] else 1.0
        if k == 0:
            value = self.LOW * fraction
        elif k > self.BINS:
            value = self.high
        else:
            lo = self.LOW * 10.0 ** ((k - 1) / self.PER_DECADE)
            value = lo * 10.0 ** (fraction / self.PER_DECADE)
        return float(min(max(value, self.low), self.high))

    def snapshot(self) -> tuple[np.ndarray, int]:
        """The bin counts and the zero count, as plain data to ship between processes."""
        self.flush()
        return self.counts.copy(), self.zeros


def sparse(histogram: Histogram) -> tuple[np.ndarray, np.ndarray, int]:
    """A histogram's non-empty bins as (bin indices, their counts, zeros): small to keep and to ship."""
    counts, zeros = histogram.snapshot()
    bins = np.flatnonzero(counts)
    return bins.astype(np.int32), counts[bins], zeros


def count_at_most(bins: np.ndarray, counts: np.ndarray, zeros: int, limit: float) -> float:
    """How many values of a :func:`sparse` histogram are at most ``limit``, interpolated inside the
    log bin that holds ``limit``."""
    if limit < 0:
        return 0.0
    if limit == 0:
        return float(zeros)
    position = math.log10(limit / Histogram.LOW) * Histogram.PER_DECADE
    k = math.floor(position) + 1 if position >= 0 else 0
    whole = float(counts[bins < k].sum())
    inside = float(counts[bins == k].sum())
    fraction = min(1.0, limit / Histogram.LOW) if k == 0 else position - (k - 1) if k <= Histogram.BINS else 1.0
    return float(zeros) + whole + inside * fraction


def rebin(counts: np.ndarray, zeros: int, edges: np.ndarray) -> np.ndarray:
    """Counts of a :class:`Histogram`'s ``counts`` regrouped into the (linear) bins ``edges``.

    Each log bin goes whole to the linear bin holding its geometric middle; zeros go to the bin
    holding 0. Good for drawing, not for arithmetic.
    """
    middles = Histogram.LOW * 10.0 ** ((np.arange(Histogram.BINS) + 0.5) / Histogram.PER_DECADE)
    values = np.concatenate([[0.0, Histogram.LOW / 2], middles, [Histogram.HIGH]])
    weights = np.concatenate([[zeros], counts]).astype(float)
    out, _ = np.histogram(values, bins=edges, weights=weights)
    return out


PATH_LIMIT = 10_000
"""Distinct paths a replication counts exactly; customers on any further path are counted together."""


class PathCounter:
    """How many customers took each path through the cycle: exact counts for up to ``limit`` distinct
    paths (in the order they first appear); customers on a path first seen after that are counted
    in :attr:`beyond`, so every share stays exact and the result can say how many were not told apart.

    A path is coded by the engine as one integer (``code = code × base + index + 1`` per visit, for
    the first :data:`MAX_PATH_LENGTH` visits; negative when the path went on longer).
    """

    def __init__(self, base: int, limit: int = PATH_LIMIT) -> None:
        self.base = base
        self.limit = limit
        self.counts: dict[int, int] = {}
        self.beyond = 0

    def add(self, code: int) -> None:
        """Count one customer who took the path ``code``."""
        counts = self.counts
        if code in counts:
            counts[code] += 1
        elif len(counts) < self.limit:
            counts[code] = 1
        else:
            self.beyond += 1

    def decode(self, code: int, names: Sequence[str]) -> tuple[str, ...]:
        """The path ``code`` as touchpoint ids (ending in ``…`` when it was cut short)."""
        cut = code < 0
        code = abs(code)
        steps: list[str] = []
        while code:
            code, index = divmod(code, self.base)
            steps.append(names[index - 1])
        steps.reverse()
        return (*steps, "…") if cut else tuple(steps)

    def all(self, names: Sequence[str]) -> dict[tuple[str, ...], int]:
        """Every path counted, as ``{(id, id, ...): customers}``, most frequent first."""
        ordered = sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        return {self.decode(code, names): count for code, count in ordered}

    def most_common(self, names: Sequence[str], n: int = 20) -> dict[tuple[str, ...], int]:
        """The ``n`` most frequent paths as ``{(id, id, ...): customers}``, most frequent first."""
        return dict(list(self.all(names).items())[:n])
