"""Diagrams a consultant can hand over (issue 11): readable colours, paper, type, lanes, words.

Contrast ratios are computed from the DOT itself: every piece of text in a label against the fill it
is printed on (the innermost table cell's ``BGCOLOR``, else the node's fill, else the page).
"""

from __future__ import annotations

import html
import io
import re
import unicodedata

import pygraphviz
import pytest
from pypdf import PdfReader
from render_samples import outage, parse_svg

from journeymap.io.catalog import template, template_names
from journeymap.render import THEMES, VIEWS, draw, to_dot
from journeymap.render.colors import INK, MIN_CONTRAST, SHADE, contrast
from journeymap.render.scene import cycle_order
from journeymap.render.views.blueprint import ROWS
from journeymap.render.views.cycle import MAIN_FLOW

TEMPLATES = ("telecom_outage", "service_cycle", "clinic_appointment")
_TOKEN = re.compile(r"<(/?)(TABLE|TD|FONT)\b([^>]*)>|<[^>]*>|([^<]+)", re.IGNORECASE)
_ATTR = re.compile(r'(BGCOLOR|COLOR)="([^"]*)"', re.IGNORECASE)


def _text_colours(label: str, grounds: list[str], ink: str) -> list[tuple[str, str, str]]:
    """(text, colour, ground) for every piece of text in an HTML-like label."""
    stack: list[tuple[str, list[str], str]] = [("", grounds, ink)]
    found = []
    for match in _TOKEN.finditer(label):
        closing, tag, attrs, text = match.groups()
        if text is not None:
            shown = html.unescape(text).replace("\xa0", " ").strip()
            if shown:
                found.extend((shown, stack[-1][2], ground) for ground in stack[-1][1])
            continue
        if tag is None:
            continue
        if closing:
            while len(stack) > 1 and stack.pop()[0] != tag.upper():
                pass
            continue
        given = {k.upper(): v for k, v in _ATTR.findall(attrs)}
        _, ground, colour = stack[-1]
        if tag.upper() in ("TABLE", "TD") and given.get("BGCOLOR") not in (None, "", "transparent"):
            ground = [given["BGCOLOR"]]
        if tag.upper() == "FONT" and "COLOR" in given:
            colour = given["COLOR"]
        stack.append((tag.upper(), ground, colour))
    return found


def low_contrast(dot: str) -> list[tuple[str, str, str, float]]:
    """Every piece of text in ``dot`` whose contrast with its ground is below 4.5:1."""
    graph = pygraphviz.AGraph(string=dot)
    bad = []
    for node in graph.nodes():
        attrs = node.attr
        label = attrs.get("label") or ""
        filled = "filled" in (attrs.get("style") or "")
        grounds = [attrs["fillcolor"]] if filled and attrs.get("fillcolor") else ["#FFFFFF", SHADE]
        ink = attrs.get("fontcolor") or INK
        if label.startswith("<") and label.endswith(">"):
            pieces = _text_colours(label, grounds, ink)
        elif label and label != "\\N":
            pieces = [(label, ink, ground) for ground in grounds]
        else:
            pieces = []
        bad += [(text, colour, ground, contrast(colour, ground)) for text, colour, ground in pieces
                if contrast(colour, ground) < MIN_CONTRAST]
    for edge in graph.edges():
        text = edge.attr.get("label") or edge.attr.get("xlabel")
        if text:
            colour = edge.attr.get("fontcolor") or INK
            bad += [(text, colour, g, contrast(colour, g)) for g in ("#FFFFFF", SHADE)
                    if contrast(colour, g) < MIN_CONTRAST]
    return bad


# -- colours ------------------------------------------------------------------------------------------
def test_the_contrast_checker_finds_grey_on_grey() -> None:
    dot = 'digraph { a [style=filled fillcolor="#777777" label=<<FONT COLOR="#5F5F5F">hidden</FONT>>] }'
    assert [(t, c) for t, c, *_ in low_contrast(dot)] == [("hidden", "#5F5F5F")]


@pytest.mark.parametrize("name", TEMPLATES)
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_text_reads_on_its_fill(name: str, language: str) -> None:
    journey = template(name, language)
    for view in VIEWS:
        for theme in THEMES:
            assert low_contrast(to_dot(journey, view, theme=theme)) == [], (view, theme)
        for metric in ("expected_visits", "reach_probability", "offered_load", "drop_off"):
            assert low_contrast(to_dot(journey, view, metric=metric)) == [], (view, metric)


def test_metric_fills_across_the_whole_scale_keep_text_readable() -> None:
    journey = outage()
    values = {tp.id: float(k) for k, tp in enumerate(journey.touchpoints)}
    for view in VIEWS:
        assert low_contrast(to_dot(journey, view, metric=values)) == [], view


# -- paper and type -----------------------------------------------------------------------------------
def _pdf_text_sizes(pdf: bytes) -> list[float]:
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.append(size * (cm[0] ** 2 + cm[1] ** 2) ** 0.5 * (tm[0] ** 2 + tm[1] ** 2) ** 0.5)

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(("page", "size"), [("A3", (1191, 842)), ("A4", (842, 595))])
def test_page_is_exactly_that_paper_with_text_of_at_least_8_points(view: str, page: str, size: tuple) -> None:
    for journey in (outage(), template("telecom_outage", "es")):
        pdf = draw(journey, view, page=page).pdf()
        sheets = PdfReader(io.BytesIO(pdf)).pages
        assert {tuple(round(float(v)) for v in sheet.mediabox) for sheet in sheets} == {(0, 0, *size)}
        sizes = _pdf_text_sizes(pdf)
        assert sizes and min(sizes) >= 8 - 1e-6, (view, page, min(sizes))


def test_a_drawing_too_big_for_one_sheet_is_spread_over_numbered_pages() -> None:
    pdf = draw(template("telecom_outage", "es"), "blueprint", page="A4").pdf()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 1
    assert "página 2 · fila 1, columna 2" in unicodedata.normalize("NFKC", reader.pages[1].extract_text())


def test_a_small_drawing_fills_one_sheet() -> None:
    from journeymap.model import Journey, Stage, Touchpoint

    journey = Journey("Two steps", (Stage("s", "Stage"),), (Touchpoint("a", "Asks"), Touchpoint("b", "Gets")))
    reader = PdfReader(io.BytesIO(draw(journey, "flow", page="A3").pdf()))
    assert len(reader.pages) == 1
    assert min(_pdf_text_sizes(draw(journey, "flow", page="A3").pdf())) > 8


def test_no_text_in_any_theme_is_smaller_than_8_points() -> None:
    journey = template("telecom_outage", "en")
    for view in VIEWS:
        for theme in THEMES:
            dot = to_dot(journey, view, theme=theme)
            sizes = [float(s) for s in re.findall(r'(?:POINT-SIZE|fontsize)="?([\d.]+)', dot)]
            assert min(sizes) >= 8, (view, theme)


def _type_share(journey: object, view: str, theme: str) -> float:
    """The body type's size relative to the drawing fitted to a 16:9 screen."""
    root = parse_svg(draw(journey, view, theme=theme).svg())  # type: ignore[arg-type]
    width, height = (float(root.get(k, "0").removesuffix("pt")) for k in ("width", "height"))
    return THEMES[theme].fontsize / max(width, height * 16 / 9)


@pytest.mark.parametrize("view", VIEWS)
def test_workshop_type_is_larger_relative_to_the_drawing(view: str) -> None:
    for name in TEMPLATES:
        journey = template(name, "en")
        assert _type_share(journey, view, "workshop") >= 1.25 * _type_share(journey, view, "default"), name


# -- the clock -----------------------------------------------------------------------------------------
def test_the_clock_shows_each_stage_as_a_named_sector() -> None:
    journey = template("telecom_outage", "es")
    root = parse_svg(draw(journey, "cycle").svg())
    sectors = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "edge stage-sector"]
    names = ["".join(t.itertext()) for g in root.iter("{http://www.w3.org/2000/svg}g")
             if g.get("class") == "node stage" for t in g.iter("{http://www.w3.org/2000/svg}text")]
    assert len(sectors) == len(journey.stages)
    assert " ".join(names).split() == " ".join(s.name for s in journey.stages).split()


def test_the_clock_draws_the_main_flows_and_counts_the_rest() -> None:
    from journeymap.analysis import edge_flow

    journey = template("telecom_outage", "en")
    flows = edge_flow(journey)
    order = cycle_order(journey)
    index = {tp_id: k for k, tp_id in enumerate(order)}
    steps = {(s, t) for (s, t) in flows if (index[t] - index[s]) % len(order) == 1}
    minor = [r for r, f in flows.items() if r not in steps and f < MAIN_FLOW]
    dot = to_dot(journey, "cycle")
    drawn = len(re.findall(r"class=\"route route-", dot))
    assert drawn == len(flows) - len(minor)
    legend = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", dot[dot.index("Legend"):])).split())
    assert minor and f"+{len(minor)} more routes, each taken by under 5% of customers" in legend


# -- metric, lanes and words -----------------------------------------------------------------------
def test_drop_off_paints_a_goal_as_finishing_not_as_a_leak() -> None:
    journey = template("telecom_outage", "en")
    dot = to_dot(journey, "flow", metric="drop_off")
    graph = pygraphviz.AGraph(string=dot)  # kept: its nodes' attributes live as long as the graph
    fills = {n.attr["id"]: n.attr["fillcolor"] for n in graph.nodes() if n.attr.get("fillcolor")}
    leaks = {fills[f"tp-{tp.id}"] for tp in journey.touchpoints if not tp.goal}
    assert fills["tp-service_restored"] == "#D6EFD8" and "#D6EFD8" not in leaks
    assert "finish here" in dot and "goal: customers finish there" in dot


@pytest.mark.parametrize("name", template_names())
def test_templates_put_messages_the_customer_receives_above_the_line_of_visibility(name: str) -> None:
    for language in ("en", "es"):
        for tp in template(name, language).touchpoints:
            if (tp.channel or "").lower() in ("sms", "email"):
                assert tp.lane in ("customer", "frontstage"), (name, language, tp.id, tp.lane)


def test_blueprint_rows_follow_the_convention_with_physical_evidence_on_top() -> None:
    assert ROWS == ("evidence", "customer", "frontstage", "backstage", "support")
    root = parse_svg(draw(template("telecom_outage", "es"), "blueprint").svg())
    lanes = []
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        if g.get("class") == "node lane":
            text = " ".join("".join(t.itertext()) for t in g.iter("{http://www.w3.org/2000/svg}text"))
            y = min(float(t.get("y")) for t in g.iter("{http://www.w3.org/2000/svg}text"))
            lanes.append((y, text))
    assert [text for _, text in sorted(lanes)] == [
        "Evidencia física", "Acciones del cliente", "Escenario (visible)", "Tras bambalinas", "Procesos de apoyo",
    ]
    evidence = " ".join("".join(t.itertext()) for g in root.iter("{http://www.w3.org/2000/svg}g")
                        if g.get("class") == "node evidence" for t in g.iter("{http://www.w3.org/2000/svg}text"))
    assert "mensaje SMS" in evidence and "página web" in evidence


def test_channel_badges_are_in_the_journeys_language() -> None:
    dot = to_dot(template("telecom_outage", "es"), "flow")
    for spanish in ("RED", "EN SITIO", "TELÉFONO", "REDES SOCIALES"):
        assert f"&#160;{spanish}&#160;" in dot
    for english in ("NETWORK", "ON SITE", "PHONE"):
        assert f"&#160;{english}&#160;" not in dot
