"""Drawings that cannot be made are refused up front, with a way out (issue 12): a graph beyond what one
drawing shows, a resolution no printer needs, a PNG of hundreds of megapixels."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from render_samples import outage

import journeymap.render.drawing as drawing_module
from journeymap.cli import main
from journeymap.errors import NotFound, RenderError
from journeymap.io import save
from journeymap.model import Arrival, Journey, Stage, Touchpoint, Transition
from journeymap.render import MAX_DPI, draw, only_stages, to_dot
from journeymap.render.limits import MAX_PIXELS, MAX_ROUTES, MAX_TOUCHPOINTS


def big(touchpoints: int, routes: int = 1) -> Journey:
    """A chain of ``touchpoints`` in stages of ten, each with ``routes`` routes onward."""
    stages = tuple(Stage(f"s{k}", f"Stage {k}") for k in range(touchpoints // 10 + 1))
    tps = tuple(
        Touchpoint(f"t{i}", f"Step {i}", f"s{i // 10}",
                   next=tuple(Transition(f"t{min(i + j, touchpoints - 1)}", 0.9 / routes) for j in range(1, routes + 1))
                   if i < touchpoints - routes else ())
        for i in range(touchpoints)
    )
    return Journey("Big", stages, tps, (Arrival("t0", rate=1.0),))


def test_a_graph_beyond_one_drawing_is_refused_at_once_with_a_suggestion() -> None:
    journey = big(10_000, 7)  # the map: 10,000 touchpoints, ~70,000 routes
    start = time.perf_counter()
    with pytest.raises(RenderError) as caught:
        draw(journey, "flow")
    assert time.perf_counter() - start < 2
    message = str(caught.value)
    assert "10,000 touchpoints and 69,951 routes" in message
    assert f"at most {MAX_TOUCHPOINTS:,} touchpoints and {MAX_ROUTES:,} routes" in message
    assert "draw(journey, stages=['s0', 's1'])" in message and "--stage s0" in message
    with pytest.raises(RenderError):
        to_dot(journey, "cycle")


def test_too_many_routes_alone_is_refused_too() -> None:
    with pytest.raises(RenderError, match=r"300 touchpoints and 1,764 routes"):
        draw(big(300, 6), "blueprint")


def test_a_big_journey_draws_a_few_stages_at_a_time() -> None:
    journey = big(10_000, 7)
    part = draw(journey, "flow", stages=["s3", "Stage 4"])
    assert part.journey is not None and [tp.id for tp in part.journey.touchpoints] == [f"t{i}" for i in range(30, 50)]
    assert "tp-t29" not in part.dot and "tp-t35" in part.dot
    with pytest.raises(NotFound, match=r"unknown stage 'Stage 4000'"):
        only_stages(journey, ["Stage 4000"])


def test_only_stages_keeps_routes_and_arrivals_inside_the_selection() -> None:
    part = only_stages(outage(), ["contact"])
    assert [tp.id for tp in part.touchpoints] == ["call", "chat", "log"]
    assert [(s, t.target) for s, t in part.transitions()] == [("call", "log"), ("chat", "log")]
    assert [a.touchpoint for a in part.arrivals] == ["call"]


def test_dpi_above_what_makes_sense_is_refused_before_anything_is_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(drawing_module, "render", lambda *a, **k: calls.append(a[1]) or b"")
    drawing = draw(outage(), "cycle")
    drawing._svg = '<svg width="2000pt" height="1600pt" viewBox="0 0 2000 1600"></svg>'
    with pytest.raises(ValueError, match=rf"'dpi' must be at most {MAX_DPI:g}"):
        drawing.png(dpi=100_000)
    with pytest.raises(RenderError, match=r"PNG of 16,667 × 13,333 pixels \(222 megapixels, more than 60\)"):
        drawing.png(dpi=600)
    assert calls == []
    drawing.png(dpi=96)
    assert calls == ["png"]


def test_the_pixel_budget_names_the_resolution_that_fits() -> None:
    drawing = draw(outage(), "blueprint")
    width, height = drawing.size
    with pytest.raises(RenderError, match=r"use (\d+) dpi or less") as caught:
        drawing.png(dpi=MAX_DPI)
    most = int(caught.value.args[0].split("use ")[1].split(" dpi")[0])
    inches = width / 72 * height / 72
    assert inches * most**2 <= MAX_PIXELS < inches * (most + 1) ** 2


def test_the_cli_refuses_a_huge_dpi_and_a_huge_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "outage.yaml"
    save(outage(), path)
    with pytest.raises(SystemExit) as exited:
        main(["render", str(path), "-o", str(tmp_path / "x.png"), "--dpi", "1e9"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(
        "journeymap render: error: argument --dpi: expected at most 600 (print needs 300), got 1e9; for larger "
        "posters use SVG or PDF, which scale without loss\n")
    assert not (tmp_path / "x.png").exists()
    huge = tmp_path / "huge.yaml"
    save(big(600), huge)
    assert main(["render", str(huge), "-o", str(tmp_path / "h.svg")]) == 1
    assert "600 touchpoints" in capsys.readouterr().err
    assert main(["render", str(huge), "-o", str(tmp_path / "h.svg"), "--stage", "s2"]) == 0
    assert (tmp_path / "h.svg").exists()
    assert main(["render", str(path), "-o", str(tmp_path / "p.png"), "--page", "A4"]) == 2
    assert "'--page' makes a PDF or SVG" in capsys.readouterr().err
