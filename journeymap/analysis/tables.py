"""The analysis as people read it: the few figures a consultant quotes, and one row per touchpoint by its
name, every figure with its unit, in the journey's language (through :mod:`journeymap.text`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from journeymap.text import SECONDS, number, percent, quantity, rate_unit, translator, unit_label

if TYPE_CHECKING:
    from journeymap.analysis.report import Analysis

__all__ = ["MOMENT_MARK", "figures_table", "touchpoints_table"]

MOMENT_MARK = "★"
"""The mark before the name of a moment of truth in the touchpoints' table."""


def _language(analysis: Analysis, language: str | None) -> str:
    return language or analysis.journey.language


def figures_table(analysis: Analysis, language: str | None = None) -> pd.DataFrame:
    """The journey-level figures: customers arriving, the probability of reaching a goal, moments of truth
    per customer (columns ``figure`` and ``value`` in ``language``, by default the journey's)."""
    language = _language(analysis, language)
    words = translator(language)
    unit = analysis.journey.time_unit
    rows = [
        (words.gettext("customers arriving"), quantity(analysis.arrival_rate, "rate", time_unit=unit,
                                                       language=language)),
        (words.gettext("probability of reaching a goal"), percent(analysis.goal_probability, language)),
        (words.gettext("moments of truth per customer"), number(analysis.expected_moments_of_truth, language)),
    ]
    return pd.DataFrame(rows, columns=[words.gettext("figure"), words.gettext("value")])


def touchpoints_table(analysis: Analysis, language: str | None = None) -> pd.DataFrame:
    """One row per touchpoint in the journey's order: its stage, its name (marked with :data:`MOMENT_MARK` when
    it is a moment of truth), visits per customer, reach, the share leaving there, arrivals (one unit for the
    whole column, named in its heading) and offered load, with a word where it is overloaded."""
    language = _language(analysis, language)
    words = translator(language)
    journey = analysis.journey
    table = analysis.touchpoints
    unit = journey.time_unit
    per = rate_unit(float(table["arrival_rate"].max()) if len(table) else 0.0, unit)
    factor = SECONDS[per] / SECONDS[unit]
    stages = {stage.id: stage.label for stage in journey.stages}
    arrivals = words.gettext("arrivals ({unit})", unit=unit_label("rate", time_unit=per, language=language))
    rows = []
    for tp in journey.touchpoints:
        row = table.loc[tp.id]
        rows.append({
            words.gettext("stage"): stages.get(tp.stage, ""),
            words.gettext("touchpoint"): (MOMENT_MARK + " " if tp.moment_of_truth else "") + tp.label,
            words.gettext("visits per customer"): number(row["expected_visits"], language),
            words.gettext("reach"): percent(row["reach_probability"], language),
            words.gettext("leave here"): percent(row["drop_off"], language),
            arrivals: number(row["arrival_rate"] * factor, language),
            words.gettext("load"): percent(row["offered_load"], language) if tp.capacity else "",
            "": words.gettext("overloaded") if row["overloaded"] else "",
        })
    return pd.DataFrame(rows)
