"""Payback: how many weeks an intervention takes to pay for itself from the value its simulated impact creates.

The value gained per week is the simulated change in the goal rate (with common random numbers, see
:func:`journeymap.compare`) × the customers entering the cycle per week (the journey's arrival rates, daily
schedules averaged over the day, every day of the week) × the journey's ``value_per_goal``. Less the
intervention's ``running_cost`` per week, it pays back its one-off ``cost`` in

    payback_weeks = cost / (value gained per week - running_cost),

and never (``inf``) when the net gain is not positive. Without a ``value_per_goal`` (or without a simulated
impact) there is no payback to compute (NaN).
"""

from __future__ import annotations

import math

from journeymap.model import Journey, mean_arrival_rate
from journeymap.model.units import convert

__all__ = ["customers_per_week", "payback_weeks", "weekly_value"]


def customers_per_week(journey: Journey) -> float:
    """Customers entering the cycle in a week (every day of the week, schedules averaged over the day)."""
    return sum(mean_arrival_rate(journey).values()) * convert(1.0, "week", journey.time_unit)


def weekly_value(journey: Journey, goal_gain: float) -> float:
    """The value per week of a change ``goal_gain`` in the goal rate (NaN without ``value_per_goal``)."""
    if journey.value_per_goal is None or not math.isfinite(goal_gain):
        return math.nan
    return goal_gain * customers_per_week(journey) * journey.value_per_goal


def payback_weeks(cost: float | None, running_cost: float | None, value_per_week: float) -> float:
    """Weeks until ``value_per_week`` less ``running_cost`` (per week) pays the one-off ``cost``: 0 without a
    one-off cost, ``inf`` when the net weekly gain is not positive, NaN when the value is unknown."""
    if not math.isfinite(value_per_week):
        return math.nan
    net = value_per_week - (running_cost or 0.0)
    if net <= 0:
        return math.inf
    return (cost or 0.0) / net
