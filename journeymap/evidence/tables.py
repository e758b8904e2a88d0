"""The evidence and the back-test as tables for people, in the journey's language (through journeymap.text)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from journeymap.text import N_, change, interval, quantity, translator

if TYPE_CHECKING:
    from journeymap.evidence.baselines import Baseline
    from journeymap.evidence.calibration import Calibration

__all__ = ["INDICATORS", "KINDS", "PARAMETERS", "baseline_table", "comparison_table", "evidence_table",
           "indicator_name"]

PARAMETERS = {
    "p": N_("routing probability"),
    "service_time": N_("mean service time"),
    "capacity": N_("capacity (servers)"),
    "abandonment": N_("abandonment"),
    "patience": N_("mean patience"),
    "delay": N_("mean delay"),
    "wait": N_("mean wait before the next touchpoint"),
    "rate": N_("arrival rate"),
}
"""What each evidence row's ``parameter`` is called for people."""

KINDS = {"p": "share", "service_time": "time", "capacity": "number", "abandonment": "share", "patience": "time",
         "delay": "time", "wait": "time", "rate": "rate"}


def evidence_table(calibration: Calibration) -> pd.DataFrame:
    """One row per estimated figure: what, where, the value, its 95% interval and how many observations."""
    journey = calibration.journey
    words = translator(journey.language)
    unit, language = journey.time_unit, journey.language
    rows = []
    for row in calibration.evidence.itertuples(index=False):
        kind = KINDS.get(row.parameter, "number")
        rows.append({
            words.gettext("figure"): words.gettext(PARAMETERS.get(row.parameter, row.parameter)),
            words.gettext("where"): _where(row.id, calibration),
            words.gettext("value"): quantity(row.value, kind, time_unit=unit, language=language),
            words.gettext("95% interval"): _interval(row.ci_low, row.ci_high, kind, unit, language),
            words.gettext("observations"): quantity(row.n, "count", language=language),
        })
    return pd.DataFrame(rows)


def _interval(low: Any, high: Any, kind: str, unit: str, language: str) -> str:
    if kind == "number" or low is None or high is None or not (math.isfinite(low) and math.isfinite(high)):
        return "" if kind != "number" or not math.isfinite(low or math.nan) else interval(
            low, high, "number", language=language)
    return interval(low, high, kind, time_unit=unit, language=language)


def _where(identifier: str, calibration: Calibration) -> str:
    journey = calibration.journey
    words = translator(journey.language)
    names = {tp.id: tp.label for tp in journey.touchpoints}
    if " → " in identifier:
        source, target = identifier.split(" → ", 1)
        shown = words.gettext("leave the cycle") if target == "(leave)" else names.get(target, target)
        return f"{names.get(source, source)} → {shown}"
    return names.get(identifier, identifier)


INDICATORS = {
    "cases": N_("cases"),
    "first_stage": N_("customers in the first stage"),
    "last_stage": N_("customers in the last stage"),
    "cycle_mean": N_("cycle duration, mean"),
    "cycle_median": N_("cycle duration, median"),
    "cycle_p90": N_("cycle duration, 90th percentile"),
    "goal_share": N_("goal share"),
    "return_share": N_("customers who come back within the period"),
    "cost_per_case": N_("cost per case"),
}


def indicator_name(key: str, stages: dict[str, str], language: str) -> str:
    """An indicator's name for people (``in_stage:contact`` → ``customers in stage Contact``)."""
    words = translator(language)
    kind, _, what = key.partition(":")
    if kind == "in_stage":
        return words.gettext("customers in stage {stage}", stage=stages.get(what, what))
    if kind == "drop_off":
        return words.gettext("drop-off in stage {stage}", stage=stages.get(what, what))
    if kind == "volume":
        return words.gettext("visits by channel: {channel}", channel=what)
    return words.gettext(INDICATORS.get(key, key))


def baseline_table(baseline: Baseline) -> pd.DataFrame:
    """The indicators of a baseline for people: name, value, 95% interval, observations."""
    words = translator(baseline.language)
    unit, language = baseline.time_unit, baseline.language
    rows = []
    for row in baseline.indicators.itertuples(index=False):
        rows.append({
            words.gettext("indicator"): indicator_name(row.indicator, baseline.stages, language),
            words.gettext("value"): quantity(row.value, row.kind, time_unit=unit, language=language),
            words.gettext("95% interval"): _interval(row.ci_low, row.ci_high, row.kind, unit, language),
            words.gettext("observations"): quantity(row.n, "count", language=language),
        })
    return pd.DataFrame(rows)


def comparison_table(table: pd.DataFrame, before: Baseline) -> pd.DataFrame:
    """:func:`~journeymap.evidence.baselines.compare`'s table for people, with a plain verdict per indicator."""
    words = translator(before.language)
    unit, language = before.time_unit, before.language
    rows = []
    for row in table.itertuples(index=False):
        def show(value: float, kind: str = row.kind) -> str:
            return quantity(value, kind, time_unit=unit, language=language)
        low, high = row.ci_low, row.ci_high
        rows.append({
            words.gettext("indicator"): indicator_name(row.indicator, before.stages, language),
            words.gettext("before"): show(row.before),
            words.gettext("after"): show(row.after),
            words.gettext("change"): change(row.change, row.kind, time_unit=unit, language=language),
            words.gettext("95% interval of the change"): (
                f"{change(low, row.kind, time_unit=unit, language=language)} – "
                f"{change(high, row.kind, time_unit=unit, language=language)}"
                if math.isfinite(low) and math.isfinite(high) else ""),
            words.gettext("verdict"): words.gettext("a real change") if row.distinguishable
            else words.gettext("not distinguishable from no change"),
        })
    return pd.DataFrame(rows)
