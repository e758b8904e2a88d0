"""The importance-performance matrix: where customers are unhappy with what moves them most.

Performance (top-2-box satisfaction with each moment) runs across, derived importance (its share of
the R², :mod:`journeymap.survey.importance`) up. The dashed lines are the lower target (70% by
default) and an equal share of importance (1/k); the top-left quadrant holds the **critical**
moments of truth (red), named in the journey's language. Each moment is a numbered marker with its
performance interval as a bar; the key beside the chart gives each number's moment, so no text ever
overlaps another (markers closer than their size are nudged apart). Names are drawn literally: a
``$`` in a name is a dollar sign, never mathematics.
"""

from __future__ import annotations

import os
import textwrap
from typing import TYPE_CHECKING, Any

import numpy as np

from journeymap.io.atomic import atomic_path
from journeymap.text import translator

if TYPE_CHECKING:
    from journeymap.survey.scoring import Scores

__all__ = ["COLOURS", "plot_importance"]

COLOURS = {"critical": "#C62828", "other": "#1565C0", "line": "#616161"}
_MARKER = 11.0  # marker radius in points


def _nudged(points: np.ndarray, minimum: float, rounds: int = 200) -> np.ndarray:
    """Display positions moved apart until no two are closer than ``minimum`` (small, symmetric steps)."""
    moved = points.astype(float).copy()
    for _ in range(rounds):
        clash = False
        for i in range(len(moved)):
            for j in range(i + 1, len(moved)):
                gap = moved[j] - moved[i]
                distance = float(np.hypot(*gap))
                if distance < minimum:
                    clash = True
                    direction = gap / distance if distance > 1e-9 else np.array([np.cos(i + j), np.sin(i + j)])
                    step = (minimum - distance) / 2 + 0.5
                    moved[i] -= direction * step
                    moved[j] += direction * step
        if not clash:
            break
    return moved


def plot_importance(scores: Scores, path: str | os.PathLike[str] | None = None, *, target: str = "overall",
                    ax: Any = None) -> Any:
    """Draw the importance-performance matrix of ``scores`` for ``target`` (``overall`` or ``nps``);
    save it to ``path`` (PNG, SVG or PDF, atomically) when given. Returns the figure."""
    import matplotlib.pyplot as plt

    language = scores.journey.language
    words = translator(language)
    table = scores.importance(target)
    k = len(table)
    x = table["performance"].to_numpy(dtype=float) * 100
    y = table["importance"].to_numpy(dtype=float) * 100
    low = np.array([scores.moments.loc[tp, "csat_low"] for tp in table.index], dtype=float) * 100
    high = np.array([scores.moments.loc[tp, "csat_high"] for tp in table.index], dtype=float) * 100
    critical = table["critical"].to_numpy(dtype=bool)
    if ax is None:
        fig = plt.figure(figsize=(12, 7), layout="constrained")
        ax, key = fig.subplots(1, 2, width_ratios=[2.2, 1])
    else:
        fig, key = ax.figure, None
    fail, equal = scores.targets.fail_below * 100, 100.0 / k
    ax.set_xlim(min(0.0, np.nanmin(np.append(low, fail))) - 2, 102)
    top = max(float(np.nanmax(y)), equal * 1.2)
    ax.set_ylim(-0.12 * top, top * 1.28)  # bands above and below the points for the quadrants' names
    ax.axvline(fail, color=COLOURS["line"], linestyle="--", linewidth=1)
    ax.axhline(equal, color=COLOURS["line"], linestyle="--", linewidth=1)
    corners = {
        "critical": (0.01, 0.99, "left", "top", words.gettext("Critical: fix first")),
        "keep": (0.99, 0.99, "right", "top", words.gettext("Keep it up")),
        "low": (0.01, 0.01, "left", "bottom", words.gettext("Lower priority")),
        "over": (0.99, 0.01, "right", "bottom", words.gettext("Possible overkill")),
    }
    for name, (cx, cy, ha, va, text) in corners.items():
        ax.text(cx, cy, text, transform=ax.transAxes, ha=ha, va=va, fontsize=11, fontweight="bold",
                color=COLOURS["critical"] if name == "critical" else COLOURS["line"], alpha=0.75, parse_math=False)
    colours = [COLOURS["critical"] if c else COLOURS["other"] for c in critical]
    finite = np.isfinite(low) & np.isfinite(high)
    ax.errorbar(x[finite], y[finite], xerr=[x[finite] - low[finite], high[finite] - x[finite]], fmt="none",
                ecolor="#9E9E9E", elinewidth=1, capsize=3, zorder=2)
    fig.canvas.draw()
    shown = _nudged(ax.transData.transform(np.column_stack([x, y])), 2.3 * _MARKER * fig.dpi / 72)
    at = ax.transData.inverted().transform(shown)
    ax.scatter(at[:, 0], at[:, 1], s=(2 * _MARKER) ** 2, c=colours, edgecolors="white", linewidths=1.2, zorder=4)
    for number, (px, py) in enumerate(at, start=1):
        ax.text(px, py, str(number), ha="center", va="center", fontsize=8.5, color="white", fontweight="bold",
                zorder=5, parse_math=False)
    ax.set_xlabel(words.gettext("Performance: satisfied customers (top-2-box, %), 95% interval"))
    outcome = words.gettext("overall satisfaction") if target == "overall" else words.gettext("likelihood to recommend")
    ax.set_ylabel(words.gettext("Importance for {outcome} (share of R², %)", outcome=outcome))
    ax.set_title(words.gettext("Importance and performance of the moments of truth") + "\n" + scores.journey.title,
                 fontsize=12, loc="left")
    ax.title.set_parse_math(False)
    ax.grid(alpha=0.2)
    if key is not None:
        key.axis("off")
        lines = []
        for number, (tp, row) in enumerate(table.iterrows(), start=1):
            name = "\n    ".join(textwrap.wrap(f"{number}. {row['name']}", 40)) or f"{number}. {tp}"
            lines.append((name, bool(row["critical"])))
        heading = words.gettext("Moments of truth")
        key.text(0.0, 1.0, heading, transform=key.transAxes, fontsize=11, fontweight="bold", va="top",
                 parse_math=False)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        height = key.get_window_extent(renderer).height
        cursor = 0.93
        for name, is_critical in lines:
            item = key.text(0.0, cursor, name, transform=key.transAxes, fontsize=9.5, va="top", parse_math=False,
                            color=COLOURS["critical"] if is_critical else "#212121",
                            fontweight="bold" if is_critical else "normal")
            cursor -= item.get_window_extent(renderer).height / height + 0.02
    if path is not None:
        suffix = os.fspath(path).rsplit(".", 1)[-1].lower()
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format=suffix, dpi=150)
    return fig
