"""``journeymap compare``: scenarios against the base from the command line, as tables or JSON."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import pytest
from experiment_journeys import call_centre

from journeymap.cli import main
from journeymap.io import save

matplotlib.use("Agg")

SCENARIOS = """\
scenarios:
  - name: Three agents
    changes:
      - {set: call.capacity, to: 3}
  - name: Busier
    description: A third more calls
    changes:
      - {scale: arrival.call.rate, by: 1.3}
"""
FAST = ["--replications", "3", "--customers", "300", "--workers", "1"]


@pytest.fixture()
def journey(tmp_path: Path) -> Path:
    path = Path(save(call_centre(), tmp_path / "line.yaml"))
    (tmp_path / "line.scenarios.yaml").write_text(SCENARIOS)
    return path


def test_json_document(journey, capsys):
    assert main(["compare", str(journey), "--json", *FAST]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["replications"], document["customers"], document["seed"]) == (3, 300, 0)
    assert [s["name"] for s in document["scenarios"]] == ["Three agents", "Busier"]
    more = document["scenarios"][0]["kpis"]["abandonment_rate"]
    assert more["delta"] < 0 and more["ci_low"] <= more["delta"] <= more["ci_high"] and more["verdict"] == "better"
    assert document["scenarios"][1]["changes"] == ["scale_arrivals(1.3, 'call')"]
    assert set(document["base"]) == set(document["scenarios"][0]["kpis"])


def test_tables_and_plot(journey, tmp_path, capsys):
    plot = tmp_path / "deltas.png"
    assert main(["compare", str(journey), "--plot", str(plot), *FAST]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[:2] == ["Support line", "2 scenarios against the base, 3 paired replications × 300 customers, seed 0, "
                                         "warm-up 3 hr 14 min"]
    assert "Three agents" in lines and "  · Capacity of “Calls the line”: 2 → 3" in lines
    assert "  · Arrivals at “Calls the line”: 30 per hour → 39 per hour" in lines
    header = next(line for line in lines if line.lstrip().startswith("figure"))
    assert header.split() == ["figure", "base", "scenario", "change", "95%", "interval", "verdict"]
    assert any(line.startswith("  goal rate ") and line.rstrip().endswith("better") for line in lines)
    assert plot.read_bytes()[:4] == b"\x89PNG"


def test_tables_in_the_language_asked_for(journey, capsys):
    assert main(["compare", str(journey), "--lang", "es", *FAST]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == ("2 escenarios frente a la base, 3 réplicas pareadas × 300 clientes, semilla 0, "
                        "calentamiento 3 h 14 min")
    assert "  · Capacidad de «Calls the line»: 2 → 3" in lines
    assert any(line.startswith("  tasa de logro del objetivo ") and line.rstrip().endswith("mejor") for line in lines)
    assert any("\xa0p.\xa0p. a " in line for line in lines)  # intervals of a share in percentage points


def test_a_bad_scenario_points_at_its_line(journey, tmp_path, capsys):
    (tmp_path / "line.scenarios.yaml").write_text(SCENARIOS.replace("arrival.call.rate", "arrival.cal.rate"))
    assert main(["compare", str(journey), *FAST]) == 2
    err = capsys.readouterr().err
    assert err == (f"{tmp_path / 'line.scenarios.yaml'}:8: scenarios[1].changes[0]: scenario 'Busier': "
                   f"scale_arrivals(1.3, 'cal'): no touchpoint 'cal' (did you mean 'call'?)\n")


def test_missing_scenarios_file(tmp_path, capsys):
    journey = save(call_centre(), tmp_path / "alone.yaml")
    assert main(["compare", str(journey)]) == 2
    assert capsys.readouterr().err == (f"journeymap: error: give --scenarios FILE (there is no "
                                       f"{tmp_path / 'alone.scenarios.yaml'} next to the journey)\n")


def test_bad_settings(journey, capsys):
    assert main(["compare", str(journey), "--replications", "1"]) == 2
    assert capsys.readouterr().err == ("journeymap compare: error: 'replications' must be an int of at least 2 "
                                       "(got 1)\n")
