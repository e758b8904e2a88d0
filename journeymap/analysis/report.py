"""The analysis of a journey as one tidy table plus the few numbers a consultant quotes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from journeymap.analysis.chain import (
    expected_visits,
    goal_probability,
    reach_probability,
)
from journeymap.errors import NotFound
from journeymap.model import Journey, mean_arrival_rate, require_journey

__all__ = ["COLUMNS", "Analysis", "analyze"]

COLUMNS: dict[str, str] = {
    "stage": "the touchpoint's stage id",
    "moment_of_truth": "whether it is a moment of truth",
    "expected_visits": "expected visits per customer (above 1 where customers loop back)",
    "reach_probability": "probability that a customer ever gets there",
    "drop_off": "share of all customers who leave the cycle there",
    "arrival_rate": "customers arriving there per time unit (entries and routed customers)",
    "offered_load": "arrival rate × mean service time ÷ capacity; 0 with unlimited capacity",
    "overloaded": "offered load at or above 1: the queue grows without limit",
}
"""The columns of :attr:`Analysis.touchpoints`, with what each means."""


@dataclass(frozen=True)
class Analysis:
    """Exact routing figures of a journey (see :mod:`journeymap.analysis.chain`).

    ``touchpoints`` is indexed by touchpoint id with the :data:`COLUMNS`; rates and loads are per
    the journey's ``time_unit``.
    """

    journey: Journey
    touchpoints: pd.DataFrame
    goal_probability: float
    expected_moments_of_truth: float
    arrival_rate: float

    @property
    def overloaded(self) -> list[str]:
        """Ids of the touchpoints whose offered load is at or above 1."""
        return [str(i) for i in self.touchpoints.index[self.touchpoints["overloaded"]]]

    def metric(self, name: str) -> dict[str, float]:
        """One numeric column as ``{touchpoint id: value}``, the mapping ``draw(metric=...)`` takes."""
        numeric = [c for c in COLUMNS if c not in ("stage", "moment_of_truth", "overloaded")]
        if name not in numeric:
            raise NotFound("metric", name, numeric, text=f"unknown metric '{name}'",
                           tail=f"; choose one of: {', '.join(numeric)}")
        return {str(k): float(v) for k, v in self.touchpoints[name].items()}

    def summary(self, language: str | None = None) -> pd.DataFrame:
        """The touchpoints as people read them: names, units, percentages, in ``language`` (by default the
        journey's); see :func:`journeymap.analysis.tables.touchpoints_table`."""
        from journeymap.analysis.tables import touchpoints_table

        return touchpoints_table(self, language)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document: top-level figures and a ``touchpoints`` object keyed by id."""
        rows = {
            str(tp_id): {
                column: (bool(value) if isinstance(value, bool) or column in ("moment_of_truth", "overloaded")
                         else value if isinstance(value, str) else float(value))
                for column, value in row.items()
            }
            for tp_id, row in self.touchpoints.iterrows()
        }
        return {
            "title": self.journey.title,
            "time_unit": self.journey.time_unit,
            "arrival_rate": self.arrival_rate,
            "goal_probability": self.goal_probability,
            "expected_moments_of_truth": self.expected_moments_of_truth,
            "overloaded": self.overloaded,
            "touchpoints": rows,
        }

    def __repr__(self) -> str:
        return (
            f"<Analysis of {self.journey.title!r}: goal probability {self.goal_probability:.1%}, "
            f"{self.expected_moments_of_truth:.2f} moments of truth per customer, "
            f"{len(self.overloaded)} overloaded touchpoints>"
        )


def analyze(journey: Journey) -> Analysis:
    """Expected visits, reach, drop-off and offered load of every touchpoint, and the goal probability.

    Raises :class:`~journeymap.errors.JourneyError` when a routing loop has no exit."""
    require_journey(journey)
    visits = expected_visits(journey)
    reach = reach_probability(journey)
    total_rate = sum(mean_arrival_rate(journey).values())
    rows = []
    for tp in journey.touchpoints:
        rate = total_rate * visits[tp.id]
        mean_service = tp.service_time.mean if tp.service_time else 0.0
        load = rate * mean_service / tp.capacity if tp.capacity else 0.0
        rows.append(
            {
                "id": tp.id,
                "stage": tp.stage,
                "moment_of_truth": tp.moment_of_truth,
                "expected_visits": visits[tp.id],
                "reach_probability": reach[tp.id],
                "drop_off": visits[tp.id] * tp.leave_probability,
                "arrival_rate": rate,
                "offered_load": load,
                "overloaded": bool(load >= 1.0 - 1e-12) and math.isfinite(load),
            }
        )
    table = pd.DataFrame(rows, columns=["id", *COLUMNS]).set_index("id")
    mots = sum(visits[tp.id] for tp in journey.moments_of_truth)
    return Analysis(journey, table, goal_probability(journey), float(mots), float(total_rate))
