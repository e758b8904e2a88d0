"""Text people type — quotes, braces, <script>, backslashes, newlines, emoji, accents, very long names —
shows literally in the SVG, the DOT and the Mermaid text, and never breaks any of them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pygraphviz
import pytest
from render_samples import NASTY, SVG, by_id, groups, nasty, parse_svg, shows, texts, tooltips

from journeymap.render import draw, to_dot, to_mermaid
from journeymap.render.mermaid import shorten
from journeymap.render.text import clean
from journeymap.render.themes import THEMES

VIEWS = ("cycle", "flow", "blueprint")


@pytest.fixture(scope="module")
def svgs() -> dict[str, str]:
    return {view: draw(nasty(), view).svg() for view in VIEWS}


def _shown_in(root: ET.Element, view: str, tp_id: str) -> ET.Element:
    return by_id(root, f"tp-{tp_id}-label") if view == "cycle" else by_id(root, f"tp-{tp_id}")


@pytest.mark.parametrize("view", VIEWS)
def test_names_owners_and_requirements_appear_literally(svgs: dict[str, str], view: str) -> None:
    root, journey = parse_svg(svgs[view]), nasty()
    assert len(groups(root, "touchpoint")) == 4
    for tp in journey.touchpoints:
        shown = _shown_in(root, view, tp.id)
        assert shows(shown, tp.label), (view, tp.id)
        if tp.owner:
            assert shows(shown, tp.owner), (view, tp.id)
    call = _shown_in(root, view, "a")
    for requirement in journey.touchpoint("a").requirements:
        assert shows(call, requirement), requirement
        assert any(f"• {clean(requirement)}" in tip.splitlines() for tip in tooltips(call)), requirement
    assert shows(root, 'Título "raro" <script>x</script> & Ñ')


@pytest.mark.parametrize("view", VIEWS)
def test_no_markup_leaks_into_the_svg(svgs: dict[str, str], view: str) -> None:
    root = parse_svg(svgs[view])
    assert not list(root.iter(f"{SVG}script"))
    assert "<script" not in svgs[view] and "&lt;script&gt;" in svgs[view]
    assert {e.tag for e in root.iter()} <= {f"{SVG}{tag}" for tag in (
        "svg", "g", "title", "text", "polygon", "path", "ellipse", "polyline", "a")} | {"{http://www.w3.org/2000/svg}a"}


@pytest.mark.parametrize("view", VIEWS)
def test_backslash_sequences_are_not_read_as_graphviz_escapes(svgs: dict[str, str], view: str) -> None:
    root = parse_svg(svgs[view])
    node = _shown_in(root, view, "a")
    assert shows(node, "\\N \\G back\\slash")  # not the node's or the graph's name
    assert shows(_shown_in(root, view, "d"), "C:\\Users\\Ñandú")


@pytest.mark.parametrize("view", VIEWS)
def test_long_names_are_wrapped_not_cut(svgs: dict[str, str], view: str) -> None:
    lines = [t for t in texts(_shown_in(parse_svg(svgs[view]), view, "c")) if set(t.strip()) == {"A"}]
    assert len(lines) >= 3
    assert "".join(line.strip() for line in lines) == NASTY[2]


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("theme", list(THEMES))
def test_dot_source_parses_and_keeps_every_node(view: str, theme: str) -> None:
    dot = to_dot(nasty(), view, theme=theme)
    graph = pygraphviz.AGraph(string=dot)
    ids = {graph.get_node(n).attr.get("id") for n in graph.nodes()}
    assert {"tp-a", "tp-b", "tp-c", "tp-d"} <= ids
    assert "<script>" not in dot and "&lt;script&gt;" in dot


def _decoded(line: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), line)


def test_mermaid_keeps_every_label_and_breaks_no_line() -> None:
    journey = nasty()
    text = to_mermaid(journey, every_step=True)
    lines = text.splitlines()
    assert lines[0] == "journey"
    tasks = [line for line in lines if line.startswith("      ")]
    assert len(tasks) == len(journey.touchpoints)
    for line in lines[1:]:
        raw = re.sub(r"#\d+;", "", line)
        assert "#" not in raw and ";" not in raw, line
    for task in tasks:
        _name, score, *actor = re.sub(r"#\d+;", "_", task).split(":")  # only the separators are left
        assert 1 <= float(score) <= 5 and re.fullmatch(r" \d(\.\d)?", score)
        assert len(actor) <= 1 and "," not in "".join(actor)
    decoded = [_decoded(task.split(": ")[0].strip()) for task in tasks]
    assert decoded == ["★ " + shorten(NASTY[0]), shorten(NASTY[1]), shorten(NASTY[2]) + " (sin puntuación)",
                       shorten(NASTY[3]) + " (sin puntuación)"]  # the journey is in Spanish
    assert all(label.removesuffix(" (sin puntuación)").removesuffix("…") in clean(name) for label, name in zip(
        [d.removeprefix("★ ") for d in decoded], NASTY, strict=True))
    assert _decoded(lines[1]) == '    title Título "raro" <script>x</script> & Ñ'
    sections = [_decoded(line.strip()) for line in lines if line.startswith("    section")]
    assert sections == ['section Etapa "uno" <b>', "section Stage #2: after; done"]
