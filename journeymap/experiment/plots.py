"""Charts of experiments (matplotlib): KPI changes with error bars, funnels side by side, sweep curves.

Each helper only reads an experiment's tables and returns the figure, so every number drawn can also
be read from a DataFrame. Every word is in the journey's language (or ``language``), every axis says its
unit, numbers follow the language (``0,5`` in Spanish), names are drawn literally (:func:`journeymap.text.
literal`) and intervals stay within what a figure can take (a legend or axis says when one was clipped).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from journeymap.errors import NotFound
from journeymap.experiment.metrics import DIRECTION, metric_kind, metric_name
from journeymap.text import (
    BOUNDS,
    SECONDS,
    axis_numbers,
    duration_unit,
    literal,
    rate_unit,
    translator,
    unit_label,
)

if TYPE_CHECKING:
    from journeymap.experiment.comparison import Comparison
    from journeymap.experiment.sweeping import SweepResult

__all__ = ["axis_scale", "plot_deltas", "plot_funnels", "plot_sweep", "wrapped"]

VERDICT_COLOURS = {"better": "#2E7D32", "worse": "#C62828", "unclear": "#757575", "unstable": "#E65100",
                   "": "#4C72B0"}
UNSTABLE_MARKER = "x"
"""How a change is drawn when one side has no steady state: a cross, neither better nor worse."""
PALETTE = ["#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3", "#8C8C8C"]
NAME_WIDTH = 30
"""Characters per line of a scenario's name beside a panel (longer names wrap onto more lines)."""


def wrapped(name: str, width: int = NAME_WIDTH) -> str:
    """A name as a chart writes it: literal, wrapped onto lines of at most ``width`` characters."""
    return literal("\n".join(textwrap.wrap(str(name), width)) or str(name))


def axis_scale(kpi: str, values: Sequence[float] | np.ndarray, time_unit: str, language: str, *,
               change: bool) -> tuple[float, str]:
    """How a figure is drawn on an axis: the factor its values are multiplied by and the unit's name.

    Shares are drawn in percent (changes in percentage points), times in the largest sensible unit for the
    largest value drawn, rates per the unit in which they reach one; plain numbers as they are."""
    kind = metric_kind(kpi)
    words = translator(language)
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    largest = float(np.max(np.abs(finite))) if len(finite) else 0.0
    if kind == "share":
        return 100.0, words.gettext("percentage points") if change else "%"
    if kind == "time":
        unit = duration_unit(largest, time_unit) if largest else time_unit
        return SECONDS[time_unit] / SECONDS[unit], unit_label("time", time_unit=unit, language=language)
    if kind == "rate":
        unit = rate_unit(largest, time_unit) if largest else time_unit
        return SECONDS[unit] / SECONDS[time_unit], unit_label("rate", time_unit=unit, language=language)
    return 1.0, ""


def _titled(name: str, unit: str) -> str:
    return f"{name} ({unit})" if unit else name


def plot_deltas(comparison: Comparison, kpis: Sequence[str], *, figsize: tuple[float, float] | None = None,
                language: str | None = None) -> Any:
    """One panel per KPI: each scenario's change against the base (dot) with its 95% interval (bar);
    green when significantly better, red when worse, grey when unclear, an orange cross when the KPI is not
    meaningful on one side (a queue without patience grows without end). Scenario names are wrapped and
    given the room they need on the left; each panel's axis says the change's unit."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    journey = comparison.journey
    language = language or journey.language
    words = translator(language)
    names = [s.name for s in comparison.scenarios]
    labels = [wrapped(name) for name in names]
    lines = sum(label.count("\n") + 1 for label in labels)
    columns = 1 if len(kpis) <= 1 else 2
    rows = math.ceil(len(kpis) / columns) if kpis else 1
    longest = max((len(line) for label in labels for line in label.split("\n")), default=10)
    width = 0.075 * longest + 0.3 + 4.0 * columns
    height = rows * (0.2 * lines + 0.12 * len(names) + 1.4) + 1.1
    fig, axes = plt.subplots(rows, columns, figsize=figsize or (width, height), layout="constrained",
                             squeeze=False, sharey=True)
    positions = np.arange(len(names))
    unit = journey.time_unit
    shown_verdicts: set[str] = set()
    for ax, kpi in zip(axes.flat, kpis, strict=False):
        frame = comparison.delta(kpi).reindex(names)
        ends = frame[["delta", "ci_low", "ci_high"]].to_numpy(dtype=float)
        scale, shown = axis_scale(kpi, ends, unit, language, change=True)
        for position, (_, row) in zip(positions, frame.iterrows(), strict=True):
            colour = VERDICT_COLOURS.get(row["verdict"], VERDICT_COLOURS[""])
            shown_verdicts.add(str(row["verdict"]))
            low = row["delta"] - row["ci_low"] if math.isfinite(row["ci_low"]) else 0.0
            high = row["ci_high"] - row["delta"] if math.isfinite(row["ci_high"]) else 0.0
            ax.errorbar(row["delta"] * scale, position, xerr=[[low * scale], [high * scale]],
                        fmt=UNSTABLE_MARKER if row["verdict"] == "unstable" else "o", color=colour, capsize=4,
                        markersize=7 if row["verdict"] == "unstable" else 6)
        ax.axvline(0.0, color="black", linewidth=0.8)
        direction = DIRECTION.get(kpi, 0)
        better = (words.gettext("more is better →") if direction > 0 else
                  words.gettext("← less is better") if direction < 0 else "")
        ax.set_title(literal(metric_name(kpi, language)) + (f"\n{better}" if better else ""), fontsize=10)
        ax.set_xlabel(literal(_titled(words.gettext("change"), shown)), fontsize=9)
        ax.xaxis.set_major_formatter(axis_numbers(language, sign=True))
        ax.grid(axis="x", alpha=0.3)
    for ax in list(axes.flat)[len(kpis):]:
        ax.set_visible(False)
    axes[0, 0].set_yticks(positions, labels)
    axes[0, 0].invert_yaxis()
    for ax in axes[:, 0]:
        ax.tick_params(axis="y", labelsize=9)
    verdicts = [("better", words.gettext("better")), ("worse", words.gettext("worse")),
                ("unclear", words.gettext("unclear: the interval includes no change"))]
    if "unstable" in shown_verdicts:
        verdicts.append(("unstable", words.gettext("not meaningful: a queue without patience grows without end")))
    handles = [Line2D([], [], marker=UNSTABLE_MARKER if key == "unstable" else "o", linestyle="",
                      color=VERDICT_COLOURS[key], label=label) for key, label in verdicts]
    fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 2 if len(handles) > 3 else 3),
               fontsize=9, frameon=False)
    runs = words.ngettext("{n} paired replication", "{n} paired replications", comparison.settings.replications)
    fig.suptitle(literal(journey.title) + "\n" + literal(words.gettext(
        "Change against the base, with its 95% interval ({runs})", runs=runs)), fontsize=11)
    return fig


def _clipped(mean: np.ndarray, low: np.ndarray, high: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray, bool]:
    """An interval's ends kept within the range of ``kind``, and whether any end had to be moved."""
    bottom, top = BOUNDS[kind]
    kept_low, kept_high = np.clip(low, bottom, top), np.clip(high, bottom, top)
    moved = bool(np.any(np.nan_to_num(kept_low, nan=0.0) != np.nan_to_num(low, nan=0.0))
                 or np.any(np.nan_to_num(kept_high, nan=0.0) != np.nan_to_num(high, nan=0.0)))
    return kept_low, kept_high, moved


def plot_funnels(comparison: Comparison, *, figsize: tuple[float, float] | None = None,
                 language: str | None = None) -> Any:
    """Grouped bars: the share of customers entering each stage, for the base and every scenario, with
    95% intervals kept within 0–100%."""
    import matplotlib.pyplot as plt

    journey = comparison.journey
    language = language or journey.language
    words = translator(language)
    stages = list(journey.stage_ids)
    names = comparison.names
    height = 0.8 / len(names)
    fig, ax = plt.subplots(figsize=figsize or (10, 0.24 * len(stages) * max(2, len(names)) + 2.2),
                           layout="constrained")
    positions = np.arange(len(stages))
    clipped = False
    for k, name in enumerate(names):
        frame = comparison.results[name].stages_ci.xs("reach", level="metric").reindex(stages)
        mean = frame["mean"].to_numpy(dtype=float)
        low, high, moved = _clipped(mean, frame["ci_low"].to_numpy(dtype=float),
                                    frame["ci_high"].to_numpy(dtype=float), "share")
        clipped = clipped or moved
        errors = np.vstack([np.nan_to_num(mean - low, nan=0.0), np.nan_to_num(high - mean, nan=0.0)]) * 100
        shown = words.gettext("base") if name == "base" else name
        ax.barh(positions + (k - (len(names) - 1) / 2) * height, np.nan_to_num(mean) * 100, height=height * 0.95,
                xerr=errors, color=PALETTE[k % len(PALETTE)], label=wrapped(shown, 40), capsize=2)
    ax.set_yticks(positions, [wrapped(journey.stage(s).label, 28) for s in stages])
    ax.invert_yaxis()
    label = words.gettext("customers entering the stage (% of those entering the cycle), 95% interval")
    if clipped:
        label += "\n" + words.gettext("(intervals cut at 0% and 100%)")
    ax.set_xlabel(label)
    ax.set_xlim(0, 105)
    ax.xaxis.set_major_formatter(axis_numbers(language))
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="best", fontsize=9, framealpha=0.95)
    ax.set_title(literal(words.gettext("Funnel by stage, base and scenarios")) + "\n" + literal(journey.title),
                 fontsize=11)
    return fig


def plot_sweep(result: SweepResult, metric: str, *, x: str | None = None, ax: Any = None,
               language: str | None = None) -> Any:
    """``metric`` against parameter ``x`` (default: the first) with its 95% band, one line per combination
    of the other parameters' values; the band is kept within the metric's range."""
    import matplotlib.pyplot as plt

    from journeymap.experiment.descriptions import parameter_label, parameter_text, parameter_unit

    journey = result.journey
    language = language or journey.language
    words = translator(language)
    frame = result.metric(metric)
    parameters = list(result.parameters)
    x = x or parameters[0]
    if x not in parameters:
        raise NotFound("parameter", x, parameters, text=f"'{x}' is not a parameter of this sweep",
                       tail=f"; choose one of: {', '.join(parameters)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 5), layout="constrained")
    others = [p for p in parameters if p != x]
    groups = list(frame.groupby(others, sort=True)) if others else [((), frame)]
    kind = metric_kind(metric)
    scale, unit = axis_scale(metric, frame[["mean", "ci_low", "ci_high"]].to_numpy(dtype=float), journey.time_unit,
                             language, change=False)
    x_scale, x_unit = _parameter_scale(x, frame[x].to_numpy(dtype=float), journey, language)
    units = {p: parameter_unit(p, frame[p], journey) for p in others}
    clipped = False
    for k, (key, group) in enumerate(groups):
        group = group.sort_values(x)
        key = key if isinstance(key, tuple) else (key,)
        label = ", ".join(f"{parameter_label(p, journey, language)} = "
                          f"{parameter_text(p, v, journey, language, per=units[p])}"
                          for p, v in zip(others, key, strict=True))
        colour = PALETTE[k % len(PALETTE)]
        mean = group["mean"].to_numpy(dtype=float)
        low, high, moved = _clipped(mean, group["ci_low"].to_numpy(dtype=float),
                                    group["ci_high"].to_numpy(dtype=float), kind)
        clipped = clipped or moved
        xs = group[x].to_numpy(dtype=float) * x_scale
        ax.plot(xs, mean * scale, marker="o", color=colour, label=wrapped(label, 50) if label else None)
        ax.fill_between(xs, low * scale, high * scale, color=colour, alpha=0.18, linewidth=0)
    ax.set_xlabel(literal(_titled(parameter_label(x, journey, language), x_unit)))
    if x.endswith(".capacity"):
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(axis_numbers(language))
    ax.yaxis.set_major_formatter(axis_numbers(language))
    ax.set_ylabel(literal(_titled(metric_name(metric, language), unit)))
    ax.grid(alpha=0.3)
    if others:
        ax.legend(fontsize=9)
    runs = words.ngettext("{n} replication per point", "{n} replications per point", result.settings.replications)
    band = words.gettext("mean and 95% band, {runs}", runs=runs)
    if clipped:
        band += " " + words.gettext("(band cut at the figure's limits)")
    ax.set_title(literal(metric_name(metric, language)) + "\n" + literal(band), fontsize=10)
    return ax.figure


def _parameter_scale(name: str, values: np.ndarray, journey: Any, language: str) -> tuple[float, str]:
    """How a swept parameter's values are drawn: times in their largest sensible unit, rates per the unit in
    which they reach one, routing probabilities in percent, capacities in servers."""
    from journeymap.experiment.parameters import parse_parameter

    kind = parse_parameter(name, journey).kind
    finite = values[np.isfinite(values)]
    largest = float(np.max(np.abs(finite))) if len(finite) else 0.0
    unit = journey.time_unit
    if kind == "route":
        return 100.0, "%"
    if kind in ("service_time", "patience"):
        shown = duration_unit(largest, unit) if largest else unit
        return SECONDS[unit] / SECONDS[shown], unit_label("time", time_unit=shown, language=language)
    if kind == "arrival_rate":
        shown = rate_unit(largest, unit) if largest else unit
        return SECONDS[shown] / SECONDS[unit], unit_label("rate", time_unit=shown, language=language)
    if kind == "capacity":
        return 1.0, translator(language).gettext("servers")
    return 1.0, ""
