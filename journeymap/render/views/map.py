"""The journey map: stages across, and under each touchpoint the rows a journey map is known for.

Columns are the stages in order, shaded in alternation; inside a stage each customer-facing
touchpoint (lane ``customer`` or ``frontstage``: what the customer lives) has a column of its own, in
the order the drawings number them. Rows, top to bottom: the customer's actions (the touchpoints'
names, painted by the metric when there is one), channel and owner, the moments of truth with what
the customer requires there, the **emotion curve** (satisfaction on the 1–5 scale as a smooth line
with points: measured values solid, estimates hollow, a prediction as a dashed second line, one
line per curve with a legend), the pain points with the figure that makes each one, and — with an
action plan — the opportunities (the interventions acting there, with their quadrant).

Every cell is a node placed here whose size Graphviz may only grow to fit its text; text is wrapped
to the column's width beforehand, so cells never overlap (``tests/test_render_map.py`` lays the
drawing out and checks). Everything is placed here; Graphviz only draws it (engine ``nop2``).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

import graphviz

from journeymap.model import Touchpoint
from journeymap.render.colors import (
    FRAME,
    GOOD,
    INK,
    LINE,
    MOMENT_OF_TRUTH,
    MUTED,
    SHADE,
    WARNING,
    channel_color,
    mix,
    readable,
    scale_color,
    text_on,
)
from journeymap.render.geometry import node_pos
from journeymap.render.labels import GOAL, METRIC_MARK, STAR, badge_text, card_fill, chip
from journeymap.render.legend import LegendRow
from journeymap.render.notes import MapNotes
from journeymap.render.paper import MARGIN, MIN_TEXT
from journeymap.render.scene import Scene, stage_columns
from journeymap.render.text import clean, esc, text_width, wrap
from journeymap.render.views.common import new_graph, touchpoint_node_attrs
from journeymap.render.views.emotion import CURVE_COLORS, Band, curve_color, emotion_panel
from journeymap.render.words import lane_title

__all__ = ["CURVE_COLORS", "MAP_LANES", "QUADRANT_COLORS", "ROWS", "fit", "map_columns", "map_graph"]

PAD = 0.3
"""The blank border Graphviz leaves round every view (its ``pad``, in inches)."""

MAP_LANES: tuple[str, ...] = ("customer", "frontstage")
"""The lanes whose touchpoints the map shows: what the customer lives (backstage stays in the blueprint)."""

ROWS: tuple[str, ...] = ("actions", "channel", "moments", "emotion", "pains", "opportunities")
"""The map's rows, top to bottom (a row with nothing to show is left out)."""


QUADRANT_COLORS: dict[str, str] = {"quick_win": GOOD, "big_bet": "#1565C0", "fill_in": "#8D6E63",
                                   "time_sink": "#757575"}
"""The colour of each quadrant of an action plan (as on its quadrant chart)."""


def fit(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """``text`` wrapped into lines that print no wider than ``width`` points at ``size`` points."""
    line = clean(text)
    chars = max(4, int(width / (size * 0.55)))
    while chars > 4:
        lines = textwrap.wrap(line, chars, break_long_words=False) or [line]
        if all(text_width(x, size, bold=bold) <= width for x in lines):
            return lines
        if all(" " not in x for x in lines if text_width(x, size, bold=bold) > width):
            break  # only a word too long for the width is left: break words
        chars -= 1
    while True:
        lines = wrap(line, chars)
        if chars <= 4 or all(text_width(x, size, bold=bold) <= width for x in lines):
            return lines
        chars -= 1


def map_columns(scene: Scene) -> list[tuple[str, list[str]]]:
    """(stage name, touchpoint ids in meeting order) of the stages that hold a customer-facing touchpoint."""
    journey = scene.journey
    shown = {tp.id for tp in journey.touchpoints if (tp.lane or "frontstage") in MAP_LANES}
    columns = []
    for _, name, members in stage_columns(scene):
        kept = [tp_id for tp_id in members if tp_id in shown]
        if kept:
            columns.append((name, kept))
    return columns


@dataclass
class _Cell:
    """One cell's content (HTML-like rows, already escaped) and estimated height in points."""

    rows: list[str] = field(default_factory=list)
    height: float = 0.0
    fill: str = "#FFFFFF"
    classes: str = ""
    tooltip: str = ""


@dataclass
class _Grid:
    x: dict[str, float] = field(default_factory=dict)
    stages: list[tuple[str, float, float]] = field(default_factory=list)
    row_top: dict[str, float] = field(default_factory=dict)
    row_h: dict[str, float] = field(default_factory=dict)
    column: float = 120.0
    left: float = 0.0
    right: float = 0.0
    bottom: float = 0.0


class _Writer:
    """Builds the cells' text for one scene: sizes, colours and the words."""

    def __init__(self, scene: Scene, notes: MapNotes, column: float) -> None:
        self.scene, self.notes = scene, notes
        theme = scene.theme
        self.size, self.small = theme.fontsize, theme.small
        self.column = column
        self.inner = self.column - 22 * theme.scale
        self.line, self.small_line = self.size * 1.3, self.small * 1.3

    def text(self, text: str, *, small: bool = False, bold: bool = False, italic: bool = False,
             color: str = INK, prefix: str = "") -> tuple[str, float]:
        """A wrapped paragraph as one cell row, and its height."""
        size = self.small if small else self.size
        lines = fit(prefix + text, self.inner, size, bold=bold)
        body = "<BR/>".join(esc(line) for line in lines)
        if bold:
            body = f"<B>{body}</B>"
        if italic:
            body = f"<I>{body}</I>"
        row = f'<TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{size:g}" COLOR="{color}">{body}</FONT></TD>'
        return row, len(lines) * (self.small_line if small else self.line) + 2

    def actions(self, tp: Touchpoint) -> _Cell:
        scene = self.scene
        fill = card_fill(tp, scene)
        ink, muted = text_on(fill), readable(MUTED, fill)
        cell = _Cell(fill=fill)
        marks = (f"{STAR} " if tp.moment_of_truth else "") + (f"{GOAL} " if tp.goal else "")
        number = f"{scene.number.get(tp.id, '')}  "
        lines = fit(number + marks + tp.label, self.inner, self.size, bold=True)
        first = esc(lines[0])
        head = esc(number.strip())
        if first.startswith(head):
            first = f'<FONT COLOR="{muted}">{head}</FONT>{first[len(head):]}'
        body = "<BR/>".join([first, *(esc(line) for line in lines[1:])])
        cell.rows.append(f'<TD ALIGN="LEFT" BALIGN="LEFT"><FONT COLOR="{ink}"><B>{body}</B></FONT></TD>')
        cell.height = len(lines) * self.line + 2
        if scene.metric is not None:
            row, h = self.text(scene.metric.text(tp.id), bold=True, color=ink, prefix=f"{METRIC_MARK} ")
            cell.rows.append(row)
            cell.height += h
        return cell

    def channel(self, tp: Touchpoint) -> _Cell:
        cell = _Cell()
        if tp.channel:
            chip_html, chip_height = self.badge(tp)
            cell.rows.append(f'<TD ALIGN="LEFT">{chip_html}</TD>')
            cell.height += chip_height + 3
        if tp.owner:
            row, h = self.text(tp.owner, small=True, color=MUTED)
            cell.rows.append(row)
            cell.height += h
        return cell

    def badge(self, tp: Touchpoint) -> tuple[str, float]:
        """The channel's badge in the small type (never smaller: the map must print at 8 pt on its page),
        wrapped when the channel's name is wider than the column; and its height."""
        text = badge_text(tp, self.scene)
        if self.scene.theme.greyscale:
            fill, ink, border = "#FFFFFF", INK, INK
        else:
            fill, border = channel_color(tp.channel), None
            ink = text_on(fill)
        lines = fit(text, self.inner - 12, self.small, bold=True)
        body = "<BR/>".join(f"&#160;{esc(line)}&#160;" for line in lines)
        content = f'<FONT POINT-SIZE="{self.small:g}" COLOR="{ink}"><B>{body}</B></FONT>'
        width = max(text_width(f" {line} ", self.small, bold=True) for line in lines) + 6
        height = len(lines) * self.small * 1.35 + 5
        return chip(content, width, height, fill, border=border), height

    def moments(self, tp: Touchpoint) -> _Cell:
        words = self.scene.words
        cell = _Cell()
        if not tp.moment_of_truth:
            return cell
        cell.fill = mix(FRAME, "#FFFFFF", 0.7)
        row, h = self.text(words.gettext("moment of truth"), small=True, bold=True, prefix=f"{STAR} ")
        cell.rows.append(row)
        cell.height += h
        for requirement in tp.requirements:
            row, h = self.text(str(requirement), small=True, italic=True, color=MUTED, prefix="• ")
            cell.rows.append(row)
            cell.height += h
        return cell

    def pains(self, tp: Touchpoint) -> _Cell:
        cell = _Cell()
        found = self.notes.pains_at(tp.id)
        if found:
            cell.fill, cell.classes = mix(WARNING, "#FFFFFF", 0.88), " pain"
        for pain in found:
            row, h = self.text(pain.text, small=True, color=WARNING, prefix="⚠ ")
            cell.rows.append(row)
            cell.height += h
        return cell

    def opportunities(self, tp: Touchpoint) -> _Cell:
        cell = _Cell()
        for chance in self.notes.opportunities_at(tp.id):
            color = QUADRANT_COLORS.get(chance.quadrant, MUTED)
            row, h = self.text(chance.name, small=True, bold=True)
            cell.rows.append(row)
            tag, th = self.text(chance.quadrant_label, small=True, color=readable(color, "#FFFFFF"), prefix="● ")
            cell.rows.append(tag)
            cell.height += h + th + 2
        if cell.rows:
            cell.fill, cell.classes = mix(GOOD, "#FFFFFF", 0.92), " opportunity"
        return cell


COLUMN = 121.0
"""A column's width in points when the drawing is not made for a page, times the theme's spacing
(:attr:`~journeymap.render.themes.Theme.space`): the workshop's type grows more than its columns."""
NARROWEST = 99.0
"""The narrowest a column gets (points, times the theme's spacing) to fit a page; beyond, the map
spreads over several pages (:func:`journeymap.render.paper.on_paper`)."""


def _column_width(scene: Scene, count: int, stages: int, left: float, gap: float, stage_gap: float) -> float:
    """The width of a touchpoint's column: :data:`COLUMN`, or narrower (down to :data:`NARROWEST`) so
    that the map fits the page's width with its smallest text at 8 pt. A map too wide for one page is
    spread over as few pages across as it needs, its columns as wide as those pages allow (fewer wrapped
    lines, so fewer pages down)."""
    scale = scene.theme.scale
    if scene.page is None or count == 0:
        return COLUMN * scale
    page = (scene.page[0] - 2 * MARGIN) * scene.theme.small / MIN_TEXT * 0.96  # Graphviz measures a little wider
    fixed = left + count * gap + stages * stage_gap + 2 * PAD * 72 + 72  # the PDF has an inch more
    across = max(1, math.ceil((fixed + count * NARROWEST * scale) / page - 1e-9))
    width = (across * page - fixed) / count
    return max(NARROWEST * scale, min(COLUMN * scale, width))


def _rows_shown(notes: MapNotes, tps: Sequence[Touchpoint]) -> list[str]:
    shown = ["actions", "channel"]
    if any(tp.moment_of_truth for tp in tps):
        shown.append("moments")
    if any(curve.scores for curve in notes.curves):
        shown.append("emotion")
    if notes.pains:
        shown.append("pains")
    if notes.opportunities:
        shown.append("opportunities")
    return shown


def _row_title(scene: Scene, row: str) -> str:
    words = scene.words
    titles = {
        "actions": lane_title(words, "customer"),
        "channel": words.gettext("Channel and owner"),
        "moments": words.gettext("Moments of truth and requirements"),
        "emotion": words.gettext("Emotion curve (satisfaction 1–5)"),
        "pains": words.gettext("Pain points"),
        "opportunities": words.gettext("Opportunities"),
    }
    return titles[row]


def map_graph(scene: Scene, notes: MapNotes) -> graphviz.Digraph:
    """The journey-map view of ``scene.journey`` as a ``graphviz.Digraph`` for the ``nop2`` engine."""
    theme, journey = scene.theme, scene.journey
    graph = new_graph(scene, "map", "nop2")
    graph.attr(outputorder="nodesfirst", splines="true")
    columns = map_columns(scene)
    tps = [journey.touchpoint(tp_id) for _, members in columns for tp_id in members]
    rows = _rows_shown(notes, tps)
    words_width = max(text_width(word, theme.fontsize, bold=True)
                      for row in rows for word in _row_title(scene, row).split())
    titles = {row: fit(_row_title(scene, row), max(84 * theme.scale, words_width), theme.fontsize, bold=True)
              for row in rows}
    label_width = max(text_width(line, theme.fontsize, bold=True) for lines in titles.values() for line in lines)
    label_width += 16 * theme.scale
    axis = text_width("5", theme.small) + 10 * theme.scale if "emotion" in rows else 0.0
    gap, stage_gap = 6 * theme.scale, 14 * theme.scale
    writer = _Writer(scene, notes, _column_width(scene, len(tps), len(columns), label_width + axis, gap, stage_gap))
    grid = _Grid(column=writer.column)
    x = label_width + axis
    for name, members in columns:
        start = x
        for tp_id in members:
            x += gap / 2 if tp_id != members[0] else stage_gap / 2
            grid.x[tp_id] = x + grid.column / 2
            x += grid.column + gap / 2
        x += stage_gap / 2
        grid.stages.append((name, start, x))
    grid.left, grid.right = 0.0, x

    makers = {"actions": writer.actions, "channel": writer.channel, "moments": writer.moments,
              "pains": writer.pains, "opportunities": writer.opportunities}
    cells: dict[str, dict[str, _Cell]] = {row: {tp.id: makers[row](tp) for tp in tps} for row in rows
                                          if row in makers}
    names = {name: fit(name, right - left - 8, theme.fontsize + 2, bold=True) for name, left, right in grid.stages}
    tallest = max((len(lines) for lines in names.values()), default=1)
    header = (theme.fontsize + 2) * 1.3 * tallest + theme.fontsize * 1.4
    pad = 6 * theme.scale
    y = -header
    for row in rows:
        title_h = len(titles[row]) * theme.fontsize * 1.3
        if row == "emotion":
            h = max(5 * 20 * theme.scale, title_h) + 2 * pad
        else:
            h = max([c.height for c in cells[row].values()] + [title_h, theme.fontsize]) + 2 * pad
        grid.row_top[row], grid.row_h[row] = y, h
        y -= h + gap
    grid.bottom = y

    _backgrounds(graph, scene, grid, header, rows, titles, names, label_width)
    for row in rows:
        if row == "emotion":
            continue
        middle = grid.row_top[row] - grid.row_h[row] / 2
        for tp in tps:
            cell = cells[row][tp.id]
            size = {"width": f"{grid.column / 72:.3f}", "height": f"{(grid.row_h[row] - 2 * pad + 8) / 72:.3f}"}
            body = "".join(f"<TR>{r}</TR>" for r in cell.rows) or "<TR><TD> </TD></TR>"
            label = f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{body}</TABLE>>'
            where = node_pos((grid.x[tp.id], middle))
            if row == "actions":  # a moment of truth's second border goes round the cell: leave it room
                size["width"] = f"{(grid.column - 10) / 72:.3f}"
                attrs = touchpoint_node_attrs(tp, scene, cell.fill, pos=where, **size)
                attrs["class"] += " cell cell-actions"
                graph.node(f"cell_actions_{scene.number[tp.id]}", label=label, **attrs)
                continue
            style = "rounded,filled" if cell.rows else "invis"
            graph.node(f"cell_{row}_{scene.number[tp.id]}", label=label, shape="box", style=style,
                       fillcolor=cell.fill, color=LINE, penwidth="0.8", pos=where,
                       margin="0.08,0.05", id=graphviz.escape(f"{row}-{tp.id}"),
                       **{"class": f"cell cell-{row}{cell.classes}"}, **size)
    if "emotion" in rows:
        band = Band(grid.x, grid.row_top["emotion"], grid.row_h["emotion"], pad)
        emotion_panel(graph, scene, notes.curves, tps, band, label_width + axis, grid.right)

    html, _, height = _legend(scene, _legend_rows(scene, notes), grid.right - grid.left)
    graph.node("legend", label=html, shape="plain", id="legend", **{"class": "legend"},
               pos=node_pos(((grid.left + grid.right) / 2, grid.bottom - 6 * theme.scale - height / 2)))
    return graph


def _backgrounds(graph: graphviz.Digraph, scene: Scene, grid: _Grid, header: float, rows: list[str],
                 titles: dict[str, list[str]], names: dict[str, list[str]], label_width: float) -> None:
    """Stage names on top, alternately shaded stage columns, and the row titles down the left."""
    theme = scene.theme
    top, bottom = 0.0, grid.bottom + 6 * theme.scale
    for k, (name, left, right) in enumerate(grid.stages):
        graph.node(
            f"stage{k}", label="", shape="box", style="filled", fixedsize="true", color="transparent",
            fillcolor=SHADE if k % 2 == 0 else "#FFFFFF", width=f"{(right - left) / 72:.3f}",
            height=f"{(top - bottom) / 72:.3f}", pos=node_pos(((left + right) / 2, (top + bottom) / 2)),
            id=f"stage-band-{k}", **{"class": "stage-band"},
        )
        text = "<BR/>".join(esc(line) for line in names[name])
        graph.node(f"stage_name{k}", label=f'<<FONT POINT-SIZE="{theme.fontsize + 2:g}"><B>{text}</B></FONT>>',
                   shape="plain", pos=node_pos(((left + right) / 2, top - header / 2)), id=f"stage-{k}",
                   **{"class": "stage"})
    for row in rows:
        text = "<BR/>".join(esc(line) for line in titles[row])
        graph.node(f"row_{row}", label=f"<<B>{text}</B>>", shape="plain", id=f"row-{row}", **{"class": "row-title"},
                   pos=node_pos((label_width / 2, grid.row_top[row] - grid.row_h[row] / 2)))


def _legend(scene: Scene, items: list[LegendRow], width: float) -> tuple[str, float, float]:
    """The map's legend as a strip across the foot of the map (channels are named on their badges, so
    only the marks are explained), and the metric's colour key; the HTML label and its (width, height)."""
    theme, small = scene.theme, scene.theme.small
    cells: list[list[str]] = [[]]
    used = 0.0
    for item in items:
        lines = wrap(item.text, 48)
        item_width = max(item.sample_width, 18) + max(text_width(x, small) for x in lines) + 24
        if cells[-1] and used + item_width > width - 20:
            cells.append([])
            used = 0.0
        used += item_width
        body = "<BR/>".join(esc(x) for x in lines)
        cells[-1].append(f'<TD ALIGN="CENTER" WIDTH="{max(item.sample_width, 18):g}">{item.sample}</TD>'
                         f'<TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{small:g}">{body}</FONT></TD>'
                         f'<TD WIDTH="12"> </TD>')
    rows = [f'<TR><TD><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2"><TR>{"".join(row)}</TR></TABLE></TD></TR>'
            for row in cells if row]
    height = len(rows) * small * 2.9
    metric = scene.metric
    if metric is not None:
        swatches = []
        for text, share in metric.ticks():
            fill = scale_color(share, greyscale=theme.greyscale)
            swatches.append(f'<TD BGCOLOR="{fill}" BORDER="1" COLOR="{MUTED}"><FONT POINT-SIZE="{small:g}" '
                            f'COLOR="{text_on(fill)}">{esc(text)}</FONT></TD>')
        title = f'<TD><FONT POINT-SIZE="{small:g}"><B>{esc(METRIC_MARK + " " + metric.label)}</B></FONT></TD>'
        rows.append(f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="0" CELLPADDING="3"><TR>{title}'
                    f'{"".join(swatches)}</TR></TABLE></TD></TR>')
        height += small * 2.4
    heading = esc(scene.words.gettext("Legend"))
    html = (f'<<TABLE BORDER="1" COLOR="{FRAME}" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2" BGCOLOR="#FFFFFF">'
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{theme.fontsize:g}"><B>{heading}</B></FONT></TD></TR>'
            f'{"".join(rows)}</TABLE>>')
    return html, width, height + theme.fontsize * 1.6 + 10


def _legend_rows(scene: Scene, notes: MapNotes) -> list[LegendRow]:
    words = scene.words
    mark = INK if scene.theme.greyscale else MOMENT_OF_TRUTH
    rows = [LegendRow(f'<FONT COLOR="{MUTED}">1 2 3</FONT>', words.gettext("order along the cycle, stage by stage"),
                      30)]
    if any(tp.moment_of_truth for tp in scene.journey.touchpoints):
        rows.append(LegendRow(f'<FONT COLOR="{mark}">{STAR}</FONT>', words.gettext("moment of truth (double border)")))
    if scene.journey.goals:
        rows.append(LegendRow(f'<FONT COLOR="{mark}">{GOAL}</FONT>', words.gettext("goal reached")))
    curves = [c for c in notes.curves if c.scores]
    if curves:
        first = curve_color(0)
        if any(c.measured for c in curves):
            rows.append(LegendRow(f'<FONT COLOR="{first}">●</FONT>',
                                  words.gettext("satisfaction measured by a survey")))
        if any(set(c.scores) - set(c.measured) for c in curves if not c.predicted):
            rows.append(LegendRow(f'<FONT COLOR="{first}">○</FONT>', words.gettext("satisfaction estimated")))
        if any(c.intervals for c in curves):
            rows.append(LegendRow(f'<FONT COLOR="{first}">┿</FONT>', words.gettext("95% interval of the survey")))
        if len(curves) > 1:
            for index, curve in enumerate(notes.curves):
                if curve.scores:
                    dash = "‐ ‐ ‐" if curve.predicted else "━━"
                    color = curve_color(index)
                    rows.append(LegendRow(f'<FONT COLOR="{color}"><B>{dash}</B></FONT>', curve.name, 30))
    if notes.pains:
        rows.append(LegendRow(f'<FONT COLOR="{WARNING}">⚠</FONT>', words.gettext(
            "pain point: low satisfaction, customers giving up or leaving, a wait standard missed, overload")))
    return rows
