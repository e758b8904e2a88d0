"""Charts of a simulation result (matplotlib): waits per touchpoint, time in the cycle, the stage funnel.

Each helper draws on the ``ax`` given (or a new figure) and returns the figure. They only read the
result's tables, so every number drawn can also be read from a DataFrame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from journeymap.simulation.stats import rebin
from journeymap.text import count, duration, percent

if TYPE_CHECKING:
    from journeymap.simulation.result import SimulationResult

__all__ = ["plot_funnel", "plot_time_in_cycle", "plot_waits"]

BAR = "#4C72B0"
MOMENT = "#C44E52"


def _axes(ax: Any, size: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _errors(frame: Any) -> np.ndarray:
    """Error-bar lengths below and above each mean (zero where there is no interval)."""
    low = np.nan_to_num(frame["mean"] - frame["ci_low"], nan=0.0)
    high = np.nan_to_num(frame["ci_high"] - frame["mean"], nan=0.0)
    return np.vstack([low, high])


def plot_waits(result: SimulationResult, ax: Any = None) -> Any:
    """Horizontal bars of the mean wait in queue at each touchpoint with a capacity (elsewhere nobody
    waits) with its 95% interval, in the journey's order; moments of truth in red."""
    journey = result.journey
    frame = result.interval("mean_wait").fillna({"mean": 0.0})
    queues = [tp.id for tp in journey.touchpoints if tp.capacity is not None]
    if queues:
        frame = frame.loc[queues]
    ax = _axes(ax, (7.5, 0.35 * len(frame) + 1.5))
    labels = [journey.touchpoint(tp_id).label for tp_id in frame.index]
    colours = [MOMENT if journey.touchpoint(tp_id).moment_of_truth else BAR for tp_id in frame.index]
    positions = np.arange(len(frame))
    ax.barh(positions, frame["mean"], xerr=_errors(frame), color=colours, capsize=3)
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.set_xlabel(f"mean wait in queue ({journey.time_unit}s), with its 95% interval")
    where = "touchpoints with limited capacity" if queues else "touchpoints"
    ax.set_title(f"Waits at {where} (red: moments of truth)")
    ax.grid(axis="x", alpha=0.3)
    return ax.figure


def plot_time_in_cycle(result: SimulationResult, ax: Any = None, bins: int = 40) -> Any:
    """Histogram of the time from entering to leaving the cycle (all replications pooled) up to its
    95th percentile, with the mean and the 90th percentile marked."""
    unit, language = result.journey.time_unit, result.journey.language
    histogram = result.time_histogram()
    ax = _axes(ax, (7.5, 4.0))
    if histogram.total == 0:
        ax.text(0.5, 0.5, "no customer completed the cycle", ha="center", va="center", transform=ax.transAxes)
        return ax.figure
    top = histogram.quantile(0.95) or 1.0
    edges = np.linspace(0.0, top, bins + 1)
    counts = rebin(histogram.counts, histogram.zeros, edges)
    ax.bar(edges[:-1], counts / histogram.total, width=np.diff(edges), align="edge", color=BAR, edgecolor="white")
    mean = float(result.kpis.loc["mean_time_in_cycle", "mean"])
    p90 = float(result.kpis.loc["p90_time_in_cycle", "mean"])
    ax.axvline(mean, color="black", linestyle="--", label=f"mean {duration(mean, unit, language)}")
    ax.axvline(p90, color=MOMENT, linestyle=":", label=f"90th percentile {duration(p90, unit, language)}")
    ax.set_xlim(0.0, top)
    ax.set_xlabel(f"time in the cycle ({unit}s); the slowest 5% of customers, beyond {duration(top, unit, language)}, "
                  "are not drawn")
    ax.set_ylabel("share of customers")
    ax.set_title("Time in the cycle")
    ax.legend()
    return ax.figure


def plot_funnel(result: SimulationResult, ax: Any = None) -> Any:
    """Funnel of the customers entering each stage, in the journey's stage order, labelled with the
    share of all customers who entered the cycle."""
    journey = result.journey
    frame = result.stages_ci.xs("entered", level="metric")
    reach = result.stages["reach"]
    names = {stage.id: stage.label for stage in journey.stages}
    ax = _axes(ax, (7.5, 0.5 * len(frame) + 1.5))
    positions = np.arange(len(frame))
    widths = frame["mean"].fillna(0.0).to_numpy()
    ax.barh(positions, widths, left=-widths / 2, xerr=None, color=BAR, height=0.7)
    widest = max(float(widths.max(initial=0.0)), 1e-9)
    for position, (stage_id, width) in zip(positions, zip(frame.index, widths, strict=True), strict=True):
        share = reach.get(stage_id, np.nan)
        text = count(width, journey.language) + (f"  ({percent(share, journey.language, digits=2)})"
                                                 if np.isfinite(share) else "")
        if width >= 0.4 * widest:  # inside the bar
            ax.text(0, position, text, ha="center", va="center", color="white", fontweight="bold")
        else:  # a narrow bar: beside it, never cut by its edges
            ax.text(width / 2 + 0.02 * widest, position, text, ha="left", va="center", color="#222222",
                    fontweight="bold")
    ax.set_xlim(-widest * 0.55, widest * 0.75)
    ax.set_yticks(positions, [names.get(s, s or "(no stage)") for s in frame.index])
    ax.invert_yaxis()
    ax.set_xticks([])
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.set_title("Customers entering each stage (mean per replication)")
    return ax.figure
