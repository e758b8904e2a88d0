"""The flow by stage: left to right, one column per stage, arrows as wide as the flow they carry.

Each stage is a cluster, kept in stage order by invisible anchors (every touchpoint of a stage lies
between its stage's start and end anchor, and each end anchor precedes the next stage's start), so a
route back to an earlier stage never drags a column out of place: it is drawn, dashed, without
constraining the layout. Arrows carry their probability and are drawn thicker for more expected
flow per customer; where customers leave the cycle, a short dashed stub says what share of all
customers leaves there (at a goal: finishes there). Satisfaction scores appear as faces, lows in
warning colours: the customer's emotional curve along the journey.

Laid out by Graphviz ``dot``; big journeys get a cheaper crossing minimisation and floating edge
labels so that 300 touchpoints still draw in well under three seconds.
"""

from __future__ import annotations

import graphviz

from journeymap.render.colors import BACK, FORWARD, FRAME, GOOD, MUTED, SHADE, WARNING
from journeymap.render.labels import card_fill, card_label
from journeymap.render.legend import LegendRow, legend
from journeymap.render.scene import Scene, stage_columns
from journeymap.render.text import esc
from journeymap.render.views.common import new_graph, touchpoint_node_attrs

__all__ = ["BIG", "flow_graph"]

BIG = 80
"""From this many touchpoints on, the layout trades some polish for speed."""

def flow_graph(scene: Scene) -> graphviz.Digraph:
    """The flow view of ``scene.journey`` as a ``graphviz.Digraph`` for the ``dot`` engine."""
    theme, journey = scene.theme, scene.journey
    big = len(journey.touchpoints) >= BIG
    graph = new_graph(scene, "flow", "dot")
    graph.attr(rankdir="LR", newrank="true", nodesep=f"{0.25 * theme.scale:g}", ranksep=f"{0.55 * theme.scale:g}",
               compound="true", outputorder="edgesfirst")
    if big:
        graph.attr(mclimit="0.05", nslimit="0.5", nslimit1="0.5", remincross="false")
    node_name = {tp_id: f"tp{k}" for k, tp_id in enumerate(scene.order)}
    stage_of: dict[str, int] = {}
    columns = stage_columns(scene)
    html, _, _ = legend(scene, _legend_rows(scene), satisfaction=True)

    with graph.subgraph(name="cluster_body") as body:
        body.attr(label=html, labelloc="b", labeljust="l", color="transparent", style="solid", margin="16")
        for index, (key, name, members) in enumerate(columns):
            with body.subgraph(name=f"cluster_{key}") as column:
                column.attr(
                    label=f"<<B>{esc(name)}</B>>", labelloc="t", labeljust="c", style="rounded,filled",
                    fillcolor=SHADE, color=FRAME, fontsize=f"{theme.fontsize + 2:g}", margin="12",
                    id=graphviz.escape(f"stage-{name}")[:200], **{"class": "stage"},
                )
                column.node(f"start_{key}", shape="point", style="invis", width="0", height="0", label="")
                column.node(f"end_{key}", shape="point", style="invis", width="0", height="0", label="")
                for tp_id in members:
                    stage_of[tp_id] = index
                    tp = journey.touchpoint(tp_id)
                    fill = card_fill(tp, scene)
                    label = card_label(tp, scene, satisfaction=True, fill=fill, narrow=True)
                    column.node(node_name[tp_id], label=label, **touchpoint_node_attrs(tp, scene, fill))
                    column.edge(f"start_{key}", node_name[tp_id], style="invis", minlen="0", weight="0")
                    column.edge(node_name[tp_id], f"end_{key}", style="invis", minlen="0", weight="0")
                    _exit_stub(column, scene, tp_id, node_name[tp_id])
            if index:
                body.edge(f"end_{columns[index - 1][0]}", f"start_{key}", style="invis", weight="0")

    backs = set(_back_routes(scene))
    flows = [scene.route_flow(s, t.target, t.p) for s, t in journey.transitions() if t.target in node_name]
    top = max(flows, default=1.0) or 1.0
    for source, transition in journey.transitions():
        if transition.target not in node_name:
            continue
        flow = scene.route_flow(source, transition.target, transition.p)
        back = (source, transition.target) in backs
        attrs = {
            "penwidth": f"{theme.penwidth * (0.7 + 5.0 * flow / top):.2f}",
            "color": (MUTED if theme.greyscale else BACK) if back else ("#333333" if theme.greyscale else FORWARD),
            "fontcolor": MUTED if theme.greyscale else (BACK if back else FORWARD),
            "class": "route route-back" if back else "route",
            "arrowsize": f"{theme.arrowsize:g}",
        }
        attrs["xlabel" if big else "label"] = scene.percent(transition.p)
        if back:
            attrs.update(style="dashed", constraint="false")
        if stage_of[transition.target] != stage_of[source] and not back:
            attrs["weight"] = "2"
        graph.edge(node_name[source], node_name[transition.target], **attrs)
    return graph


def _exit_stub(column: graphviz.Digraph, scene: Scene, tp_id: str, name: str) -> None:
    """A dashed stub under a touchpoint where customers leave: the share of all customers leaving there."""
    share = scene.drop_off.get(tp_id, 0.0)
    if share < 0.0005:
        return
    tp = scene.journey.touchpoint(tp_id)
    theme = scene.theme
    color = MUTED if theme.greyscale else (GOOD if tp.goal else WARNING)
    shown = scene.percent(share)
    text = (scene.words.gettext("{share} finish here", share=shown) if tp.goal else
            scene.words.gettext("{share} leave here", share=shown))
    stub = f"exit_{name}"
    column.node(
        stub, label=f'<<FONT POINT-SIZE="{theme.small:g}" COLOR="{color}"><B>{esc(text)}</B></FONT>>', shape="plain",
        id=graphviz.escape(f"exit-{tp_id}"), **{"class": "drop-off finish" if tp.goal else "drop-off"},
    )
    with column.subgraph() as same:
        same.attr(rank="same")
        same.node(name)
        same.node(stub)
    column.edge(name, stub, style="dashed", color=color, arrowhead="normal", arrowsize=f"{theme.arrowsize * 0.8:g}",
                penwidth=f"{theme.penwidth * (0.8 + 3 * share):.2f}", **{"class": "leave"})


def _legend_rows(scene: Scene) -> list[LegendRow]:
    words, theme = scene.words, scene.theme
    forward = "#333333" if theme.greyscale else FORWARD
    back = MUTED if theme.greyscale else BACK
    leave = MUTED if theme.greyscale else WARNING
    rows = [
        LegendRow(f'<FONT COLOR="{forward}"><B>━━▶</B></FONT>', words.gettext("arrow width: expected flow"), 30),
        LegendRow(f'<FONT COLOR="{forward}">%</FONT>', words.gettext("% share of customers taking the route")),
    ]
    if _back_routes(scene):
        rows.append(LegendRow(f'<FONT COLOR="{back}"><B>‐ ‐ ▶</B></FONT>', words.gettext("goes back (loop)"), 30))
    if scene.drop_off:
        rows.append(LegendRow(f'<FONT COLOR="{leave}"><B>‐ ‐ ▶ %</B></FONT>',
                              words.gettext("share of all customers who leave there"), 36))
    return rows


def _back_routes(scene: Scene) -> list[tuple[str, str]]:
    """Routes to an earlier stage, or to a touchpoint met earlier in the same stage (drawn dashed)."""
    journey = scene.journey
    order = {tp_id: k for k, tp_id in enumerate(scene.order)}
    stage_index = {s: k for k, s in enumerate(journey.stage_ids)}
    result = []
    for source, transition in journey.transitions():
        if transition.target not in order:
            continue
        a = stage_index.get(journey.touchpoint(source).stage, len(stage_index))
        b = stage_index.get(journey.touchpoint(transition.target).stage, len(stage_index))
        if b < a or (a == b and order[transition.target] <= order[source]):
            result.append((source, transition.target))
    return result
