"""``journeymap simulate FILE``: JSON for machines, tables for people, the event log, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from journeymap.cli import main
from journeymap.model import Arrival, Exponential, Journey, Stage, Touchpoint, Transition
from journeymap.simulation import EVENT_COLUMNS

io = pytest.importorskip("journeymap.io")

KPI_KEYS = ("arrived", "completed", "in_progress_share", "goal_rate", "abandonment_rate", "mean_time_in_cycle",
            "p90_time_in_cycle")
TOUCHPOINT_KEYS = ("arrivals", "served", "abandoned", "abandonment_rate", "mean_wait", "p90_wait", "mean_time",
                   "utilization", "mean_queue")


def shop(capacity: int = 2) -> Journey:
    tps = (
        Touchpoint("ad", name="Sees the ad", stage="discover", owner="Marketing", next=(Transition("call", 0.8),)),
        Touchpoint("call", name="Calls", stage="buy", owner="Call centre", capacity=capacity, moment_of_truth=True,
                   service_time=Exponential(4.0), patience=Exponential(3.0), next=(Transition("buy", 0.6),)),
        Touchpoint("buy", name="Buys", stage="buy", owner="Sales", service_time=Exponential(1.0), goal=True),
    )
    return Journey("shop", stages=(Stage("discover"), Stage("buy")), touchpoints=tps,
                   arrivals=(Arrival("ad", rate=0.5),), time_unit="minute")


@pytest.fixture
def shop_file(tmp_path: Path) -> Path:
    return io.save(shop(), tmp_path / "shop.yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["simulate", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_json_has_the_documented_figures(shop_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, str(shop_file), "--customers", "400", "--replications", "3", "--seed", "2",
                           "--json")
    assert status == 0, err
    document = json.loads(out)
    assert list(document["kpis"])[: len(KPI_KEYS)] == list(KPI_KEYS)
    assert document["kpis"]["completed"] == {"mean": 400.0, "ci_low": 400.0, "ci_high": 400.0}
    goal = document["kpis"]["goal_rate"]
    assert goal["ci_low"] < goal["mean"] < goal["ci_high"]
    assert set(document["touchpoints"]) == {"ad", "call", "buy"}
    for key in TOUCHPOINT_KEYS:
        assert set(document["touchpoints"]["call"][key]) == {"mean", "ci_low", "ci_high"}
    assert document["touchpoints"]["ad"]["utilization"]["mean"] is None
    assert document["replications"] == 3 and document["seed"] == 2
    assert "\x1b" not in err  # no progress bar when stderr is not a terminal


def test_the_same_seed_prints_the_same_document(shop_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, str(shop_file), "--customers", "200", "--replications", "2", "--json")[1]
    again = run(capsys, str(shop_file), "--customers", "200", "--replications", "2", "--json")[1]
    assert first == again


def test_one_replication_gives_null_intervals_and_times_take_units(
    shop_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, str(shop_file), "--until", "8 h", "--warmup", "1 h", "--replications", "1",
                         "--json")
    assert status == 0
    document = json.loads(out)
    assert document["until"] == 480.0 and document["warmup"] == 60.0
    assert document["kpis"]["arrived"]["ci_low"] is None and document["kpis"]["arrived"]["ci_high"] is None


def test_tables_for_people(shop_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, str(shop_file), "--customers", "300", "--replications", "2")
    assert status == 0
    assert out.startswith("shop\n2 replications × 300 customers, seed 0, warm-up 35 min\nWarm-up detected: 35 min (the "
                          "larger of MSER-5, 11.3 min, and five relaxation times of the slowest queue, 35 min).\n")
    for text in ("goal rate", "Touchpoints (mean ± half-width of the 95% interval)", "Stages", "Most frequent paths",
                 "Sees the ad → Calls → Buys", "abandonment rate (%)", "mean wait"):
        assert text in out
    assert "goal_rate" not in out and "ad → call" not in out  # names, never keys or ids
    spanish = run(capsys, str(shop_file), "--customers", "300", "--replications", "2", "--lang", "es")[1]
    assert spanish.startswith("shop\n2 réplicas × 300 clientes, semilla 0, calentamiento 35 min\nCalentamiento "
                              "detectado: 35 min (el mayor entre MSER-5, 11,3 min, y cinco tiempos de relajación de "
                              "la cola más lenta, 35 min).\n")
    assert "tasa de logro del objetivo" in spanish and "Puntos de contacto (media ± semiancho" in spanish


def test_event_log_is_written_as_csv(shop_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "events.csv"
    status, _, err = run(capsys, str(shop_file), "--customers", "100", "--replications", "2",
                         "--events", str(target), "--json")
    assert status == 0
    log = pd.read_csv(target)
    assert list(log.columns) == list(EVENT_COLUMNS)
    assert set(log["replication"]) == {1, 2}
    assert f"events written to {target}" in err


def test_overloaded_touchpoints_are_warned_about(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = io.save(shop(capacity=1).update_touchpoint("call", patience=None), tmp_path / "busy.yaml")
    status, _, err = run(capsys, str(path), "--customers", "50", "--replications", "1", "--json")
    assert status == 0
    assert (f"{path}: warning: touchpoint 'Calls' is overloaded: offered load 1.6 ≥ 1 (arrivals × mean service "
            f"time ÷ capacity) and no patience, so its queue grows as long as the run lasts; the figures downstream of "
            f"it are not meaningful (no steady state)") in err  # its name, not its id


def test_bad_settings_exit_2_with_one_line(shop_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, str(shop_file), "--until", "1 h", "--warmup", "2 h")
    assert status == 2
    assert err.strip() == "journeymap simulate: error: 'warmup' must end before 'until' (got warmup 120, until 60)"
    status, _, err = run(capsys, str(shop_file), "--until", "soon")
    assert status == 2 and "expected a time such as" in err


def test_customers_and_until_exclude_each_other(shop_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["simulate", str(shop_file), "--customers", "10", "--until", "1 h"])
    assert caught.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_an_invalid_file_reports_file_line_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.yaml"
    text = io.dumps(shop()).replace("capacity: 2", "capacity: -2")
    assert "capacity: -2" in text
    path.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, str(path), "--customers", "10")
    assert status == 2 and out == ""
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if "capacity: -2" in row)
    assert f"{path}:{line}: touchpoints[1].capacity:" in err
    assert "Traceback" not in err


def test_the_same_numbers_on_every_core_or_in_this_process(shop_file: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    options = (str(shop_file), "--customers", "300", "--replications", "3", "--seed", "4", "--json")
    status, everywhere, err = run(capsys, *options)  # the command line uses every core unless told
    assert status == 0, err
    status, here, err = run(capsys, *options, "--workers", "1")
    assert status == 0, err
    assert json.loads(everywhere) == json.loads(here)
