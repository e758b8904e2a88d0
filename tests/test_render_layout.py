"""Nothing overlaps: label boxes as Graphviz actually sizes them, for the views placed by journeymap,
and stage columns in order for the flow laid out by ``dot``."""

from __future__ import annotations

import itertools

import pygraphviz
import pytest
from render_samples import nasty, outage

from journeymap.io.catalog import template
from journeymap.model import Journey
from journeymap.render import to_dot
from journeymap.render.backend import _quiet

Box = tuple[float, float, float, float]  # left, bottom, right, top


def _laid_out(dot: str, engine: str) -> pygraphviz.AGraph:
    graph = pygraphviz.AGraph(string=dot)
    with _quiet():
        graph.layout(prog=engine)
    return graph


def _box(node: pygraphviz.Node) -> Box:
    x, y = (float(v) for v in node.attr["pos"].rstrip("!").split(","))
    w, h = float(node.attr["width"]) * 72, float(node.attr["height"]) * 72
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


def _overlap(a: Box, b: Box, slack: float = 0.5) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


JOURNEYS = {
    "outage": outage,
    "nasty": nasty,
    "telecom_outage.es": lambda: template("telecom_outage", "es"),
    "service_cycle.en": lambda: template("service_cycle", "en"),
}


@pytest.mark.parametrize("name", list(JOURNEYS))
@pytest.mark.parametrize("theme", ["default", "workshop"])
def test_clock_labels_markers_and_legend_never_overlap(name: str, theme: str) -> None:
    journey: Journey = JOURNEYS[name]()
    graph = _laid_out(to_dot(journey, "cycle", theme=theme), "nop2")
    boxes = {str(n): _box(n) for n in graph.nodes() if str(n) != "dial"}
    assert len([n for n in boxes if n.startswith("label")]) == len(journey.touchpoints)
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert not _overlap(box_a, box_b), (a, b, box_a, box_b)


@pytest.mark.parametrize("name", list(JOURNEYS))
def test_blueprint_cards_stay_in_their_lane_and_apart(name: str) -> None:
    journey: Journey = JOURNEYS[name]()
    graph = _laid_out(to_dot(journey, "blueprint"), "nop2")
    lines = [float(graph.get_node(f"line{k}_a").attr["pos"].rstrip("!").split(",")[1]) for k in range(3)]
    bounds = {"customer": (lines[0], float("inf")), "frontstage": (lines[1], lines[0]),
              "backstage": (lines[2], lines[1]), "support": (float("-inf"), lines[2])}
    cards = {}
    for node in graph.nodes():
        if (node.attr.get("class") or "").startswith("touchpoint"):
            tp = journey.touchpoint(node.attr["id"][3:])
            box = cards[tp.id] = _box(node)
            low, high = bounds[tp.lane]
            assert low < box[1] and box[3] < high, (tp.id, tp.lane, box, low, high)
    assert len(cards) == len(journey.touchpoints)
    legend = _box(graph.get_node("legend"))
    for (a, box_a), (b, box_b) in itertools.combinations([*cards.items(), ("legend", legend)], 2):
        assert not _overlap(box_a, box_b), (a, b)


@pytest.mark.parametrize("name", list(JOURNEYS))
def test_flow_stage_columns_run_left_to_right_in_stage_order(name: str) -> None:
    journey: Journey = JOURNEYS[name]()
    graph = _laid_out(to_dot(journey, "flow"), "dot")
    body = graph.get_subgraph("cluster_body")
    spans = []
    for k in range(len(journey.stages)):
        left, _, right, _ = (float(v) for v in body.get_subgraph(f"cluster_s{k}").graph_attr["bb"].split(","))
        spans.append((left, right))
    assert all(spans[k][1] < spans[k + 1][0] for k in range(len(spans) - 1)), spans
