"""Charts of the evidence (matplotlib): the back-test of a calibration and the change between two baselines.

Labels are literal words from journeymap.text in the journey's (or baseline's) language; each
helper returns the figure, and every number drawn can be read from a DataFrame as well.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from journeymap.text import axis_numbers, change, literal, translator, unit_symbol

if TYPE_CHECKING:
    from journeymap.evidence.backtest import BackTest
    from journeymap.evidence.baselines import Baseline

__all__ = ["plot_back_test", "plot_comparison", "save_figure"]

LOG = "#333333"
SIM = "#4C72B0"
OUT = "#C44E52"
LIMIT = 8.0
"""The back-test chart draws ratios between 1/8 and 8 (further ones at the edge)."""


def save_figure(figure: Any, path: str | os.PathLike[str]) -> Path:
    """Write a chart (PNG, SVG or PDF by the extension) atomically and close it; returns the path."""
    import matplotlib.pyplot as plt

    from journeymap.io.atomic import atomic_path

    with atomic_path(path) as tmp:
        figure.savefig(tmp, format=Path(path).suffix.lstrip(".") or "png", dpi=150, bbox_inches="tight")
    plt.close(figure)
    return Path(path)


def _ecdf(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    data = np.sort(values)
    return data, np.arange(1, len(data) + 1) / len(data)


def plot_back_test(check: BackTest, ax: Any = None) -> Any:
    """Left: the cumulative share of cases by cycle duration, log against simulation. Right: each figure's
    log value as a share of the simulated mean, with the simulation's 95% range (red: outside)."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullLocator

    journey = check.journey
    words = translator(journey.language)
    unit = unit_symbol(journey.time_unit, journey.language)
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, 0.4 * len(check.figures) + 2.5), layout="constrained",
                                         width_ratios=(1, 1.3))
    for values, colour, label in ((check.log_durations, LOG, words.gettext("log")),
                                  (check.sim_durations, SIM, words.gettext("simulation"))):
        if len(values):
            x, y = _ecdf(values)
            left.step(x, y, where="post", color=colour, label=label)
    left.set_xlabel(words.gettext("cycle duration ({unit})", unit=unit))
    left.set_ylabel(words.gettext("share of cases (%)"))
    left.xaxis.set_major_formatter(axis_numbers(journey.language))
    left.yaxis.set_major_formatter(axis_numbers(journey.language, scale=100))
    left.set_title(words.gettext("Cycle duration: log and simulation"))
    left.legend(loc="lower right")
    left.grid(alpha=0.3)
    from journeymap.evidence.backtest import _label

    frame = check.figures[check.figures["figure"] != "cycle_ks"].reset_index(drop=True)  # a distance: drawn left
    scale = frame["simulated"].where(frame["simulated"] > 0, np.nan)
    position = np.arange(len(frame))
    ratio, low, high = ((frame[c] / scale).clip(1 / LIMIT, LIMIT).to_numpy(float) for c in ("log", "low", "high"))
    right.hlines(position, low, high, color=SIM, linewidth=4, alpha=0.5,
                 label=words.gettext("95% of simulated periods"))
    colours = [LOG if w else OUT for w in frame["within"]]
    right.scatter(ratio, position, color=colours, zorder=3, label=words.gettext("log"))
    right.axvline(1.0, color=SIM, linestyle=":")
    right.set_xscale("log")
    right.set_xlim(1 / LIMIT / 1.2, LIMIT * 1.2)
    ticks = [1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8]
    right.set_xticks(ticks, ["1/8", "1/4", "1/2", "1", "2", "4", "8"])
    right.xaxis.set_minor_locator(NullLocator())  # no 2×10⁻¹ between the fractions
    labels = [literal("\n".join(textwrap.wrap(_short(_label(k, journey, words), 90), 45))) for k in frame["figure"]]
    right.set_yticks(position, labels, fontsize=8)
    right.invert_yaxis()
    right.set_xlabel("\n".join(textwrap.wrap(words.gettext("log ÷ simulated mean (1: the same; beyond 8 drawn at the "
                                                        "edge)"), 45)))
    right.set_title(words.gettext("Figures: log against simulation (red: outside)"))
    right.grid(axis="x", alpha=0.3)
    return figure


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def plot_comparison(table: pd.DataFrame, before: Baseline, ax: Any = None) -> Any:
    """Each indicator's change relative to its baseline value, with its 95% interval (red: a real change),
    labelled with the change in the indicator's own unit."""
    import matplotlib.pyplot as plt

    from journeymap.evidence.tables import indicator_name

    words = translator(before.language)
    frame = table[table["before"].abs() > 0].reset_index(drop=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 0.5 * len(frame) + 2.2), layout="constrained")
    base = frame["before"].abs()
    relative = frame["change"] / base * 100
    errors = np.vstack([(frame["change"] - frame["ci_low"]) / base * 100,
                        (frame["ci_high"] - frame["change"]) / base * 100])
    position = np.arange(len(frame))
    colours = [OUT if d else SIM for d in frame["distinguishable"]]
    ax.barh(position, relative, xerr=np.nan_to_num(errors), color=colours, capsize=3, alpha=0.8)
    ax.axvline(0, color=LOG, linewidth=0.8)
    names = [literal("\n".join(textwrap.wrap(_short(indicator_name(k, before.stages, before.language), 90), 45)))
             for k in frame["indicator"]]
    ax.set_yticks(position, names, fontsize=8)
    ax.invert_yaxis()
    span = float(np.nanmax(np.abs(np.concatenate([relative.to_numpy(), errors[0] + np.abs(relative),
                                                   errors[1] + np.abs(relative)])))) if len(frame) else 1.0
    ax.set_xlim(-1.25 * span - 1, 1.6 * span + 1)
    for k, row in frame.iterrows():
        text = change(row["change"], row["kind"], time_unit=before.time_unit, language=before.language,
                      length="short")
        ax.text(1.55 * span + 1, k, literal(text), va="center", ha="right", fontsize=8)
    ax.xaxis.set_major_formatter(axis_numbers(before.language, sign=True))
    ax.set_xlabel("\n".join(textwrap.wrap(words.gettext("change from the baseline (% of its value), with its 95% "
                                                         "interval"), 60)))
    ax.set_title("\n".join(textwrap.wrap(words.gettext("Indicators after against before (red: a real change)"), 60)))
    ax.grid(axis="x", alpha=0.3)
    return ax.figure
