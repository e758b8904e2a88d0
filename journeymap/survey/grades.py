"""Grading a moment of truth against the consultant's targets, only where the answers can tell.

A moment's top-2-box satisfaction (the share answering 4 or 5 to ``mot_<id>_overall``) **fails**
below ``fail_below`` (70% by default), **meets** between the two targets and **exceeds** above
``exceed_above`` (85%). A grade is given only when the whole 95% interval is on one side of each
target it must clear; otherwise the moment is **not distinguishable**, with the number of answers
that would settle it (the n at which an interval around the same share would clear the target).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from journeymap.survey.intervals import CONFIDENCE, n_to_clear
from journeymap.text.columns import column_notes

__all__ = ["GRADES", "Targets", "grade"]

GRADES: dict[str, str] = column_notes("grades")
"""The grades of a moment of truth, with what each means."""


@dataclass(frozen=True)
class Targets:
    """The top-2-box satisfaction a moment must reach: below ``fail_below`` it fails, above
    ``exceed_above`` it exceeds, in between it meets the customers' expectations (shares, 0–1)."""

    fail_below: float = 0.70
    exceed_above: float = 0.85

    def __post_init__(self) -> None:
        for name in ("fail_below", "exceed_above"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
                raise ValueError(f"'{name}' must be a share between 0 and 1, such as 0.7 (got {value!r})")
        if self.fail_below >= self.exceed_above:
            raise ValueError(f"'fail_below' ({self.fail_below}) must be below 'exceed_above' ({self.exceed_above})")


def grade(share: float, low: float, high: float, targets: Targets = Targets(),
          confidence: float = CONFIDENCE) -> tuple[str, int | None]:
    """(grade, n that would settle it): the grade of a top-2-box ``share`` with interval ``low``–``high``;
    the n is ``None`` when the grade is clear (or when no n can settle it: a share exactly on a target,
    or no answers at all)."""
    if not all(math.isfinite(v) for v in (share, low, high)):
        return "not_distinguishable", None
    fail, exceed = targets.fail_below, targets.exceed_above
    if high < fail:
        return "fails", None
    if low > exceed:
        return "exceeds", None
    if low >= fail and high <= exceed:
        return "meets", None
    crossed = [t for t in (fail, exceed) if low <= t <= high]
    needed = [n_to_clear(share, t, confidence) for t in crossed]
    return "not_distinguishable", None if None in needed or not needed else max(n for n in needed if n is not None)
