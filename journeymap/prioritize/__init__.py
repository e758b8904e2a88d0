"""Quick wins and the action plan: interventions measured on the simulation, ranked by impact and effort.

    import journeymap as jm
    plan = jm.action_plan(journey, jm.load_interventions("interventions.yaml"), objective="goal_rate")
    plan.quick_wins
    plan.save("action_plan.xlsx"); plan.plot("quadrants.png")
"""

from journeymap.prioritize.impact import OBJECTIVES, can_simulate, estimate_impact, heuristic_impact
from journeymap.prioritize.intervention import (
    Intervention,
    interventions_from_data,
    load_interventions,
    sample_interventions,
)
from journeymap.prioritize.plan import PLAN_COLUMNS, ActionPlan, action_plan
from journeymap.prioritize.scoring import SCORERS, classify
from journeymap.prioritize.words import QUADRANTS, quadrant_label

__all__ = [
    "OBJECTIVES",
    "PLAN_COLUMNS",
    "QUADRANTS",
    "SCORERS",
    "ActionPlan",
    "Intervention",
    "action_plan",
    "can_simulate",
    "classify",
    "estimate_impact",
    "heuristic_impact",
    "interventions_from_data",
    "load_interventions",
    "quadrant_label",
    "sample_interventions",
]
