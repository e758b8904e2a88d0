"""Measured satisfaction brought back onto the map.

:func:`apply` returns the journey with each scored moment of truth's ``measured_satisfaction`` set:
the mean of its overall item (1–5) with its interval, how many answered, when and from what. The
consultant's estimate (``satisfaction``) is kept as it was; ``Touchpoint.shown_satisfaction`` is the
measured value wherever there is one, so the diagrams, the Mermaid export and the action plan use the
measurement, and a reader can always tell the two apart (``Touchpoint.satisfaction_is_measured``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from journeymap.model import Journey, MeasuredSatisfaction

if TYPE_CHECKING:
    from journeymap.survey.scoring import Scores

__all__ = ["apply"]


def apply(journey: Journey, scores: Scores, *, min_answers: int = 1) -> Journey:
    """``journey`` with the measured satisfaction of every moment that at least ``min_answers``
    respondents rated (others keep what they had); provenance from ``scores`` (its ``date`` and
    ``source``). Moments of ``scores`` that the journey does not have are ignored."""
    from journeymap.survey.scoring import Scores

    if not isinstance(scores, Scores):
        raise TypeError(f"'scores' must be the Scores of journeymap.survey.score (got {type(scores).__name__})")
    result = journey
    for tp_id, row in scores.moments.iterrows():
        if tp_id not in journey.touchpoint_ids or not row["n"] or row["n"] < min_answers:
            continue
        low, high = row["mean_low"], row["mean_high"]
        measured = MeasuredSatisfaction(
            mean=round(float(row["mean"]), 4),
            n=int(row["n"]),
            ci_low=round(float(low), 4) if math.isfinite(low) else None,
            ci_high=round(float(high), 4) if math.isfinite(high) else None,
            date=scores.date,
            source=scores.source,
        )
        result = result.update_touchpoint(str(tp_id), measured_satisfaction=measured)
    return result
