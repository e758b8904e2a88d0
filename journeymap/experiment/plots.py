"""Charts of experiments (matplotlib): KPI changes with error bars, funnels side by side, sweep curves.

Each helper only reads an experiment's tables and returns the figure, so every number drawn can also
be read from a DataFrame.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from journeymap.errors import NotFound
from journeymap.experiment.metrics import DIRECTION, metric_kind, metric_name
from journeymap.text import translator, unit_label

if TYPE_CHECKING:
    from journeymap.experiment.comparison import Comparison
    from journeymap.experiment.sweeping import SweepResult

__all__ = ["plot_deltas", "plot_funnels", "plot_sweep"]

VERDICT_COLOURS = {"better": "#2E7D32", "worse": "#C62828", "unclear": "#757575", "": "#4C72B0"}
PALETTE = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C"]
LANGUAGE = "en"
"""The charts' words are English for now (their numbers are matplotlib's); the metric names and units
come from the catalogue, ready for the journey's language."""


def _name(kpi: str) -> str:
    return metric_name(kpi, LANGUAGE)


def _label(kpi: str, unit: str, *, change: bool) -> str:
    """An axis title with the unit the values are drawn in: ``goal rate (%)``, ``mean wait (min)``."""
    kind = metric_kind(kpi)
    if kind == "share" and change:
        shown = translator(LANGUAGE).gettext("percentage points")
    else:
        shown = unit_label(kind, time_unit=unit, language=LANGUAGE)
    return f"{_name(kpi)} ({shown})" if shown else _name(kpi)


def _scale(kpi: str) -> float:
    return 100.0 if metric_kind(kpi) == "share" else 1.0


def plot_deltas(comparison: Comparison, kpis: Sequence[str], *, figsize: tuple[float, float] | None = None) -> Any:
    """One panel per KPI: each scenario's change against the base (dot) with its 95% interval (bar);
    green when significantly better, red when worse, grey when unclear."""
    import matplotlib.pyplot as plt

    names = [s.name for s in comparison.scenarios]
    columns = 2 if len(kpis) == 4 else min(3, max(1, len(kpis)))
    rows = math.ceil(len(kpis) / columns) if kpis else 1
    size = figsize or (4.2 * columns, 0.45 * len(names) * rows + 1.6 * rows)
    fig, axes = plt.subplots(rows, columns, figsize=size, layout="constrained", squeeze=False, sharey=True)
    positions = np.arange(len(names))
    unit = comparison.journey.time_unit
    for ax, kpi in zip(axes.flat, kpis, strict=False):
        frame = comparison.delta(kpi).reindex(names)
        scale = _scale(kpi)
        for position, (_, row) in zip(positions, frame.iterrows(), strict=True):
            colour = VERDICT_COLOURS.get(row["verdict"], VERDICT_COLOURS[""])
            low = row["delta"] - row["ci_low"] if math.isfinite(row["ci_low"]) else 0.0
            high = row["ci_high"] - row["delta"] if math.isfinite(row["ci_high"]) else 0.0
            ax.errorbar(row["delta"] * scale, position, xerr=[[low * scale], [high * scale]], fmt="o",
                        color=colour, capsize=4, markersize=6)
        ax.axvline(0.0, color="black", linewidth=0.8)
        better = {1: "more is better →", -1: "← less is better"}.get(DIRECTION.get(kpi, 0), "")
        ax.set_title(_name(kpi) + (f"\n{better}" if better else ""), fontsize=10)
        ax.set_xlabel("change: " + _label(kpi, unit, change=True), fontsize=9)
        ax.grid(axis="x", alpha=0.3)
    for ax in list(axes.flat)[len(kpis):]:
        ax.set_visible(False)
    axes[0, 0].set_yticks(positions, names)
    axes[0, 0].invert_yaxis()
    fig.suptitle(f"{comparison.journey.title}: change against the base (95% interval, "
                 f"{comparison.settings.replications} paired replications)", fontsize=11)
    return fig


def plot_funnels(comparison: Comparison, *, figsize: tuple[float, float] | None = None) -> Any:
    """Grouped bars: the share of customers entering each stage, for the base and every scenario."""
    import matplotlib.pyplot as plt

    journey = comparison.journey
    stages = list(journey.stage_ids)
    names = comparison.names
    height = 0.8 / len(names)
    fig, ax = plt.subplots(figsize=figsize or (9.5, 0.22 * len(stages) * max(2, len(names)) + 1.8),
                           layout="constrained")
    positions = np.arange(len(stages))
    for k, name in enumerate(names):
        frame = comparison.results[name].stages_ci.xs("reach", level="metric").reindex(stages)
        mean = frame["mean"].to_numpy(dtype=float) * 100
        low = np.nan_to_num(mean - frame["ci_low"].to_numpy(dtype=float) * 100, nan=0.0)
        high = np.nan_to_num(frame["ci_high"].to_numpy(dtype=float) * 100 - mean, nan=0.0)
        ax.barh(positions + (k - (len(names) - 1) / 2) * height, np.nan_to_num(mean), height=height * 0.95,
                xerr=np.vstack([low, high]), color=PALETTE[k % len(PALETTE)], label=name, capsize=2)
    ax.set_yticks(positions, [journey.stage(s).label for s in stages])
    ax.invert_yaxis()
    ax.set_xlabel("customers entering the stage (% of those entering the cycle), 95% interval")
    ax.set_xlim(0, 105)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="lower right", fontsize=9, framealpha=0.95)
    ax.set_title(f"Funnel by stage, base and scenarios\n{journey.title}", fontsize=11)
    return fig


def plot_sweep(result: SweepResult, metric: str, *, x: str | None = None, ax: Any = None) -> Any:
    """``metric`` against parameter ``x`` (default: the first) with its 95% band, one line per combination
    of the other parameters' values."""
    import matplotlib.pyplot as plt

    frame = result.metric(metric)
    parameters = list(result.parameters)
    x = x or parameters[0]
    if x not in parameters:
        raise NotFound("parameter", x, parameters, text=f"'{x}' is not a parameter of this sweep",
                       tail=f"; choose one of: {', '.join(parameters)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 4.5), layout="constrained")
    others = [p for p in parameters if p != x]
    groups = list(frame.groupby(others, sort=True)) if others else [((), frame)]
    scale = _scale(metric)
    for k, (key, group) in enumerate(groups):
        group = group.sort_values(x)
        key = key if isinstance(key, tuple) else (key,)
        label = ", ".join(f"{p} = {v:g}" for p, v in zip(others, key, strict=True))
        colour = PALETTE[k % len(PALETTE)]
        ax.plot(group[x], group["mean"] * scale, marker="o", color=colour, label=label or None)
        ax.fill_between(group[x], group["ci_low"] * scale, group["ci_high"] * scale, color=colour, alpha=0.18,
                        linewidth=0)
    ax.set_xlabel(x)
    if x.endswith(".capacity"):
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(_label(metric, result.journey.time_unit, change=False))
    ax.grid(alpha=0.3)
    if others:
        ax.legend(fontsize=9)
    ax.set_title(f"{_name(metric)}\nmean and 95% band, {result.settings.replications} replications per point",
                 fontsize=10)
    return ax.figure
