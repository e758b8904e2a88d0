"""The journey map's emotion curve: satisfaction on the 1–5 scale across the touchpoints, as a panel.

A horizontal line marks each score (3, the neutral one, dashed); each curve (:class:`~journeymap.render.notes.Curve`:
one per segment, and a prediction) is a smooth line through its points, drawn as Catmull–Rom Bézier
segments held between their end heights so the line never shows a score no touchpoint has. Measured
points are solid with their 95% interval, estimates hollow, a prediction dashed; the scores are written
in the drawing's language (``3,5`` in Spanish).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import graphviz

from journeymap.model import Touchpoint
from journeymap.render.colors import FRAME, MUTED, TRACK
from journeymap.render.geometry import Point, node_pos, spline_pos, straight
from journeymap.render.notes import Curve
from journeymap.render.scene import Scene
from journeymap.render.text import esc_tooltip, text_width
from journeymap.text import number

__all__ = ["CURVE_COLORS", "Band", "curve_color", "emotion_panel", "score_y", "smooth"]

CURVE_COLORS: tuple[str, ...] = ("#1F4E99", "#B35C00", "#6A3D9A", "#00796B", "#AD1457", "#5D4037")
"""One colour per emotion curve, in order (a predicted curve takes the colour after the measured ones)."""


@dataclass(frozen=True)
class Band:
    """Where the panel sits: each touchpoint's column centre ``x``, the row's ``top`` and ``height`` (points,
    y upwards) and the blank ``pad`` kept above score 5 and below score 1."""

    x: dict[str, float]
    top: float
    height: float
    pad: float


def score_y(band: Band, score: float) -> float:
    """The height of a satisfaction ``score`` (1–5, held to that scale) in ``band``."""
    top = band.top - band.pad
    bottom = band.top - band.height + band.pad
    return bottom + (min(5.0, max(1.0, score)) - 1) / 4 * (top - bottom)


def smooth(points: list[Point]) -> list[list[Point]]:
    """Cubic Bézier segments through ``points`` (Catmull–Rom), each kept between its two end heights so
    the line never promises a score no touchpoint has."""
    segments = []
    for k in range(len(points) - 1):
        p0 = points[k - 1] if k > 0 else points[k]
        p1, p2 = points[k], points[k + 1]
        p3 = points[k + 2] if k + 2 < len(points) else p2
        low, high = min(p1[1], p2[1]), max(p1[1], p2[1])
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, min(high, max(low, p1[1] + (p2[1] - p0[1]) / 6)))
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, min(high, max(low, p2[1] - (p3[1] - p1[1]) / 6)))
        segments.append([p1, c1, c2, p2])
    return segments


def curve_color(index: int) -> str:
    """The colour of the ``index``-th curve (the colours repeat after :data:`CURVE_COLORS`)."""
    return CURVE_COLORS[index % len(CURVE_COLORS)]


def emotion_panel(graph: graphviz.Digraph, scene: Scene, curves: Sequence[Curve], tps: Sequence[Touchpoint],
                  band: Band, label_width: float, right: float) -> None:
    """The emotion panel in ``band``: a line per score 1–5 with its number, and each curve through its
    points (measured solid, estimated hollow, a prediction dashed), its intervals and, on the first
    curve and a prediction, each score written beside its point in the drawing's language."""
    theme = scene.theme
    language = scene.words.language
    left = label_width - 4 * theme.scale
    for score in range(1, 6):
        y = score_y(band, score)
        graph.node(f"grid{score}_a", shape="point", width="0", height="0", label="", style="invis",
                   pos=node_pos((left, y)))
        graph.node(f"grid{score}_b", shape="point", width="0", height="0", label="", style="invis",
                   pos=node_pos((right, y)))
        graph.edge(f"grid{score}_a", f"grid{score}_b", dir="none", color=TRACK if score != 3 else FRAME,
                   penwidth="1", style="solid" if score != 3 else "dashed",
                   pos=spline_pos(straight((left, y), (right, y))),
                   id=f"grid-{score}", **{"class": "grid-line"})
        graph.node(f"axis{score}", shape="plain", id=f"axis-{score}", **{"class": "axis"},
                   label=f'<<FONT POINT-SIZE="{theme.small:g}" COLOR="{MUTED}">{score}</FONT>>',
                   pos=node_pos((left - text_width(str(score), theme.small) / 2 - 4, y)))
    radius = 5.5 * theme.scale
    for index, curve in enumerate(curves):
        color = curve_color(index)
        points = [(tp.id, (band.x[tp.id], score_y(band, curve.scores[tp.id]))) for tp in tps
                  if tp.id in curve.scores]
        kind = "predicted" if curve.predicted else "satisfaction"
        for k, segment in enumerate(smooth([p for _, p in points])):
            graph.edge(f"point{index}_{points[k][0]}", f"point{index}_{points[k + 1][0]}", dir="none", color=color,
                       penwidth=f"{theme.penwidth * 2:g}", style="dashed" if curve.predicted else "solid",
                       pos=spline_pos(segment), id=graphviz.escape(f"curve{index}-{k}"),
                       **{"class": f"curve curve-{kind}"})
        for tp_id, (cx, cy) in points:
            if tp_id in curve.intervals:
                low, high = curve.intervals[tp_id]
                a, b = (cx, score_y(band, low)), (cx, score_y(band, high))
                graph.node(f"ci{index}_{tp_id}_a", shape="point", width="0", height="0", label="", style="invis",
                           pos=node_pos(a))
                graph.node(f"ci{index}_{tp_id}_b", shape="point", width="0", height="0", label="", style="invis",
                           pos=node_pos(b))
                graph.edge(f"ci{index}_{tp_id}_a", f"ci{index}_{tp_id}_b", dir="none", color=color, penwidth="1.2",
                           arrowhead="tee", arrowtail="tee", pos=spline_pos(straight(a, b)),
                           id=graphviz.escape(f"interval{index}-{tp_id}"), **{"class": "interval"})
            measured = tp_id in curve.measured
            state = "predicted" if curve.predicted else ("measured" if measured else "estimated")
            score = curve.scores[tp_id]
            shown = number(round(score, 1), language, digits=2)
            tip = [f"{curve.name}: {shown}", curve.details.get(tp_id, "")]
            graph.node(f"point{index}_{tp_id}", label="", shape="circle", fixedsize="true",
                       width=f"{2 * radius / 72:.3f}", style="filled", fillcolor=color if measured else "#FFFFFF",
                       color=color, penwidth=f"{theme.penwidth * 1.6:g}", pos=node_pos((cx, cy)),
                       tooltip=esc_tooltip(tip), id=graphviz.escape(f"point{index}-{tp_id}"),
                       **{"class": f"curve-point {state}"})
            if index == 0 or (curve.predicted and index == 1):
                above = index == 0
                dy = (radius + theme.small * 0.9) * (1 if above else -1)
                graph.node(f"score{index}_{tp_id}", shape="plain", id=graphviz.escape(f"score{index}-{tp_id}"),
                           label=f'<<FONT POINT-SIZE="{theme.small:g}" COLOR="{color}"><B>{shown}</B></FONT>>',
                           pos=node_pos((cx + radius + text_width(shown, theme.small) / 2, cy + dy / 2)),
                           **{"class": "score"})
