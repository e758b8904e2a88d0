"""The teams' and the segments' figures for people: tables of ``mean ± half-width of the 95% interval``.

Written like the touchpoints' and stages' tables (:func:`~journeymap.simulation.formatting.interval_table`),
in the journey's language: one row per team (utilisation, servers on average, scheduled hours, cost) and
one row per segment (its goal rate, abandonment, mean wait in the cycle's queues and time in the cycle).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from journeymap.simulation.formatting import interval_table
from journeymap.text import translator

if TYPE_CHECKING:
    from journeymap.simulation.result import SimulationResult

__all__ = ["SEGMENT_COLUMNS", "TEAM_COLUMNS", "segment_table", "team_table"]

TEAM_COLUMNS = ("utilization", "mean_capacity", "scheduled_hours", "cost")
"""The team figures :func:`team_table` shows."""

SEGMENT_COLUMNS = ("arrived", "goal_rate", "abandonment_rate", "mean_time_in_cycle")
"""The segment figures :func:`segment_table` shows."""


def team_table(result: SimulationResult, language: str | None = None) -> pd.DataFrame:
    """The teams' figures for people, one row per team by name (empty without teams)."""
    journey = result.journey
    language = language or journey.language
    names = {team.id: team.label for team in journey.teams}
    columns = tuple(c for c in TEAM_COLUMNS if c != "cost" or any(t.cost_per_hour is not None for t in journey.teams))
    return interval_table(result.teams_ci, columns, journey.time_unit, language, names,
                          translator(language).gettext("team"))


def segment_table(result: SimulationResult, language: str | None = None) -> pd.DataFrame:
    """The segments' journey-level figures for people, one row per segment by name (empty without segments)."""
    journey = result.journey
    language = language or journey.language
    if not result.segments:
        return pd.DataFrame()
    frames = {segment: figures.kpis for segment, figures in result.segments.items()}
    intervals = pd.concat(frames, names=["segment", "metric"])
    names = {segment.id: segment.label for segment in journey.segments}
    return interval_table(intervals, SEGMENT_COLUMNS, journey.time_unit, language, names,
                          translator(language).gettext("segment"))
