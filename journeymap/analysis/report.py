"""The analysis of a journey as one tidy table plus the few numbers a consultant quotes.

The routing figures (visits, reach, drop-off, offered load) are exact. The queueing figures (waits,
abandonment, service level) and the goal probability with abandonment are approximations, each
touchpoint's ``method`` naming the formula (see :mod:`journeymap.analysis.flows`); the goal
probability without abandonment is kept beside it, named as such.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from journeymap.analysis.chain import drop_off, expected_visits, goal_probability, reach_probability
from journeymap.analysis.flows import FLOW_COLUMNS, queue_flows
from journeymap.analysis.pools import pools
from journeymap.analysis.steady_state import Stability, stability
from journeymap.errors import NotFound
from journeymap.model import Journey, mean_arrival_rate, require_journey
from journeymap.text.columns import column_notes

__all__ = ["COLUMNS", "Analysis", "analyze"]

COLUMNS: dict[str, str] = {**column_notes("analysis"), **FLOW_COLUMNS}
"""The columns of :attr:`Analysis.touchpoints`, with what each means."""

FLAGS = ("moment_of_truth", "overloaded", "unstable")
"""The columns that hold true or false."""


@dataclass(frozen=True)
class Analysis:
    """Exact routing figures of a journey (see :mod:`journeymap.analysis.chain`).

    ``touchpoints`` is indexed by touchpoint id with the :data:`COLUMNS`; rates and loads are per
    the journey's ``time_unit``. ``goal_probability`` counts the customers lost to impatience (an
    approximation when some touchpoint has limited patience: see :attr:`approximate`);
    ``goal_probability_without_abandonment`` is the exact routing figure that ignores them;
    ``time_in_cycle`` the approximate expected time from entering to leaving the cycle;
    ``stability`` the judgement of every queue (:mod:`journeymap.analysis.steady_state`).
    """

    journey: Journey
    touchpoints: pd.DataFrame
    goal_probability: float
    expected_moments_of_truth: float
    arrival_rate: float
    goal_probability_without_abandonment: float = math.nan
    time_in_cycle: float = math.nan
    stability: Stability | None = None

    @property
    def overloaded(self) -> list[str]:
        """Ids of the touchpoints whose offered load is at or above 1 (with or without patience)."""
        return [str(i) for i in self.touchpoints.index[self.touchpoints["overloaded"]]]

    @property
    def unstable(self) -> list[str]:
        """Ids of the overloaded touchpoints without patience: their queues grow without limit."""
        return [str(i) for i in self.touchpoints.index[self.touchpoints["unstable"]]]

    @property
    def approximate(self) -> bool:
        """Whether the queueing figures and the goal probability rest on approximations (some touchpoint
        has servers and a service time)."""
        return bool((self.touchpoints["method"] != "no queue").any())

    def metric(self, name: str) -> dict[str, float]:
        """One numeric column as ``{touchpoint id: value}``, the mapping ``draw(metric=...)`` takes."""
        numeric = [c for c in COLUMNS if c not in ("stage", "moment_of_truth", "overloaded", "unstable", "method")]
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
                column: (bool(value) if isinstance(value, bool) or column in FLAGS
                         else value if isinstance(value, str) else _number(value))
                for column, value in row.items()
            }
            for tp_id, row in self.touchpoints.iterrows()
        }
        return {
            "title": self.journey.title,
            "time_unit": self.journey.time_unit,
            "arrival_rate": self.arrival_rate,
            "goal_probability": self.goal_probability,
            "goal_probability_without_abandonment": self.goal_probability_without_abandonment,
            "approximate": self.approximate,
            "time_in_cycle": _number(self.time_in_cycle),
            "expected_moments_of_truth": self.expected_moments_of_truth,
            "overloaded": self.overloaded,
            "unstable": self.unstable,
            "touchpoints": rows,
        }

    def __repr__(self) -> str:
        return (
            f"<Analysis of {self.journey.title!r}: goal probability {self.goal_probability:.1%}, "
            f"{self.expected_moments_of_truth:.2f} moments of truth per customer, "
            f"{len(self.unstable)} unstable touchpoints>"
        )


def _number(value: object) -> float | None:
    """A float for JSON, ``None`` for NaN or infinity."""
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else None


def analyze(journey: Journey) -> Analysis:
    """Expected visits, reach, drop-off and offered load of every touchpoint (exact), its queue's
    approximate wait, abandonment and service level, and the goal probability with and without
    abandonment.

    Raises :class:`~journeymap.errors.JourneyError` when a routing loop has no exit."""
    require_journey(journey)
    visits = expected_visits(journey)
    reach = reach_probability(journey)
    leaving = drop_off(journey)
    total_rate = sum(mean_arrival_rate(journey).values())
    shared = pools(journey)
    work = {tp.id: total_rate * visits[tp.id] * float(tp.service_time.mean) if tp.service_time else 0.0
            for tp in journey.touchpoints}
    rows = []
    for tp in journey.touchpoints:
        rate = total_rate * visits[tp.id]
        pool = shared[tp.id]  # a team's touchpoints share its servers (shifts: on average over the week)
        load = sum(work[m] for m in pool.members) / pool.servers if tp.service_time and pool.servers else 0.0
        rows.append(
            {
                "id": tp.id,
                "stage": tp.stage,
                "moment_of_truth": tp.moment_of_truth,
                "expected_visits": visits[tp.id],
                "reach_probability": reach[tp.id],
                "drop_off": leaving[tp.id],
                "arrival_rate": rate,
                "offered_load": load,
                "overloaded": bool(load >= 1.0 - 1e-12) and math.isfinite(load),
            }
        )
    flows = queue_flows(journey)
    judged = stability(journey, flows)
    for row in rows:
        row["unstable"] = row["id"] in judged.unstable
        row.update(flows.table.loc[row["id"]].to_dict())
    table = pd.DataFrame(rows, columns=["id", *COLUMNS]).set_index("id")
    mots = sum(visits[tp.id] for tp in journey.moments_of_truth)
    return Analysis(journey, table, flows.goal_probability, float(mots), float(total_rate),
                    goal_probability_without_abandonment=goal_probability(journey),
                    time_in_cycle=flows.time_in_cycle, stability=judged)
