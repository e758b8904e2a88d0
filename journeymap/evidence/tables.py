"""The evidence and the back-test as tables for people, in the journey's language (through journeymap.text)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from journeymap.text import N_, estimate, interval, quantity, translator

if TYPE_CHECKING:
    from journeymap.evidence.calibration import Calibration

__all__ = ["KINDS", "PARAMETERS", "evidence_table"]

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


def share_text(value: float, half: float, language: str) -> str:
    """A share with the half-width of its interval (``62.4% ± 3.1 pp``)."""
    return estimate(value, half, "share", language=language)
