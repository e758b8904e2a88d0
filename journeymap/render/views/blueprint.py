"""The service blueprint: lanes top to bottom, stages left to right, and the three lines between lanes.

Rows follow the convention of service blueprints: physical evidence (what the customer sees or keeps:
the web page, the SMS, the shop; a touchpoint's ``meta.evidence`` names it, else its channel does),
then the lanes — customer actions, frontstage, backstage, support processes — separated by the line
of interaction, the line of visibility and the line of internal interaction, each drawn across the
grid and labelled. A message the customer receives (SMS, email) is frontstage: above the line of
visibility. Columns are the stages in order, shaded in alternation; inside a stage every
touchpoint has a column of its own, in the order customers first meet them, so the grid reads as a
timeline and no two cards share a column.

Because each column holds a single card, a route to the next column never meets another card: it is
an S-curve through the gap between the two. Any other route (skipping ahead, going back, looping on
itself) rises from its card's top into a track above the customer lane, or drops from its bottom
into a track under the support lane, runs along it, and comes down (or up) into its target; tracks
are shared out so that no two runs overlap.

Everything is placed here; Graphviz only draws it (engine ``nop2``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import graphviz

from journeymap.model import LANES, Touchpoint
from journeymap.render.colors import BACK, FORWARD, INK, LINE, MUTED, SHADE
from journeymap.render.geometry import Point, fmt, node_pos, spline_pos, straight
from journeymap.render.labels import card_fill, card_label, card_size
from journeymap.render.legend import LegendRow, legend
from journeymap.render.scene import Scene, stage_columns
from journeymap.render.text import esc, text_width, wrap
from journeymap.render.views.common import new_graph, touchpoint_node_attrs
from journeymap.render.words import evidence_name, lane_title

__all__ = ["EVIDENCE", "LINES", "ROWS", "blueprint_graph", "evidence_of"]

EVIDENCE = "evidence"
"""The top row: the physical evidence of the customer-facing touchpoints."""
ROWS: tuple[str, ...] = (EVIDENCE, *LANES)
"""The blueprint's rows, top to bottom."""
VISIBLE: tuple[str, ...] = ("customer", "frontstage")
"""The lanes above the line of visibility, whose touchpoints show their physical evidence."""

LINES: tuple[tuple[str, str], ...] = (
    ("line.interaction", "solid"),
    ("line.visibility", "dashed"),
    ("line.internal", "dotted"),
)
"""The lines drawn between consecutive lanes (top to bottom), with their line style."""


@dataclass
class _Grid:
    """Where everything goes, in points (y grows upwards): columns, rows and the stages over them."""

    column: dict[str, int] = field(default_factory=dict)  # touchpoint id -> column
    spans: list[tuple[float, float]] = field(default_factory=list)  # column -> (left, right)
    width: dict[str, float] = field(default_factory=dict)
    height: dict[str, float] = field(default_factory=dict)
    row_y: dict[str, float] = field(default_factory=dict)
    row_h: dict[str, float] = field(default_factory=dict)
    stages: list[tuple[str, float, float]] = field(default_factory=list)  # (name, left, right)
    gap: float = 40.0
    left: float = 0.0
    right: float = 0.0
    top: float = 0.0
    bottom: float = 0.0

    def x(self, tp_id: str) -> float:
        left, right = self.spans[self.column[tp_id]]
        return (left + right) / 2

    def edge(self, tp_id: str, side: int) -> float:
        """The card's right (``side=1``) or left (``-1``) edge."""
        return self.x(tp_id) + side * self.width[tp_id] / 2

    def gap_x(self, tp_id: str, side: int, offset: float) -> float:
        """A point ``offset`` into the gap right (``side=1``) or left (``-1``) of the card's column."""
        left, right = self.spans[self.column[tp_id]]
        return right + offset if side > 0 else left - offset


def _lane(tp: Touchpoint) -> str:
    return tp.lane if tp.lane in LANES else "frontstage"


def evidence_of(tp: Touchpoint, scene: Scene) -> str | None:
    """What the customer sees or keeps at ``tp`` (``meta.evidence``, else its channel's), for a touchpoint
    above the line of visibility; ``None`` for the others."""
    if _lane(tp) not in VISIBLE:
        return None
    given = tp.meta.get("evidence") if isinstance(tp.meta, dict) else None
    if given:
        return str(given)
    return evidence_name(scene.words, tp.channel) if tp.channel else None


def _columns(scene: Scene, members: list[str]) -> list[list[str]]:
    """A stage's touchpoints in columns, in meeting order. A card shares the last column when that column
    has no card in its lane and none that it routes to or from: stacked cards are ones a customer meets
    side by side, never a step and the next."""
    journey = scene.journey
    linked = {frozenset((s, t.target)) for s, t in journey.transitions()}
    columns: list[list[str]] = []
    for tp_id in members:
        lane = _lane(journey.touchpoint(tp_id))
        last = columns[-1] if columns else None
        if last is not None and all(
            _lane(journey.touchpoint(other)) != lane and frozenset((tp_id, other)) not in linked for other in last
        ):
            last.append(tp_id)
        else:
            columns.append([tp_id])
    return columns


def _grid(scene: Scene, label_width: float) -> _Grid:
    theme, journey = scene.theme, scene.journey
    grid = _Grid(gap=40 * theme.scale)
    gap = grid.gap
    sizes = {tp.id: card_size(tp, scene, narrow=True) for tp in journey.touchpoints}
    x = label_width
    for _, name, members in stage_columns(scene):
        start, first = x, len(grid.spans)
        for cards in _columns(scene, members):
            width = max(sizes[tp_id][0] for tp_id in cards)
            for tp_id in cards:
                grid.column[tp_id] = len(grid.spans)
                grid.width[tp_id], grid.height[tp_id] = sizes[tp_id]
            grid.spans.append((x + gap / 2, x + gap / 2 + width))
            x += width + gap
        if not members:
            x += max(120.0 * theme.scale, text_width(name, theme.fontsize + 2, bold=True) + gap)
        header = text_width(name, theme.fontsize + 2, bold=True) + 24
        if x - start < header:  # a narrow stage still fits its name: centre its cards in the room
            shift = (header - (x - start)) / 2
            grid.spans[first:] = [(a + shift, b + shift) for a, b in grid.spans[first:]]
            x = start + header
        grid.stages.append((name, start, x))
    grid.left, grid.right = 0.0, x
    y = 0.0
    evidence = [len(_evidence_lines(scene, cards)) for cards in _by_column(grid).values()]
    for lane in ROWS:
        if lane == EVIDENCE:
            h = max(evidence, default=1) * (theme.small * 1.6 + 6) + 16 * theme.scale
        else:
            heights = [sizes[tp.id][1] for tp in journey.touchpoints if _lane(tp) == lane]
            h = max(heights, default=36 * theme.scale) + 30 * theme.scale
        grid.row_y[lane], grid.row_h[lane] = y - h / 2, h
        y -= h
    grid.top, grid.bottom = 0.0, y
    return grid


def _by_column(grid: _Grid) -> dict[int, list[str]]:
    columns: dict[int, list[str]] = {}
    for tp_id, index in grid.column.items():
        columns.setdefault(index, []).append(tp_id)
    return columns


def _evidence_lines(scene: Scene, cards: list[str]) -> list[str]:
    """The physical evidence of one column's cards, each named once."""
    found = (evidence_of(scene.journey.touchpoint(tp_id), scene) for tp_id in cards)
    return list(dict.fromkeys(x for x in found if x))


def _rounded(points: list[Point], radius: float) -> list[Point]:
    """A Bézier spline along a polyline of horizontal and vertical legs, its corners rounded."""
    spline: list[Point] = [points[0]]
    for k in range(1, len(points) - 1):
        prev, corner, nxt = points[k - 1], points[k], points[k + 1]
        r = min(radius, _length(prev, corner) / 2, _length(corner, nxt) / 2)
        into = _toward(corner, prev, r)
        out = _toward(corner, nxt, r)
        spline.extend(straight(spline[-1], into)[1:])
        spline.extend([_toward(into, corner, r * 0.55), _toward(out, corner, r * 0.55), out])
    spline.extend(straight(spline[-1], points[-1])[1:])
    return spline


def _length(a: Point, b: Point) -> float:
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def _toward(a: Point, b: Point, distance: float) -> Point:
    length = _length(a, b) or 1.0
    return a[0] + (b[0] - a[0]) * distance / length, a[1] + (b[1] - a[1]) * distance / length


def _tracks(spans: list[tuple[float, float, int]]) -> dict[int, int]:
    """Track number per route: shorter runs nearer the grid, no two overlapping runs on one track."""
    placed: list[list[tuple[float, float]]] = []
    result: dict[int, int] = {}
    for low, high, key in sorted(spans, key=lambda s: s[1] - s[0]):
        for number, runs in enumerate(placed):
            if all(high + 6 < a or low - 6 > b for a, b in runs):
                runs.append((low, high))
                result[key] = number
                break
        else:
            placed.append([(low, high)])
            result[key] = len(placed) - 1
    return result


def blueprint_graph(scene: Scene) -> graphviz.Digraph:
    """The service-blueprint view of ``scene.journey`` as a ``graphviz.Digraph`` for the ``nop2`` engine."""
    theme, journey, words = scene.theme, scene.journey, scene.words
    graph = new_graph(scene, "blueprint", "nop2")
    graph.attr(outputorder="nodesfirst", splines="true")
    lane_names = {lane: wrap(lane_title(words, lane), 14) for lane in ROWS}
    label_width = max(text_width(line, theme.fontsize, bold=True) for lines in lane_names.values() for line in lines)
    label_width += 28 * theme.scale
    grid = _grid(scene, label_width)
    column = grid.column
    lane_of = {tp.id: _lane(tp) for tp in journey.touchpoints}
    name = {tp_id: f"tp{k}" for k, tp_id in enumerate(scene.order)}

    # Routes first, to know how much room the tracks above and below the grid need. A route to the
    # next column crosses the gap between them; every other one runs along a track (a "bus").
    routes = [(s, t) for s, t in journey.transitions() if t.target in column]
    ports: dict[tuple[str, int], int] = {}
    bus: dict[int, tuple[str, float, float]] = {}  # route -> (side, x out of the source, x into the target)
    for k, (source, transition) in enumerate(routes):
        target = transition.target
        if column[target] != column[source] + 1:
            lanes = LANES.index(lane_of[source]) + LANES.index(lane_of[target])
            out = ports[(source, 1)] = ports.get((source, 1), -1) + 1
            into = ports[(target, -1)] = ports.get((target, -1), -1) + 1
            x1 = grid.gap_x(source, 1, (8 + 6 * (out % 3)) * theme.scale)
            x2 = grid.gap_x(target, -1, (8 + 6 * (into % 3)) * theme.scale)
            bus[k] = ("top" if lanes / 2 < 1.5 else "bottom", x1, x2)
    spacing = 9 * theme.scale
    track_of: dict[int, int] = {}
    band: dict[str, float] = {}
    for side in ("top", "bottom"):
        spans = [(min(x1, x2), max(x1, x2), k) for k, (s, x1, x2) in bus.items() if s == side]
        assigned = _tracks(spans)
        track_of.update(assigned)
        band[side] = (max(assigned.values(), default=-1) + 1) * spacing + (12 * theme.scale if assigned else 0)
    header = theme.fontsize * 2.6
    # Shift the rows down under the stage headers, and the lanes under the top tracks too (they run
    # between the physical evidence and the customer's actions).
    offset = header + band["top"]
    grid.row_y[EVIDENCE] -= header
    for lane in LANES:
        grid.row_y[lane] -= offset
    grid.top, grid.bottom = -header, grid.bottom - offset
    top_tracks = grid.row_y[LANES[0]] + grid.row_h[LANES[0]] / 2

    _backgrounds(graph, scene, grid, header, band)
    _lanes_and_lines(graph, scene, grid, lane_names, label_width)
    _evidence(graph, scene, grid)
    for tp in journey.touchpoints:
        fill = card_fill(tp, scene)
        graph.node(name[tp.id], label=card_label(tp, scene, fill=fill, narrow=True),
                   **touchpoint_node_attrs(tp, scene, fill, pos=node_pos((grid.x(tp.id), grid.row_y[lane_of[tp.id]]))))

    arrow = 10 * theme.arrowsize
    for k, (source, transition) in enumerate(routes):
        target = transition.target
        back = column[target] <= column[source]
        ya, yb = grid.row_y[lane_of[source]], grid.row_y[lane_of[target]]
        xa, xb = grid.edge(source, 1) - 1, grid.edge(target, -1) + 1
        if k in bus:
            side, x1, x2 = bus[k]
            if side == "top":
                track_y = top_tracks + 8 * theme.scale + track_of[k] * spacing
            else:
                track_y = grid.bottom - 8 * theme.scale - track_of[k] * spacing
            points = _rounded([(xa, ya), (x1, ya), (x1, track_y), (x2, track_y), (x2, yb), (xb, yb)],
                              8 * theme.scale)
            label_at = (x1 + (12 if x2 >= x1 else -12) * theme.scale, track_y + 6 * theme.scale)
            cls = "route route-loop" if back else "route route-skip"
        else:
            x1, x2 = grid.gap_x(source, 1, 0), grid.gap_x(target, -1, 0)
            middle = (x1 + x2) / 2
            across = [(middle, ya), (middle, yb), (x2, yb)]
            points = [*straight((xa, ya), (x1, ya)), *across, *straight((x2, yb), (xb, yb))[1:]]
            label_at = (middle, (ya + yb) / 2 + 8 * theme.scale)
            cls = "route route-step"
        color = INK if theme.greyscale else (BACK if back else FORWARD)
        attrs = {"pos": spline_pos(points, arrow), "color": color, "class": cls,
                 "style": "dashed" if back else "solid"}
        if transition.p < 0.9995:
            attrs.update(label=scene.percent(transition.p), lp=f"{fmt(label_at[0])},{fmt(label_at[1])}",
                         fontcolor=color)
        graph.edge(name[source], name[target], **attrs)

    forward, back = (INK, INK) if theme.greyscale else (FORWARD, BACK)
    rows = []
    if routes:
        rows.append(LegendRow(f'<FONT COLOR="{forward}"><B>──▶</B></FONT>', words.gettext("next step"), 30))
    if any(column[t.target] <= column[s] for s, t in routes):
        rows.append(LegendRow(f'<FONT COLOR="{back}"><B>‐ ‐ ▶</B></FONT>', words.gettext("goes back (loop)"), 30))
    if routes:
        rows.append(LegendRow(f'<FONT COLOR="{MUTED}">%</FONT>',
                              words.gettext("% share of customers taking the route (unlabelled: all)")))
    html, width, height = legend(scene, rows)
    graph.node("legend", label=html, shape="plain", id="legend", **{"class": "legend"},
               pos=node_pos((grid.left + width / 2, grid.bottom - band["bottom"] - 24 * theme.scale - height / 2)))
    return graph


def _backgrounds(graph: graphviz.Digraph, scene: Scene, grid: _Grid, header: float, band: dict[str, float]) -> None:
    """Stage names on top and alternately shaded stage columns behind the cards."""
    theme = scene.theme
    top, bottom = grid.top + header, grid.bottom - band["bottom"]
    for k, (stage_name, left, right) in enumerate(grid.stages):
        width, height = right - left, top - bottom
        graph.node(
            f"stage{k}", label="", shape="box", style="filled", fixedsize="true", color="transparent",
            fillcolor=SHADE if k % 2 == 0 else "#FFFFFF", width=f"{width / 72:.3f}", height=f"{height / 72:.3f}",
            pos=node_pos(((left + right) / 2, (top + bottom) / 2)), id=f"stage-band-{k}",
            **{"class": "stage-band"},
        )
        graph.node(
            f"stage_name{k}", label=f'<<FONT POINT-SIZE="{theme.fontsize + 2:g}"><B>{esc(stage_name)}</B></FONT>>',
            shape="plain", pos=node_pos(((left + right) / 2, top - header / 2)), id=f"stage-{k}",
            **{"class": "stage"},
        )


def _evidence(graph: graphviz.Digraph, scene: Scene, grid: _Grid) -> None:
    """The physical evidence of each column's customer-facing cards, as small framed tags in the top row."""
    theme = scene.theme
    for index, cards in sorted(_by_column(grid).items()):
        lines = _evidence_lines(scene, cards)
        if not lines:
            continue
        left, right = grid.spans[index]
        cells = "".join(
            f'<TR><TD BGCOLOR="#FFFFFF" BORDER="1" COLOR="{LINE}"><FONT POINT-SIZE="{theme.small:g}" '
            f'COLOR="{INK}">{esc(line)}</FONT></TD></TR>' for line in lines
        )
        graph.node(
            f"evidence{index}", shape="plain", id=f"evidence-{index}", **{"class": "evidence"},
            label=f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="3">{cells}</TABLE>>',
            pos=node_pos(((left + right) / 2, grid.row_y[EVIDENCE])),
        )


def _lanes_and_lines(graph: graphviz.Digraph, scene: Scene, grid: _Grid, names: dict[str, list[str]],
                     label_width: float) -> None:
    """Lane names down the left and the three labelled lines between the lanes."""
    theme, words = scene.theme, scene.words
    line_names = {"line.interaction": words.gettext("line of interaction"),
                  "line.visibility": words.gettext("line of visibility"),
                  "line.internal": words.gettext("line of internal interaction")}
    for lane in ROWS:
        text = "<BR/>".join(esc(line) for line in names[lane])
        graph.node(f"lane_{lane}", label=f"<<B>{text}</B>>", shape="plain", id=f"lane-{lane}",
                   pos=node_pos((label_width / 2, grid.row_y[lane])), **{"class": "lane"})
    for k, (key, style) in enumerate(LINES):
        upper = LANES[k]
        y = grid.row_y[upper] - grid.row_h[upper] / 2
        graph.node(f"line{k}_a", shape="point", width="0", height="0", label="", style="invis",
                   pos=node_pos((grid.left, y)))
        graph.node(f"line{k}_b", shape="point", width="0", height="0", label="", style="invis",
                   pos=node_pos((grid.right, y)))
        graph.edge(f"line{k}_a", f"line{k}_b", dir="none", style=style, color=LINE,
                   penwidth=f"{theme.penwidth * 1.3:g}", pos=spline_pos(straight((grid.left, y), (grid.right, y))),
                   id=f"line-{key.split('.')[1]}", **{"class": f"line {key.replace('.', '-')}"})
        text = line_names[key]
        graph.node(
            f"line{k}_label", shape="plain", id=f"line-label-{key.split('.')[1]}", **{"class": "line-label"},
            label=f'<<FONT POINT-SIZE="{theme.small:g}" COLOR="{MUTED}"><I>{esc(text)}</I></FONT>>',
            pos=node_pos((grid.left + text_width(text, theme.small) / 2 + 6, y + theme.small * 0.8)),
        )
