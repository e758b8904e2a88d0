"""Interventions' one-off and running costs, and the payback the action plan shows when the journey knows what
a goal is worth."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pytest
from experiment_journeys import call_centre

import journeymap as jm
import journeymap.prioritize as pr
from journeymap.errors import ScenarioError
from journeymap.prioritize.payback import customers_per_week, payback_weeks, weekly_value


def valued(value: float | None = 40.0):  # type: ignore[no-untyped-def]
    return call_centre().replace(value_per_goal=value)


def test_payback_arithmetic() -> None:
    journey = valued()
    # calls 0.5/min; chats 0.1/min for 12 h then 0.3/min: 0.2/min over the day; a week of 10,080 minutes
    assert customers_per_week(journey) == pytest.approx(0.7 * 10_080)
    assert weekly_value(journey, 0.01) == pytest.approx(0.01 * 0.7 * 10_080 * 40.0)
    assert math.isnan(weekly_value(valued(None), 0.01))
    assert payback_weeks(1000.0, 100.0, 600.0) == pytest.approx(2.0)
    assert payback_weeks(None, None, 50.0) == 0.0
    assert payback_weeks(1000.0, 700.0, 600.0) == math.inf  # the running cost eats the gain: never
    assert math.isnan(payback_weeks(1000.0, None, math.nan))


def test_the_plan_shows_payback_from_the_simulated_goal_rate(tmp_path: Path) -> None:
    journey = valued()
    staff = pr.Intervention("Third agent", [jm.set_capacity("call", 3)], effort=2, cost=500.0, running_cost=900.0)
    nothing = pr.Intervention("Leaflet", [jm.scale_service_time("chat", 1.0)], effort=1, cost=100.0)
    plan = pr.action_plan(journey, [staff, nothing], customers=2000, replications=6, seed=3, warmup=60)
    table = plan.table.set_index("intervention")
    gain = plan.comparison.delta("goal_rate").loc["Third agent", "delta"]
    assert gain > 0
    value = gain * 0.7 * 10_080 * 40.0
    assert table.loc["Third agent", "value_per_week"] == pytest.approx(value)
    assert table.loc["Third agent", "payback_weeks"] == pytest.approx(500.0 / (value - 900.0))
    assert table.loc["Third agent", "running_cost"] == 900.0
    assert math.isnan(table.loc["Leaflet", "running_cost"])
    markdown = plan.to_markdown()
    assert "Payback (weeks)" in markdown and "Running cost per week" in markdown
    path = plan.save(tmp_path / "plan.xlsx")
    sheet = openpyxl.load_workbook(path)["Action plan"]
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    heading = cells["Payback (weeks)"]
    paid = [sheet.cell(heading.row + k, heading.column).value for k in (1, 2)]
    assert pytest.approx(500.0 / (value - 900.0)) in paid
    csv = plan.to_csv()
    assert "payback_weeks" in csv.splitlines()[0]
    spanish = pr.action_plan(journey.replace(language="es"), [staff, nothing], customers=2000, replications=6,
                             seed=3, warmup=60)
    assert "Recuperación (semanas)" in spanish.to_markdown()


def test_without_a_value_there_is_no_payback() -> None:
    staff = pr.Intervention("Third agent", [jm.set_capacity("call", 3)], effort=2, cost=500.0)
    plan = pr.action_plan(valued(None), [staff], customers=1000, replications=3, seed=3, warmup=60)
    assert math.isnan(plan.table.loc[0, "payback_weeks"])
    assert "Payback" not in plan.to_markdown()


def test_running_cost_is_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "plan.interventions.yaml"
    path.write_text("interventions:\n  - name: Agent\n    effort: 2\n    cost: 500\n    running_cost: 900\n"
                    "    changes: [{set: call.capacity, to: 3}]\n", encoding="utf-8")
    assert pr.load_interventions(path)[0].running_cost == 900.0
    path.write_text("interventions:\n  - name: Agent\n    effort: 2\n    running_cost: -9\n"
                    "    changes: [{set: call.capacity, to: 3}]\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"plan.interventions.yaml:2: .*'running_cost' must be an amount of money, "
                                            r"0 or more \(got -9\)"):
        pr.load_interventions(path)
    path.write_text("interventions:\n  - name: Agent\n    effort: 2\n    runing_cost: 9\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="did you mean 'running_cost'"):
        pr.load_interventions(path)
