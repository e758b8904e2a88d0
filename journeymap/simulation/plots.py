"""Charts of a simulation result (matplotlib): waits per touchpoint, time in the cycle, the stage funnel.

Each helper draws on the ``ax`` given (or a new figure) and returns the figure. They only read the
result's tables, so every number drawn can also be read from a DataFrame. Words are in the journey's
language (or ``language``), times in the largest sensible unit, axis numbers in the language's style,
names drawn literally, and intervals never below zero. A figure the run flags as not meaningful (a queue
without patience upstream grows without end) is drawn hatched, or its chart says so under the title.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

import numpy as np

from journeymap.simulation.formatting import UNSTABLE
from journeymap.simulation.stats import rebin
from journeymap.text import (
    SECONDS,
    axis_numbers,
    count,
    duration,
    duration_unit,
    literal,
    percent,
    translator,
    unit_label,
)

if TYPE_CHECKING:
    from journeymap.simulation.result import SimulationResult

__all__ = ["plot_by_hour", "plot_funnel", "plot_time_in_cycle", "plot_waits"]

BAR = "#4C72B0"
MOMENT = "#C44E52"
TITLE_WIDTH = 64
"""Characters on a line of a title or an axis title: the width of a chart's axes, whatever the names beside it."""


def _axes(ax: Any, size: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _name(text: str, width: int = 40) -> str:
    return literal("\n".join(textwrap.wrap(str(text), width)) or str(text))


def _title(ax: Any, *lines: str) -> None:
    """Set ``ax``'s title from ``lines`` (the journey's title, what the chart shows), each wrapped to fit."""
    ax.set_title("\n".join(_name(line, TITLE_WIDTH) for line in lines), fontsize=11)


def _flagged(result: SimulationResult, kpi: str) -> bool:
    """Whether the run flags the headline figure ``kpi`` as not meaningful."""
    return bool(result.kpis["unstable"].get(kpi, False)) if "unstable" in result.kpis else False


def _time_scale(largest: float, time_unit: str) -> tuple[float, str]:
    """The unit an axis of times is drawn in (the largest sensible one for ``largest``) and the factor to it."""
    unit = duration_unit(largest, time_unit) if largest > 0 else time_unit
    return SECONDS[time_unit] / SECONDS[unit], unit


def plot_waits(result: SimulationResult, ax: Any = None, *, language: str | None = None) -> Any:
    """Horizontal bars of the mean wait in queue at each touchpoint with a queue (limited servers: elsewhere
    nobody waits) with its 95% interval (never below zero), in the journey's order; moments of truth in red."""
    journey = result.journey
    language = language or journey.language
    words = translator(language)
    frame = result.interval("mean_wait").fillna({"mean": 0.0})
    queues = [tp.id for tp in journey.touchpoints if journey.has_queue(tp)]
    if queues:
        frame = frame.loc[queues]
    labels = [_name(journey.touchpoint(tp_id).label) for tp_id in frame.index]
    lines = sum(label.count("\n") + 1 for label in labels)
    ax = _axes(ax, (8.5, 0.3 * lines + 0.15 * len(frame) + 1.8))
    colours = [MOMENT if journey.touchpoint(tp_id).moment_of_truth else BAR for tp_id in frame.index]
    mean = frame["mean"].to_numpy(dtype=float)
    low = np.clip(frame["ci_low"].to_numpy(dtype=float), 0.0, None)  # a wait is never negative
    high = frame["ci_high"].to_numpy(dtype=float)
    factor, unit = _time_scale(float(np.nanmax(np.append(high, mean))) if len(frame) else 0.0, journey.time_unit)
    errors = np.vstack([np.nan_to_num(mean - low, nan=0.0), np.nan_to_num(high - mean, nan=0.0)]) * factor
    positions = np.arange(len(frame))
    flagged = set(result.unstable)
    bars = ax.barh(positions, mean * factor, xerr=errors, color=colours, capsize=3)
    for bar, tp_id in zip(bars, frame.index, strict=True):
        if tp_id in flagged:  # no steady state: the bar only says how long this run lasted
            bar.set(hatch="///", alpha=0.45, edgecolor="black")
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(axis_numbers(language))
    ax.set_xlabel(words.gettext("mean wait in queue ({unit}), with its 95% interval",
                                unit=unit_label("time", time_unit=unit, language=language)))
    title = (words.gettext("Waits at touchpoints with limited capacity (red: moments of truth)") if queues
             else words.gettext("Waits at touchpoints (red: moments of truth)"))
    hatched = ([words.gettext("hatched bars: {what}", what=words.gettext(UNSTABLE))] if flagged & set(frame.index)
               else [])
    _title(ax, journey.title, title, *hatched)
    ax.grid(axis="x", alpha=0.3)
    return ax.figure


def plot_time_in_cycle(result: SimulationResult, ax: Any = None, bins: int = 40, *,
                       language: str | None = None) -> Any:
    """Histogram of the time from entering to leaving the cycle (all replications pooled) up to its
    95th percentile, with the mean and the 90th percentile marked, in the largest sensible time unit."""
    journey = result.journey
    unit = journey.time_unit
    language = language or journey.language
    words = translator(language)
    histogram = result.time_histogram()
    ax = _axes(ax, (8, 4.5))
    if histogram.total == 0:
        ax.text(0.5, 0.5, words.gettext("no customer completed the cycle"), ha="center", va="center",
                transform=ax.transAxes)
        return ax.figure
    top = histogram.quantile(0.95) or 1.0
    edges = np.linspace(0.0, top, bins + 1)
    counts = rebin(histogram.counts, histogram.zeros, edges)
    factor, shown = _time_scale(top, unit)
    ax.bar(edges[:-1] * factor, counts / histogram.total * 100, width=np.diff(edges) * factor, align="edge",
           color=BAR, edgecolor="white")
    mean = float(result.kpis.loc["mean_time_in_cycle", "mean"])
    p90 = float(result.kpis.loc["p90_time_in_cycle", "mean"])
    ax.axvline(mean * factor, color="black", linestyle="--",
               label=words.gettext("mean: {time}", time=duration(mean, unit, language)))
    ax.axvline(p90 * factor, color=MOMENT, linestyle=":",
               label=words.gettext("90th percentile: {time}", time=duration(p90, unit, language)))
    ax.set_xlim(0.0, top * factor)
    ax.xaxis.set_major_formatter(axis_numbers(language))
    ax.yaxis.set_major_formatter(axis_numbers(language))
    ax.set_xlabel(_name(words.gettext("time in the cycle ({unit}); the slowest 5% of customers, beyond {time}, are "
                                      "not drawn", unit=unit_label("time", time_unit=shown, language=language),
                                      time=duration(top, unit, language)), TITLE_WIDTH))
    ax.set_ylabel(words.gettext("share of customers (%)"))
    _title(ax, journey.title, words.gettext("Time in the cycle"),
           *([words.gettext(UNSTABLE)] if _flagged(result, "mean_time_in_cycle") else []))
    ax.legend()
    return ax.figure


def plot_funnel(result: SimulationResult, ax: Any = None, *, language: str | None = None) -> Any:
    """Funnel of the customers entering each stage, in the journey's stage order, labelled with the
    mean number per replication and the share of all customers who entered the cycle."""
    journey = result.journey
    language = language or journey.language
    words = translator(language)
    frame = result.stages_ci.xs("entered", level="metric")
    reach = result.stages["reach"]
    names = {stage.id: stage.label for stage in journey.stages}
    ax = _axes(ax, (8.5, 0.55 * len(frame) + 1.8))
    positions = np.arange(len(frame))
    widths = frame["mean"].fillna(0.0).to_numpy()
    ax.barh(positions, widths, left=-widths / 2, xerr=None, color=BAR, height=0.7)
    widest = max(float(widths.max(initial=0.0)), 1e-9)  # no stage entered: still a chart, not a division by 0
    for position, (stage_id, width) in zip(positions, zip(frame.index, widths, strict=True), strict=True):
        share = reach.get(stage_id, np.nan)
        text = count(width, language) + (f" ({percent(share, language, digits=2)})" if np.isfinite(share) else "")
        inside = width > 0.45 * widest  # a narrow bar: the figure goes beside it, in the bar's colour
        ax.text(0 if inside else width / 2 + 0.02 * widest, position, text, ha="center" if inside else "left",
                va="center", color="white" if inside else BAR, fontweight="bold")
    ax.set_yticks(positions, [_name(names.get(s, s) or words.gettext("(no stage)"), 30) for s in frame.index])
    ax.invert_yaxis()
    ax.set_xticks([])
    beside = bool(len(widths)) and bool((widths <= 0.45 * widest).any())  # room on the right for figures beside
    ax.set_xlim(-0.55 * widest or -1, (0.9 if beside else 0.55) * widest or 1)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel(_name(words.gettext("customers entering each stage, mean per replication (share of those entering "
                                      "the cycle)"), TITLE_WIDTH))
    _title(ax, journey.title, words.gettext("Customers entering each stage"),
           *([words.gettext(UNSTABLE)] if result.stages["unstable"].any() else []))
    return ax.figure


def plot_by_hour(result: SimulationResult, touchpoint: str, axes: Any = None, *, language: str | None = None) -> Any:
    """A touchpoint's utilisation (bars, %) and mean wait (line) by hour of the day, for a journey whose
    arrivals follow a daily schedule (:meth:`SimulationResult.by_hour`); ``axes`` is a pair of
    axes to draw on (default: a new figure). Returns the figure."""
    journey = result.journey
    language = language or journey.language
    words = translator(language)
    table = result.by_hour(touchpoint)
    if axes is None:
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(2, 1, figsize=(8.5, 6), sharex=True, layout="constrained")
    top, bottom = axes
    hours = table.index.to_numpy()
    top.bar(hours, np.nan_to_num(table["utilization"].to_numpy(dtype=float)) * 100, color=BAR, width=0.8)
    team = journey.team_of(journey.touchpoint(touchpoint))
    top.set_ylabel(words.gettext("utilisation ({unit})", unit="%") if team is None else
                   words.gettext("share of the team's servers busy here ({unit})", unit="%"))
    top.yaxis.set_major_formatter(axis_numbers(language))
    top.grid(axis="y", alpha=0.3)
    waits = table["mean_wait"].to_numpy(dtype=float)
    factor, unit = _time_scale(float(np.nanmax(waits)) if np.isfinite(waits).any() else 0.0, journey.time_unit)
    bottom.plot(hours, waits * factor, marker="o", color=MOMENT)
    bottom.set_ylabel(words.gettext("mean wait ({unit})", unit=unit_label("time", time_unit=unit, language=language)))
    bottom.set_xlabel(words.gettext("hour of the day"))
    bottom.set_xticks(range(0, 24, 2))
    bottom.set_xlim(-0.6, 23.6)
    bottom.yaxis.set_major_formatter(axis_numbers(language))
    bottom.grid(axis="y", alpha=0.3)
    _title(top, journey.title, words.gettext("{name}: utilisation and waits by hour of the day",
                                             name=journey.touchpoint(touchpoint).label))
    return top.figure
