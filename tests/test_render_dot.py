"""Building views is pure: the DOT text, the numbering order, the clock's geometry, metrics and escaping."""

from __future__ import annotations

import math
import re

import pytest
from render_samples import nasty, outage

from journeymap.io.catalog import template
from journeymap.model import Arrival, Journey, Stage, Touchpoint, Transition
from journeymap.render import to_dot
from journeymap.render.colors import INK, NO_DATA, scale_color, text_on
from journeymap.render.geometry import bezier_at
from journeymap.render.labels import FACES, face
from journeymap.render.scene import cycle_order, format_number, metric_from
from journeymap.render.text import esc, wrap
from journeymap.render.views.cycle import _route, route_kind
from journeymap.text import translator


def chain(*touchpoints: Touchpoint, arrivals: tuple[Arrival, ...] = ()) -> Journey:
    return Journey("hand", (Stage("s", "Stage"),), touchpoints, arrivals)


def tp(id: str, *routes: tuple[str, float], **fields: object) -> Touchpoint:
    return Touchpoint(id, id.upper(), "s", next=tuple(Transition(t, p) for t, p in routes), **fields)


# -- numbering order --------------------------------------------------------------------------------
def test_numbers_run_stage_by_stage_in_the_order_the_journey_lists_them() -> None:
    # render_samples.outage: the busiest entry ("outage") happens to come first; "call" (the other entry) is
    # in the second stage, so it is numbered after the first stage's touchpoints.
    assert cycle_order(outage()) == (
        "outage", "status", "call", "chat", "log", "test", "fix", "visit", "parts", "confirm", "survey", "offer",
    )


def test_numbering_starts_at_the_first_stage_even_when_customers_arrive_later() -> None:
    stages = (Stage("first", "First"), Stage("second", "Second"))
    journey = Journey("hand", stages, (
        Touchpoint("late", "Late", "second", next=(Transition("early", 0.5),)),
        Touchpoint("early", "Early", "first", next=(Transition("late", 0.5),)),
        Touchpoint("lost", "Lost", "nowhere"),
    ), (Arrival("late", rate=9.0),))
    assert cycle_order(journey) == ("early", "late", "lost")


def test_numbering_of_the_telecom_template_starts_at_its_first_stage_in_both_languages() -> None:
    for language in ("en", "es"):
        journey = template("telecom_outage", language)
        order = cycle_order(journey)
        assert order[0] == "status_page" and order[0] == journey.touchpoints_in(journey.stage_ids[0])[0].id
        stage_rank = [journey.stage_ids.index(journey.touchpoint(tp_id).stage) for tp_id in order]
        assert stage_rank == sorted(stage_rank)


# -- the clock ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "target", "kind"),
    [(0, 1, "step"), (11, 0, "step"), (0, 2, "skip"), (0, 6, "skip"), (0, 10, "skip"), (5, 3, "loop"), (11, 2, "loop"),
     (3, 3, "self")],
)
def test_route_kind_on_a_twelve_hour_dial(source: int, target: int, kind: str) -> None:
    assert route_kind(source, target, 12) == kind


def _positions(dot: str, prefix: str = "tp") -> dict[int, tuple[float, float]]:
    found = re.findall(rf'^\t{prefix}(\d+) \[.*?pos="(-?[\d.]+),(-?[\d.]+)!"', dot, flags=re.M)
    return {int(k): (float(x), float(y)) for k, x, y in found}


def test_cycle_places_touchpoints_clockwise_from_twelve_on_one_circle() -> None:
    positions = _positions(to_dot(outage(), "cycle"))
    assert sorted(positions) == list(range(12))
    radius = math.hypot(*positions[0])
    for k, (x, y) in positions.items():
        assert math.hypot(x, y) == pytest.approx(radius, abs=0.02)
        expected = math.pi / 2 - 2 * math.pi * k / 12
        assert math.atan2(y, x) % (2 * math.pi) == pytest.approx(expected % (2 * math.pi), abs=1e-3)
    assert positions[0][0] == pytest.approx(0.0, abs=0.01) and positions[0][1] > 0  # 12 o'clock
    assert positions[1][0] > 0  # then clockwise


def test_curves_inside_the_dial_keep_away_from_its_centre() -> None:
    count, radius = 12, 300.0
    for a in range(count):
        for b in range(count):
            kind = route_kind(a, b, count)
            if kind not in ("skip", "loop"):
                continue
            points = _route(kind, a, b, count, radius, 15.0, 15.0, 8.0)
            closest = min(math.hypot(*bezier_at(points, t / 50)) for t in range(51))
            assert closest > 0.2 * radius, (a, b, kind, closest)


def test_steps_follow_the_rim() -> None:
    points = _route("step", 3, 4, 12, 200.0, 15.0, 15.0, 8.0)
    assert all(math.hypot(x, y) == pytest.approx(200.0, abs=0.01) for x, y in points[::3])


# -- DOT text ---------------------------------------------------------------------------------------
def test_every_view_names_each_touchpoint_once_with_its_id_and_classes() -> None:
    journey = outage()
    for view in ("cycle", "flow", "blueprint"):
        dot = to_dot(journey, view)
        for touchpoint in journey.touchpoints:
            assert dot.count(f'id="tp-{touchpoint.id}"') == 1, (view, touchpoint.id)
        assert dot.count('class="touchpoint moment-of-truth') == 3, view


def test_flow_edges_are_as_wide_as_their_expected_flow() -> None:
    journey = chain(tp("a", ("b", 0.8)), tp("b", ("c", 0.5)), tp("c"), arrivals=(Arrival("a", rate=1.0),))
    dot = to_dot(journey, "flow")
    widths = dict(re.findall(r"(tp\d+ -> tp\d+) \[.*?penwidth=([\d.]+)", dot))
    # flows per customer: a→b 0.8, b→c 0.4; width = 1.2 × (0.7 + 5 × flow / largest flow)
    assert float(widths["tp0 -> tp1"]) == pytest.approx(1.2 * 5.7, abs=0.01)
    assert float(widths["tp1 -> tp2"]) == pytest.approx(1.2 * 3.2, abs=0.01)
    assert 'label="80%"' in dot and 'label="50%"' in dot


def test_flow_keeps_stages_in_order_as_clusters() -> None:
    dot = to_dot(outage(), "flow")
    starts = [dot.index(f"subgraph cluster_s{k}") for k in range(5)]
    assert starts == sorted(starts)
    for k in range(4):
        assert f"end_s{k} -> start_s{k + 1}" in dot


def test_blueprint_draws_and_labels_the_three_lines() -> None:
    dot = to_dot(outage(), "blueprint")
    for name in ("line of interaction", "line of visibility", "line of internal interaction"):
        assert name in dot
    spanish = to_dot(outage("es"), "blueprint")
    for name in ("línea de interacción", "línea de visibilidad", "línea de interacción interna"):
        assert name in spanish


def test_unknown_view_theme_and_page_are_named_with_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown view 'flwo' \(did you mean 'flow'\?\); choose one of: cycle, flow"):
        to_dot(outage(), "flwo")
    with pytest.raises(ValueError, match=r"unknown theme 'workshp' \(did you mean 'workshop'\?\)"):
        to_dot(outage(), "flow", theme="workshp")
    with pytest.raises(ValueError, match=r"unknown page 'A5'.*choose one of: A4, A3"):
        to_dot(outage(), "flow", page="A5")


def test_themes_change_the_type() -> None:
    assert 'fontsize=20' in to_dot(outage(), "flow", theme="workshop")
    assert 'fontsize=11' in to_dot(outage(), "flow")


def test_the_dot_source_says_how_to_draw_it() -> None:
    assert to_dot(outage(), "cycle").startswith("// journeymap cycle view; positions are fixed; draw with: neato -n2")
    assert to_dot(outage(), "flow").startswith("// journeymap flow view; lay out with: dot -Tsvg")


# -- metrics ----------------------------------------------------------------------------------------
def test_metric_scale_runs_from_lowest_to_highest_and_leaves_missing_ids_neutral() -> None:
    journey = outage()
    metric = metric_from(journey, {"call": 2.0, "chat": 4.0, "log": 3.0}, "Mean wait (min)", translator("en"))
    assert metric is not None
    assert metric.share("call") == 0.0 and metric.share("chat") == 1.0 and metric.share("log") == 0.5
    assert metric.color("call") == scale_color(0.0) == "#FFFFCC"
    assert metric.color("chat") == scale_color(1.0) == "#0C2C84"
    assert metric.color("offer") == NO_DATA and metric.text("offer") == "–"
    assert [t for t, _ in metric.ticks()] == ["2", "2.5", "3", "3.5", "4"]


def test_metric_by_name_comes_from_the_analysis_in_percent() -> None:
    journey = chain(tp("a", ("b", 0.8)), tp("b"), arrivals=(Arrival("a", rate=1.0),))
    metric = metric_from(journey, "drop_off", None, translator("es"))
    assert metric is not None and metric.percent
    assert metric.text("a") == "20\u00a0%" and metric.text("b") == "80\u00a0%"  # Spanish: a no-break space
    assert metric.label == "Proporción de clientes que sale del ciclo ahí"


def test_bad_metrics_are_refused_with_the_reason() -> None:
    journey, words = outage(), translator("en")
    with pytest.raises(ValueError, match=r"metric names unknown touchpoint 'cal' \(did you mean 'call'\?\)"):
        metric_from(journey, {"cal": 1.0}, None, words)
    with pytest.raises(ValueError, match=r"metric value of 'call' must be a number \(got 'high'\)"):
        metric_from(journey, {"call": "high"}, None, words)
    with pytest.raises(ValueError, match=r"unknown metric 'expected_visit' \(did you mean 'expected_visits'\?\)"):
        metric_from(journey, "expected_visit", None, words)
    metric = metric_from(journey, {"call": float("nan"), "chat": 1.0}, None, words)
    assert metric is not None and set(metric.values) == {"chat"}


# -- small helpers ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "percent", "text"),
    [(0.625, True, "63%"), (0.034, True, "3.4%"), (0, True, "0%"), (1.25, False, "1.25"), (12.44, False, "12.4"),
     (123.4, False, "123"), (1250.0, False, "1,250"), (0.004, False, "0.004"), (0, False, "0"),
     (0.1234, False, "0.123")],
)
def test_format_number(value: float, percent: bool, text: str) -> None:
    assert format_number(value, percent=percent) == text


def test_format_number_speaks_the_drawings_language() -> None:
    assert format_number(0.625, percent=True, language="es") == "63\u00a0%"
    assert format_number(1250.5, language="es") == "1.251"


def test_esc_makes_text_safe_for_html_labels() -> None:
    assert esc('a\\N <b> "q" & é\n\x07x') == 'a\\\\N &lt;b&gt; &quot;q&quot; &amp; é x'


def test_wrap_breaks_long_words_without_losing_characters() -> None:
    lines = wrap("Supercalifragilisticexpialidocious service desk", 12)
    assert all(len(line) <= 12 for line in lines)
    assert "".join(lines).replace(" ", "") == "Supercalifragilisticexpialidocious service desk".replace(" ", "")


def test_subtitle_counts_in_the_journey_language() -> None:
    assert "Ciclo de servicio · 4 puntos de contacto · 1 momento de la verdad ·" in to_dot(nasty(), "cycle")
    assert "Flow by stage · 12 touchpoints · 3 moments of truth · " in to_dot(outage(), "flow")


def test_faces_round_halves_up_and_stay_between_one_and_five() -> None:
    assert [face(s) for s in (0.2, 1.49, 1.5, 2.5, 3.4, 4.5, 9)] == [FACES[1], FACES[1], FACES[2], FACES[3],
                                                                   FACES[3], FACES[5], FACES[5]]


def test_text_colour_is_readable_on_its_fill() -> None:
    assert text_on("#0C2C84") == "#FFFFFF"
    assert text_on("#FFFFCC") == INK


def test_a_mistyped_drawing_option_is_refused_with_the_closest_name() -> None:
    from journeymap.render import draw

    journey = outage()
    with pytest.raises(TypeError, match="unexpected keyword argument 'simulaton' \\(did you mean 'simulation'\\?\\)"):
        draw(journey, "map", simulaton=None)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="did you mean 'theme'"):
        to_dot(journey, "flow", themes="print")  # type: ignore[call-arg]


def test_to_dot_takes_every_option_of_the_drawing() -> None:
    journey = outage()
    first = journey.stages[0]
    only_first = to_dot(journey, "flow", stages=[first.id], theme="print")
    assert to_dot(journey, "flow") != only_first
    others = [tp.id for tp in journey.touchpoints if tp.stage != first.id]
    assert others and all(f'id="tp-{tp_id}"' in to_dot(journey, "flow") for tp_id in others)
    assert not any(f'id="tp-{tp_id}"' in only_first for tp_id in others)
