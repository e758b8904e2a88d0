"""Drawings leave the library as SVG, PNG, PDF, DOT or Mermaid, written atomically, and show in Jupyter."""

from __future__ import annotations

import base64
import io
import shutil
import struct
from pathlib import Path

import pytest
from pypdf import PdfReader
from render_samples import outage, parse_svg

from journeymap.io.catalog import template
from journeymap.render import (
    Drawing,
    RenderError,
    draw,
    export_views,
    journey_bundle,
    register_formatters,
    to_dot,
    to_mermaid,
)
from journeymap.render.backend import render
from journeymap.render.jupyter import MIN_TEXT_PX, smallest_text


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def drawing() -> Drawing:
    return draw(outage(), "cycle")


def test_a_drawing_holds_its_source_and_renders_every_format(drawing: Drawing) -> None:
    assert drawing.dot == to_dot(outage(), "cycle")
    assert drawing.engine == "nop2" and drawing.view == "cycle"
    assert parse_svg(drawing.svg()).tag == "{http://www.w3.org/2000/svg}svg"
    assert drawing.pdf().startswith(b"%PDF-")
    width, height = _png_size(drawing.png())
    wide, tall = _png_size(drawing.png(dpi=192))
    assert wide == pytest.approx(2 * width, abs=3) and tall == pytest.approx(2 * height, abs=3)
    assert repr(drawing).startswith("<Drawing: cycle view of 'Internet outage support'")


def test_jupyter_shows_the_drawing_fitted_and_respects_include_and_exclude(drawing: Drawing) -> None:
    bundle = drawing._repr_mimebundle_()
    assert list(bundle) == ["text/html", "image/svg+xml"] and bundle["image/svg+xml"] == drawing.svg()
    assert drawing._repr_mimebundle_(include=["text/plain"]) == {}
    assert list(drawing._repr_mimebundle_(exclude=["image/svg+xml"])) == ["text/html"]
    assert list(drawing._repr_mimebundle_(include=["image/svg+xml"])) == ["image/svg+xml"]
    bundle = journey_bundle(outage())
    assert "Flow by stage" in bundle["image/svg+xml"]  # a journey shows its flow view


def test_a_notebook_shows_a_wide_drawing_at_the_output_width_with_readable_text() -> None:
    drawing = draw(template("telecom_outage", "es"), "blueprint")
    shown = drawing._repr_mimebundle_()["text/html"]
    root = parse_svg(shown[shown.index("<svg"):shown.index("</svg>") + 6])
    assert root.get("width") is None and root.get("height") is None  # sized by its style, not 3,749 px
    style = dict(part.split(":") for part in root.get("style", "").rstrip(";").split(";"))
    assert style["width"] == "100%"
    view_width = float(root.get("viewBox", "").split()[2])
    least = float(style["min-width"].removesuffix("px"))
    assert least * smallest_text(drawing.svg()) / view_width == pytest.approx(MIN_TEXT_PX, abs=0.05)
    assert least < float(style["max-width"].removesuffix("px"))  # it does shrink to fit, down to readable text
    assert 'download="journey-blueprint.svg"' in shown and ">Abrir a tamaño completo (SVG)</a>" in shown
    assert base64.b64decode(shown.split("base64,")[1].split('"')[0]).decode() == drawing.svg()


def test_a_running_ipython_shows_a_journey_as_its_diagram() -> None:
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        assert register_formatters(shell)
        data, _ = shell.display_formatter.format(outage())
        assert "Flow by stage" in data["image/svg+xml"] and data["text/plain"].startswith("<Journey ")
        assert "Flow by stage" in data["text/html"] and "min-width:" in data["text/html"]
    finally:
        InteractiveShell.clear_instance()


def test_save_picks_the_format_from_the_suffix(tmp_path: Path, drawing: Drawing) -> None:
    written = {suffix: drawing.save(tmp_path / f"cycle{suffix}") for suffix in (".svg", ".png", ".pdf", ".dot", ".gv",
                                                                              ".mmd", ".SVG")}
    assert written[".svg"].read_text(encoding="utf-8") == drawing.svg()
    assert written[".SVG"].read_text(encoding="utf-8") == drawing.svg()
    assert written[".png"].read_bytes()[:4] == b"\x89PNG"
    assert written[".pdf"].read_bytes()[:5] == b"%PDF-"
    assert written[".dot"].read_text(encoding="utf-8") == drawing.dot == written[".gv"].read_text(encoding="utf-8")
    assert written[".mmd"].read_text(encoding="utf-8") == to_mermaid(outage())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written.values())  # no temp files


def test_png_resolution_can_be_chosen_when_saving(tmp_path: Path, drawing: Drawing) -> None:
    low = _png_size(drawing.save(tmp_path / "low.png").read_bytes())
    high = _png_size(drawing.save(tmp_path / "high.png", dpi=288).read_bytes())
    assert high[0] == pytest.approx(3 * low[0], abs=4)


def test_unknown_suffix_is_refused_naming_the_valid_ones(tmp_path: Path, drawing: Drawing) -> None:
    with pytest.raises(ValueError, match=r"cannot tell what to write from '\.jpg'.*use one of: \.svg, \.png, \.pdf, "
                                         r"\.dot, \.gv, \.mmd"):
        drawing.save(tmp_path / "poster.jpg")
    with pytest.raises(ValueError, match="from no extension"):
        drawing.save(tmp_path / "poster")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_render_leaves_no_file_behind(tmp_path: Path) -> None:
    broken = Drawing("digraph { a -> }", "dot")
    with pytest.raises(RenderError, match=r"Graphviz could not read the diagram: .*\(Error: syntax error in line 1"):
        broken.save(tmp_path / "broken.svg")
    (tmp_path / "kept.svg").write_text("old", encoding="utf-8")
    with pytest.raises(RenderError):
        broken.save(tmp_path / "kept.svg")
    assert [p.name for p in tmp_path.iterdir()] == ["kept.svg"]
    assert (tmp_path / "kept.svg").read_text(encoding="utf-8") == "old"


def test_page_gives_a_pdf_of_exactly_that_landscape_paper() -> None:
    for page, size in (("A4", (842, 595)), ("A3", (1191, 842))):
        pdf = PdfReader(io.BytesIO(draw(outage(), "flow", page=page).pdf()))
        assert {tuple(round(float(v)) for v in sheet.mediabox) for sheet in pdf.pages} == {(0, 0, *size)}


def test_export_views_writes_every_view_in_every_format(tmp_path: Path) -> None:
    paths = export_views(outage(), tmp_path / "out", formats=("svg", "png", "mmd"), stem="outage")
    assert [p.name for p in paths] == [
        "outage-cycle.svg", "outage-cycle.png", "outage-flow.svg", "outage-flow.png", "outage-blueprint.svg",
        "outage-blueprint.png", "outage.mmd", "outage-flowchart.mmd",
    ]
    assert all(p.stat().st_size > 0 for p in paths)
    with pytest.raises(ValueError, match=r"cannot tell what to write from '\.jpeg'"):
        export_views(outage(), tmp_path / "other", formats=("svg", "jpeg"))
    assert not (tmp_path / "other").exists() or not list((tmp_path / "other").iterdir())


def test_backend_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match=r"'format' must be one of svg, png, pdf \(got 'gif'\)"):
        render("digraph {}", "gif")
    with pytest.raises(ValueError, match=r"'dpi' must be a positive number \(got -5\)"):
        render("digraph {}", "png", dpi=-5)


@pytest.mark.skipif(shutil.which("dot") is not None, reason="a system Graphviz is installed here")
def test_system_renderer_says_how_to_fix_a_missing_graphviz() -> None:
    with pytest.raises(RenderError, match="needs Graphviz's 'dot' on the PATH; install Graphviz or use renderer="):
        draw(outage(), "flow", renderer="system").svg()
