"""The meaning rules of a journey's money: ``cost_per_contact`` on touchpoints, ``value_per_goal`` on the journey.

Kept apart from :mod:`journeymap.model.validation` (which calls :func:`cost_issues`) so that the rules of
costs and value read in one place. Amounts carry no currency: they are in whatever money the consultant
writes them in, the same for every amount of one journey.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

from journeymap.errors import Issue, clip, join
from journeymap.model.journey import Journey

__all__ = ["cost_issues", "is_amount"]


def is_amount(value: Any) -> bool:
    """True for an amount of money a journey can hold: a finite number, zero or more (not a boolean)."""
    return isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(value) and value >= 0


def _amount_problem(value: Any, key: str, example: str) -> str | None:
    if value is None or is_amount(value):
        return None
    if isinstance(value, Real) and not isinstance(value, bool) and value < 0:
        return f"'{key}' must not be negative (got {clip(repr(value))}): an amount of money such as {example}"
    return f"'{key}' must be an amount of money, 0 or more, such as {example} (got {clip(repr(value))})"


def cost_issues(journey: Journey) -> list[Issue]:
    """Every negative or unreadable ``cost_per_contact`` and ``value_per_goal``, as errors with their field path."""
    issues = []
    problem = _amount_problem(journey.value_per_goal, "value_per_goal", "120")
    if problem:
        issues.append(Issue(problem, "value_per_goal", "error"))
    for index, tp in enumerate(journey.touchpoints):
        problem = _amount_problem(tp.cost_per_contact, "cost_per_contact", "4.5")
        if problem:
            issues.append(Issue(problem, join(f"touchpoints[{index}]", "cost_per_contact"), "error"))
    return issues
