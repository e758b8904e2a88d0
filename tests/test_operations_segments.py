"""Customer segments: the file format, validation, and the simulation against queueing theory (two
priority classes at an M/M/1 queue wait as Cobham's formula says, class by class)."""

from __future__ import annotations

import json

import numpy as np
import pytest

import journeymap as jm
from journeymap.model import Arrival, Exponential, Journey, Segment, Stage, Touchpoint, Transition

SEGMENT_FILE = """\
journeymap: 1
title: Support
time_unit: minute
stages: [{id: s}]
segments:
  - {id: business, name: Business, share: 0.3, priority: 0, patience_factor: 2}
  - {id: consumer, name: Consumer, share: 0.7, priority: 1}
touchpoints:
  - id: desk
    stage: s
    capacity: 1
    service_time: {dist: exponential, mean: 1}
    next: {survey: 0.2}
    next_by_segment:
      business: {account_manager: 1}
    satisfaction_by_segment: {business: 3.4, consumer: 4.1}
  - {id: account_manager, stage: s, goal: true}
  - {id: survey, stage: s, goal: true}
arrivals:
  - {touchpoint: desk, rate: 0.8}
  - {touchpoint: desk, rate: 0.1, segment: business}
"""


def two_classes(rate: float, urgent_share: float) -> Journey:
    return Journey(
        "two classes", stages=(Stage("s"),),
        segments=(Segment("urgent", share=urgent_share, priority=0),
                  Segment("normal", share=1 - urgent_share, priority=1)),
        touchpoints=(Touchpoint("q", stage="s", capacity=1, service_time=Exponential(1.0), goal=True),),
        arrivals=(Arrival("q", rate=rate),),
    )


def test_a_segment_file_reads_into_the_model_and_writes_back_the_same():
    journey = jm.loads(SEGMENT_FILE)
    assert journey.segments[0] == Segment("business", name="Business", share=0.3, priority=0, patience_factor=2)
    desk = journey.touchpoint("desk")
    assert desk.next_by_segment == {"business": (Transition("account_manager", 1),)}
    assert desk.satisfaction_by_segment == {"business": 3.4, "consumer": 4.1}
    assert journey.arrivals[1].segment == "business"
    assert jm.loads(jm.dumps(journey)) == journey
    assert not [issue for issue in jm.validate(journey) if issue.is_error]


def _messages(text: str) -> list[str]:
    return [f"{issue.path}: {issue.message}" for issue in jm.io.check(text).issues if issue.is_error]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("share: 0.3,", "share: 0.4,", "segments: the segments' shares sum to 1.1, not 1 (they split every arrival "
                                   "that names no segment)"),
    ("priority: 1}", "priority: 1.5}", "segments[1].priority: 'priority' must be an integer, the smaller served "
                                       "first (got 1.5)"),
    ("      business: {account", "      busines: {account",
     "touchpoints[0].next_by_segment.busines: unknown segment 'busines' (did you mean 'business'?)"),
    ("segment: business}", "segment: bussiness}", "arrivals[1].segment: unknown segment 'bussiness' (did you mean "
                                                  "'business'?)"),
    ("business: {account_manager: 1}", "business: {acount_manager: 1}",
     "touchpoints[0].next_by_segment.business.acount_manager: unknown touchpoint 'acount_manager' (did you mean "
     "'account_manager'?)"),
    ("consumer: 4.1}", "consumer: 7}", "touchpoints[0].satisfaction_by_segment.consumer: 'satisfaction' must be "
                                       "between 1 and 5 (got 7)"),
    ("patience_factor: 2}", "patience_factr: 2}", "segments[0].patience_factr: unknown key 'patience_factr' (did you "
                                                  "mean 'patience_factor'?)"),
])
def test_bad_segments_are_reported_with_their_field_and_a_did_you_mean(old, new, expected):
    assert old in SEGMENT_FILE
    assert expected in _messages(SEGMENT_FILE.replace(old, new))


def test_two_priority_classes_at_an_mm1_queue_wait_as_cobham_s_formula_says():
    rate, urgent_share = 0.8, 0.3
    result = jm.simulate(two_classes(rate, urgent_share), customers=20_000, replications=10, seed=3, warmup=500)
    rho_urgent, rho = rate * urgent_share, rate  # service rate 1
    residual = rate * 2.0 / 2  # W0 = Σ λ E[S²] / 2, E[S²] = 2 for exponential service of mean 1
    exact = {"urgent": residual / (1 - rho_urgent), "normal": residual / ((1 - rho_urgent) * (1 - rho))}
    for segment, wait in exact.items():
        row = result.segments[segment].touchpoints_ci.loc[("q", "mean_wait")]
        assert row["ci_low"] <= wait <= row["ci_high"], (segment, wait, row.to_dict())
    overall = result.touchpoints_ci.loc[("q", "mean_wait")]
    assert overall["ci_low"] <= rho / (1 - rho) <= overall["ci_high"]  # the M/M/1 wait, priorities or not
    difference = result.segment_difference("normal", "urgent").loc["mean_time_in_cycle"]
    assert difference["ci_low"] > 3.5  # the consumers wait about 4.2 minutes longer, with a paired interval
    assert difference["ci_low"] <= exact["normal"] - exact["urgent"] <= difference["ci_high"]


def test_shares_split_the_arrivals_and_an_arrival_that_names_a_segment_brings_only_that_segment():
    journey = jm.loads(SEGMENT_FILE)
    result = jm.simulate(journey, customers=20_000, replications=3, seed=1, warmup=100)
    business = result.segments["business"].kpis["mean"]
    consumer = result.segments["consumer"].kpis["mean"]
    assert business["arrived"] + consumer["arrived"] == result.kpis.loc["arrived", "mean"]
    expected = (0.8 * 0.3 + 0.1) / 0.9  # the split stream's share plus the business-only stream
    assert business["arrived"] / 20_000 == pytest.approx(expected, abs=0.01)
    # business customers go to their account manager, consumers on the journey's own routes
    paths = result.segments["business"].touchpoints_ci.xs("arrivals", level="metric")["mean"]
    assert paths["survey"] == 0 and paths["account_manager"] == business["arrived"]
    survey = result.segments["consumer"].touchpoints_ci.loc[("survey", "visits"), "mean"]
    assert survey == pytest.approx(0.2, abs=0.01)


def test_the_patience_factor_multiplies_each_segment_s_patience():
    journey = two_classes(1.5, 0.5).update_touchpoint("q", patience=Exponential(2.0))
    patient = journey.replace(segments=tuple(s.replace(priority=0) for s in journey.segments))
    patient = patient.replace(segments=(patient.segments[0].replace(patience_factor=10.0), patient.segments[1]))
    with pytest.warns(jm.simulation.OverloadWarning, match="patience holds the queue"):
        result = jm.simulate(patient, customers=10_000, replications=3, seed=2, warmup=100)
    urgent = result.segments["urgent"].kpis.loc["abandonment_rate", "mean"]
    normal = result.segments["normal"].kpis.loc["abandonment_rate", "mean"]
    assert urgent < normal / 3


def test_segments_come_out_in_the_json_shaped_like_the_top_level_and_a_seed_gives_the_same_numbers():
    journey = jm.loads(SEGMENT_FILE)
    first = jm.simulate(journey, customers=2_000, replications=2, seed=9).to_dict()
    again = jm.simulate(journey, customers=2_000, replications=2, seed=9).to_dict()
    assert first == again
    segments = first["segments"]
    assert set(segments) == {"business", "consumer"}
    assert set(segments["business"]["kpis"]) == set(first["kpis"])
    assert set(segments["business"]["touchpoints"]) == set(first["touchpoints"])
    assert set(segments["business"]["touchpoints"]["desk"]) == set(first["touchpoints"]["desk"])
    json.dumps(first)
    assert np.isfinite(segments["consumer"]["kpis"]["mean_time_in_cycle"]["mean"])


def test_the_segments_counts_add_up_to_the_journey_s_in_every_replication():
    result = jm.simulate(jm.loads(SEGMENT_FILE), customers=5_000, replications=2, seed=4, warmup=50)
    for stats in result.stats:
        for name in ("arrivals", "served", "abandoned", "wait_count", "wait_sum", "time_count", "time_sum"):
            by_segment = stats.segments[f"touchpoint_{name}"].sum(axis=0)
            assert np.allclose(by_segment, stats.touchpoints[name]), name
        for name in ("arrived", "completed", "goal", "lost", "dropped", "time_sum", "moments"):
            assert stats.segments[name].sum() == pytest.approx(getattr(stats, name)), name
        assert stats.segments["departures"].sum() == stats.departures
        assert stats.segments["entries"].sum() == stats.entries


def test_the_json_schema_takes_segments_and_refuses_a_priority_that_is_not_an_integer():
    jsonschema = pytest.importorskip("jsonschema")
    schema = jm.io.json_schema()
    document = jm.io.to_document(jm.loads(SEGMENT_FILE))
    jsonschema.validate(document, schema)
    document["segments"][0]["priority"] = 0.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_renaming_or_removing_a_touchpoint_carries_the_segments_own_routes_along():
    journey = jm.loads(SEGMENT_FILE)
    renamed = journey.rename_touchpoint("account_manager", "manager")
    assert renamed.touchpoint("desk").next_by_segment == {"business": (Transition("manager", 1),)}
    removed = journey.without_touchpoint("account_manager")
    assert removed.touchpoint("desk").next_by_segment == {"business": ()}


def test_the_command_line_shows_the_teams_and_segments_tables_and_their_json(tmp_path, capsys):
    from journeymap.cli import main

    team = "teams: [{id: desk_team, name: Desk, capacity: 1, cost_per_hour: 20}]\n"
    text = SEGMENT_FILE.replace("touchpoints:\n", team + "touchpoints:\n")
    text = text.replace("    capacity: 1\n", "    team: desk_team\n", 1)
    path = tmp_path / "support.yaml"
    path.write_text(text.replace("title: Support", "title: Soporte\nlanguage: es"), encoding="utf-8")
    assert main(["simulate", str(path), "--customers", "500", "--replications", "2", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "Equipos (media ± semiancho del intervalo del 95 %)" in out
    assert "Segmentos (media ± semiancho del intervalo del 95 %)" in out
    assert "horas de servidor programadas" in out and "Business" in out and "Desk" in out
    assert main(["simulate", str(path), "--customers", "500", "--replications", "2", "--seed", "1", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert set(document["segments"]) == {"business", "consumer"}
    assert document["teams"]["desk_team"]["cost"]["mean"] > 0


def test_the_analysis_mixes_the_segments_routes_by_their_share_of_the_arrivals():
    """Business customers (0.3 of 0.8, plus 0.1 of their own: 0.34 of 0.9) all go to their account manager;
    consumers reach the survey one time in five. Without queues the routing figures are exact, and the
    simulation's goal rate covers them."""
    journey = jm.loads(SEGMENT_FILE).update_touchpoint("desk", capacity=None)
    business = (0.8 * 0.3 + 0.1) / 0.9
    exact = business + (1 - business) * 0.2
    analysis = jm.analyze(journey)
    assert analysis.goal_probability_without_abandonment == pytest.approx(exact, rel=1e-12)
    assert analysis.goal_probability == pytest.approx(exact, rel=1e-12)
    table = analysis.touchpoints
    assert table.loc["account_manager", "reach_probability"] == pytest.approx(business)
    assert table.loc["survey", "expected_visits"] == pytest.approx((1 - business) * 0.2)
    assert table.loc["desk", "drop_off"] == pytest.approx((1 - business) * 0.8)
    assert table["drop_off"].sum() == pytest.approx(1.0)
    flows = jm.analysis.edge_flow(journey)
    assert flows[("desk", "account_manager")] == pytest.approx(business)
    result = jm.simulate(journey, customers=20_000, replications=5, seed=4, warmup=0)
    goal = result.kpis.loc["goal_rate"]
    assert goal["ci_low"] <= exact <= goal["ci_high"], (exact, goal.to_dict())
