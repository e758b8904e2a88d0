"""95% intervals for what a log measures: shares (Wilson), counts (exact Poisson), means (Student t) and
quantiles (distribution-free, from order statistics)."""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

__all__ = ["CONFIDENCE", "mean_interval", "poisson_interval", "quantile_interval", "wilson"]

CONFIDENCE = 0.95


def wilson(successes: float, trials: float, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Wilson score interval of a share ``successes / trials`` (NaN without trials)."""
    if trials <= 0:
        return (math.nan, math.nan)
    z = stats.norm.ppf(0.5 + confidence / 2)
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    low = 0.0 if successes <= 0 else max(0.0, centre - half)
    high = 1.0 if successes >= trials else min(1.0, centre + half)
    return (low, high)


def poisson_interval(count: float, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Exact (Garwood) interval of a Poisson mean from one observed ``count``."""
    alpha = 1 - confidence
    low = 0.0 if count == 0 else stats.chi2.ppf(alpha / 2, 2 * count) / 2
    high = stats.chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
    return float(low), float(high)


def mean_interval(values: np.ndarray, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Student-t interval of the mean (NaN with fewer than two values)."""
    n = len(values)
    if n < 2:
        return (math.nan, math.nan)
    half = stats.t.ppf(0.5 + confidence / 2, n - 1) * np.std(values, ddof=1) / math.sqrt(n)
    mean = float(np.mean(values))
    return (mean - half, mean + half)


def quantile_interval(values: np.ndarray, q: float, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Distribution-free interval of the ``q`` quantile: the order statistics whose ranks the binomial
    distribution puts around ``n q`` (NaN when the sample is too small for the confidence asked)."""
    data = np.sort(np.asarray(values, dtype=float))
    n = len(data)
    if n < 2:
        return (math.nan, math.nan)
    alpha = 1 - confidence
    low = int(stats.binom.ppf(alpha / 2, n, q))
    high = int(stats.binom.ppf(1 - alpha / 2, n, q)) + 1
    below = float(data[low - 1]) if low >= 1 else math.nan
    above = float(data[high - 1]) if high <= n else math.nan
    return (below, above)
