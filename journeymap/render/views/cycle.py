"""The cycle of service as a clock face.

Touchpoints sit on a circle in the order customers first meet them, numbered clockwise from the
first contact at 12 o'clock. A route to the next touchpoint round the dial is drawn along the rim
(the last back to the first closes the cycle); a route that skips ahead or goes back is a curve
inside the circle, bowed towards the part of the dial it skips or repeats so that it never cuts
through the centre. Names, channel badges, owners and requirements sit outside the dial, beside
their numbered marker, pushed out until no two overlap.

Everything is placed here; Graphviz only draws it (engine ``nop2``).
"""

from __future__ import annotations

import math

import graphviz

from journeymap.model import Touchpoint
from journeymap.render.colors import (
    BACK,
    FORWARD,
    INK,
    MOMENT_OF_TRUTH,
    MUTED,
    SKIP,
    TRACK,
    channel_color,
    readable,
    text_on,
)
from journeymap.render.geometry import (
    Point,
    arc,
    bezier_at,
    box_reach,
    boxes_overlap,
    fmt,
    node_pos,
    spline_pos,
    unit,
)
from journeymap.render.labels import card_label, card_size, node_class, tooltip
from journeymap.render.legend import LegendRow, legend
from journeymap.render.scene import Scene, stage_columns
from journeymap.render.text import esc, text_width, wrap
from journeymap.render.themes import CHANNEL_LINE_STYLES
from journeymap.render.views.common import new_graph

__all__ = ["MAIN_FLOW", "ROUTE_STYLES", "cycle_graph", "is_main_flow", "route_kind", "stage_sectors"]

MAIN_FLOW = 0.05
"""A route that skips ahead or goes back is drawn inside the dial when at least this share of all
customers takes it; the others are counted in the legend (the flow view draws every route)."""
STAGE_TINTS = ("#E4ECF5", "#F3EBDD")
"""The tints of the stages' sectors, in alternation (blue-grey and sand)."""
STAGE_GREYS = ("#E6E6E6", "#F4F4F4")
STAGE_INK = "#1F3A5F"

ROUTE_STYLES: dict[str, tuple[str, str]] = {
    "step": (FORWARD, "solid"),
    "skip": (SKIP, "dashed"),
    "loop": (BACK, "dotted"),
}
"""Colour and line style of the three kinds of route on the clock (the style alone tells them apart in grey)."""


def route_kind(source: int, target: int, count: int) -> str:
    """``step`` (to the next marker clockwise, the last to the first included), ``skip`` (further ahead
    round the cycle), ``loop`` (back to an earlier marker) or ``self``."""
    if source == target:
        return "self"
    if (target - source) % count == 1:
        return "step"
    return "skip" if target > source else "loop"


def _angle(k: int, count: int) -> float:
    return math.pi / 2 - 2 * math.pi * k / count


def _direction(angle: float) -> Point:
    return math.cos(angle), math.sin(angle)


class _Dial:
    """Marker and label positions for one radius."""

    def __init__(self, scene: Scene, sizes: dict[str, tuple[float, float]], radii: dict[str, float]) -> None:
        self.scene, self.sizes, self.radii = scene, sizes, radii
        self.count = len(scene.order)
        self.gap = 8 * scene.theme.scale

    def marker(self, k: int, radius: float) -> Point:
        x, y = _direction(_angle(k, self.count))
        return radius * x, radius * y

    def label_box(self, k: int, radius: float) -> tuple[Point, float, float]:
        """The label's box beside marker ``k``: its near side facing the marker, clear of it by ``gap``."""
        tp_id = self.scene.order[k]
        width, height = self.sizes[tp_id]
        ux, uy = _direction(_angle(k, self.count))
        mx, my = radius * ux, radius * uy
        clearance = self.radii[tp_id] + self.gap
        x, y = mx + clearance * ux + ux * width / 2, my + clearance * uy + uy * height / 2
        for _ in range(200):
            dx = max(abs(x - mx) - width / 2, 0.0)
            dy = max(abs(y - my) - height / 2, 0.0)
            if math.hypot(dx, dy) >= clearance:
                break
            x, y = x + 2 * ux, y + 2 * uy
        return (x, y), width, height

    def fits(self, radius: float) -> bool:
        """No label overlaps a neighbour's label or marker (neighbours up to three places away)."""
        n = self.count
        boxes = [self.label_box(k, radius) for k in range(n)]
        for k in range(n):
            for step in range(1, min(4, n)):
                j = (k + step) % n
                if j == k:
                    continue
                if boxes_overlap(boxes[k], boxes[j], 4):
                    return False
                r = self.radii[self.scene.order[j]]
                if boxes_overlap(boxes[k], (self.marker(j, radius), 2 * r, 2 * r), 2):
                    return False
        return True

    def radius(self) -> float:
        """The smallest radius (from a workable minimum, growing 6% at a time) at which everything fits."""
        n = self.count
        spacing = 2 * max(self.radii.values(), default=10) + 16 * self.scene.theme.scale
        radius = max(130 * self.scene.theme.scale, n * spacing / (2 * math.pi))
        for _ in range(80):
            if self.fits(radius):
                break
            radius *= 1.06
        return radius


def _marker_attrs(tp: Touchpoint, scene: Scene, k: int, radius: float, point: Point) -> dict[str, str]:
    theme = scene.theme
    size = 2 * radius / 72
    if scene.metric is not None:
        fill = scene.metric.color(tp.id, greyscale=theme.greyscale)
    else:
        fill = "#FFFFFF" if theme.greyscale else channel_color(tp.channel)
    border = INK if theme.greyscale else (MOMENT_OF_TRUTH if tp.moment_of_truth else channel_color(tp.channel))
    style = ["filled"]
    if theme.greyscale and tp.channel and CHANNEL_LINE_STYLES.get(tp.channel.lower(), "solid") != "solid":
        style.append(CHANNEL_LINE_STYLES[tp.channel.lower()])
    number = f"<B>{k + 1}</B>"
    return {
        "id": graphviz.escape(f"tp-{tp.id}"),
        "class": node_class(tp),
        "shape": "doublecircle" if tp.moment_of_truth else "circle",
        "fixedsize": "true",
        "width": f"{size:.3f}",
        "pos": node_pos(point),
        "style": ",".join(style),
        "fillcolor": fill,
        "color": border,
        "penwidth": f"{theme.penwidth * (1.8 if tp.moment_of_truth else 1.2):g}",
        "label": f'<<TABLE BORDER="0" CELLPADDING="0" CELLSPACING="0" TOOLTIP="{tooltip(tp, scene)}"><TR><TD>'
        f'<FONT COLOR="{text_on(fill)}">{number}</FONT></TD></TR></TABLE>>',
    }


def _route_legend(scene: Scene, kinds: set[str]) -> list[LegendRow]:
    words = scene.words
    rows = []
    samples = {"step": "──▶", "skip": "‐ ‐ ▶", "loop": "⋯⋯▶"}
    meanings = {"step": words.gettext("next step (along the rim)"), "skip": words.gettext("skips ahead"),
                "loop": words.gettext("goes back (loop)")}
    for kind, meaning in meanings.items():
        if kind in kinds or (kind == "loop" and "self" in kinds):
            color = INK if scene.theme.greyscale else ROUTE_STYLES[kind][0]
            rows.append(LegendRow(f'<FONT COLOR="{color}"><B>{samples[kind]}</B></FONT>', meaning, 30))
    if kinds:
        rows.append(LegendRow(f'<FONT COLOR="{MUTED}">%</FONT>',
                              words.gettext("% share of customers taking the route (unlabelled: all)")))
    return rows


def cycle_graph(scene: Scene) -> graphviz.Digraph:
    """The clock-face view of ``scene.journey`` as a ``graphviz.Digraph`` for the ``nop2`` engine."""
    theme, journey = scene.theme, scene.journey
    graph = new_graph(scene, "cycle", "nop2")
    graph.attr(outputorder="edgesfirst", splines="true")  # the stage sectors (edges) under everything
    count = len(scene.order)
    index = {tp_id: k for k, tp_id in enumerate(scene.order)}
    by_id = {tp.id: tp for tp in journey.touchpoints}
    radii = {tp.id: (19.0 if tp.moment_of_truth else 15.0) * theme.scale for tp in journey.touchpoints}
    sizes = {tp.id: card_size(tp, scene, number=False) for tp in journey.touchpoints}
    dial = _Dial(scene, sizes, radii)
    radius = dial.radius() if count else 100.0

    markers = [(dial.marker(k, radius), 2 * radii[tp_id], 2 * radii[tp_id]) for k, tp_id in enumerate(scene.order)]
    _stages(graph, scene, radius, markers)
    extent = [radius, radius, radius, radius]  # right, top, left, bottom
    for k, tp_id in enumerate(scene.order):
        tp = by_id[tp_id]
        graph.node(f"tp{k}", **_marker_attrs(tp, scene, k, radii[tp_id], dial.marker(k, radius)))
        (x, y), width, height = dial.label_box(k, radius)
        x_dir = math.cos(_angle(k, count))
        align = "CENTER" if abs(x_dir) < 0.35 else "LEFT"  # Graphviz mis-draws fixed-size cells set RIGHT
        graph.node(
            f"label{k}", label=card_label(tp, scene, number=False, align=align), shape="plain", pos=node_pos((x, y)),
            id=graphviz.escape(f"tp-{tp.id}-label"), **{"class": "touchpoint-label"},
        )
        extent = [max(extent[0], x + width / 2), max(extent[1], y + height / 2),
                  max(extent[2], -(x - width / 2)), max(extent[3], -(y - height / 2))]

    kinds: set[str] = set()
    hidden = 0
    arrow = 10 * theme.arrowsize
    for source_id, transition in journey.transitions():
        if transition.target not in index:
            continue
        a, b = index[source_id], index[transition.target]
        kind = route_kind(a, b, count)
        if kind != "step" and not is_main_flow(scene, source_id, transition.target, transition.p):
            hidden += 1
            continue
        kinds.add(kind)
        points = _route(kind, a, b, count, radius, radii[source_id], radii[transition.target], arrow)
        color, style = ROUTE_STYLES["loop" if kind == "self" else kind]
        attrs = {
            "pos": spline_pos(points, arrow),
            "color": INK if theme.greyscale else color,
            "style": style,
            "class": f"route route-{kind}",
            "penwidth": f"{theme.penwidth * (1.6 if kind == 'step' else 1.0):g}",
        }
        if transition.p < 0.9995:
            lx, ly = _label_point(kind, points, a, count, radius)
            attrs.update(label=scene.percent(transition.p), lp=f"{fmt(lx)},{fmt(ly)}", fontcolor=attrs["color"])
        graph.edge(f"tp{a}", f"tp{b}", **attrs)

    numbering = scene.words.gettext("order along the cycle, stage by stage, clockwise from 12 o'clock")
    rows = _route_legend(scene, kinds)
    if hidden:
        share = scene.percent(MAIN_FLOW)
        rows.append(LegendRow(
            f'<FONT COLOR="{MUTED}">+{hidden}</FONT>',
            scene.words.ngettext("more route, taken by under {share} of customers: see the flow view",
                                 "more routes, each taken by under {share} of customers: see the flow view",
                                 hidden, share=share), 30))
    html, width, height = legend(scene, rows, numbering=numbering)
    graph.node(
        "legend", label=html, shape="plain", id="legend", **{"class": "legend"},
        pos=node_pos((extent[0] + 30 * theme.scale + width / 2, extent[1] - height / 2)),
    )
    return graph


def is_main_flow(scene: Scene, source: str, target: str, p: float) -> bool:
    """Whether a route inside the dial is drawn: at least :data:`MAIN_FLOW` of all customers take it (every
    route is drawn when the analysis could not say how many take it)."""
    if not scene.flow:
        return True
    return scene.route_flow(source, target, p) >= MAIN_FLOW


def stage_sectors(scene: Scene) -> list[tuple[int, str, int, int]]:
    """(stage number, printed name, first and last marker) of every stage holding touchpoints, round the dial."""
    sectors = []
    k = 0
    for number, (_, name, members) in enumerate(stage_columns(scene)):
        if members:
            sectors.append((number, name, k, k + len(members) - 1))
            k += len(members)
    return sectors


def _stages(graph: graphviz.Digraph, scene: Scene, radius: float, markers: list[tuple[Point, float, float]]) -> None:
    """The stages round the dial: a tinted sector behind each stage's markers (alternately two tints), its
    name inside the dial at the sector's middle, and a thin gap between stages."""
    theme = scene.theme
    count = len(scene.order)
    if not count:
        graph.node("dial", label="", shape="circle", fixedsize="true", width=f"{2 * radius / 72:.3f}",
                   pos=node_pos((0, 0)), color=TRACK, penwidth=f"{6 * theme.scale:g}", id="dial", tooltip=" ")
        return
    half = math.pi / count
    inner = radius * 0.34
    middle, thickness = (radius + 14 * theme.scale + inner) / 2, radius + 14 * theme.scale - inner
    tints = STAGE_GREYS if theme.greyscale else STAGE_TINTS
    sectors = stage_sectors(scene)
    graph.node("hub", shape="point", width="0", height="0", label="", style="invis", pos=node_pos((0, 0)))
    for number, name, first, last in sectors:
        gap = 0.0 if len(sectors) == 1 else min(half * 0.25, 3 * theme.scale / radius)
        start, end = _angle(first, count) + half - gap, _angle(last, count) - half + gap
        if len(sectors) == 1:
            start, end = math.pi / 2 + math.pi, math.pi / 2 - math.pi
        tint = tints[number % len(tints)]
        points = arc((0.0, 0.0), middle, start, end)
        graph.edge("hub", "hub", dir="none", color=tint, penwidth=f"{thickness:.1f}", pos=spline_pos(points),
                   id=f"stage-sector-{number}", **{"class": "stage-sector"}, tooltip=" ")
        _stage_name(graph, scene, number, name, (start + end) / 2, radius, tint, markers)


def _stage_name(graph: graphviz.Digraph, scene: Scene, number: int, name: str, angle: float, radius: float,
                tint: str, markers: list[tuple[Point, float, float]]) -> None:
    """A stage's name inside the dial, its outer side a little inside the rim, on the stage's tint."""
    theme = scene.theme
    size = theme.fontsize + 1
    lines = wrap(name, 16)
    width = max(text_width(line, size, bold=True) for line in lines) + 10
    height = len(lines) * size * 1.25 + 6
    direction = _direction(angle)
    distance = radius - 26 * theme.scale - box_reach(width, height, direction)
    while distance > radius * 0.3 and any(
        boxes_overlap(((distance * direction[0], distance * direction[1]), width, height), marker, 4)
        for marker in markers
    ):
        distance -= 4
    text = "<BR/>".join(esc(line) for line in lines)
    graph.node(
        f"stage{number}", shape="plain", id=f"stage-{number}", **{"class": "stage"},
        label=f'<<TABLE BORDER="0" CELLPADDING="3" BGCOLOR="{tint}"><TR><TD><FONT POINT-SIZE="{size:g}" '
              f'COLOR="{readable(INK if theme.greyscale else STAGE_INK, tint)}"><B>{text}</B></FONT></TD></TR>'
              f'</TABLE>>',
        pos=node_pos((distance * direction[0], distance * direction[1])),
    )


def _route(kind: str, a: int, b: int, count: int, radius: float, ra: float, rb: float, arrow: float) -> list[Point]:
    """The spline of one route (ending on the target marker's edge)."""
    pa = (radius * math.cos(_angle(a, count)), radius * math.sin(_angle(a, count)))
    pb = (radius * math.cos(_angle(b, count)), radius * math.sin(_angle(b, count)))
    if kind == "step":
        start = _angle(a, count) - (ra + 2) / radius
        end = _angle(b, count) + (rb + 1) / radius
        if end > start:  # the wrap from the last marker to the first
            end -= 2 * math.pi
        return arc((0.0, 0.0), radius, start, end)
    if kind == "self":
        inward = unit((-pa[0], -pa[1]))
        angle = math.atan2(inward[1], inward[0])
        out = _direction(angle + 0.55)
        back = _direction(angle - 0.55)
        reach = ra * 4.2
        p0 = (pa[0] + ra * out[0], pa[1] + ra * out[1])
        p3 = (pa[0] + rb * back[0], pa[1] + rb * back[1])
        return [p0, (pa[0] + reach * out[0], pa[1] + reach * out[1]),
                (pa[0] + reach * back[0], pa[1] + reach * back[1]), p3]
    steps = (b - a) % count if kind == "skip" else (a - b) % count
    turn = -1.0 if kind == "skip" else 1.0  # clockwise is decreasing angle
    if steps > count / 2:  # bow towards the shorter side of the dial, never through its centre
        steps, turn = count - steps, -turn
    span = 2 * math.pi * steps / count
    depth = 0.22 + 0.3 * span / math.pi + (0.12 if kind == "loop" else 0.0)
    rho = radius * (1 - min(depth, 0.8))
    c1 = (rho * math.cos(_angle(a, count) + turn * span * 0.28), rho * math.sin(_angle(a, count) + turn * span * 0.28))
    c2 = (rho * math.cos(_angle(b, count) - turn * span * 0.28), rho * math.sin(_angle(b, count) - turn * span * 0.28))
    da, db = unit((c1[0] - pa[0], c1[1] - pa[1])), unit((c2[0] - pb[0], c2[1] - pb[1]))
    p0 = (pa[0] + (ra + 1) * da[0], pa[1] + (ra + 1) * da[1])
    p3 = (pb[0] + (rb + 1) * db[0], pb[1] + (rb + 1) * db[1])
    return [p0, c1, c2, p3]


def _label_point(kind: str, points: list[Point], a: int, count: int, radius: float) -> Point:
    """Where a route's percentage goes: inside the rim for steps, at the curve's middle otherwise."""
    if kind == "step":
        middle = _angle(a, count) - math.pi / count
        inner = radius - 14
        return inner * math.cos(middle), inner * math.sin(middle)
    if kind == "self":
        x, y = bezier_at(points[:4], 0.5)
        inward = unit((-x, -y))
        return x + 10 * inward[0], y + 10 * inward[1] - 3
    x, y = bezier_at(points[:4], 0.5)
    ax, ay = bezier_at(points[:4], 0.45)
    bx, by = bezier_at(points[:4], 0.55)
    nx, ny = unit((by - ay, ax - bx))  # normal to the curve; put the figure on the side towards the rim
    if nx * x + ny * y < 0:
        nx, ny = -nx, -ny
    return x + 9 * nx, y + 9 * ny - 3

