"""The analysis module against chains whose answers are worked out by hand."""

from __future__ import annotations

import json

import pytest

from journeymap.analysis import analyze, edge_flow, expected_visits, goal_probability
from journeymap.errors import JourneyError, NotFound
from journeymap.model import Arrival, Exponential, Journey, RatePeriod, Stage, Touchpoint, Transition, mean_arrival_rate


def chain(*touchpoints: Touchpoint, arrivals: tuple[Arrival, ...] = (), unit: str = "minute") -> Journey:
    return Journey("hand", (Stage("s"),), touchpoints, arrivals, time_unit=unit)


def tp(id: str, *routes: tuple[str, float], **fields: object) -> Touchpoint:
    return Touchpoint(id, stage="s", next=tuple(Transition(t, p) for t, p in routes), **fields)


def test_straight_line_loses_customers_at_each_step() -> None:
    journey = chain(tp("a", ("b", 0.8)), tp("b", ("c", 0.5)), tp("c"), arrivals=(Arrival("a", rate=1.0),))
    table = analyze(journey).touchpoints
    assert table["expected_visits"].tolist() == pytest.approx([1.0, 0.8, 0.4])
    assert table["reach_probability"].tolist() == pytest.approx([1.0, 0.8, 0.4])
    assert table["drop_off"].tolist() == pytest.approx([0.2, 0.4, 0.4])


def test_feedback_loop_visits_follow_the_geometric_series() -> None:
    # a -> b always; from b: back to a 0.3, on to c 0.6, leave 0.1.
    journey = chain(tp("a", ("b", 1.0)), tp("b", ("a", 0.3), ("c", 0.6)), tp("c", goal=True))
    visits = expected_visits(journey)
    assert visits["a"] == pytest.approx(1 / 0.7)
    assert visits["b"] == pytest.approx(1 / 0.7)
    assert visits["c"] == pytest.approx(0.6 / 0.7)
    table = analyze(journey).touchpoints
    assert table.loc["c", "reach_probability"] == pytest.approx(0.6 / 0.7)
    assert table["drop_off"].sum() == pytest.approx(1.0)
    assert goal_probability(journey) == pytest.approx(0.6 / 0.7)


def test_goal_inside_a_loop_is_counted_once() -> None:
    # b is a goal that customers pass up to many times; the probability of reaching it is still 1.
    journey = chain(tp("a", ("b", 1.0)), tp("b", ("a", 0.5), goal=True))
    assert expected_visits(journey)["b"] == pytest.approx(2.0)
    assert goal_probability(journey) == pytest.approx(1.0)


def test_reach_probability_differs_from_visits_when_customers_return() -> None:
    # x -> y 0.5; y -> x 0.5: y is reached with probability 0.5 but visited 2/3 times on average.
    journey = chain(tp("x", ("y", 0.5)), tp("y", ("x", 0.5)))
    table = analyze(journey).touchpoints
    assert table.loc["y", "expected_visits"] == pytest.approx(2 / 3)
    assert table.loc["y", "reach_probability"] == pytest.approx(0.5)
    assert table.loc["x", "reach_probability"] == pytest.approx(1.0)


def test_two_entry_points_are_weighted_by_their_rates() -> None:
    journey = chain(
        tp("web", ("agent", 0.5)),
        tp("phone", ("agent", 1.0)),
        tp("agent"),
        arrivals=(Arrival("web", rate=1.0), Arrival("phone", rate=3.0)),
    )
    visits = expected_visits(journey)
    assert visits == pytest.approx({"web": 0.25, "phone": 0.75, "agent": 0.25 * 0.5 + 0.75})


def test_offered_load_is_rate_times_visits_times_service_over_capacity() -> None:
    journey = chain(
        tp("a", ("b", 1.0), capacity=2, service_time=Exponential(2.0)),
        tp("b", ("a", 0.3), capacity=1, service_time=Exponential(1.0)),
        tp("self_service", service_time=Exponential(5.0)),
        arrivals=(Arrival("a", rate=0.5),),
    )
    result = analyze(journey)
    visits = 1 / 0.7
    assert result.touchpoints.loc["a", "offered_load"] == pytest.approx(0.5 * visits * 2.0 / 2)
    assert result.touchpoints.loc["b", "offered_load"] == pytest.approx(0.5 * visits * 1.0 / 1)
    assert result.touchpoints.loc["self_service", "offered_load"] == 0.0  # unlimited capacity never queues
    assert result.overloaded == []


def test_overloaded_touchpoints_are_flagged_at_load_one() -> None:
    journey = chain(tp("a", capacity=1, service_time=Exponential(2.0)), arrivals=(Arrival("a", rate=0.5),))
    assert analyze(journey).overloaded == ["a"]


def test_daily_schedule_is_averaged_over_the_day() -> None:
    # closed until 8 h, 12 per hour until 20 h, then the first period's rate (0) until midnight
    schedule = (RatePeriod(8.0, 0.0), RatePeriod(20.0, 12.0))
    journey = chain(tp("a"), arrivals=(Arrival("a", schedule=schedule),), unit="hour")
    assert mean_arrival_rate(journey) == {"a": pytest.approx(12 * 12 / 24)}


def test_without_arrivals_customers_are_taken_to_start_at_the_first_touchpoint() -> None:
    journey = chain(tp("first", ("second", 0.4)), tp("second"))
    assert expected_visits(journey) == pytest.approx({"first": 1.0, "second": 0.4})


def test_moments_of_truth_are_counted_per_visit() -> None:
    journey = chain(tp("a", ("b", 1.0), moment_of_truth=True), tp("b", ("a", 0.5), moment_of_truth=True))
    # a and b are each visited 2 times on average
    assert analyze(journey).expected_moments_of_truth == pytest.approx(4.0)


def test_edge_flow_is_visits_times_probability() -> None:
    journey = chain(tp("a", ("b", 1.0)), tp("b", ("a", 0.5)))
    assert edge_flow(journey) == pytest.approx({("a", "b"): 2.0, ("b", "a"): 1.0})


def test_a_loop_without_exit_is_an_error_naming_the_loop() -> None:
    journey = chain(tp("start", ("ping", 1.0)), tp("ping", ("pong", 1.0)), tp("pong", ("ping", 1.0)))
    with pytest.raises(JourneyError, match="routing loop that customers can never leave: ping → pong"):
        analyze(journey)


def test_metric_and_json_document() -> None:
    journey = chain(tp("a", ("b", 0.5)), tp("b", goal=True), arrivals=(Arrival("a", rate=2.0),))
    result = analyze(journey)
    assert result.metric("expected_visits") == pytest.approx({"a": 1.0, "b": 0.5})
    with pytest.raises(NotFound, match="did you mean 'offered_load'"):
        result.metric("offered_lod")
    document = json.loads(json.dumps(result.to_dict()))
    assert document["goal_probability"] == pytest.approx(0.5)
    assert set(document["touchpoints"]["b"]) >= {"expected_visits", "reach_probability", "offered_load"}
    assert document["touchpoints"]["b"]["moment_of_truth"] is False
