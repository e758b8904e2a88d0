"""Which moments of truth matter most: derived importance for overall satisfaction or NPS.

Customers are not asked what matters; it is derived from how their satisfaction with each moment
(``mot_<id>_overall``) moves with the outcome (``overall`` satisfaction, or the ``nps`` 0–10 answer):

- **correlation**: Pearson's r of each moment with the outcome, over the respondents who answered
  both, with its Fisher-z 95% interval;
- **relative weight** (Johnson 2000) and **Shapley value** (the LMG decomposition) of the regression
  of the outcome on all the moments together: each moment's share of the R², so that correlated
  moments share the credit instead of one taking it all. The regression is fitted with statsmodels
  on the respondents who rated every moment; when too few did (skip logic leaves gaps), it works on
  the pairwise correlations instead (``basis`` says which). The Shapley value needs every subset of
  moments and is left empty beyond :data:`SHAPLEY_LIMIT` moments.

**Critical** moments are those with more than an equal share of the importance and a top-2-box
satisfaction below the lower target: where customers are unhappy with what moves them most.
"""

from __future__ import annotations

import math
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy.special import ndtri

from journeymap.errors import JourneyError

if TYPE_CHECKING:
    from journeymap.survey.scoring import Scores

from journeymap.text.columns import column_notes

__all__ = ["IMPORTANCE_COLUMNS", "MIN_ANSWERS", "SHAPLEY_LIMIT", "derived_importance", "relative_weights",
           "shapley_r2", "subset_r2"]

IMPORTANCE_COLUMNS: dict[str, str] = column_notes("importance")
"""The columns of :func:`derived_importance`'s table (index: touchpoint id)."""

SHAPLEY_LIMIT = 12
"""The most moments for which the Shapley decomposition (2^k subsets) is computed."""

MIN_ANSWERS = 10
"""A moment rated together with the outcome by fewer respondents is left out of the regression."""

TARGETS = {"overall": "overall", "nps": "nps"}


def subset_r2(correlations: np.ndarray, with_outcome: np.ndarray, subset: tuple[int, ...]) -> float:
    """R² of the linear regression of the outcome on the predictors ``subset``, from the predictors'
    correlation matrix and their correlations with the outcome (``r' R⁻¹ r``)."""
    if not subset:
        return 0.0
    index = list(subset)
    r = with_outcome[index]
    return float(r @ np.linalg.pinv(correlations[np.ix_(index, index)]) @ r)


def relative_weights(correlations: np.ndarray, with_outcome: np.ndarray) -> np.ndarray:
    """Johnson's relative weights: each predictor's part of the R² (they sum to the R²)."""
    values, vectors = np.linalg.eigh(correlations)
    values = np.clip(values, 0.0, None)
    root = vectors @ np.diag(np.sqrt(values)) @ vectors.T  # correlations of X with its orthogonal twin Z
    beta = np.linalg.pinv(root) @ with_outcome
    return (root**2) @ (beta**2)


def shapley_r2(correlations: np.ndarray, with_outcome: np.ndarray) -> np.ndarray:
    """The Shapley (LMG) decomposition of the R²: each predictor's average gain in R² over every order
    of entry (they sum to the R²)."""
    k = len(with_outcome)
    cache: dict[tuple[int, ...], float] = {}

    def r2(subset: tuple[int, ...]) -> float:
        if subset not in cache:
            cache[subset] = subset_r2(correlations, with_outcome, subset)
        return cache[subset]

    values = np.zeros(k)
    for j in range(k):
        others = [i for i in range(k) if i != j]
        for size in range(k):
            weight = math.factorial(size) * math.factorial(k - size - 1) / math.factorial(k)
            for subset in combinations(others, size):
                values[j] += weight * (r2(tuple(sorted((*subset, j)))) - r2(subset))
    return values


def _fisher(r: float, n: int) -> tuple[float, float]:
    if n <= 3 or not math.isfinite(r) or abs(r) >= 1:
        return math.nan, math.nan
    z, half = math.atanh(r), float(ndtri(0.975)) / math.sqrt(n - 3)
    return math.tanh(z - half), math.tanh(z + half)


def derived_importance(scores: Scores, target: str = "overall") -> pd.DataFrame:
    """The importance of each moment of truth for ``target`` (``overall`` or ``nps``), with its
    performance and the critical ones flagged: :data:`IMPORTANCE_COLUMNS`, one row per moment rated.
    ``attrs`` hold ``r2`` (of the regression), ``n`` (respondents it used), ``basis`` (``complete``
    cases or ``pairwise`` correlations) and ``target``.

    Raises :class:`~journeymap.errors.JourneyError` when the outcome was not asked or too few answered."""
    import statsmodels.api as sm

    if target not in TARGETS:
        raise ValueError(f"'target' must be 'overall' or 'nps' (got {target!r})")
    table = scores.responses.table
    if target not in table or table[target].notna().sum() < MIN_ANSWERS:
        raise JourneyError(f"not enough answers to '{target}' to derive importance (at least {MIN_ANSWERS} needed)")
    outcome = table[target].astype(float)
    moments = [tp for tp in scores.moments.index if f"mot_{tp}_overall" in table
               and (table[f"mot_{tp}_overall"].notna() & outcome.notna()).sum() >= MIN_ANSWERS]
    if not moments:
        raise JourneyError(f"no moment was rated together with '{target}' by at least {MIN_ANSWERS} respondents")
    predictors = table[[f"mot_{tp}_overall" for tp in moments]].astype(float)
    predictors.columns = moments
    rows = []
    for tp in moments:
        pair = pd.concat([predictors[tp], outcome], axis=1).dropna()
        r = float(pair.iloc[:, 0].corr(pair.iloc[:, 1])) if len(pair) > 2 else math.nan
        low, high = _fisher(r, len(pair))
        rows.append({"touchpoint": tp, "n": len(pair), "correlation": r, "correlation_low": low,
                     "correlation_high": high})
    complete = pd.concat([predictors, outcome], axis=1).dropna()
    k = len(moments)
    if len(complete) >= max(30, 5 * (k + 1)):
        basis = "complete"
        fit = sm.OLS(complete[target], sm.add_constant(complete[moments], has_constant="add")).fit()
        r2_value = float(fit.rsquared)
        matrix = complete.corr().to_numpy()
        used = len(complete)
    else:
        basis = "pairwise"
        matrix = pd.concat([predictors, outcome], axis=1).corr(min_periods=3).to_numpy()
        used = int(outcome.notna().sum())
    matrix = np.nan_to_num(matrix, nan=0.0)
    np.fill_diagonal(matrix, 1.0)
    rxx, rxy = matrix[:k, :k], matrix[:k, k]
    weights = relative_weights(rxx, rxy)
    if basis == "pairwise":
        r2_value = float(weights.sum())
    total = weights.sum()
    shares = weights / total if total > 0 else np.full(k, np.nan)
    shapley = shapley_r2(rxx, rxy) if k <= SHAPLEY_LIMIT else np.full(k, np.nan)
    shapley_shares = shapley / shapley.sum() if k <= SHAPLEY_LIMIT and shapley.sum() > 0 else np.full(k, np.nan)
    frame = pd.DataFrame(rows).set_index("touchpoint")
    frame.insert(0, "name", [str(scores.moments.loc[tp, "name"]) for tp in moments])
    frame["relative_weight"] = shares
    frame["shapley"] = shapley_shares
    frame["importance"] = shares
    frame["performance"] = [float(scores.moments.loc[tp, "csat"]) for tp in moments]
    frame["critical"] = (frame["importance"] > 1.0 / k) & (frame["performance"] < scores.targets.fail_below)
    frame = frame[list(IMPORTANCE_COLUMNS)]
    frame.attrs.update(r2=r2_value, n=used, basis=basis, target=target)
    return frame
