"""Experiments as people read them: comparisons and sweeps in the journey's language, figures by name, every
number with its unit, changes in percentage points for shares, intervals that never leave a figure's range.

The DataFrames of :class:`~journeymap.experiment.comparison.Comparison` and
:class:`~journeymap.experiment.sweeping.SweepResult` keep full precision for code; these tables are for
reading (``summary()``, the command line, notebooks).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from journeymap.experiment.metrics import (
    DIRECTION,
    check_metrics,
    format_change,
    format_metric,
    metric_kind,
    metric_name,
)
from journeymap.simulation.formatting import UNSTABLE
from journeymap.text import N_, estimate, rate_unit, translator

if TYPE_CHECKING:
    from journeymap.experiment.comparison import Comparison
    from journeymap.experiment.sweeping import SweepResult

__all__ = ["VERDICTS", "change_interval", "comparison_summary", "scenario_table", "sweep_summary", "verdict_name"]

VERDICTS: dict[str, str] = {"better": N_("better"), "worse": N_("worse"), "unclear": N_("unclear")}
"""The verdicts of a change, for people (``''``, for a figure with no better direction, stays empty)."""

SWEEP_METRICS = ("goal_rate", "abandonment_rate", "mot_mean_wait", "mean_time_in_cycle")
"""The metrics a sweep's summary shows unless told otherwise."""


def verdict_name(verdict: str, language: str = "en") -> str:
    """``better``, ``worse`` or ``unclear`` in ``language``; ``''`` stays empty."""
    return translator(language).gettext(VERDICTS[verdict]) if verdict in VERDICTS else ""


def _per(kpi: str, row: pd.Series, time_unit: str) -> str | None:
    """The unit a rate's change and interval are said per: the one its base value is said in."""
    if metric_kind(kpi) != "rate":
        return None
    base = row["base"] if math.isfinite(row["base"]) and row["base"] else row["value"]
    return rate_unit(abs(float(base)) if math.isfinite(base) else 0.0, time_unit)


def change_interval(kpi: str, row: pd.Series, time_unit: str, language: str = "en") -> tuple[str, str]:
    """A row of :attr:`Comparison.table` as people read its change: (``+1.07 pp``, ``+0.308 pp to +1.83 pp``);
    the interval is empty with fewer than two paired replications, or when they all gave the same change."""
    per = _per(kpi, row, time_unit)
    shown = format_change(kpi, row["delta"], time_unit, language, per=per)
    if row["n"] < 2 or not (math.isfinite(row["ci_low"]) and math.isfinite(row["ci_high"])):
        return shown, ""
    low, high = (format_change(kpi, row[end], time_unit, language, per=per) for end in ("ci_low", "ci_high"))
    if low == high:  # every paired replication gave the same change: there is no interval to speak of
        return shown, ""
    return shown, translator(language).gettext("{low} to {high}", low=low, high=high)


def _chosen(comparison: Comparison, kpis: Sequence[str] | None) -> list[str]:
    return check_metrics(kpis) if kpis is not None else [k for k in comparison.kpis if DIRECTION.get(k)]


def scenario_table(comparison: Comparison, scenario: str, language: str | None = None,
                   kpis: Sequence[str] | None = None) -> pd.DataFrame:
    """One scenario against the base: one row per figure (by name) with the base, the scenario, the change,
    its 95% interval and the verdict, in ``language`` (by default the journey's)."""
    language = language or comparison.journey.language
    words = translator(language)
    unit = comparison.journey.time_unit
    rows = []
    for kpi in _chosen(comparison, kpis):
        row = comparison.table.loc[(scenario, kpi)]
        change, interval = change_interval(kpi, row, unit, language)
        per = _per(kpi, row, unit)
        rows.append({
            words.gettext("figure"): metric_name(kpi, language),
            words.gettext("base"): format_metric(kpi, row["base"], unit, language, per=per),
            words.gettext("scenario"): format_metric(kpi, row["value"], unit, language, per=per),
            words.gettext("change"): change,
            words.gettext("95% interval"): interval,
            words.gettext("verdict"): verdict_name(row["verdict"], language),
        })
    return pd.DataFrame(rows)


def comparison_summary(comparison: Comparison, kpis: Sequence[str] | None = None,
                       language: str | None = None) -> pd.DataFrame:
    """Every scenario against the base: one row per scenario, one column per figure (by name), each cell
    ``base → scenario: change (95%: interval)``."""
    language = language or comparison.journey.language
    words = translator(language)
    unit = comparison.journey.time_unit
    chosen = _chosen(comparison, kpis)
    rows = {}
    for scenario in comparison.scenarios:
        cells = {}
        for kpi in chosen:
            row = comparison.table.loc[(scenario.name, kpi)]
            change, interval = change_interval(kpi, row, unit, language)
            per = _per(kpi, row, unit)
            base, value = (format_metric(kpi, row[column], unit, language, per=per) for column in ("base", "value"))
            cell = words.gettext("{before} → {after}: {change}", before=base, after=value, change=change)
            if interval:
                cell += " " + words.gettext("(95%: {interval})", interval=interval)
            if row.get("unstable", False):  # a queue grows without end on one side: no verdict, and said so
                cell += f" ({words.gettext(UNSTABLE)})"
            cells[metric_name(kpi, language)] = cell
        rows[scenario.name] = cells
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = words.gettext("scenario")
    return frame


def sweep_summary(result: SweepResult, metrics: Sequence[str] | None = None,
                  language: str | None = None) -> pd.DataFrame:
    """Every point of a sweep: its parameters' values and each metric's mean ± half-width of its 95% interval,
    columns named for people, one unit per column."""
    from journeymap.experiment.descriptions import parameter_label, parameter_text, parameter_unit

    journey = result.journey
    language = language or journey.language
    unit = journey.time_unit
    chosen = check_metrics(list(metrics) if metrics is not None else [m for m in SWEEP_METRICS if m in result.runs])
    units = {name: parameter_unit(name, result.points[name], journey) for name in result.parameters}
    rows = []
    for point, values in result.points.iterrows():
        cells: dict[str, Any] = {parameter_label(name, journey, language): parameter_text(
            name, values[name], journey, language, per=units[name]) for name in result.parameters}
        table = result.table[result.table["point"] == point].set_index("metric")
        for metric in chosen:
            row = table.loc[metric]
            half = (row["ci_high"] - row["ci_low"]) / 2
            cells[metric_name(metric, language)] = estimate(row["mean"], half, metric_kind(metric), time_unit=unit,
                                                            language=language)
        rows.append(cells)
    return pd.DataFrame(rows)
