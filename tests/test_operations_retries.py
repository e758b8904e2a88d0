"""Retries (callbacks and redials): the file format, validation, and the simulation against the fixed
point of arrivals + retries."""

from __future__ import annotations

import pytest

import journeymap as jm
from journeymap.analysis.queueing import retry_fixed_point
from journeymap.model import Arrival, Exponential, Journey, Retry, Stage, Touchpoint

RETRY_FILE = """\
journeymap: 1
title: Callbacks
time_unit: minute
stages: [{id: s}]
touchpoints:
  - id: phone
    stage: s
    capacity: 3
    service_time: {dist: exponential, mean: 4}
    patience: {dist: exponential, mean: 5}
    retry: {p: 0.6, delay: {dist: exponential, mean: 30 min}}
    goal: true
arrivals:
  - {touchpoint: phone, rate: 50/h}
"""


def test_a_retry_reads_into_the_model_and_writes_back_the_same():
    journey = jm.loads(RETRY_FILE)
    assert journey.touchpoint("phone").retry == Retry(0.6, Exponential(30.0))
    assert jm.loads(jm.dumps(journey)) == journey


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    patience: {dist: exponential, mean: 5}\n", "",
     "touchpoints[0].retry: 'retry' needs a 'patience': only customers who give up waiting come back"),
    ("{p: 0.6,", "{p: 1.6,", "touchpoints[0].retry.p: 'p' must be between 0 and 1 (got 1.6)"),
    ("delay: {dist", "dealy: {dist", "touchpoints[0].retry.dealy: unknown key 'dealy' (did you mean 'delay'?)"),
    ("mean: 30 min}", "mean: -30 min}", "touchpoints[0].retry.delay.mean: 'mean' must be positive (got -30)"),
])
def test_bad_retries_are_reported_with_their_field(old, new, expected):
    assert old in RETRY_FILE
    messages = [f"{i.path}: {i.message}" for i in jm.io.check(RETRY_FILE.replace(old, new)).issues if i.is_error]
    assert any(message.startswith(expected) for message in messages), messages


def test_retries_come_back_as_the_same_customers_and_raise_the_offered_load_to_the_fixed_point():
    journey = jm.loads(RETRY_FILE)
    with pytest.warns(jm.simulation.OverloadWarning):
        result = jm.simulate(journey, customers=20_000, replications=10, seed=5, warmup=600)
    for stats in result.stats:  # every visit is a new customer or a retry, exactly
        touchpoint = dict(zip(stats.touchpoint_ids, stats.touchpoints["arrivals"], strict=True))
        retries = dict(zip(stats.touchpoint_ids, stats.touchpoints["retries"], strict=True))
        assert touchpoint["phone"] == stats.arrived + retries["phone"]
        assert stats.lost + stats.goal == stats.completed  # those who retried were not lost on the way
    rate = 50 / 60
    total, figures = retry_fixed_point(rate, 4.0, 3, 5.0, 0.6)
    assert total > 1.2 * rate  # the retries add a fifth and more to the offered load
    visits = result.touchpoints_ci.loc[("phone", "visit_rate")]
    assert visits["ci_low"] <= total <= visits["ci_high"], (total, visits.to_dict())
    # a customer is lost when they abandon and do not come back: (1 − p) of the abandoned attempts
    lost = result.kpis.loc["abandonment_rate"]
    assert lost["ci_low"] <= total * figures.abandonment * 0.4 / rate <= lost["ci_high"]
    assert result.touchpoints.loc["phone", "retries"] > 1000


def test_without_retry_the_customers_who_abandon_are_lost_and_nobody_retries():
    journey = jm.loads(RETRY_FILE).update_touchpoint("phone", retry=None)
    with pytest.warns(jm.simulation.OverloadWarning):
        result = jm.simulate(journey, customers=3_000, replications=2, seed=5, warmup=100)
    assert result.touchpoints.loc["phone", "retries"] == 0
    assert result.touchpoints.loc["phone", "arrivals"] == result.kpis.loc["arrived", "mean"]


def test_a_retry_that_always_comes_back_loses_nobody_and_a_seed_gives_the_same_numbers():
    tp = Touchpoint("q", stage="s", capacity=1, service_time=Exponential(1.0), patience=Exponential(0.5),
                    retry=Retry(1.0, Exponential(5.0)), goal=True)
    journey = Journey("always", stages=(Stage("s"),), touchpoints=(tp,), arrivals=(Arrival("q", rate=0.5),))
    first = jm.simulate(journey, customers=2_000, replications=2, seed=3, warmup=10)
    assert first.kpis.loc["abandonment_rate", "mean"] == 0
    assert first.kpis.loc["goal_rate", "mean"] == 1
    assert first.to_dict() == jm.simulate(journey, customers=2_000, replications=2, seed=3, warmup=10).to_dict()


def test_the_analysis_counts_the_retries_in_the_arrivals_and_only_the_others_as_lost():
    """The analysis solves the same fixed point without simulating: the phone's arrival rate with the
    retries, its Erlang A abandonment there, and a goal lost only by those who do not come back."""
    journey = jm.loads(RETRY_FILE)
    rate = 50 / 60
    total, figures = retry_fixed_point(rate, 4.0, 3, 5.0, 0.6)
    analysis = jm.analyze(journey)
    row = analysis.touchpoints.loc["phone"]
    assert row["served_rate"] == pytest.approx(total, rel=1e-9)
    assert row["abandonment"] == pytest.approx(figures.abandonment, rel=1e-9)
    assert analysis.goal_probability == pytest.approx(1 - total * figures.abandonment * 0.4 / rate, rel=1e-9)
    without = jm.analyze(journey.update_touchpoint("phone", retry=None))
    assert without.touchpoints.loc["phone", "served_rate"] == pytest.approx(rate)
    assert without.goal_probability < analysis.goal_probability
    # the time in the cycle adds the retries' half-hour delays
    assert analysis.time_in_cycle > without.time_in_cycle + total * figures.abandonment * 0.6 * 30 / rate * 0.9
