"""How many answers each moment of truth needs, and how long the fieldwork takes to get them.

The link only a tool that knows the flows can make: the answers needed for a margin of error, and
from the map's arrival rates and reach probabilities (or from a simulation) how many customers pass
each moment per week, hence the days of fieldwork at an assumed response rate.

**Answers needed** for a share (a top-2-box CSAT) within ± ``margin`` at ``confidence``:
``n₀ = z² p(1 − p) / margin²`` (``p = 0.5``, the worst case: 385 for ±5 points at 95%), with the
finite-population correction ``n = n₀ / (1 + (n₀ − 1)/N)``. The population ``N`` is, by default,
the customers who pass the moment during the fieldwork itself; since a share ``r`` (the response
rate) of them answer, the fieldwork lasts until ``x ≥ n₀/r − n₀ + 1`` customers have passed, and
then ``n = r·x``. Give ``population`` (the customers of the period the survey speaks for) to
correct against it instead.

**Customers per week** at a moment: the journey's arrival rate × the probability a customer ever
reaches it (:func:`journeymap.analysis.reach_probability`), or, from a simulation, the visits it
received per unit of simulated time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import ndtri

from journeymap.analysis import reach_probability
from journeymap.errors import JourneyError
from journeymap.model import Journey, mean_arrival_rate
from journeymap.model.units import convert
from journeymap.text.columns import column_notes

__all__ = ["PLAN_COLUMNS", "SamplingPlan", "answers_needed", "sampling_plan"]

PLAN_COLUMNS: dict[str, str] = column_notes("sampling_plan")
"""The columns of :attr:`SamplingPlan.table` (index: touchpoint id)."""


def _check_share(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
        raise ValueError(f"'{name}' must be a share between 0 and 1, such as 0.05 (got {value!r})")
    return float(value)


def answers_needed(margin: float = 0.05, confidence: float = 0.95, population: float | None = None,
                   share: float = 0.5) -> float:
    """Answers for a share within ± ``margin`` at ``confidence`` (``share`` 0.5: the worst case), corrected
    for a finite ``population`` when given (not rounded)."""
    _check_share(margin, "margin")
    _check_share(confidence, "confidence")
    z = float(ndtri(0.5 + confidence / 2))
    n0 = z * z * share * (1 - share) / (margin * margin)
    if population is None or not math.isfinite(population):
        return n0
    if population <= 0:
        return 0.0
    return n0 / (1 + (n0 - 1) / population)


@dataclass(frozen=True)
class SamplingPlan:
    """The plan: ``table`` (:data:`PLAN_COLUMNS`, one row per moment of truth) and its settings."""

    journey: Journey
    table: pd.DataFrame
    margin: float
    confidence: float
    response_rate: float
    basis: str

    @property
    def days(self) -> float:
        """Days of fieldwork until every moment has its answers (the slowest moment)."""
        return float(self.table["days"].max()) if len(self.table) else math.nan

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document: the settings, the total days and one entry per moment."""
        def plain(value: Any) -> Any:
            return None if isinstance(value, float) and not math.isfinite(value) else value

        return {
            "margin": self.margin, "confidence": self.confidence, "response_rate": self.response_rate,
            "basis": self.basis, "days": plain(self.days),
            "moments": {str(tp): {k: plain(v.item() if hasattr(v, "item") else v) for k, v in row.items()}
                        for tp, row in self.table.iterrows()},
        }

    def summary(self, language: str | None = None) -> pd.DataFrame:
        """The plan as people read it, in the journey's language (or ``language``)."""
        from journeymap.survey.report import plan_table

        return plan_table(self, language)

    def __repr__(self) -> str:
        return (f"<SamplingPlan for {self.journey.title!r}: ±{self.margin:.0%} at {self.confidence:.0%}, "
                f"{self.response_rate:.0%} response rate, {self.days:.0f} days of fieldwork>")


def _weekly_from_analysis(journey: Journey) -> dict[str, float]:
    rate = sum(mean_arrival_rate(journey).values())
    if rate <= 0:
        raise JourneyError("the journey has no arrival rates: add arrivals (rate: 30/h) or give a simulation")
    reach = reach_probability(journey)
    week = convert(1.0, "week", journey.time_unit)
    return {tp.id: rate * reach[tp.id] * week for tp in journey.moments_of_truth}


def _weekly_from_simulation(journey: Journey, simulation: Any) -> dict[str, float]:
    week = convert(1.0, "week", journey.time_unit)
    ids = list(journey.touchpoint_ids)
    weekly = {}
    for tp in journey.moments_of_truth:
        index = ids.index(tp.id)
        rates = [float(s.touchpoint_metrics()["visit_rate"].iloc[index]) for s in simulation.stats if s.duration > 0]
        weekly[tp.id] = float(np.mean(rates)) * week if rates else 0.0
    return weekly


def sampling_plan(
    journey: Journey,
    *,
    margin: float = 0.05,
    confidence: float = 0.95,
    response_rate: float = 0.1,
    population: float | None = None,
    simulation: Any = None,
) -> SamplingPlan:
    """The answers each moment of truth needs and the days of fieldwork they take (see the module's
    description). ``simulation``: a :class:`~journeymap.simulation.SimulationResult` of the journey
    whose visit rates replace the analysis's (it counts the customers lost on the way, which the
    routing chain does not)."""
    _check_share(response_rate, "response_rate")
    if population is not None and (isinstance(population, bool) or not isinstance(population, int | float)
                                   or population <= 0):
        raise ValueError(f"'population' must be a positive number of customers (got {population!r})")
    if not journey.moments_of_truth:
        raise JourneyError("the journey has no moment of truth to survey: mark some with moment_of_truth: true")
    weekly = _weekly_from_simulation(journey, simulation) if simulation is not None else _weekly_from_analysis(journey)
    n0 = answers_needed(margin, confidence)
    rows = []
    for tp in journey.moments_of_truth:
        per_week = weekly[tp.id]
        if population is None:
            passing = n0 / response_rate - n0 + 1  # customers who must pass so that r·x answers suffice for N = x
            answers = response_rate * passing
            used = passing
        else:
            answers = answers_needed(margin, confidence, population)
            passing = answers / response_rate
            used = float(population)
        days = passing / per_week * 7 if per_week > 0 else math.inf
        rows.append({"touchpoint": tp.id, "name": tp.label, "customers_per_week": per_week, "population": used,
                     "answers": math.ceil(answers - 1e-9), "invitations": math.ceil(passing - 1e-9), "days": days,
                     "reachable": bool(passing <= used + 1e-9)})
    table = pd.DataFrame(rows, columns=["touchpoint", *PLAN_COLUMNS]).set_index("touchpoint")
    return SamplingPlan(journey, table, margin, confidence, response_rate,
                        "simulation" if simulation is not None else "analysis")
