"""What the drawings show, read back from the SVG: nodes, labels, marks, legends, overlays, themes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from render_samples import by_id, groups, outage, parse_svg, shows, texts, tooltips

from journeymap.model import Arrival, Journey, Stage, Touchpoint, Transition
from journeymap.render import draw
from journeymap.render.labels import FACES
from journeymap.render.themes import THEMES

VIEWS = ("cycle", "flow", "blueprint")


@pytest.fixture(scope="module")
def svgs() -> dict[str, ET.Element]:
    journey = outage()
    return {view: parse_svg(draw(journey, view).svg()) for view in VIEWS}


@pytest.mark.parametrize("view", VIEWS)
def test_one_node_per_touchpoint_with_its_name_channel_and_owner(svgs: dict[str, ET.Element], view: str) -> None:
    root, journey = svgs[view], outage()
    nodes = groups(root, "touchpoint")
    assert len(nodes) == len(journey.touchpoints)
    for tp in journey.touchpoints:
        node = by_id(root, f"tp-{tp.id}")
        shown = by_id(root, f"tp-{tp.id}-label") if view == "cycle" else node
        assert shows(shown, tp.label), (view, tp.id)
        if tp.owner:
            assert shows(shown, tp.owner), (view, tp.id)
        if tp.channel:
            assert shows(shown, tp.channel.upper()), (view, tp.id)


@pytest.mark.parametrize("view", VIEWS)
def test_moments_of_truth_are_marked_and_list_their_requirements(svgs: dict[str, ET.Element], view: str) -> None:
    root, journey = svgs[view], outage()
    marked = {g.get("id") for g in groups(root, "moment-of-truth")}
    assert marked == {f"tp-{tp.id}" for tp in journey.moments_of_truth}
    for tp in journey.moments_of_truth:
        shown = by_id(root, f"tp-{tp.id}-label") if view == "cycle" else by_id(root, f"tp-{tp.id}")
        assert "★" in texts(shown)
        for requirement in tp.requirements:
            assert shows(shown, requirement)
            assert any(f"• {requirement}" in tip for tip in tooltips(shown)), requirement
    goals = {g.get("id") for g in groups(root, "goal")}
    assert goals == {"tp-confirm"}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("theme", ["default", "workshop"])
def test_every_line_of_a_touchpoint_is_wrapped_short(view: str, theme: str) -> None:
    root, limit = parse_svg(draw(outage(), view, theme=theme).svg()), THEMES[theme].wrap + 8  # "• " + requirement
    for node in groups(root, "touchpoint-label" if view == "cycle" else "touchpoint"):
        for line in texts(node):
            assert len(line.strip()) <= limit, (view, line)


@pytest.mark.parametrize("view", VIEWS)
def test_title_and_legend_are_present(svgs: dict[str, ET.Element], view: str) -> None:
    root = svgs[view]
    assert "Internet outage support" in texts(root)
    legend = by_id(root, "legend") if view != "flow" else root
    for words in ("Legend", "moment of truth (double border)", "goal reached", "Channel"):
        assert shows(legend, words), (view, words)
    # one badge per channel used, the channel with no colour of its own included
    for channel in ("APP", "WEB", "PHONE", "CHAT", "HOME VISIT", "EMAIL", "SOCIAL MEDIA"):
        assert any(channel in t for t in texts(legend)), (view, channel)


def test_cycle_numbers_the_markers_stage_by_stage(svgs: dict[str, ET.Element]) -> None:
    root = svgs["cycle"]
    order = ["outage", "status", "call", "chat", "log", "test", "fix", "visit", "parts", "confirm", "survey", "offer"]
    for number, tp_id in enumerate(order, start=1):
        assert texts(by_id(root, f"tp-{tp_id}")) == [str(number)]
    kinds = {g.get("class") for g in root.iter("{http://www.w3.org/2000/svg}g") if "route" in (g.get("class") or "")}
    assert {"edge route route-step", "edge route route-skip", "edge route route-loop"} <= kinds


def test_flow_shows_satisfaction_faces_and_drop_off(svgs: dict[str, ET.Element]) -> None:
    root = svgs["flow"]
    call = by_id(root, "tp-call")  # satisfaction 2.4: a low, in warning colours
    assert any(f"{FACES[2]}" in t for t in texts(call)) and "2.4" in texts(call)
    fills = [p.get("fill") for p in call.iter("{http://www.w3.org/2000/svg}polygon")]
    assert "#f9d3cf" in fills
    assert not any(face in "".join(texts(by_id(root, "tp-log"))) for face in FACES.values())  # no score, no face
    stages = [g for g in groups(root, "stage")]
    assert [texts(g)[0] for g in stages] == [s.label for s in outage().stages]


def test_flow_drop_off_stubs_give_the_share_of_all_customers() -> None:
    # a → b with 0.8, the rest leaves at a; b is a goal where everyone left finishes.
    journey = Journey(
        "Stubs", (Stage("s", "S"),),
        (Touchpoint("a", "A", "s", next=(Transition("b", 0.8),)), Touchpoint("b", "B", "s", goal=True)),
        (Arrival("a", rate=1.0),),
    )
    root = parse_svg(draw(journey, "flow").svg())
    assert texts(by_id(root, "exit-a")) == ["20% leave here"]
    assert texts(by_id(root, "exit-b")) == ["80% finish here"]
    spanish = parse_svg(draw(journey.replace(language="es"), "flow").svg())
    assert texts(by_id(spanish, "exit-a")) == ["20 % salen aquí"]  # labels make no-break spaces plain


def test_blueprint_has_four_lanes_and_three_labelled_lines(svgs: dict[str, ET.Element]) -> None:
    root = svgs["blueprint"]
    assert [texts(by_id(root, f"lane-{lane}")) for lane in ("customer", "frontstage", "backstage", "support")] == [
        ["Customer", "actions"], ["Frontstage"], ["Backstage"], ["Support", "processes"],
    ]
    for line, words in (("interaction", "line of interaction"), ("visibility", "line of visibility"),
                        ("internal", "line of internal interaction")):
        assert texts(by_id(root, f"line-label-{line}")) == [words]
        assert by_id(root, f"line-{line}") is not None


def _row_of(root: ET.Element, tp_id: str) -> float:
    ys = [float(t.get("y") or 0) for t in by_id(root, f"tp-{tp_id}").iter("{http://www.w3.org/2000/svg}text")]
    return sum(ys) / len(ys)


def test_blueprint_rows_follow_the_lanes(svgs: dict[str, ET.Element]) -> None:
    root = svgs["blueprint"]
    lines = {}
    for name in ("interaction", "visibility", "internal"):
        path = by_id(root, f"line-{name}").find("{http://www.w3.org/2000/svg}path")
        assert path is not None
        lines[name] = float(re.findall(r"M[-\d.]+,(-?[\d.]+)", path.get("d") or "")[0])
    # SVG y grows downwards: customer cards above the line of interaction, support below the internal one
    assert _row_of(root, "outage") < lines["interaction"] < _row_of(root, "call") < lines["visibility"]
    assert lines["visibility"] < _row_of(root, "test") < lines["internal"] < _row_of(root, "log")


def test_metric_overlay_prints_values_and_a_labelled_key() -> None:
    metric = {"call": 4.5, "chat": 1.5}
    root = parse_svg(draw(outage(), "cycle", metric=metric, metric_label="Mean wait (min)").svg())
    assert shows(by_id(root, "tp-call-label"), "◆ 4.5") and shows(by_id(root, "tp-chat-label"), "◆ 1.5")
    assert shows(by_id(root, "tp-offer-label"), "◆ –")
    legend = by_id(root, "legend")
    assert shows(legend, "◆ Mean wait (min)") and shows(legend, "no data")
    assert [t for t in texts(legend) if t in ("1.5", "2.25", "3", "3.75", "4.5")] == ["1.5", "2.25", "3", "3.75", "4.5"]


def test_journey_language_sets_the_printed_words() -> None:
    root = parse_svg(draw(outage("es"), "cycle").svg())
    for words in ("Leyenda", "momento de la verdad (borde doble)", "Canal", "TELÉFONO", "Ciclo de servicio"):
        assert shows(root, words), words


def _colours(svg: str) -> set[str]:
    return {c.lower() for c in re.findall(r'(?:fill|stroke)="(#[0-9a-fA-F]{6})"', svg)}


def test_print_theme_uses_no_colour() -> None:
    journey = outage()
    for view in VIEWS:
        svg = draw(journey, view, theme="print", metric="expected_visits").svg()
        coloured = {c for c in _colours(svg) if not (c[1:3] == c[3:5] == c[5:7])}
        assert not coloured, (view, coloured)
    assert len({c for c in _colours(draw(journey, "flow").svg()) if not (c[1:3] == c[3:5] == c[5:7])}) > 5


def test_workshop_theme_prints_larger_type() -> None:
    def name_size(theme: str) -> float:
        root = parse_svg(draw(outage(), "flow", theme=theme).svg())
        sizes = [float(t.get("font-size") or 0) for t in by_id(root, "tp-call").iter("{http://www.w3.org/2000/svg}text")
                 if "".join(t.itertext()).startswith("Calls the")]
        return sizes[0]

    assert name_size("default") == 11.0
    assert name_size("workshop") == 20.0


EDGE_CASES = {
    "no touchpoints": Journey("Blank", (Stage("s", "Only stage"),)),
    "a loop on itself": Journey("One", (Stage("s"),), (Touchpoint("a", "Alone", "s", next=(Transition("a", 0.5),)),)),
    "no stages": Journey("Loose", (), (Touchpoint("a", "A", "x", next=(Transition("b", 1.0),)), Touchpoint("b", "B"))),
    "a route to nowhere": Journey("Typo", (Stage("s"),), (Touchpoint("a", "A", "s", next=(Transition("zz", 0.5),)),)),
    "a closed loop": Journey(
        "Closed", (Stage("s"),),
        (Touchpoint("a", "A", "s", next=(Transition("b", 1.0),)),
         Touchpoint("b", "B", "s", next=(Transition("a", 1.0),))),
        (Arrival("a", rate=1.0),),
    ),
}


@pytest.mark.parametrize("case", list(EDGE_CASES))
@pytest.mark.parametrize("view", VIEWS)
def test_unfinished_journeys_still_draw(case: str, view: str) -> None:
    journey = EDGE_CASES[case]
    root = parse_svg(draw(journey, view).svg())
    assert len(groups(root, "touchpoint")) == len(journey.touchpoints)
    assert shows(root, journey.title)


def test_a_closed_loop_cannot_be_painted_with_analysis_figures() -> None:
    from journeymap.errors import JourneyError

    with pytest.raises(JourneyError, match="routing loop that customers can never leave: a → b"):
        draw(EDGE_CASES["a closed loop"], "cycle", metric="expected_visits")
