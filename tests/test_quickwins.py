"""``journeymap quickwins``: the action plan from the command line, with one-line errors and exit status 2."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from experiment_journeys import call_centre, map_only

from journeymap.cli import main
from journeymap.io import save

matplotlib.use("Agg")

INTERVENTIONS = """\
interventions:
  - name: Three agents
    owner: Care
    effort: 10
    changes:
      - {set: call.capacity, to: 3}
  - name: Patient callers
    effort: 2
    changes:
      - {set: call.patience, to: 20 min}
"""
FAST = ["--replications", "2", "--customers", "200", "--workers", "1"]


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    journey = save(call_centre(), tmp_path / "line.yaml")
    interventions = tmp_path / "line.interventions.yaml"
    interventions.write_text(INTERVENTIONS)
    return Path(journey), interventions


def test_writes_the_plan_and_the_chart(files, tmp_path, capsys):
    journey, interventions = files
    out, chart = tmp_path / "plan.xlsx", tmp_path / "plan.png"
    assert main(["quickwins", str(journey), "--interventions", str(interventions), "-o", str(out),
                 "--chart", str(chart), *FAST]) == 0
    frame = pd.read_excel(out, sheet_name="data")
    assert sorted(frame["intervention"]) == ["Patient callers", "Three agents"]
    assert frame["rank"].tolist() == [1, 2]
    assert set(frame["impact_source"]) == {"simulation"}
    assert chart.read_bytes()[:4] == b"\x89PNG"
    err = capsys.readouterr().err
    assert f"wrote {out}: 2 interventions" in err and "(impact by simulation)" in err


def test_interventions_next_to_the_journey_and_markdown_on_stdout(files, capsys):
    journey, _ = files
    assert main(["quickwins", str(journey), "--objective", "abandonment_rate", *FAST]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Action plan: Support line\n")
    assert "| Three agents | Care |" in out and "Objective: abandonment rate." in out


def test_heuristic_for_a_map_without_numbers(tmp_path, capsys):
    journey = save(map_only(), tmp_path / "map.yaml")
    interventions = tmp_path / "i.yaml"
    interventions.write_text("interventions:\n  - {name: Greet, effort: 1, touchpoints: [visit]}\n"
                             "  - {name: Advise, effort: 3, touchpoints: [advice]}\n")
    out = tmp_path / "plan.csv"
    assert main(["quickwins", str(journey), "--interventions", str(interventions), "-o", str(out)]) == 0
    frame = pd.read_csv(out)
    assert frame["impact_source"].tolist() == ["heuristic", "heuristic"]
    # impacts 2 × (1/0.88) × 0.4 = 0.909 and 1 × (0.6/0.88) × 0.3 = 0.205; medians 0.557 and 2 person-days
    assert frame["intervention"].tolist() == ["Greet", "Advise"]
    assert frame["impact"].tolist() == pytest.approx([0.8 / 0.88, 0.18 / 0.88])
    assert frame["quadrant"].tolist() == ["quick_win", "time_sink"]


@pytest.mark.parametrize(("args", "expected"), [
    (["-o", "plan.docx"], "journeymap quickwins: error: -o 'plan.docx': use one of .csv, .xlsx, .md, .markdown, "
                          ".mmd, .mermaid"),
    (["--chart", "plan.gif"], "journeymap quickwins: error: --chart 'plan.gif': use one of .png, .svg, .pdf"),
    (["--interventions", "missing.yaml"], "missing.yaml: no such file"),
    (["--replications", "1"], "journeymap quickwins: error: 'replications' must be an int of at least 2 (got 1)"),
])
def test_errors_are_one_line_with_status_2(files, capsys, args, expected, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    journey, _ = files
    assert main(["quickwins", str(journey), *args]) == 2
    err = capsys.readouterr().err
    assert err == expected + "\n"


def test_bad_option_values_are_refused_by_the_parser(files, capsys):
    journey, _ = files
    with pytest.raises(SystemExit) as caught:
        main(["quickwins", str(journey), "--replications", "0"])
    assert caught.value.code == 2
    assert "argument --replications: expected a positive whole number, got 0" in capsys.readouterr().err


def test_a_bad_intervention_points_at_its_line(files, capsys):
    journey, interventions = files
    interventions.write_text(INTERVENTIONS.replace("call.capacity", "cal.capacity"))
    assert main(["quickwins", str(journey), *FAST]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"{interventions}:6: interventions[0].changes[0]: scenario 'Three agents': "
                   f"set_capacity('cal', 3): no touchpoint 'cal' (did you mean 'call'?)")


def test_an_invalid_journey_is_reported(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\ntouchpoints:\n  - {id: a, capacity: -1}\n")
    (tmp_path / "bad.interventions.yaml").write_text(INTERVENTIONS)
    assert main(["quickwins", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:3:" in err and "Traceback" not in err
