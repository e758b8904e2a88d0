"""Figures without simulating: the routing chain (exact) and the queues (approximations, marked as such).

:mod:`~journeymap.analysis.chain` gives visits, reach, goal probability and drop-off exactly;
:mod:`~journeymap.analysis.queueing` the Erlang C / Erlang A / Allen-Cunneen formulas of one queue;
:mod:`~journeymap.analysis.flows` the journey's flows once abandonment is counted;
:mod:`~journeymap.analysis.steady_state` the one judgement of which queues have a steady state, shared
by every warning; :func:`analyze` puts them in one table.
"""

from journeymap.analysis.chain import (
    edge_flow,
    entry_mix,
    expected_visits,
    fundamental_matrix,
    goal_probability,
    reach_probability,
    routing_matrix,
)
from journeymap.analysis.flows import FLOW_COLUMNS, Flows, queue_flows, tail_rate
from journeymap.analysis.queueing import (
    QueueFigures,
    allen_cunneen,
    erlang_a,
    erlang_b,
    erlang_c,
    queue_figures,
    relaxation_time,
)
from journeymap.analysis.report import COLUMNS, Analysis, analyze
from journeymap.analysis.steady_state import Stability, stability

__all__ = [
    "COLUMNS",
    "FLOW_COLUMNS",
    "Analysis",
    "Flows",
    "QueueFigures",
    "Stability",
    "allen_cunneen",
    "analyze",
    "edge_flow",
    "entry_mix",
    "erlang_a",
    "erlang_b",
    "erlang_c",
    "expected_visits",
    "fundamental_matrix",
    "goal_probability",
    "queue_figures",
    "queue_flows",
    "reach_probability",
    "relaxation_time",
    "routing_matrix",
    "stability",
    "tail_rate",
]
