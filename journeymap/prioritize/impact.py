"""The impact of each intervention on an objective: simulated with an interval, or a labelled heuristic.

**Simulated** (``impact_source = "simulation"``): every intervention's scenario is compared with the
base journey (:func:`journeymap.compare`, common random numbers); the impact is the change in the
objective signed so that *positive is better* (a lower abandonment rate is a positive impact), with
its paired 95% interval, in the objective's own unit (a share for rates, the time unit for times).

**Heuristic** (``impact_source = "heuristic"``), used when the journey cannot be simulated (no
arrival rates, or no service times at all): the customers at stake where the intervention acts,

    impact = Σ over its target touchpoints of  weight × expected visits × share leaving there,

with weight :data:`MOMENT_OF_TRUTH_WEIGHT` at a moment of truth and 1 elsewhere, expected visits per
customer from the routing chain (:func:`journeymap.analysis.analyze`) and the share leaving the cycle
there (1 − the sum of its routing probabilities). It ranks interventions by how many customers they
could keep; it has no interval and no unit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal, Unpack

import pandas as pd

from journeymap.analysis import analyze
from journeymap.errors import NotFound
from journeymap.experiment.comparison import compare
from journeymap.experiment.metrics import DIRECTION
from journeymap.model import Journey, mean_arrival_rate
from journeymap.prioritize.intervention import Intervention
from journeymap.simulation import RunOptions, RunSettings
from journeymap.simulation.settings import run_settings
from journeymap.text.columns import column_notes

__all__ = ["IMPACT_COLUMNS", "MOMENT_OF_TRUTH_WEIGHT", "OBJECTIVES", "can_simulate", "estimate_impact",
           "heuristic_impact"]

MOMENT_OF_TRUTH_WEIGHT = 2.0
"""How much more a customer leaving at a moment of truth counts in the heuristic impact."""

OBJECTIVES: dict[str, str] = {
    "goal_rate": "share of customers who reach a goal (more is better)",
    "abandonment_rate": "customers lost: share who give up while waiting (less is better)",
    "mot_mean_wait": "mean wait in queue at the moments of truth (less is better)",
    "mean_time_in_cycle": "mean time from entering to leaving the cycle (less is better)",
    "drop_off_rate": "share who leave without reaching a goal or giving up (less is better)",
    "p90_time_in_cycle": "90th percentile of the time in the cycle (less is better)",
    "throughput": "customers leaving the cycle per time unit (more is better)",
}
"""The objectives an impact can be measured on (any experiment metric with a better direction)."""

ALIASES = {"customers_lost": "abandonment_rate", "lost": "abandonment_rate", "time_in_cycle": "mean_time_in_cycle",
           "mot_wait": "mot_mean_wait", "wait_at_moments_of_truth": "mot_mean_wait"}

HEURISTIC = "customers_at_stake"
"""What the ``objective`` column says when the impact is the heuristic score."""

IMPACT_COLUMNS: dict[str, str] = column_notes("impact")

Method = Literal["auto", "simulation", "heuristic"]


def objective_name(objective: str) -> str:
    """The canonical objective name (aliases such as ``customers_lost`` accepted); :class:`~journeymap.errors.
    NotFound` otherwise."""
    name = ALIASES.get(objective, objective)
    if name not in OBJECTIVES:
        raise NotFound("objective", objective, [*OBJECTIVES, *ALIASES], text=f"unknown objective '{objective}'",
                       tail=f"; choose one of: {', '.join(OBJECTIVES)}")
    return name


def can_simulate(journey: Journey) -> bool:
    """Whether a simulation can measure impacts: customers arrive at a positive rate and at least one
    touchpoint has a service time."""
    arrivals = sum(mean_arrival_rate(journey).values()) > 0
    return arrivals and any(tp.service_time is not None for tp in journey.touchpoints)


def heuristic_impact(journey: Journey, intervention: Intervention) -> float:
    """The customers at stake where ``intervention`` acts (see the module documentation)."""
    table = analyze(journey).touchpoints
    variant_table = None
    total = 0.0
    for tp_id in intervention.targets:
        if tp_id in table.index:
            row, tp = table.loc[tp_id], journey.touchpoint(tp_id)
        else:  # a touchpoint the intervention adds: measured in the changed journey
            changed = intervention.scenario.apply(journey)
            variant_table = variant_table if variant_table is not None else analyze(changed).touchpoints
            if tp_id not in variant_table.index:
                continue
            row, tp = variant_table.loc[tp_id], changed.touchpoint(tp_id)
        weight = MOMENT_OF_TRUTH_WEIGHT if tp.moment_of_truth else 1.0
        total += weight * float(row["expected_visits"]) * tp.leave_probability
    return total


def estimate_impact(
    journey: Journey,
    interventions: Sequence[Intervention],
    settings: RunSettings | None = None,
    *,
    objective: str = "goal_rate",
    method: Method = "auto",
    **options: Unpack[RunOptions],
) -> pd.DataFrame:
    """The impact of each intervention on ``objective``: one row per intervention (index: its name),
    columns :data:`IMPACT_COLUMNS`. ``method="auto"`` simulates when :func:`can_simulate` and falls back
    to the heuristic otherwise. The simulation runs as a :class:`~journeymap.simulation.RunSettings`
    (or its fields as keyword arguments) says, as in :func:`journeymap.compare` (20 replications
    unless told otherwise); ``unstable`` marks an impact measured where a queue has no steady state."""
    run = run_settings(settings, options, caller="estimate_impact")
    name = objective_name(objective)
    if method not in ("auto", "simulation", "heuristic"):
        raise ValueError(f"'method' must be 'auto', 'simulation' or 'heuristic' (got {method!r})")
    simulate = method == "simulation" or (method == "auto" and can_simulate(journey))
    index = pd.Index([i.name for i in interventions], name="intervention")
    if not simulate:
        values = [heuristic_impact(journey, i) for i in interventions]
        return pd.DataFrame({"impact": values, "impact_low": math.nan, "impact_high": math.nan,
                             "impact_source": "heuristic", "objective": HEURISTIC, "unstable": False,
                             "goal_gain": math.nan}, index=index)
    valued = journey.value_per_goal is not None  # the payback needs the change in the goal rate too
    kpis = list(dict.fromkeys([name, "goal_rate"])) if valued else [name]
    comparison = compare(journey, [i.scenario for i in interventions], run, kpis=kpis)
    delta = comparison.delta(name)
    gains = comparison.delta("goal_rate")["delta"] if valued else None
    sign = DIRECTION[name]
    rows: list[dict[str, Any]] = []
    for intervention in interventions:
        row = delta.loc[intervention.name]
        ends = sorted([sign * row["ci_low"], sign * row["ci_high"]])
        rows.append({"impact": sign * row["delta"], "impact_low": ends[0], "impact_high": ends[1],
                     "impact_source": "simulation", "objective": name, "unstable": bool(row["unstable"]),
                     "goal_gain": float(gains.loc[intervention.name]) if gains is not None else math.nan})
    frame = pd.DataFrame(rows, index=index)
    frame.attrs["comparison"] = comparison
    return frame
