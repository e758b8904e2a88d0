"""Simulation figures for people and for machines: formatted values and the JSON document.

Shares print as percentages, times with the journey's unit, counts as whole numbers. The JSON
document gives every figure as ``{"mean": x, "ci_low": a, "ci_high": b}``, with ``null`` where a
number is undefined (an interval from a single replication, a wait where nobody came).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from journeymap.simulation.result import SimulationResult

__all__ = ["COUNTS", "SHARES", "TIMES", "column_title", "format_kpi", "interval_table", "number", "result_document"]

SHARES = frozenset({"goal_rate", "abandonment_rate", "drop_off_rate", "utilization", "reach"})
"""Figures that are shares of a whole (shown as percentages)."""

TIMES = frozenset({"mean_time_in_cycle", "p90_time_in_cycle", "mean_wait", "p50_wait", "p90_wait", "mean_time"})
"""Figures that are times (in the journey's time unit)."""

COUNTS = frozenset({"arrived", "completed", "in_progress", "arrivals", "served", "abandoned", "entered", "left",
                    "max_queue"})
"""Figures that are numbers of customers."""

_SHORT_UNITS = {"second": "s", "minute": "min", "hour": "h", "day": "d", "week": "w"}


def number(value: Any) -> float | None:
    """A float for JSON, or ``None`` when it is NaN or infinite."""
    value = float(value)
    return value if math.isfinite(value) else None


def format_kpi(name: str, value: float, time_unit: str) -> str:
    """``value`` of figure ``name`` as people read it: ``62.4%``, ``18.5 min``, ``1,204``, ``2.31``."""
    if value is None or not math.isfinite(value):
        return "—"
    if name in SHARES:
        return f"{value:.1%}"
    if name in TIMES:
        return f"{value:.3g} {_SHORT_UNITS.get(time_unit, time_unit)}"
    if name in COUNTS:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _figure(row: pd.Series) -> dict[str, float | None]:
    return {"mean": number(row["mean"]), "ci_low": number(row["ci_low"]), "ci_high": number(row["ci_high"])}


def _nested(intervals: pd.DataFrame) -> dict[str, dict[str, dict[str, float | None]]]:
    out: dict[str, dict[str, dict[str, float | None]]] = {}
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
        "warmup": result.warmup,
        "kpis": {str(name): _figure(row) for name, row in result.kpis.iterrows()},
        "touchpoints": _nested(result.touchpoints_ci),
        "stages": _nested(result.stages_ci),
        "paths": paths,
    }


def _kind(name: str) -> str:
    if name in SHARES or name.endswith("_rate"):
        return "share"
    if name in TIMES or name in ("mean_time",):
        return "time"
    if name in COUNTS:
        return "count"
    return "number"


def _cell(kind: str, mean: float, half: float) -> str:
    """``mean ± half`` with as many digits as the interval deserves (no ``±`` without an interval)."""
    if not math.isfinite(mean):
        return "—"
    scale = 100.0 if kind == "share" else 1.0
    value, width = mean * scale, half * scale
    formats = {"count": ",.0f", "share": ".1f"}
    text = format(value, formats.get(kind, ".3g"))
    if math.isfinite(width) and width > 1e-9 * max(1.0, abs(value)):
        text += f" ± {width:,.0f}" if kind == "count" else f" ± {width:.2g}"
    return text


def column_title(name: str, time_unit: str) -> str:
    """A column heading with its unit: ``mean_wait (min)``, ``utilization (%)``."""
    kind = _kind(name)
    if kind == "share":
        return f"{name} (%)"
    if kind == "time":
        return f"{name} ({_SHORT_UNITS.get(time_unit, time_unit)})"
    return name


def interval_table(intervals: pd.DataFrame, columns: tuple[str, ...], time_unit: str) -> pd.DataFrame:
    """Figures of a ``touchpoints_ci`` or ``stages_ci`` table as text, each ``mean ± half-width of the
    95% interval``, one row per id, the unit in each column's title."""
    rows: dict[str, dict[str, str]] = {}
    for key in dict.fromkeys(intervals.index.get_level_values(0)):
        cells = {}
        for column in columns:
            row = intervals.loc[(key, column)]
            cells[column_title(column, time_unit)] = _cell(_kind(column), row["mean"],
                                                           (row["ci_high"] - row["ci_low"]) / 2)
        rows[str(key) or "(no stage)"] = cells
    return pd.DataFrame.from_dict(rows, orient="index")
