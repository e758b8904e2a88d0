"""Baselines at a date, their comparison, and the commands calibrate and baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.cli import main
from journeymap.errors import JourneyError
from journeymap.evidence import read_log
from journeymap.evidence.baselines import baseline, compare_baselines, load_baseline

DATA = Path(__file__).parents[1] / "notebooks" / "data" / "eventlogs"


def _log(name: str) -> Path:
    return DATA / name


def test_baseline_counts_open_cases_by_stage_at_a_date() -> None:
    log = read_log(_log("interval_event_log.csv"))
    early = baseline(log, at="2015-03-01")
    values = early.indicators.set_index("indicator")
    assert values.loc["cases", "value"] == 330
    open_cases = sum(values.loc[k, "value"] for k in values.index if k.startswith("in_stage:"))
    assert open_cases == values.loc["in_stage:stage_1", "n"] == 125
    assert values.loc["first_stage", "value"] == values.loc["in_stage:stage_1", "value"]
    ended = values.loc["goal_share", "n"]
    assert ended == 330 - 125
    assert values.loc["cycle_median", "ci_low"] <= values.loc["cycle_median", "value"] <= values.loc[
        "cycle_median", "ci_high"]
    assert early.at.startswith("2015-03-01T00:00:00")


def test_returns_need_a_customer_and_costs_come_from_the_log(tmp_path: Path) -> None:
    path = tmp_path / "crm.csv"
    path.write_text("ticket,customer,step,at,price\n"
                    "1,ann,open,2024-01-01 10:00,5\n1,ann,close,2024-01-02 10:00,7\n"
                    "2,ann,open,2024-01-20 10:00,5\n2,ann,close,2024-01-21 10:00,7\n"
                    "3,bob,open,2024-01-03 10:00,5\n3,bob,close,2024-01-04 10:00,9\n"
                    "4,cid,open,2024-06-01 10:00,1\n4,cid,close,2024-06-02 10:00,1\n")
    log = read_log(path, case="ticket", customer="customer", activity="step", timestamp="at", cost="price")
    result = baseline(log, period="30 d", goals=["close"])
    values = result.indicators.set_index("indicator")
    assert values.loc["return_share", "value"] == pytest.approx(1 / 2)  # ann came back within 30 days, bob did not
    assert values.loc["cost_per_case", "value"] == pytest.approx((12 + 12 + 14 + 2) / 4)
    assert values.loc["goal_share", "value"] == 1.0
    assert not any("customer" in note for note in result.notes)


def test_compare_says_which_changes_are_real(tmp_path: Path) -> None:
    log = read_log(_log("interval_event_log.csv"))
    before, after = baseline(log, at="2015-03-01"), baseline(log)
    before.save(tmp_path / "before.json")
    again = load_baseline(tmp_path / "before.json")
    assert again.indicators.equals(before.indicators)
    comparison = compare_baselines(again, after)
    assert comparison.before is again and comparison.after is after
    table = comparison.table.set_index("indicator")
    assert table.loc["cases", "change"] == 1266 - 330 and table.loc["cases", "distinguishable"]
    assert not table.loc["goal_share", "distinguishable"]
    people = again.compare(after).summary()
    assert people.loc[0, "verdict"] == "a real change"


def test_a_file_that_is_not_a_baseline_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"kpis": []}')
    with pytest.raises(JourneyError, match=r"other.json: not a journeymap baseline"):
        load_baseline(path)


def test_cli_calibrate_writes_a_journey_and_checks_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "calibrated.yaml"
    status = main(["calibrate", str(_log("roadtraffic100traces.csv")), "-o", str(out), "--check",
                   "--replications", "5", "--json"])
    captured = capsys.readouterr()
    assert status == 0 and out.exists()
    document = json.loads(captured.out)
    assert {row["figure"] for row in document["check"]} >= {"cases", "goal_share", "cycle_ks"}
    assert "note: time:timestamp: mixed UTC offsets" in captured.err


def test_cli_names_a_missing_column(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["calibrate", str(_log("running-example.csv")), "--case", "Case"])
    assert status == 2
    assert "no column 'Case' for the case (did you mean 'case:concept:name'?)" in capsys.readouterr().err


def test_cli_baseline_and_compare(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = str(_log("interval_event_log.csv"))
    assert main(["baseline", log, "--at", "2015-03-01", "-o", str(tmp_path / "a.json")]) == 0
    assert main(["baseline", log, "-o", str(tmp_path / "b.json")]) == 0
    capsys.readouterr()
    assert main(["baseline", "compare", str(tmp_path / "a.json"), str(tmp_path / "b.json"),
                 "--chart", str(tmp_path / "change.png")]) == 0
    text = capsys.readouterr().out
    assert "cycle duration, median" in text and "a real change" in text
    assert (tmp_path / "change.png").stat().st_size > 10_000
    assert main(["baseline", "compare", str(tmp_path / "a.json")]) == 2
