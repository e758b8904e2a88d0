"""Simulation figures for people and for machines: what kind of quantity each figure is, its name,
its value written for people, and the JSON document.

For people, each figure is written by :mod:`journeymap.text` according to its kind: shares as
percentages, times in the largest sensible unit, counts as whole numbers, throughput per hour (or
whatever unit gives at least one), in the journey's language. The JSON document gives every figure as
``{"mean": x, "ci_low": a, "ci_high": b}``, with ``null`` where a number is undefined (an interval
from a single replication, a wait where nobody came), and ``"unstable": true`` added to a figure that
is not meaningful because a queue upstream has no steady state.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from journeymap.text import N_, estimate, quantity, translator, unit_label

if TYPE_CHECKING:
    from journeymap.simulation.result import SimulationResult

__all__ = ["COUNTS", "KPI_NAMES", "RATES", "SHARES", "TIMES", "UNSTABLE", "column_title", "format_kpi",
           "interval_table", "kind", "kpi_name", "number", "result_document"]

SHARES = frozenset({"goal_rate", "abandonment_rate", "drop_off_rate", "utilization", "reach", "in_progress_share"})
"""Figures that are shares of a whole (shown as percentages)."""

TIMES = frozenset({"mean_time_in_cycle", "p90_time_in_cycle", "mean_wait", "p50_wait", "p90_wait", "mean_time"})
"""Figures that are times (in the journey's time unit)."""

COUNTS = frozenset({"arrived", "completed", "in_progress", "arrivals", "served", "abandoned", "entered", "left",
                    "max_queue"})
"""Figures that are numbers of customers."""

RATES = frozenset({"throughput", "visit_rate"})
"""Figures that are customers per time unit."""

KPI_NAMES: dict[str, str] = {
    "arrived": N_("customers who entered"),
    "completed": N_("customers who left the cycle"),
    "in_progress": N_("customers still in the cycle"),
    "in_progress_share": N_("share still in the cycle"),
    "goal_rate": N_("goal rate"),
    "abandonment_rate": N_("abandonment rate"),
    "drop_off_rate": N_("drop-off rate"),
    "mean_time_in_cycle": N_("mean time in the cycle"),
    "p90_time_in_cycle": N_("90th percentile of time in the cycle"),
    "moments_of_truth": N_("moments of truth per customer"),
    "throughput": N_("throughput"),
}
"""The journey-level figures' names for people (translated with :func:`kpi_name`)."""

UNSTABLE = N_("not meaningful: a queue upstream has no steady state")
"""What a flagged figure says after its value (translated where it is shown)."""


def number(value: Any) -> float | None:
    """A float for JSON, or ``None`` when it is NaN or infinite."""
    value = float(value)
    return value if math.isfinite(value) else None


def kind(name: str) -> str:
    """The kind of quantity figure ``name`` is (see :data:`journeymap.text.KINDS`): ``share`` for
    :data:`SHARES` and any other ``*_rate``, ``time``, ``count``, ``rate`` (per time unit) or ``number``."""
    if name in SHARES or (name.endswith("_rate") and name not in RATES):
        return "share"
    if name in TIMES:
        return "time"
    if name in COUNTS:
        return "count"
    if name in RATES:
        return "rate"
    return "number"


def kpi_name(name: str, language: str = "en") -> str:
    """The name people read for figure ``name`` (``tasa de logro del objetivo``); the key, spaced out,
    for a figure without one."""
    return translator(language).gettext(KPI_NAMES[name]) if name in KPI_NAMES else name.replace("_", " ")


def format_kpi(name: str, value: float, time_unit: str, language: str = "en") -> str:
    """``value`` of figure ``name`` as people read it: ``62.4%``, ``18.5 min``, ``1,204``, ``2.31``,
    ``12 per hour``; ``—`` when it is undefined."""
    return quantity(value, kind(name), time_unit=time_unit, language=language)


def _figure(row: pd.Series) -> dict[str, float | bool | None]:
    figure: dict[str, float | bool | None] = {"mean": number(row["mean"]), "ci_low": number(row["ci_low"]),
                                              "ci_high": number(row["ci_high"])}
    if bool(row.get("unstable", False)):
        figure["unstable"] = True
    return figure


def _nested(intervals: pd.DataFrame) -> dict[str, dict[str, dict[str, float | bool | None]]]:
    out: dict[str, dict[str, dict[str, float | bool | None]]] = {}
    for (key, metric), row in intervals.iterrows():
        out.setdefault(str(key), {})[str(metric)] = _figure(row)
    return out


def result_document(result: SimulationResult) -> dict[str, Any]:
    """The JSON document of a result (see :meth:`SimulationResult.to_dict`)."""
    journey = result.journey
    paths = [
        {
            "path": row["path"].split(" → "),
            "customers": int(row["customers"]),
            "share": {"mean": number(row["share"]), "ci_low": number(row["ci_low"]),
                      "ci_high": number(row["ci_high"])},
        }
        for _, row in result.paths.iterrows()
    ]
    return {
        "title": journey.title,
        "time_unit": journey.time_unit,
        "replications": len(result.stats),
        "seed": result.seed if isinstance(result.seed, int | None) else str(result.seed),
        "customers": result.customers,
        "until": result.until,
        "horizon": result.settings.horizon,
        "warmup": result.warmup,
        "warmup_detected": result.warmup_choice.to_dict() if result.warmup_choice is not None else None,
        "precision": result.precision.to_dict() if result.precision is not None else None,
        "unstable": result.unstable,
        "kpis": {str(name): _figure(row) for name, row in result.kpis.iterrows()},
        "touchpoints": _nested(result.touchpoints_ci),
        "stages": _nested(result.stages_ci),
        "paths": paths,
        "paths_beyond": result.paths_beyond,
    }


def column_title(name: str, time_unit: str, language: str = "en") -> str:
    """A column heading with its unit: ``mean_wait (min)``, ``utilization (%)``."""
    unit = unit_label(kind(name), time_unit=time_unit, language=language)
    return f"{name} ({unit})" if unit else name


def interval_table(intervals: pd.DataFrame, columns: tuple[str, ...], time_unit: str,
                   language: str = "en") -> pd.DataFrame:
    """Figures of a ``touchpoints_ci`` or ``stages_ci`` table as text, each ``mean ± half-width of the
    95% interval`` (the interval itself where that would leave the figure's range), one row per id, the
    unit in each column's title; a row whose figures are not meaningful says so after its id."""
    words = translator(language)
    rows: dict[str, dict[str, str]] = {}
    for key in dict.fromkeys(intervals.index.get_level_values(0)):
        cells = {}
        flagged = False
        for column in columns:
            row = intervals.loc[(key, column)]
            flagged = flagged or bool(row.get("unstable", False))
            cells[column_title(column, time_unit, language)] = estimate(
                row["mean"], (row["ci_high"] - row["ci_low"]) / 2, kind(column), time_unit=time_unit,
                language=language, bare=True)
        name = str(key) or words.gettext("(no stage)")
        rows[f"{name} ({words.gettext(UNSTABLE)})" if flagged else name] = cells
    return pd.DataFrame.from_dict(rows, orient="index")
