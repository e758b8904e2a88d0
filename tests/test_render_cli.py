"""``journeymap render FILE -o OUT``: the format from the extension, the options, and clear refusals."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest
from render_samples import by_id, parse_svg, shows

from journeymap.cli import main
from journeymap.io.catalog import template_path


@pytest.fixture
def journey_file(tmp_path: Path) -> Path:
    path = tmp_path / "outage.yaml"
    shutil.copy(template_path("telecom_outage", "en"), path)
    return path


def _png_width(path: Path) -> int:
    return struct.unpack(">I", path.read_bytes()[16:20])[0]


@pytest.mark.parametrize("view", ["cycle", "flow", "blueprint"])
def test_each_view_renders_to_svg(journey_file: Path, tmp_path: Path, view: str,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"{view}.svg"
    assert main(["render", str(journey_file), "-o", str(out), "--view", view]) == 0
    root = parse_svg(out.read_text(encoding="utf-8"))
    assert by_id(root, "tp-status_page") is not None
    assert capsys.readouterr().out == f"wrote {out} ({view} view, SVG)\n"


def test_format_follows_the_extension(journey_file: Path, tmp_path: Path) -> None:
    for name in ("poster.png", "poster.pdf", "source.dot", "source.gv", "slides.mmd"):
        assert main(["render", str(journey_file), "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / "poster.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "poster.pdf").read_bytes()[:5] == b"%PDF-"
    assert (tmp_path / "source.dot").read_text(encoding="utf-8").startswith("// journeymap flow view")
    assert (tmp_path / "source.gv").read_text(encoding="utf-8") == (tmp_path / "source.dot").read_text(encoding="utf-8")
    assert (tmp_path / "slides.mmd").read_text(encoding="utf-8").startswith("journey\n    title ")
    assert main(["render", str(journey_file), "-o", str(tmp_path / "owners.mmd"), "--actor", "owner"]) == 0
    assert ": Contact centre\n" in (tmp_path / "owners.mmd").read_text(encoding="utf-8")
    assert ": Contact centre\n" not in (tmp_path / "slides.mmd").read_text(encoding="utf-8")


def test_dpi_sets_the_png_resolution(journey_file: Path, tmp_path: Path) -> None:
    assert main(["render", str(journey_file), "-o", str(tmp_path / "a.png"), "--view", "cycle"]) == 0
    assert main(["render", str(journey_file), "-o", str(tmp_path / "b.png"), "--view", "cycle", "--dpi", "192"]) == 0
    assert _png_width(tmp_path / "b.png") == pytest.approx(2 * _png_width(tmp_path / "a.png"), abs=3)


def test_metric_theme_and_page_options(journey_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "load.svg"
    args = ["render", str(journey_file), "-o", str(out), "--metric", "offered_load", "--theme", "workshop",
            "--page", "a3", "--view", "blueprint"]
    assert main(args) == 0
    svg = out.read_text(encoding="utf-8")
    assert shows(by_id(parse_svg(svg), "legend"), "◆ Offered load (utilisation)")


def test_default_output_sits_beside_the_file(journey_file: Path) -> None:
    assert main(["render", str(journey_file), "--view", "cycle"]) == 0
    assert (journey_file.parent / "outage-cycle.svg").exists()


def test_unknown_extension_lists_the_valid_ones_and_writes_nothing(
    journey_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(journey_file), "-o", str(tmp_path / "poster.jpg")]) == 2
    err = capsys.readouterr().err
    assert err == ("journeymap render: error: cannot tell what to write from '.jpg' in "
                   f"'{tmp_path / 'poster.jpg'}'; use one of: .svg, .png, .pdf, .dot, .gv, .mmd\n")
    assert not (tmp_path / "poster.jpg").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--metric", "visits", "unknown metric 'visits' (did you mean 'expected_visits'?); choose one of: "
                               "expected_visits, reach_probability, offered_load, drop_off"),
        ("--metric", "ofered_load", "unknown metric 'ofered_load' (did you mean 'offered_load'?)"),
        ("--view", "blueprnt", "unknown view 'blueprnt' (did you mean 'blueprint'?)"),
        ("--theme", "dark", "unknown theme 'dark'; choose one of: default, workshop, print"),
        ("--page", "A5", "unknown page 'A5'; choose one of: A4, A3"),
        ("--dpi", "-3", "argument --dpi: expected a positive number, got -3"),
    ],
)
def test_bad_options_are_named_with_a_suggestion(
    journey_file: Path, option: str, value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["render", str(journey_file), option, value])
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_an_invalid_journey_is_reported_by_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nstages: [{id: s}]\ntouchpoints:\n  - id: a\n    stage: s\n    next: {b: 0.5}\n",
                   encoding="utf-8")
    assert main(["render", str(bad), "-o", str(tmp_path / "bad.svg")]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:6: touchpoints[0].next.b: route to unknown touchpoint 'b'" in err
    assert "Traceback" not in err
    assert not (tmp_path / "bad.svg").exists()
