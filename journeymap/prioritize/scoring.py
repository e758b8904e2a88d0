"""Ranking interventions: impact/effort quadrants, and RICE or ICE scores as alternatives.

**Quadrants** (the default): an intervention has *high impact* when its impact is positive, at least the
impact threshold and *distinguishable* from no change (its 95% interval leaves out zero), and *low effort*
when its effort is at most the effort threshold. High impact and low effort: a quick win; high impact and
high effort: a big bet; low impact and low effort: a fill-in; low impact and high effort: a time sink.

The thresholds follow a **rule the consultant can state** (``split="rule"``, the default): the impact must
reach a minimum worth acting on (:data:`MIN_SHARE`, one percentage point, for a rate; :data:`MIN_RELATIVE`,
5% of the base value, for a time or throughput) and the effort must fit a budget (:data:`BUDGET`, ten
person-days); either may be given instead. ``split="median"`` splits at the medians of the plan, as
before (a heuristic score, which has no unit, and a cost without a budget are always split at the median).
The ``quadrant`` scorer ranks quick wins first, then big bets, fill-ins and time sinks, and within each by
impact per unit of effort (the ``score``).

**RICE** = reach × impact × confidence ÷ effort, where reach is the number of customers out of 100
entering the cycle who pass at least one of the intervention's target touchpoints (exact, from the
routing chain). **ICE** = impact × confidence × ease on 1–10 scales: impact 10 × impact ÷ the largest
impact of the plan (0 when not positive), confidence 10 × confidence, ease 10 × the smallest effort ÷
effort. Both rank by score alone; the quadrant is still reported.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from journeymap.analysis import goal_probability
from journeymap.model import Journey
from journeymap.prioritize.words import QUADRANTS

__all__ = ["BUDGET", "MIN_RELATIVE", "MIN_SHARE", "SCORERS", "SPLITS", "classify", "distinguishable", "ice_scores",
           "reach", "rice_scores", "rule_thresholds", "thresholds"]

Scorer = Literal["quadrant", "rice", "ice"]
SCORERS: dict[str, str] = {
    "quadrant": "quick wins first, then big bets, fill-ins, time sinks; impact per unit of effort within each",
    "rice": "reach × impact × confidence ÷ effort",
    "ice": "impact × confidence × ease, each on a 1–10 scale",
}

Split = Literal["rule", "median"]
SPLITS: dict[str, str] = {
    "rule": "a minimum impact worth acting on and an effort budget, stated on the chart",
    "median": "the medians of the plan's impacts and efforts",
}

MIN_SHARE = 0.01
"""The smallest change in a rate (goal rate, abandonment...) worth acting on: one percentage point."""

MIN_RELATIVE = 0.05
"""The smallest change in a time or a throughput worth acting on: 5% of its value in the base journey."""

BUDGET = 10.0
"""The most effort a quick win may take: ten person-days (two weeks of one person)."""

Basis = Literal["given", "rule", "median"]


def _finite(values: Sequence[float] | np.ndarray | pd.Series) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    return array[np.isfinite(array)]


def thresholds(impact: Sequence[float], effort: Sequence[float], *, impact_threshold: float | None = None,
               effort_threshold: float | None = None) -> tuple[float, float]:
    """The impact and effort thresholds: those given, else the medians of the values."""
    impacts, efforts = _finite(impact), _finite(effort)
    t_impact = impact_threshold if impact_threshold is not None else (
        float(np.median(impacts)) if len(impacts) else 0.0)
    t_effort = effort_threshold if effort_threshold is not None else (
        float(np.median(efforts)) if len(efforts) else 0.0)
    return t_impact, t_effort


def rule_thresholds(impact: Sequence[float], effort: Sequence[float], *, kind: str | None, base: float,
                    effort_basis: str = "effort", impact_threshold: float | None = None,
                    effort_threshold: float | None = None) -> tuple[float, float, Basis, Basis]:
    """The thresholds of the stated rule, and where each came from (``given``, ``rule`` or ``median``).

    ``kind`` is the objective's kind (``share``, ``time``, ``rate``...; ``None`` for a heuristic score) and
    ``base`` its value in the base journey; ``effort_basis`` says whether efforts are person-days or cost."""
    median_impact, median_effort = thresholds(impact, effort)
    if impact_threshold is not None:
        t_impact, impact_from = float(impact_threshold), "given"
    elif kind == "share":
        t_impact, impact_from = MIN_SHARE, "rule"
    elif kind in ("time", "rate") and math.isfinite(base) and base:
        t_impact, impact_from = MIN_RELATIVE * abs(base), "rule"
    else:
        t_impact, impact_from = median_impact, "median"
    if effort_threshold is not None:
        t_effort, effort_from = float(effort_threshold), "given"
    elif effort_basis == "effort":
        t_effort, effort_from = BUDGET, "rule"
    else:
        t_effort, effort_from = median_effort, "median"
    return t_impact, t_effort, impact_from, effort_from  # type: ignore[return-value]


def distinguishable(low: Sequence[float], high: Sequence[float]) -> list[bool]:
    """Whether each impact is distinguishable from no change: its 95% interval ``[low, high]`` leaves out zero.
    An impact without an interval (a heuristic score, a single replication) counts as distinguishable: there is
    nothing to tell it apart from."""
    return [not (math.isfinite(a) and math.isfinite(b) and a <= 0.0 <= b) for a, b in zip(low, high, strict=True)]


def classify(impact: Sequence[float], effort: Sequence[float], *, impact_threshold: float | None = None,
             effort_threshold: float | None = None, clear: Sequence[bool] | None = None) -> list[str]:
    """The quadrant of each (impact, effort) pair: ``quick_win``, ``big_bet``, ``fill_in`` or ``time_sink``
    (thresholds: those given, else the medians). ``clear`` says which impacts are distinguishable from no
    change (:func:`distinguishable`); one that is not is never high impact."""
    t_impact, t_effort = thresholds(impact, effort, impact_threshold=impact_threshold,
                                    effort_threshold=effort_threshold)
    clear = [True] * len(impact) if clear is None else list(clear)
    quadrants = []
    for value, cost, certain in zip(impact, effort, clear, strict=True):
        high = certain and math.isfinite(value) and value > 0 and value >= t_impact
        easy = cost <= t_effort
        quadrants.append(("quick_win" if easy else "big_bet") if high else ("fill_in" if easy else "time_sink"))
    return quadrants


def quadrant_order(quadrants: Sequence[str]) -> list[int]:
    """Each quadrant's place in the plan's order (quick wins 0 ... time sinks 3)."""
    return [QUADRANTS.index(q) for q in quadrants]


def reach(journey: Journey, targets: Sequence[str]) -> float:
    """Customers out of 100 entering the cycle who pass at least one of ``targets`` (exact: the targets
    made absorbing in the routing chain)."""
    ids = set(targets) & set(journey.touchpoint_ids)
    if not ids:
        return 0.0
    marked = journey.replace(touchpoints=tuple(tp.replace(goal=tp.id in ids) for tp in journey.touchpoints))
    return 100.0 * goal_probability(marked)


def rice_scores(reaches: Sequence[float], impact: Sequence[float], confidence: Sequence[float],
                effort: Sequence[float]) -> np.ndarray:
    """RICE = reach × impact × confidence ÷ effort, element by element."""
    return (np.asarray(reaches, float) * np.asarray(impact, float) * np.asarray(confidence, float)
            / np.asarray(effort, float))


def ice_scores(impact: Sequence[float], confidence: Sequence[float], effort: Sequence[float]) -> np.ndarray:
    """ICE = impact × confidence × ease, each on a 1–10 scale (see the module documentation)."""
    impacts = np.nan_to_num(np.asarray(impact, float), nan=0.0)
    top = impacts.max() if len(impacts) and impacts.max() > 0 else 1.0
    impact_score = np.clip(10.0 * impacts / top, 0.0, 10.0)
    efforts = np.asarray(effort, float)
    ease = 10.0 * efforts.min() / efforts if len(efforts) else efforts
    return impact_score * 10.0 * np.asarray(confidence, float) * ease
