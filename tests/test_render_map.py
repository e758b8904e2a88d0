"""The journey map view: its cells, emotion curve, pain points and opportunities read back from the SVG,
the layout laid out by Graphviz (no two cells overlap, text wraps inside its column), pages and the CLI."""

from __future__ import annotations

import dataclasses
import io
import itertools
from pathlib import Path

import pandas as pd
import pygraphviz
import pytest
from pypdf import PdfReader
from render_samples import by_id, groups, nasty, outage, parse_svg, shows, tooltips

from journeymap.cli import main
from journeymap.io import save
from journeymap.io.catalog import template
from journeymap.model import Journey, MeasuredSatisfaction, Requirement
from journeymap.render import Curve, draw, to_dot
from journeymap.render.backend import _quiet
from journeymap.render.notes import before_goal, map_notes
from journeymap.render.text import text_width
from journeymap.render.themes import PAGES
from journeymap.render.views.map import CURVE_COLORS, MAP_LANES, fit
from journeymap.text import translator


def _shown(journey: Journey) -> list[str]:
    return [tp.id for tp in journey.touchpoints if (tp.lane or "frontstage") in MAP_LANES]


def _measured(journey: Journey, tp_id: str, mean: float) -> Journey:
    touchpoints = tuple(
        dataclasses.replace(tp, measured_satisfaction=MeasuredSatisfaction(mean, 120, mean - 0.3, mean + 0.3,
                                                                           "2025-03-14", "survey.csv"))
        if tp.id == tp_id else tp for tp in journey.touchpoints)
    return dataclasses.replace(journey, touchpoints=touchpoints)


class _Simulation:
    """What the map reads of a simulation's results: the touchpoints table and ``standard_met``."""

    def __init__(self, abandonment: dict[str, float], met: float) -> None:
        self.touchpoints = pd.DataFrame({"abandonment_rate": abandonment})
        self.met = met
        self.asked: list[tuple[str, float]] = []

    def standard_met(self, touchpoint: str, wait: float) -> dict[str, float]:
        self.asked.append((touchpoint, wait))
        return {"mean": self.met, "ci_low": self.met, "ci_high": self.met, "n": 5}


class _Plan:
    def __init__(self, rows: list[dict[str, object]]) -> None:
        self.table = pd.DataFrame(rows)


def test_one_cell_per_row_and_customer_facing_touchpoint_in_stage_order() -> None:
    journey = outage()
    root = parse_svg(draw(journey, "map").svg())
    shown = _shown(journey)
    assert {tp.id for tp in journey.touchpoints} - set(shown) == {"log", "test", "fix", "parts"}  # backstage
    for tp_id in shown:
        tp = journey.touchpoint(tp_id)
        assert shows(by_id(root, f"tp-{tp_id}"), tp.label)
        assert by_id(root, f"channel-{tp_id}") is not None
    xs = [float(by_id(root, f"tp-{tp_id}").find("{http://www.w3.org/2000/svg}path").get("d").split()[0][1:]
                .split(",")[0]) for tp_id in shown]
    assert xs == sorted(xs)  # meeting order, left to right
    moments = groups(root, "cell-moments")  # empty cells are laid out but not drawn
    assert sorted(g.get("id") for g in moments) == sorted(f"moments-{tp.id}" for tp in journey.moments_of_truth)
    for tp in journey.moments_of_truth:
        for requirement in tp.requirements:
            assert shows(by_id(root, f"moments-{tp.id}"), requirement)
    assert [shows(by_id(root, f"row-{row}"), title) for row, title in
            [("actions", "Customer actions"), ("emotion", "Emotion curve"), ("moments", "Moments of truth")]] == [
        True, True, True]


def test_emotion_curve_solid_where_measured_hollow_where_estimated() -> None:
    journey = _measured(outage(), "call", 2.1)
    root = parse_svg(draw(journey, "map").svg())
    points = groups(root, "curve-point")
    scored = [tp.id for tp in journey.touchpoints if tp.id in _shown(journey) and tp.shown_satisfaction is not None]
    assert len(points) == len(scored)
    measured = groups(root, "measured")
    assert [g.get("id") for g in measured] == ["point0-call"]
    fill = next(measured[0].iter("{http://www.w3.org/2000/svg}ellipse")).get("fill")
    assert fill.upper() == CURVE_COLORS[0]
    for g in groups(root, "estimated"):
        assert next(g.iter("{http://www.w3.org/2000/svg}ellipse")).get("fill").lower() == "#ffffff"
    assert "n=120, 2025-03-14, survey.csv" in " ".join(tooltips(by_id(root, "point0-call")))
    assert len(groups(root, "interval")) == 1  # the survey's 95% interval as a whisker
    assert len(groups(root, "curve")) == len(scored) - 1  # one smooth segment between neighbours
    assert shows(by_id(root, "legend"), "satisfaction measured by a survey")
    assert shows(by_id(root, "legend"), "satisfaction estimated")


def test_points_sit_at_their_score_and_the_curve_never_leaves_its_neighbours() -> None:
    journey = outage()
    dot = to_dot(journey, "map")
    graph = pygraphviz.AGraph(string=dot)
    ys = {}
    for node in graph.nodes():
        if "curve-point" in (node.attr.get("class") or ""):
            ys[str(node).split("_", 1)[1]] = float(node.attr["pos"].rstrip("!").split(",")[1])
    scores = {tp.id: tp.shown_satisfaction for tp in journey.touchpoints if tp.id in ys}
    ordered = sorted(ys, key=lambda k: scores[k])
    assert [ys[k] for k in ordered] == sorted(ys.values())  # higher score, higher point
    step = (ys[max(ys, key=lambda k: scores[k])] - ys[min(ys, key=lambda k: scores[k])]) / (
        max(scores.values()) - min(scores.values()))
    for a, b in itertools.combinations(ys, 2):
        assert ys[a] - ys[b] == pytest.approx((scores[a] - scores[b]) * step, abs=0.05)
    for edge in graph.edges():
        if "curve" in (edge.attr.get("class") or "").split():
            values = [float(p.split(",")[1]) for p in edge.attr["pos"].split()]
            assert min(values[0], values[-1]) - 0.01 <= min(values) and max(values) <= max(values[0], values[-1]) + 0.01


def test_several_curves_get_a_legend_and_a_prediction_is_dashed() -> None:
    journey = outage()
    words = translator("en")
    curves = [Curve("New customers", {"outage": 2.0, "call": 3.0}), Curve("Loyal customers", {"outage": 4.0})]
    root = parse_svg(draw(journey, "map", curves=curves, predicted={"outage": 3.5, "call": 3.9}).svg())
    legend = by_id(root, "legend")
    for name in ("New customers", "Loyal customers", "Predicted from the simulation"):
        assert shows(legend, name)
    assert len(groups(root, "predicted")) == 2
    dashed = groups(root, "curve-predicted")
    assert dashed and all("stroke-dasharray" in ET_str(g) for g in dashed)
    notes = map_notes(journey, words, curves=curves)
    assert [c.name for c in notes.curves] == ["New customers", "Loyal customers"]


def ET_str(element: object) -> str:
    import xml.etree.ElementTree as ET

    return ET.tostring(element, encoding="unicode")  # type: ignore[arg-type]


def test_pain_points_carry_the_figure_that_makes_them() -> None:
    journey = outage()
    simulation = _Simulation({"call": 0.12, "chat": 0.01}, met=0.64)
    notes = map_notes(journey, translator("en"), simulation=simulation)
    found = {(p.touchpoint, p.kind): p.text for p in notes.pains}
    assert found[("call", "abandonment")] == "12% give up waiting"
    assert ("chat", "abandonment") not in found  # 1% is below the threshold
    assert found[("outage", "satisfaction")] == "low satisfaction: 2 (estimated)"
    assert found[("call", "satisfaction")] == "low satisfaction: 2.4 (estimated)"
    assert ("status", "satisfaction") not in found  # 3.0 is not low
    assert simulation.asked == []  # no requirement carries a wait standard in this journey
    root = parse_svg(draw(journey, "map", simulation=simulation).svg())
    assert shows(by_id(root, "pains-call"), "12% give up waiting")
    assert "pain" in by_id(root, "pains-call").get("class").split()


def test_a_missed_wait_standard_is_a_pain_point() -> None:
    base = outage("es")
    touchpoints = tuple(
        dataclasses.replace(tp, requirements=(Requirement("Atendido en menos de 2 minutos", {"wait": 2.0}),
                                              *tp.requirements[1:]))
        if tp.id == "call" else tp for tp in base.touchpoints)
    journey = dataclasses.replace(base, touchpoints=touchpoints)
    simulation = _Simulation({}, met=0.5)
    missed = [p for p in map_notes(journey, translator("es"), simulation=simulation).pains if p.kind == "standard"]
    assert simulation.asked == [("call", 2.0)]
    assert [(p.touchpoint, p.value) for p in missed] == [("call", 0.5)]
    assert missed[0].text.startswith("atendidos en menos de 2") and "50" in missed[0].text
    assert [p for p in map_notes(journey, translator("es"), simulation=_Simulation({}, 0.9)).pains
            if p.kind == "standard"] == []


def test_drop_off_counts_only_before_a_goal() -> None:
    journey = outage()
    assert "survey" not in before_goal(journey) or journey.touchpoint("survey").goal is False
    leaks = before_goal(journey)
    assert "call" in leaks and "confirm" not in leaks


def test_opportunities_from_an_action_plan_with_their_quadrant() -> None:
    journey = outage()
    plan = _Plan([
        {"rank": 1, "intervention": "Callback when busy", "touchpoints": "call, chat", "quadrant": "quick_win",
         "quadrant_label": "Quick wins"},
        {"rank": 2, "intervention": "New status page", "touchpoints": "status", "quadrant": "big_bet",
         "quadrant_label": "Big bets"},
    ])
    root = parse_svg(draw(journey, "map", plan=plan).svg())
    assert shows(by_id(root, "opportunities-call"), "Callback when busy")
    assert shows(by_id(root, "opportunities-chat"), "Quick wins")
    assert shows(by_id(root, "opportunities-status"), "Big bets")
    assert len([g for g in groups(root, "opportunity")]) == 3
    without = parse_svg(draw(journey, "map").svg())
    assert groups(without, "cell-opportunities") == []  # no plan, no row


def test_metric_overlay_paints_the_actions_and_keys_the_colours() -> None:
    root = parse_svg(draw(outage(), "map", metric="reach_probability").svg())
    assert shows(by_id(root, "legend"), "Share of customers reaching it")
    assert shows(by_id(root, "tp-outage"), "◆")


def _boxes(dot: str) -> dict[str, tuple[float, float, float, float]]:
    graph = pygraphviz.AGraph(string=dot)
    with _quiet():
        graph.layout(prog="nop2")
    boxes = {}
    for node in graph.nodes():
        cls = node.attr.get("class") or ""
        if "cell" in cls.split() or str(node) == "legend" or cls == "row-title":
            x, y = (float(v) for v in node.attr["pos"].rstrip("!").split(","))
            w, h = float(node.attr["width"]) * 72, float(node.attr["height"]) * 72
            boxes[str(node)] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    return boxes


@pytest.mark.parametrize("journey", [outage, nasty, lambda: template("telecom_outage", "es"),
                                     lambda: template("clinic_appointment", "en")])
@pytest.mark.parametrize("theme", ["default", "workshop"])
def test_cells_never_overlap_once_graphviz_sized_their_text(journey: object, theme: str) -> None:
    chosen: Journey = journey()  # type: ignore[operator]
    boxes = _boxes(to_dot(chosen, "map", theme=theme, page="A3"))
    assert len([b for b in boxes if b.startswith("cell_actions_")]) == len(_shown(chosen))
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        overlap = (box_a[0] < box_b[2] - 0.5 and box_b[0] < box_a[2] - 0.5
                   and box_a[1] < box_b[3] - 0.5 and box_b[1] < box_a[3] - 0.5)
        assert not overlap, (a, b, box_a, box_b)


def test_fit_wraps_inside_the_width_breaking_words_only_when_one_is_too_long() -> None:
    lines = fit("Emotion curve (satisfaction 1–5)", 90, 11, bold=True)
    assert all(text_width(line, 11, bold=True) <= 90 for line in lines)
    assert "(satisfaction" in " ".join(lines).split()
    long = fit("Supercalifragilisticexpialidocious", 60, 11)
    assert "".join(long) == "Supercalifragilisticexpialidocious" and len(long) > 1


def test_hostile_labels_are_escaped() -> None:
    svg = draw(nasty(), "map").svg()
    root = parse_svg(svg)  # well-formed XML
    assert "<script>" not in svg
    tp = nasty().touchpoint("a")
    assert shows(by_id(root, "tp-a"), tp.label)


def test_a3_pdf_is_a3_and_spanish_words(tmp_path: Path) -> None:
    drawing = draw(template("restaurant_review", "en"), "map", page="A3")
    reader = PdfReader(io.BytesIO(drawing.pdf()))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == tuple(round(v) for v in PAGES["A3"])
    root = parse_svg(draw(template("restaurant_review", "es"), "map").svg())
    assert shows(by_id(root, "row-emotion"), "Curva emocional")


def test_cli_renders_the_map_view(tmp_path: Path) -> None:
    source = tmp_path / "j.yaml"
    save(outage(), source)
    out = tmp_path / "map.svg"
    assert main(["render", str(source), "--view", "map", "--metric", "offered_load", "-o", str(out)]) == 0
    assert groups(parse_svg(out.read_text(encoding="utf-8")), "cell-actions")


@pytest.mark.parametrize("name", ["service_cycle", "customer_lifecycle", "retail_store_help"])
def test_a_wide_map_prints_on_one_row_of_a3_sheets(name: str) -> None:
    from journeymap.render.paper import smallest_font

    drawing = draw(template(name, "es"), "map", page="A3")
    reader = PdfReader(io.BytesIO(drawing.pdf()))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {tuple(round(v) for v in PAGES["A3"])}
    assert len(reader.pages) == 2  # side by side: wider columns rather than a second row of sheets
    assert smallest_font(drawing.dot) >= 9  # printed at 8/9 of its size at least: text of 8 pt or more


def test_the_scores_beside_the_curve_are_written_in_the_drawings_language() -> None:
    """A 3.5 reads 3,5 on a Spanish map and 3.5 on an English one (the numbers go through journeymap.text)."""
    for language, half, other in (("es", "3,5", "3.5"), ("en", "3.5", "3,5")):
        dot = to_dot(template("clinic_appointment", language), view="map")
        scores = [line for line in dot.splitlines() if "score0_" in line and "label=" in line]
        assert scores and any(f"<B>{half}</B>" in line for line in scores)
        assert not any(f"<B>{other}</B>" in line for line in scores)
