"""Invariants that hold for every journey, on random journeys (Hypothesis), and the seeding rules."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from journeymap.analysis import analyze
from journeymap.model import Arrival, Constant, Exponential, Journey, Stage, Touchpoint, Transition, Uniform
from journeymap.simulation import run_replication, simulate

STAGES = ("first", "second")


@st.composite
def journeys(draw: st.DrawFn) -> Journey:
    """Two to five touchpoints with random routing (loops allowed, always a way out), capacities,
    service times, patience, delays and goals."""
    n = draw(st.integers(2, 5))
    ids = [f"t{k}" for k in range(n)]
    touchpoints = []
    for k, tp_id in enumerate(ids):
        targets = draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
        shares = [draw(st.floats(0.05, 1.0)) for _ in targets]
        scale = draw(st.floats(0.3, 0.9)) / max(sum(shares), 1e-9)  # leave the cycle with probability ≥ 0.1
        routes = tuple(
            Transition(target, share * scale, delay=draw(st.sampled_from([None, Constant(0.5), Exponential(2.0)])))
            for target, share in zip(targets, shares, strict=True)
        )
        capacity = draw(st.sampled_from([None, 1, 2, 3]))
        touchpoints.append(Touchpoint(
            tp_id, stage=STAGES[k % 2], capacity=capacity, goal=draw(st.booleans()),
            moment_of_truth=draw(st.booleans()),
            service_time=draw(st.sampled_from([None, Exponential(0.5), Uniform(0.2, 1.0), Constant(0.7)])),
            patience=draw(st.sampled_from([None, Exponential(1.0)])) if capacity else None,
            next=routes,
        ))
    rate = draw(st.floats(0.2, 1.5))
    return Journey("random", stages=tuple(Stage(s) for s in STAGES), touchpoints=tuple(touchpoints),
                   arrivals=(Arrival(ids[0], rate=rate),))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys(), st.integers(0, 2**32 - 1))
def test_every_customer_is_counted_once(journey: Journey, seed: int) -> None:
    stats = run_replication(journey, seed=seed, until=150.0, warmup=10.0)
    kpis = stats.kpis()
    assert kpis["arrived"] == kpis["completed"] + kpis["in_progress"]
    both = stats.goal + stats.lost + stats.dropped - stats.completed  # reached a goal, then abandoned later
    assert 0 <= both <= min(stats.goal, stats.lost)
    assert stats.stages["left"].sum() == stats.completed
    assert stats.stages["abandoned"].sum() == stats.lost
    assert sum(stats.paths.values()) + stats.paths_beyond == stats.completed  # every path counted exactly
    tp = stats.touchpoints
    assert (tp["served"] + tp["abandoned"] <= tp["arrivals"]).all()
    assert (tp["wait_count"] <= tp["arrivals"]).all()
    assert tp["abandoned"].sum() == stats.lost
    table = stats.touchpoint_metrics()
    assert (table["utilization"].dropna() <= 1 + 1e-9).all()
    assert (table["mean_queue"] <= table["max_queue"] + 1e-9).all()
    assert (table["p50_wait"].dropna() <= table["p90_wait"].dropna() + 1e-12).all()
    for name in ("mean_wait", "mean_time", "abandonment_rate"):
        assert (table[name].dropna() >= 0).all()
    if stats.completed:
        assert math.isfinite(kpis["mean_time_in_cycle"]) and kpis["mean_time_in_cycle"] >= 0


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys(), st.integers(0, 2**32 - 1), st.integers(1, 300))
def test_the_cohort_rule_follows_every_member_out(journey: Journey, seed: int, customers: int) -> None:
    """Nothing is censored: the cohort all leave, and each per-customer count covers exactly them. (A journey
    with an overloaded queue and no patience has no steady state: its cohort may never drain, and the run is
    stopped with a RunawayError instead, as tests/test_simulate_limits.py checks.)"""
    assume(analyze(journey).stability.is_stable)
    stats = run_replication(journey, seed=seed, customers=customers, warmup=5.0)
    assert stats.arrived == stats.completed == customers
    assert stats.kpis()["in_progress"] == 0 and stats.kpis()["in_progress_share"] == 0
    assert stats.stages["left"].sum() == customers
    assert sum(stats.paths.values()) + stats.paths_beyond == customers
    assert stats.time_counts.sum() + stats.time_zeros == customers


@settings(max_examples=10, deadline=None)
@given(journeys())
def test_a_run_is_a_function_of_its_seed(journey: Journey) -> None:
    first = run_replication(journey, seed=7, customers=150)
    again = run_replication(journey, seed=7, customers=150)
    np.testing.assert_equal(first.kpis(), again.kpis())  # NaN equals NaN here
    pd.testing.assert_frame_equal(first.touchpoint_metrics(), again.touchpoint_metrics())


def simple() -> Journey:
    tp = Touchpoint("q", stage="s", capacity=1, service_time=Exponential(0.5))
    return Journey("q", stages=(Stage("s"),), touchpoints=(tp,), arrivals=(Arrival("q", rate=1.0),))


def test_replications_use_the_spawned_seeds() -> None:
    result = simulate(simple(), customers=100, replications=3, seed=12)
    for stats, child in zip(result.stats, np.random.SeedSequence(12).spawn(3), strict=True):
        assert stats.seed == (child.entropy, tuple(child.spawn_key))


def test_the_same_seed_sequence_twice_gives_the_same_run() -> None:
    sequence = np.random.SeedSequence(99)
    first = simulate(simple(), customers=100, replications=2, seed=sequence)
    again = simulate(simple(), customers=100, replications=2, seed=sequence)
    pd.testing.assert_frame_equal(first.replications, again.replications)


def test_a_run_without_seed_records_the_entropy_it_used() -> None:
    fresh = simulate(simple(), customers=100, replications=2, seed=None)
    assert isinstance(fresh.seed, int) and fresh.seed > 2**64
    repeated = simulate(simple(), customers=100, replications=2, seed=fresh.seed)
    pd.testing.assert_frame_equal(fresh.replications, repeated.replications)
