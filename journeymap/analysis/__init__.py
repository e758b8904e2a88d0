"""Exact figures from the routing chain: visits, reach, goal probability, drop-off, offered load."""

from journeymap.analysis.chain import (
    edge_flow,
    entry_mix,
    expected_visits,
    fundamental_matrix,
    goal_probability,
    reach_probability,
    routing_matrix,
)
from journeymap.analysis.report import COLUMNS, Analysis, analyze

__all__ = [
    "COLUMNS",
    "Analysis",
    "analyze",
    "edge_flow",
    "entry_mix",
    "expected_visits",
    "fundamental_matrix",
    "goal_probability",
    "reach_probability",
    "routing_matrix",
]
