"""The journey's economics in a simulation: what serving the customers costs and what reaching the goal is worth.

Each replication's figures come from its counts (:class:`~journeymap.simulation.replication.ReplicationStats`):

- the *contact cost*: every visit served at a touchpoint (by a customer the statistics follow) times that
  touchpoint's ``cost_per_contact``; abandoned visits are not paid;
- the *cost to serve*: the contact cost plus the cost of staffing, added in one place,
  :func:`cost_to_serve`. Staffing is each team's ``cost_per_hour`` times its scheduled server hours over
  the observed time, busy or idle (:func:`staffing_costs`), times the share of the customers who entered
  then that the statistics follow (all of them, except under the cohort rule, where customers arriving
  after the cohort keep the servers busy while it drains and pay their own share). Do not give a
  ``cost_per_contact`` for the staff time of a team that has a ``cost_per_hour`` as well: it would be
  paid twice;
- the *value created*: the customers who reached a goal times the journey's ``value_per_goal``.

:data:`ECONOMICS` lists the figures; ``SimulationResult.economics`` summarises them over the replications
with 95% intervals, like the journey's KPIs. Amounts carry no currency (the journey's own money).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from journeymap.model import Journey
from journeymap.simulation.replication import ReplicationStats

__all__ = ["ECONOMICS", "contact_cost", "cost_to_serve", "economics_values", "has_costs", "has_economics",
           "has_value", "replication_economics", "staffing_costs"]

ECONOMICS: dict[str, str] = {
    "cost_per_customer": "cost to serve ÷ customers followed (who entered the cycle)",
    "cost_per_goal": "cost to serve ÷ customers who reached a goal",
    "cost_total": "cost to serve in the period simulated (one replication)",
    "value_per_customer": "value_per_goal × goal rate: the value one customer entering the cycle creates",
    "value_total": "value_per_goal × customers who reached a goal in the period simulated (one replication)",
}
"""The economics figures (the index of ``SimulationResult.economics``); amounts in the journey's money."""

_COST_FIGURES = ("cost_per_customer", "cost_per_goal", "cost_total")
_VALUE_FIGURES = ("value_per_customer", "value_total")


def has_costs(journey: Journey) -> bool:
    """True when some touchpoint has a ``cost_per_contact``."""
    return any(tp.cost_per_contact is not None for tp in journey.touchpoints)


def has_value(journey: Journey) -> bool:
    """True when the journey has a ``value_per_goal``."""
    return journey.value_per_goal is not None


def has_economics(journey: Journey) -> bool:
    """True when the journey says anything about money (costs or value): the result then shows its economics."""
    return has_costs(journey) or has_value(journey)


def contact_cost(journey: Journey, stats: ReplicationStats) -> float:
    """The cost of every visit served in one replication: visits served × ``cost_per_contact``, summed over
    the touchpoints (those without a cost count nothing)."""
    served = stats.touchpoints["served"]
    return float(sum(float(served[index]) * tp.cost_per_contact
                     for index, tp in enumerate(journey.touchpoints) if tp.cost_per_contact is not None))


def cost_to_serve(contact: float, staffing: float = 0.0) -> float:
    """The cost to serve of one replication: its ``contact`` cost plus the ``staffing`` cost (a team's
    ``cost_per_hour`` times its scheduled hours, busy or idle, summed over the teams: 0 without teams).
    The one place where the two are added."""
    return contact + staffing


def staffing_costs(journey: Journey, stats: Sequence[ReplicationStats],
                   teams: Sequence[pd.DataFrame]) -> list[float] | None:
    """Each replication's staffing cost for the customers it follows: the ``cost`` of its teams (``teams``,
    one :func:`~journeymap.simulation.team_results.team_metrics` table per replication) × the followed
    customers' share of all who entered in the observed time. ``None`` when no team has a ``cost_per_hour``."""
    if not any(team.cost_per_hour is not None for team in journey.teams):
        return None
    return [float(np.nansum(table["cost"].to_numpy(dtype=float))) * _ratio(one.arrived, one.entries)
            if one.entries else 0.0 for one, table in zip(stats, teams, strict=True)]


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan


def replication_economics(journey: Journey, stats: ReplicationStats, staffing: float = 0.0) -> dict[str, float]:
    """The :data:`ECONOMICS` figures of one replication (``staffing``: its staffing cost, see
    :func:`cost_to_serve`); a figure the journey gives no amounts for is NaN."""
    cost = cost_to_serve(contact_cost(journey, stats), staffing) if has_costs(journey) or staffing else math.nan
    value = journey.value_per_goal
    goals = float(stats.goal)
    return {
        "cost_per_customer": _ratio(cost, stats.arrived),
        "cost_per_goal": _ratio(cost, goals),
        "cost_total": cost,
        "value_per_customer": math.nan if value is None else value * _ratio(goals, stats.completed),
        "value_total": math.nan if value is None else value * goals,
    }


def economics_values(journey: Journey, stats: Sequence[ReplicationStats],
                     staffing: Sequence[float] | None = None) -> tuple[list[str], np.ndarray]:
    """The :data:`ECONOMICS` figures the journey has amounts for, and their values: one row per replication,
    one column per figure. ``staffing`` is each replication's staffing cost (none: 0). No figures (an empty
    list) without costs or value. :class:`~journeymap.simulation.result.SimulationResult` summarises them
    with intervals in its ``economics`` table."""
    names = [*(_COST_FIGURES if has_costs(journey) or staffing is not None else ()),
             *(_VALUE_FIGURES if has_value(journey) else ())]
    costs = list(staffing) if staffing is not None else [0.0] * len(stats)
    rows = [replication_economics(journey, one, cost) for one, cost in zip(stats, costs, strict=True)]
    return names, np.array([[row[name] for name in names] for row in rows], dtype=float).reshape(len(rows), len(names))
