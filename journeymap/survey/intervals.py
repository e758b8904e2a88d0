"""The intervals of survey figures: shares (Wilson), means (Student t), NPS (analytic or bootstrap).

Each function takes counts or answers and returns plain numbers; NaN where a figure is undefined
(no answers). All intervals are two-sided at ``confidence`` (95% by default).

- A **share** (top-2-box CSAT, the share who did not live a moment) has the Wilson score interval,
  which stays inside 0–1 and keeps its coverage for small n and shares near 0 or 1.
- A **mean** score has the Student t interval over the answers.
- **NPS** = share of promoters (9–10) − share of detractors (0–6), on −100..100. Its variance is
  ``(p₊ + p₋ − (p₊ − p₋)²) / n`` (the multinomial variance of a difference of two shares), giving a
  normal interval; ``method="bootstrap"`` resamples respondents instead (percentile interval, seeded).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.special import ndtri, stdtrit

__all__ = ["CONFIDENCE", "mean_interval", "n_to_clear", "nps_interval", "wilson"]

CONFIDENCE = 0.95


def _z(confidence: float) -> float:
    return float(ndtri(0.5 + confidence / 2))


def wilson(successes: float, n: float, confidence: float = CONFIDENCE) -> tuple[float, float, float]:
    """(share, low, high): the Wilson score interval of ``successes`` out of ``n``; NaNs when ``n`` is 0."""
    if n <= 0:
        return math.nan, math.nan, math.nan
    z = _z(confidence)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return p, max(0.0, centre - half), min(1.0, centre + half)


def mean_interval(values: np.ndarray, confidence: float = CONFIDENCE,
                  bounds: tuple[float, float] = (-math.inf, math.inf)) -> tuple[float, float, float, int]:
    """(mean, low, high, n) of the finite ``values``: Student t interval kept within ``bounds``
    (the scale's ends); the interval is NaN with fewer than two answers."""
    data = np.asarray(values, dtype=float)
    data = data[np.isfinite(data)]
    n = len(data)
    if n == 0:
        return math.nan, math.nan, math.nan, 0
    mean = float(data.mean())
    if n < 2:
        return mean, math.nan, math.nan, 1
    half = float(stdtrit(n - 1, 0.5 + confidence / 2)) * float(data.std(ddof=1)) / math.sqrt(n)
    return mean, max(bounds[0], mean - half), min(bounds[1], mean + half), n


def nps_interval(scores: np.ndarray, confidence: float = CONFIDENCE, *, method: str = "analytic",
                 resamples: int = 2000, seed: int = 0) -> tuple[float, float, float, int]:
    """(NPS, low, high, n) on −100..100 from 0–10 answers (NaNs ignored).

    ``method="analytic"``: NPS ± z·√((p₊ + p₋ − (p₊ − p₋)²)/n); ``"bootstrap"``: the percentile
    interval of ``resamples`` resamples of the respondents drawn with ``seed``."""
    if method not in ("analytic", "bootstrap"):
        raise ValueError(f"'method' must be 'analytic' or 'bootstrap' (got {method!r})")
    data = np.asarray(scores, dtype=float)
    data = data[np.isfinite(data)]
    n = len(data)
    if n == 0:
        return math.nan, math.nan, math.nan, 0
    promoters, detractors = float(np.mean(data >= 9)), float(np.mean(data <= 6))
    value = 100.0 * (promoters - detractors)
    if method == "bootstrap":
        rng = np.random.default_rng(seed)
        kind = np.where(data >= 9, 1.0, np.where(data <= 6, -1.0, 0.0))
        draws = kind[rng.integers(0, n, size=(resamples, n))].mean(axis=1) * 100.0
        alpha = (1 - confidence) / 2
        low, high = np.quantile(draws, [alpha, 1 - alpha])
        return value, float(max(-100.0, low)), float(min(100.0, high)), n
    variance = (promoters + detractors - (promoters - detractors) ** 2) / n
    half = _z(confidence) * math.sqrt(max(variance, 0.0)) * 100.0
    return value, max(-100.0, value - half), min(100.0, value + half), n


def n_to_clear(share: float, threshold: float, confidence: float = CONFIDENCE, limit: int = 10_000_000) -> int | None:
    """The smallest number of answers at which the Wilson interval around ``share`` would lie wholly
    on one side of ``threshold`` (the n that would settle on which side the share is); ``None`` when
    the share sits on the threshold (no n settles it) or is unknown."""
    if not math.isfinite(share) or math.isclose(share, threshold, abs_tol=1e-12):
        return None

    def clear(n: int) -> bool:
        _, low, high = wilson(share * n, n, confidence)
        return low > threshold or high < threshold

    high = 1
    while not clear(high):
        high *= 2
        if high > limit:
            return None
    low = high // 2
    while low + 1 < high:
        middle = (low + high) // 2
        if clear(middle):
            high = middle
        else:
            low = middle
    return high
