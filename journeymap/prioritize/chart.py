"""The impact/effort quadrant chart of an action plan (matplotlib), with labels that never overlap.

Effort runs across, impact up; dashed lines mark the thresholds; each quadrant is named in its corner
(in the journey's language), the quick wins shaded. Each intervention is a point with its 95% interval
as an error bar (none for a heuristic), labelled ``rank. name``. Labels are placed one by one, in plan
order, at the candidate position around the point (rings of growing radius) whose box overlaps no
other label, point, error bar or quadrant name, stays inside the axes and inside the point's own
quadrant, and is nearest; a label set away from its point gets a thin leader line.
"""

from __future__ import annotations

import math
import os
import textwrap
from typing import TYPE_CHECKING, Any

import numpy as np

from journeymap.experiment.metrics import metric_name
from journeymap.io.atomic import atomic_path
from journeymap.prioritize.export import CHART_TITLE, impact_unit
from journeymap.prioritize.words import quadrant_label
from journeymap.text import axis_numbers, literal, translator

if TYPE_CHECKING:
    from journeymap.prioritize.plan import ActionPlan

__all__ = ["COLOURS", "plot_quadrants"]

COLOURS = {"quick_win": "#2E7D32", "big_bet": "#1565C0", "fill_in": "#8D6E63", "time_sink": "#9E9E9E"}
_RINGS = (10, 22, 36, 52, 70, 90)
_DIRECTIONS = [(1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1),
               (2, 1), (-2, 1), (2, -1), (-2, -1)]


def _limits(low: float, high: float, pad: float = 0.12) -> tuple[float, float]:
    span = high - low if high > low else (abs(high) or 1.0)
    return low - pad * span, high + pad * span


def _overlaps(box: Any, others: list[Any]) -> float:
    """Total area of ``box`` overlapped by ``others`` (display units)."""
    total = 0.0
    for other in others:
        w = min(box.x1, other.x1) - max(box.x0, other.x0)
        h = min(box.y1, other.y1) - max(box.y0, other.y0)
        if w > 0 and h > 0:
            total += w * h
    return total


def _wrong_side(box: Any, point: tuple[float, float], lines: tuple[float, float]) -> float:
    """Area of ``box`` on the other side of the threshold lines from its point (display units)."""
    (px, py), (lx, ly) = point, lines
    width, height = box.x1 - box.x0, box.y1 - box.y0
    across = max(0.0, box.x1 - max(box.x0, lx)) if px < lx else max(0.0, min(box.x1, lx) - box.x0)
    up = max(0.0, box.y1 - max(box.y0, ly)) if py < ly else max(0.0, min(box.y1, ly) - box.y0)
    return across * height + up * width


def _place_labels(ax: Any, xs: np.ndarray, ys: np.ndarray, labels: list[str], colours: list[str],
                  obstacles: list[Any], soft: list[Any], lines: tuple[float, float]) -> list[Any]:
    """Annotate each point at its best candidate position; returns the annotations.

    A candidate's cost is the area it overlaps of other labels, points, error bars and quadrant names
    (never acceptable when avoidable), then a smaller charge for the area on the wrong side of a
    threshold line or over the zero line, and for its distance from the point; outside the axes is
    ruled out."""
    from matplotlib.transforms import Bbox

    renderer = ax.figure.canvas.get_renderer()
    inside = ax.get_window_extent(renderer)
    placed: list[Any] = []
    annotations = []
    for x, y, text, colour in zip(xs, ys, labels, colours, strict=True):
        point = tuple(ax.transData.transform((x, y)))
        best: tuple[float, Any, tuple[float, float], str, str] | None = None
        for radius in _RINGS:
            for dx, dy in _DIRECTIONS:
                norm = math.hypot(dx, dy)
                offset = (radius * dx / norm, radius * dy / norm)
                ha = "left" if dx > 0 else "right" if dx < 0 else "center"
                va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
                note = ax.annotate(text, (x, y), xytext=offset, textcoords="offset points", ha=ha, va=va,
                                   fontsize=8.5)
                box = note.get_window_extent(renderer).expanded(1.06, 1.15)
                note.remove()
                if not (inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1)):
                    continue
                cost = (1000.0 * _overlaps(box, placed + obstacles) + 0.5 * _wrong_side(box, point, lines)
                        + 3.0 * _overlaps(box, soft) + 3.0 * radius)
                if best is None or cost < best[0]:
                    best = (cost, box, offset, ha, va)
        if best is None:  # nowhere inside the axes: beside the point, clipped by the frame
            best = (0.0, None, (_RINGS[0], _RINGS[0]), "left", "bottom")
        _, box, offset, ha, va = best
        far = math.hypot(*offset) > _RINGS[0] + 1
        arrow = {"arrowstyle": "-", "color": colour, "lw": 0.7, "shrinkA": 0, "shrinkB": 3} if far else None
        annotations.append(ax.annotate(text, (x, y), xytext=offset, textcoords="offset points", ha=ha, va=va,
                                       fontsize=8.5, color="#212121", zorder=5, arrowprops=arrow))
        if box is not None:
            placed.append(Bbox(box.get_points()))
    return annotations


def plot_quadrants(plan: ActionPlan, path: str | os.PathLike[str] | None = None, *, ax: Any = None) -> Any:
    """Draw the plan's impact/effort chart; save it to ``path`` (PNG, SVG or PDF, atomically) when given.
    Returns the figure.

    The rule that makes a quick win is written under the title; an intervention whose impact interval
    includes zero (not distinguishable from no change) is drawn hollow, one whose simulated impact is not
    meaningful (a queue without patience is overloaded with or without it) as a cross; the legend says so."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    lang = plan.language
    words = translator(lang)
    table = plan.table
    factor, unit = impact_unit(plan)
    x = table[plan.effort_basis].to_numpy(dtype=float)
    y = table["impact"].to_numpy(dtype=float) * factor
    low = table["impact_low"].to_numpy(dtype=float) * factor
    high = table["impact_high"].to_numpy(dtype=float) * factor
    has_ci = np.isfinite(low) & np.isfinite(high)
    clear = table["distinguishable"].to_numpy(dtype=bool) if "distinguishable" in table else np.ones(len(table), bool)
    if ax is None:
        fig, ax = plt.subplots(figsize=(11, 8), layout="constrained")
    fig = ax.figure
    t_effort, t_impact = plan.effort_threshold, plan.impact_threshold * factor
    ys = np.concatenate([y, low[has_ci], high[has_ci], [t_impact, 0.0]])
    ax.set_xlim(0.0, _limits(0.0, float(np.nanmax(np.append(x, t_effort))))[1])
    ax.set_ylim(*_limits(float(np.nanmin(ys)), float(np.nanmax(ys)), 0.18))
    x0, (y0, y1) = ax.get_xlim()[0], ax.get_ylim()
    ax.axvspan(x0, t_effort, ymin=(t_impact - y0) / (y1 - y0), ymax=1, color=COLOURS["quick_win"], alpha=0.06, lw=0)
    ax.axvline(t_effort, color="#616161", linestyle="--", linewidth=1)
    ax.axhline(t_impact, color="#616161", linestyle="--", linewidth=1)
    if t_impact != 0:
        ax.axhline(0, color="#BDBDBD", linewidth=0.8)
    corners = {"quick_win": (0.01, 0.99, "left", "top"), "big_bet": (0.99, 0.99, "right", "top"),
               "fill_in": (0.01, 0.01, "left", "bottom"), "time_sink": (0.99, 0.01, "right", "bottom")}
    names = [ax.text(cx, cy, literal(quadrant_label(q, lang)), transform=ax.transAxes, ha=ha, va=va, fontsize=14,
                     fontweight="bold", color=COLOURS[q], alpha=0.55) for q, (cx, cy, ha, va) in corners.items()]
    colours = [COLOURS[q] for q in table["quadrant"]]
    for k in range(len(table)):
        if has_ci[k]:
            ax.errorbar(x[k], y[k], yerr=[[y[k] - low[k]], [high[k] - y[k]]], fmt="none", ecolor=colours[k],
                        elinewidth=1.2, capsize=4, alpha=0.8, zorder=3)
    unstable = table["unstable"].to_numpy(dtype=bool) if "unstable" in table else np.zeros(len(table), bool)
    steady = ~unstable
    faces = [c if certain else "white" for c, certain in zip(colours, clear, strict=True)]
    ax.scatter(x[steady], y[steady], s=70, c=[f for f, keep in zip(faces, steady, strict=True) if keep],
               edgecolors=[("white" if certain else c) for c, certain, keep in
                           zip(colours, clear, steady, strict=True) if keep],
               linewidths=[1.2 if certain else 2.0 for certain, keep in zip(clear, steady, strict=True) if keep],
               zorder=4)
    if unstable.any():
        ax.scatter(x[unstable], y[unstable], s=80, marker="X", c=[c for c, bad in zip(colours, unstable, strict=True)
                                                                  if bad], edgecolors="white", linewidths=0.8,
                   zorder=4)
    ax.xaxis.set_major_formatter(axis_numbers(lang))
    ax.yaxis.set_major_formatter(axis_numbers(lang, sign=plan.impact_source != "heuristic"))
    if plan.effort_basis == "cost":
        ax.set_xlabel(words.gettext("Cost"))
    else:
        ax.set_xlabel(words.gettext("Effort (person-days)"))
    if plan.impact_source == "heuristic":
        ax.set_ylabel(words.gettext("customers at stake (heuristic score)"))
    else:
        impact = words.gettext("Impact: {objective}", objective=metric_name(plan.objective, lang))
        ax.set_ylabel(literal(impact + (f" ({unit})" if unit else "") + ", " + words.gettext("95% interval")))
    rule = "\n".join(textwrap.wrap(plan.rule(lang), 110))
    fig.suptitle(literal(f"{words.gettext(CHART_TITLE)}\n{plan.journey.title}"), fontsize=12)
    ax.set_title(literal(rule), fontsize=9, color="#424242")
    keys = []
    if not clear[steady].all():
        keys.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="#616161",
                           markeredgewidth=2.0, markersize=8,
                           label=words.gettext("interval includes zero: not distinguishable from no change")))
    if unstable.any():
        keys.append(Line2D([], [], marker="X", linestyle="", color="#616161", markersize=8,
                           label=words.gettext("not meaningful: a queue without patience grows without end")))
    if keys:
        fig.legend(handles=keys, loc="outside lower center", ncols=len(keys), fontsize=9, frameon=False)
    ax.grid(alpha=0.2)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    obstacles = [name.get_window_extent(renderer).expanded(1.05, 1.1) for name in names]
    to_pixels = ax.transData.transform
    from matplotlib.transforms import Bbox

    frame = ax.get_window_extent(renderer)
    (line_x, line_y), (_, zero_y) = to_pixels((t_effort, t_impact)), to_pixels((t_effort, 0.0))
    soft = [Bbox([[frame.x0, zero_y - 3], [frame.x1, zero_y + 3]]),  # the zero line and the thresholds' lines
            Bbox([[line_x - 3, frame.y0], [line_x + 3, frame.y1]]),
            Bbox([[frame.x0, line_y - 3], [frame.x1, line_y + 3]])]
    for k in range(len(table)):
        px, py = to_pixels((x[k], y[k]))
        obstacles.append(Bbox([[px - 7, py - 7], [px + 7, py + 7]]))
        if has_ci[k]:
            (_, bottom), (_, top) = to_pixels((x[k], low[k])), to_pixels((x[k], high[k]))
            obstacles.append(Bbox([[px - 6, min(bottom, top) - 2], [px + 6, max(bottom, top) + 2]]))
    labels = [literal(f"{rank}. " + "\n".join(textwrap.wrap(str(name), 28))) for rank, name in
              zip(table["rank"], table["intervention"], strict=True)]
    _place_labels(ax, x, y, labels, colours, obstacles, soft, (line_x, line_y))
    if path is not None:
        suffix = os.fspath(path).rsplit(".", 1)[-1].lower()
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format=suffix, dpi=150)
    return fig
