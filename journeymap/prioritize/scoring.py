"""Ranking interventions: impact/effort quadrants, and RICE or ICE scores as alternatives.

**Quadrants** (the default): an intervention has *high impact* when its impact is positive and at least
the impact threshold, and *low effort* when its effort is at most the effort threshold; both thresholds
are the medians of the plan unless given. High impact and low effort: a quick win; high impact and high
effort: a big bet; low impact and low effort: a fill-in; low impact and high effort: a time sink. (An
intervention that improves nothing is never high impact, whatever the threshold.) The
``quadrant`` scorer ranks quick wins first, then big bets, fill-ins and time sinks, and within each by
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

__all__ = ["SCORERS", "classify", "ice_scores", "reach", "rice_scores", "thresholds"]

Scorer = Literal["quadrant", "rice", "ice"]
SCORERS: dict[str, str] = {
    "quadrant": "quick wins first, then big bets, fill-ins, time sinks; impact per unit of effort within each",
    "rice": "reach × impact × confidence ÷ effort",
    "ice": "impact × confidence × ease, each on a 1–10 scale",
}


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


def classify(impact: Sequence[float], effort: Sequence[float], *, impact_threshold: float | None = None,
             effort_threshold: float | None = None) -> list[str]:
    """The quadrant of each (impact, effort) pair: ``quick_win``, ``big_bet``, ``fill_in`` or ``time_sink``."""
    t_impact, t_effort = thresholds(impact, effort, impact_threshold=impact_threshold,
                                    effort_threshold=effort_threshold)
    quadrants = []
    for value, cost in zip(impact, effort, strict=True):
        high = math.isfinite(value) and value > 0 and value >= t_impact
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
