"""Interventions, impact (simulated or heuristic), quadrants, RICE/ICE and the ranked action plan."""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pytest
from experiment_journeys import call_centre, map_only

import journeymap as jm
import journeymap.prioritize as pr
from journeymap.errors import NotFound, ScenarioError
from journeymap.prioritize.impact import heuristic_impact
from journeymap.prioritize.scoring import ice_scores, reach, rice_scores, thresholds

matplotlib.use("Agg")


# -- quadrants and scores ----------------------------------------------------------------------------------
def test_classify_at_the_medians():
    impact = [0.5, 0.1, 0.4, 0.05]  # median 0.25
    effort = [2.0, 1.0, 10.0, 20.0]  # median 6
    assert thresholds(impact, effort) == (0.25, 6.0)
    assert pr.classify(impact, effort) == ["quick_win", "fill_in", "big_bet", "time_sink"]


def test_classify_with_given_thresholds_and_ties():
    assert pr.classify([0.3, 0.3], [5.0, 5.1], impact_threshold=0.3, effort_threshold=5.0) == ["quick_win", "big_bet"]
    # an intervention that improves nothing is never high impact, whatever the threshold
    assert pr.classify([0.0, -0.2, math.nan, 0.1], [1.0, 1.0, 9.0, 1.0], impact_threshold=-1.0,
                       effort_threshold=5.0) == ["fill_in", "fill_in", "time_sink", "quick_win"]


def test_rice_and_ice():
    assert rice_scores([50, 20], [0.02, 0.05], [0.8, 0.5], [4, 10]).tolist() == pytest.approx([0.2, 0.05])
    # impact scaled to 10 for the largest, confidence × 10, ease 10 × smallest effort / effort
    assert ice_scores([0.02, 0.05, -0.01], [0.8, 0.5, 1.0], [4, 10, 2]).tolist() == pytest.approx(
        [4 * 8 * 5, 10 * 5 * 2, 0.0])


def test_reach_is_exact():
    journey = map_only()  # visit → advice 0.6; advice → buy 0.5, → visit 0.2
    assert reach(journey, ["advice"]) == pytest.approx(60.0)
    assert reach(journey, ["buy"]) == pytest.approx(100 * 0.3 / 0.88)
    assert reach(journey, ["advice", "buy"]) == pytest.approx(60.0)
    assert reach(journey, ["nowhere"]) == 0.0


# -- heuristic impact ----------------------------------------------------------------------------------------
def test_heuristic_impact_by_hand():
    journey = map_only()
    # expected visits: visit 1/0.88, advice 0.6/0.88, buy 0.3/0.88; leaving: 0.4, 0.3, 1
    assert not pr.can_simulate(journey)
    one = pr.Intervention("Greet", [], touchpoints=["visit"])
    two = pr.Intervention("Advise", [], touchpoints=["advice", "buy"])
    assert heuristic_impact(journey, one) == pytest.approx(2 * (1 / 0.88) * 0.4)
    assert heuristic_impact(journey, two) == pytest.approx(1 * (0.6 / 0.88) * 0.3 + 2 * (0.3 / 0.88) * 1.0)


def test_heuristic_plan_is_labelled_and_ranked():
    journey = map_only()
    items = [
        pr.Intervention("Greet every visitor", [], effort=2, owner="Store", touchpoints=["visit"]),
        pr.Intervention("Advice checklist", [], effort=1, touchpoints=["advice"]),
        pr.Intervention("Easier payment", [jm.set_route("advice", "buy", 0.6, rebalance="leave")], effort=8,
                        owner="Tills"),
    ]
    plan = pr.action_plan(journey, items, split="median")
    table = plan.table
    assert set(table["impact_source"]) == {"heuristic"} and set(table["objective"]) == {"customers_at_stake"}
    assert table["impact_low"].isna().all() and table["distinguishable"].all()  # no interval: nothing to doubt
    # impacts 0.909 (visit), 0.2045 (advice), 0.2045 (advice, from the changes); medians 0.2045 and effort 2
    assert table["intervention"].tolist() == ["Greet every visitor", "Advice checklist", "Easier payment"]
    assert table["quadrant"].tolist() == ["quick_win", "quick_win", "big_bet"]
    ruled = pr.action_plan(journey, items)  # the stated rule: a heuristic score has no unit, so its median; 10 days
    assert (ruled.split, ruled.impact_from, ruled.effort_from) == ("rule", "median", "rule")
    assert ruled.effort_threshold == 10.0 and ruled.table["quadrant"].tolist() == ["quick_win"] * 3
    assert table["rank"].tolist() == [1, 2, 3]
    assert table.loc[0, "moments_of_truth"] == "visit" and table.loc[2, "touchpoints"] == "advice"
    assert table.loc[0, "stage"] == "contact"
    assert table.loc[0, "score"] == pytest.approx(heuristic_impact(journey, items[0]) / 2)


# -- interventions -------------------------------------------------------------------------------------------
INTERVENTIONS = """\
interventions:
  - name: Three agents
    owner: Care
    effort: 10
    cost: 4000
    changes:
      - {set: call.capacity, to: 3}
  - name: Patient callers
    effort: 2
    confidence: 0.5
    touchpoints: [call]
    stage: contact
    changes:
      - {set: call.patience, to: 20 min}
  - name: Faster diagnosis
    effort: 4
    changes:
      - {scale: diagnose.service_time, by: 0.7}
"""


def test_load_interventions(tmp_path):
    path = tmp_path / "i.yaml"
    path.write_text(INTERVENTIONS)
    three, patient, faster = pr.load_interventions(path)
    assert (three.name, three.owner, three.effort, three.cost, three.confidence) == ("Three agents", "Care", 10.0,
                                                                                      4000.0, 0.8)
    assert three.targets == ("call",) and three.stage_in(call_centre()) == "contact"
    assert patient.confidence == 0.5 and patient.stage == "contact"
    assert faster.targets == ("diagnose",) and faster.stage_in(call_centre()) == "resolution"
    assert str(three.scenario) == "Three agents: set_capacity('call', 3)"


@pytest.mark.parametrize(("text", "expected"), [
    ("interventions:\n  - name: A\n    effort: -1\n", "i.yaml:2: interventions[0]: intervention 'A': 'effort' must be "
                                                     "a positive number (got -1)"),
    ("interventions:\n  - name: A\n", "i.yaml:2: interventions[0]: an intervention needs 'effort'"),
    ("interventions:\n  - name: A\n    effort: 1\n    owners: x\n",
     "i.yaml:4: interventions[0].owners: unknown field 'owners' (did you mean 'owner'?)"),
    ("interventions:\n  - name: A\n    effort: 1\n    confidence: 2\n",
     "i.yaml:2: interventions[0]: intervention 'A': 'confidence' must be a number above 0 and at most 1 (got 2)"),
    ("interventions:\n  - name: A\n    effort: 1\n    changes:\n      - {set: call.capacity}\n",
     "i.yaml:5: interventions[0].changes[0]: 'set' needs 'to'"),
    ("intervention:\n  - name: A\n", "i.yaml:1: intervention: unknown field 'intervention' (did you mean "
                                    "'interventions'?)"),
])
def test_intervention_file_errors(tmp_path, text, expected):
    path = tmp_path / "i.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as caught:
        pr.load_interventions(path)
    assert str(caught.value) == f"{tmp_path}/{expected}"


def test_unknown_targets_are_reported_with_did_you_mean():
    bad = pr.Intervention("A", [], touchpoints=["cal"], stage="contct")
    with pytest.raises(ScenarioError) as caught:
        pr.action_plan(call_centre(), [bad])
    assert [i.message for i in caught.value.issues] == [
        "intervention 'A': no touchpoint 'cal' (did you mean 'call'?)",
        "intervention 'A': no stage 'contct' (did you mean 'contact'?)",
    ]


# -- simulated plan -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "i.yaml"
    path.write_text(INTERVENTIONS)
    return pr.action_plan(call_centre(), path, objective="abandonment_rate", replications=4, seed=2,
                          customers=500, executor="serial")


def test_simulated_impact_is_the_signed_paired_change(plan):
    comparison = jm.compare(call_centre(), [i.scenario for i in plan.interventions],
                            replications=4, seed=2, customers=500, executor="serial", kpis=["abandonment_rate"])
    delta = comparison.delta("abandonment_rate")
    assert plan.comparison.table.equals(comparison.table)
    row = plan.table.set_index("intervention").loc["Three agents"]
    assert row["impact"] == pytest.approx(-delta.loc["Three agents", "delta"])  # fewer customers lost: positive
    assert (row["impact_low"], row["impact_high"]) == pytest.approx(
        (-delta.loc["Three agents", "ci_high"], -delta.loc["Three agents", "ci_low"]))
    assert set(plan.table["impact_source"]) == {"simulation"}
    assert plan.impact_source == "simulation" and plan.objective == "abandonment_rate"


def test_plan_columns_and_order(plan):
    assert list(plan.table.columns) == list(pr.PLAN_COLUMNS)
    assert len(plan.table) == 3 and plan.table["rank"].tolist() == [1, 2, 3]
    order = [pr.QUADRANTS.index(q) for q in plan.table["quadrant"]]
    assert order == sorted(order)
    assert plan.table["quadrant_label"].tolist() == [pr.quadrant_label(q) for q in plan.table["quadrant"]]
    assert plan.effort_threshold == 10.0 and plan.effort_from == "rule"  # the budget: ten person-days
    assert plan.impact_threshold == 0.01 and plan.impact_from == "rule"  # one percentage point of abandonment


def test_objective_aliases_and_errors():
    with pytest.raises(NotFound, match=r"unknown objective 'goal' \(did you mean 'goal_rate'\?\)"):
        pr.action_plan(call_centre(), [pr.Intervention("A", [])], objective="goal")
    from journeymap.prioritize.impact import objective_name

    assert objective_name("customers_lost") == "abandonment_rate"
    assert objective_name("time_in_cycle") == "mean_time_in_cycle"


def test_rice_ranks_by_score(plan):
    items = plan.interventions
    rice = pr.action_plan(call_centre(), items, scorer="rice", method="heuristic")
    assert list(rice.table["score"]) == sorted(rice.table["score"], reverse=True)


def test_sample_interventions_exist_for_every_template():
    from journeymap.io.catalog import template, template_names

    for name in template_names():
        for language in ("en", "es"):
            items = pr.sample_interventions(name, language)
            journey = template(name, language)
            assert len(items) >= 5
            for item in items:
                assert not item.check(journey)
                assert item.scenario.apply(journey) != journey
    with pytest.raises(NotFound, match="no sample interventions for template 'servce_cycle' in 'en' \\(did you mean"):
        pr.sample_interventions("servce_cycle")


def test_interventions_compare_as_equal_values():
    a = pr.Intervention("A", [jm.set_capacity("call", 3)], effort=2)
    assert a == pr.Intervention("A", jm.Scenario("A", [jm.set_capacity("call", 3)]), effort=2)
    assert np.isclose(a.effort, 2.0) and a.cost is None
