"""The journey's economics: costs per contact and the value of a goal, in the model, the file, the
simulation's result (tables, JSON, summary) and validation."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from journeymap.errors import JourneyError
from journeymap.io import check, from_document, loads, to_document
from journeymap.io.catalog import template, templates
from journeymap.model import Arrival, Constant, Exponential, Journey, Stage, Team, Touchpoint, Transition, validate
from journeymap.simulation import OverloadWarning, RunWarning, simulate
from journeymap.simulation.economics import ECONOMICS, cost_to_serve
from journeymap.simulation.team_results import team_metrics


def counter() -> Journey:
    """A customer asks at the desk (2.50 a contact), pays at the till (4.00, the goal); a brochure is never
    reached (its cost must not count). Every time is constant: one customer's path is certain."""
    tps = (
        Touchpoint("desk", stage="visit", capacity=1, service_time=Constant(3.0), cost_per_contact=2.5,
                   next=(Transition("till", 1.0),)),
        Touchpoint("till", stage="visit", capacity=1, service_time=Constant(2.0), cost_per_contact=4.0,
                   goal=True, next=(Transition("desk", 0.0),)),
        Touchpoint("brochure", stage="visit", cost_per_contact=100.0),
    )
    return Journey("counter", stages=(Stage("visit"),), touchpoints=tps, arrivals=(Arrival("desk", rate=0.1),),
                   value_per_goal=120.0)


def test_one_customer_with_certain_times_costs_exactly_the_contacts_served() -> None:
    result = simulate(counter(), customers=1, replications=3, seed=1, warmup=0)
    table = result.economics
    assert list(table.index) == list(ECONOMICS)
    assert table.loc["cost_per_customer", "mean"] == pytest.approx(6.5, abs=1e-12)
    assert table.loc["cost_per_goal", "mean"] == pytest.approx(6.5, abs=1e-12)
    assert table.loc["cost_total", "mean"] == pytest.approx(6.5, abs=1e-12)
    assert table.loc["value_per_customer", "mean"] == pytest.approx(120.0, abs=1e-12)
    assert table.loc["value_total", "mean"] == pytest.approx(120.0, abs=1e-12)
    assert (table["ci_low"] == table["mean"]).all() and (table["ci_high"] == table["mean"]).all()


def test_abandoned_visits_are_not_paid_and_goals_divide_the_cost() -> None:
    """Two customers almost at once at a one-server desk; the second gives up after 1 minute (service takes 3): one
    contact paid (2.50), one goal, two customers followed."""
    tps = (Touchpoint("desk", stage="visit", capacity=1, service_time=Constant(3.0), patience=Constant(1.0),
                      cost_per_contact=2.5, goal=True),)
    journey = Journey("desk", stages=(Stage("visit"),), touchpoints=tps, arrivals=(Arrival("desk", rate=100.0),),
                      value_per_goal=10.0)
    with pytest.warns(OverloadWarning, match="give up"):
        stats = simulate(journey, customers=2, replications=1, seed=2, warmup=0)
    assert stats.kpis.loc["abandonment_rate", "mean"] == pytest.approx(0.5)
    table = stats.economics
    assert table.loc["cost_total", "mean"] == pytest.approx(2.5)
    assert table.loc["cost_per_customer", "mean"] == pytest.approx(1.25)
    assert table.loc["cost_per_goal", "mean"] == pytest.approx(2.5)
    assert table.loc["value_per_customer", "mean"] == pytest.approx(5.0)
    assert table.loc["value_total", "mean"] == pytest.approx(10.0)


def test_staffing_is_added_to_the_cost_to_serve_in_one_place() -> None:
    assert cost_to_serve(6.5) == 6.5
    assert cost_to_serve(6.5, 93.5) == 100.0
    result = simulate(counter(), customers=1, replications=2, seed=1, warmup=0)
    with_staff = result._economics([93.5, 93.5])
    assert with_staff.loc["cost_per_customer", "mean"] == pytest.approx(100.0)


def staffed_desk(cost_per_contact: float | None = None) -> Journey:
    """A desk served by a team of two paid 30 an hour, busy or idle; customers every 10 minutes or so."""
    desk = Touchpoint("desk", stage="visit", team="clerks", service_time=Exponential(6.0), goal=True,
                      cost_per_contact=cost_per_contact)
    return Journey("staffed desk", stages=(Stage("visit"),), touchpoints=(desk,),
                   arrivals=(Arrival("desk", rate=0.1),), teams=(Team("clerks", capacity=2, cost_per_hour=30.0),))


def test_a_teams_hours_are_paid_busy_or_idle_in_the_cost_to_serve() -> None:
    """Ten hours observed (until=600 min, no warm-up) of two clerks at 30/h: 600 whatever the customers did."""
    with pytest.warns(RunWarning, match="still inside"):  # no matter here: staff are paid by the hour
        result = simulate(staffed_desk(), until=600, replications=3, seed=4, warmup=0)
    table = result.economics
    assert list(table.index) == ["cost_per_customer", "cost_per_goal", "cost_total"]
    assert table.loc["cost_total", "mean"] == pytest.approx(600.0, rel=1e-9)
    assert table.loc["cost_total", "sd"] == pytest.approx(0.0, abs=1e-9)
    arrived = result.replications["arrived"].to_numpy()
    assert table.loc["cost_per_customer", "mean"] == pytest.approx(float(np.mean(600.0 / arrived)), rel=1e-9)
    assert result.teams.loc["clerks", "cost"] == pytest.approx(600.0, rel=1e-9)
    with pytest.warns(RunWarning, match="still inside"):
        with_contacts = simulate(staffed_desk(cost_per_contact=1.0), until=600, replications=3, seed=4, warmup=0)
    served = with_contacts.touchpoints.loc["desk", "served"]
    assert with_contacts.economics.loc["cost_total", "mean"] == pytest.approx(600.0 + served, rel=1e-9)


def test_under_the_cohort_rule_the_followed_customers_pay_their_share_of_the_staff() -> None:
    """The cohort's last members are served while later customers (not followed) arrive: staffing over the
    observed time is shared in proportion to who entered, so a customer costs what the staff cost per entry."""
    result = simulate(staffed_desk(), customers=500, replications=4, seed=5, warmup=0)
    per_entry = [team["cost"].sum() / one.entries for team, one in
                 zip((team_metrics(staffed_desk(), s) for s in result.stats), result.stats, strict=True)]
    assert result.stats[0].entries > result.stats[0].arrived  # later customers did enter while the cohort drained
    assert result.economics.loc["cost_per_customer", "mean"] == pytest.approx(float(np.mean(per_entry)), rel=1e-9)
    # two clerks at 30/h, one customer every 10 minutes: 10 an entry
    assert result.economics.loc["cost_per_customer", "ci_low"] < 10.0 * 1.05
    assert result.economics.loc["cost_per_customer", "ci_high"] > 10.0 * 0.95


def test_a_journey_without_money_has_no_economics() -> None:
    plain = counter().replace(value_per_goal=None,
                              touchpoints=tuple(tp.replace(cost_per_contact=None) for tp in counter().touchpoints))
    result = simulate(plain, customers=1, replications=2, seed=1, warmup=0)
    assert result.economics.empty
    assert result.to_dict()["economics"] is None
    only_value = counter().replace(touchpoints=plain.touchpoints)
    assert list(simulate(only_value, customers=1, replications=2, seed=1, warmup=0).economics.index) == [
        "value_per_customer", "value_total"]


def test_json_and_summary_carry_the_economics_in_both_languages() -> None:
    result = simulate(counter(), customers=1, replications=2, seed=1, warmup=0)
    document = result.to_dict()["economics"]
    assert document["cost_per_customer"] == {"mean": 6.5, "ci_low": 6.5, "ci_high": 6.5}
    assert document["value_total"]["mean"] == 120.0
    english = result.summary("en")
    assert english.loc["cost to serve per customer", "value"] == "6.50"
    assert english.loc["value created in the period", "value"] == "120.00"
    spanish = result.summary("es")
    assert spanish.loc["costo de atención por cliente", "valor"] == "6,50"
    assert spanish.loc["valor creado en el periodo", "valor"] == "120,00"


def test_costs_round_trip_through_the_file_format() -> None:
    journey = counter()
    document = to_document(journey)
    assert document["value_per_goal"] == 120
    assert document["touchpoints"][0]["cost_per_contact"] == 2.5
    assert from_document(document) == journey


BAD = """\
title: Costs
value_per_goal: -5
stages: [{id: visit}]
touchpoints:
  - id: desk
    stage: visit
    goal: true
    cost_per_contact: -2.5
arrivals: [{touchpoint: desk, rate: 1/h}]
"""


def test_negative_amounts_are_errors_with_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "costs.yaml"
    path.write_text(BAD, encoding="utf-8")
    lines = [str(issue) for issue in check(path).errors]
    assert lines == [
        f"{path}:2: value_per_goal: 'value_per_goal' must not be negative (got -5): an amount of money such as 120",
        f"{path}:8: touchpoints[0].cost_per_contact: 'cost_per_contact' must not be negative (got -2.5): an amount "
        "of money such as 4.5",
    ]
    with pytest.raises(JourneyError, match="cost_per_contact"):
        loads(BAD)


def test_misspelt_and_unreadable_amounts() -> None:
    report = check(loads_document("cost_per_contct: 2"))
    assert any("did you mean 'cost_per_contact'" in str(issue) for issue in report.errors)
    report = check(loads_document("cost_per_contact: cheap"))
    assert any("'cost_per_contact' must be a number (got 'cheap')" in str(issue) for issue in report.errors)
    python_built = counter().update_touchpoint("desk", cost_per_contact=math.inf)
    assert [issue.path for issue in validate(python_built) if issue.is_error] == ["touchpoints[0].cost_per_contact"]
    with pytest.raises(TypeError, match="'cost_per_contact' must be a number"):
        counter().update_touchpoint("desk", cost_per_contact="3")


def loads_document(line: str) -> str:
    """A small journey's text with ``line`` added to its touchpoint, as a path-less source for ``check``."""
    text = BAD.replace("value_per_goal: -5\n", "").replace("    cost_per_contact: -2.5\n", f"    {line}\n")
    path = Path("/tmp/econ") / "check.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("name", list(templates()["name"]))
def test_every_template_has_illustrative_costs_and_value_in_both_languages(name: str) -> None:
    english, spanish = template(name, "en"), template(name, "es")
    for journey, word in ((english, "illustrative"), (spanish, "ilustrativos")):
        assert journey.value_per_goal is not None and journey.value_per_goal > 0
        staffed = [tp for tp in journey.touchpoints if tp.capacity is not None]
        assert staffed and all(tp.cost_per_contact is not None and tp.cost_per_contact > 0 for tp in staffed)
        assert word in (journey.notes or "") and ("cost" in journey.notes.lower() or "costo" in journey.notes)
    assert english.value_per_goal == spanish.value_per_goal
    assert [tp.cost_per_contact for tp in english.touchpoints] == [tp.cost_per_contact for tp in spanish.touchpoints]
