"""The engine's exact behaviour: timelines checked against an independent hand computation on the same
random streams (each customer's own draws), conservation of customers, stopping rules, warm-up,
routing, reproducibility, common random numbers."""

from __future__ import annotations

import heapq
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd
import pytest

from journeymap.model import Arrival, Constant, Exponential, Journey, Stage, Touchpoint, Transition
from journeymap.simulation import run_replication, simulate
from journeymap.simulation.arrivals import arrival_sources
from journeymap.simulation.draws import customer_values
from journeymap.simulation.streams import ARRIVAL, PATIENCE, SERVICE, TOUCHPOINT, Streams, stable_key

pytestmark = pytest.mark.filterwarnings("ignore::journeymap.errors.RunWarning")  # until= runs leave a few inside


def one_queue(servers: int, *, rate: float = 1.0, service: float = 1.5, patience: float | None = None) -> Journey:
    tp = Touchpoint("q", name="Queue", stage="s", owner="desk", capacity=servers, service_time=Exponential(service),
                    patience=Exponential(patience) if patience else None)
    return Journey("one queue", stages=(Stage("s"),), touchpoints=(tp,), arrivals=(Arrival("q", rate=rate),))


def hand_timeline(journey: Journey, seed: int, servers: int, rate: float, service: float, patience: float | None,
                  until: float) -> set[tuple[str, str, float]]:
    """FCFS with ``servers`` servers and abandonment, computed customer by customer (Lindley style)
    from the draws the engine is documented to give each customer (its own service time and patience,
    whatever order it reaches a server in)."""
    child = np.random.SeedSequence(seed).spawn(1)[0]  # simulate() spawns one child per replication
    streams = Streams(child)
    key = stable_key("q")
    source = arrival_sources(journey)[0]
    arrivals = np.cumsum(streams.generator(ARRIVAL, key, 0, 0).exponential(1 / rate, 8192))
    services = customer_values(child, (TOUCHPOINT, key, SERVICE), Exponential(service).sample, source, 8192)
    patiences = customer_values(child, (TOUCHPOINT, key, PATIENCE), Exponential(patience or 1.0).sample, source, 8192)
    free = [0.0] * servers
    events = set()
    for number, arrived in enumerate(arrivals[arrivals < until], start=1):
        case = f"C{number}"
        events.add((case, "enqueue", round(arrived, 9)))
        start = max(arrived, free[0])
        if start > arrived and patience is not None and start - arrived > patiences[number - 1]:
            events.add((case, "abandon", round(arrived + patiences[number - 1], 9)))
            continue
        heapq.heapreplace(free, start + services[number - 1])
        events.add((case, "start", round(start, 9)))
        events.add((case, "complete", round(start + services[number - 1], 9)))
    return {event for event in events if event[2] < until}


def engine_timeline(journey: Journey, seed: int, until: float) -> set[tuple[str, str, float]]:
    result = simulate(journey, until=until, seed=seed, events=True, replications=1, warmup=0)
    log = result.events
    return {(c, t, round(x, 9)) for c, t, x in zip(log["case:concept:name"], log["lifecycle:transition"], log["time"],
                                                   strict=True)}


@pytest.mark.filterwarnings("ignore::journeymap.simulation.OverloadWarning")  # 2 servers, patience: load 1.2
@pytest.mark.parametrize(("servers", "patience"), [(1, None), (3, None), (2, 0.8)])
def test_timeline_matches_the_hand_computation(servers: int, patience: float | None) -> None:
    rate = 1.6 if servers > 1 else 0.6
    journey = one_queue(servers, rate=rate, patience=patience)
    expected = hand_timeline(journey, 11, servers, rate, 1.5, patience, until=400.0)
    assert engine_timeline(journey, 11, until=400.0) == expected
    assert len(expected) > 400
    if patience:
        assert any(kind == "abandon" for _, kind, _ in expected)


def test_the_customers_rule_follows_a_cohort_until_every_member_has_left() -> None:
    stats = run_replication(one_queue(2, rate=1.2), seed=3, customers=500)
    kpis = stats.kpis()
    assert stats.arrived == stats.completed == 500
    assert kpis["in_progress"] == 0
    assert stats.touchpoints["served"][0] == 500
    assert stats.touchpoints["arrivals"][0] == 500  # only the cohort's visits are counted
    assert stats.departures > 500  # the customers after the cohort kept the queue realistic and left too


def test_until_stops_at_the_horizon_and_counts_who_is_inside() -> None:
    journey = one_queue(1, rate=0.9)  # heavily loaded: many inside at the end
    stats = run_replication(journey, seed=5, until=200.0)
    assert stats.end == 200.0
    inside = stats.arrived - stats.completed
    assert inside == stats.touchpoints["arrivals"][0] - stats.touchpoints["served"][0]
    assert inside > 0


def test_warmup_leaves_out_customers_who_arrived_before_it() -> None:
    entry = Touchpoint("door", stage="s", next=(Transition("q", 1.0),))
    journey = one_queue(2, rate=1.0)
    journey = journey.replace(touchpoints=(entry, *journey.touchpoints), arrivals=(Arrival("door", rate=1.0),))
    result = simulate(journey, until=300.0, warmup=100.0, seed=2, events=True, replications=1)
    log = result.events
    first = log.groupby("case:concept:name")["time"].min()
    assert first.min() >= 100.0
    assert len(first) == result.kpis.loc["arrived", "mean"]  # every included customer appears in the log
    stats = result.stats[0]
    assert stats.start == 100.0 and stats.duration == 200.0


def test_instantaneous_touchpoints_with_a_delay_take_exactly_the_delay() -> None:
    a = Touchpoint("a", stage="s", next=(Transition("b", 1.0, delay=Constant(5.0)),))
    b = Touchpoint("b", stage="s", goal=True)
    journey = Journey("delay", stages=(Stage("s"),), touchpoints=(a, b), arrivals=(Arrival("a", rate=2.0),))
    result = simulate(journey, customers=300, seed=1)
    kpis = result.kpis["mean"]
    assert kpis["mean_time_in_cycle"] == pytest.approx(5.0)
    assert kpis["p90_time_in_cycle"] == pytest.approx(5.0)
    assert kpis["goal_rate"] == 1.0
    assert result.touchpoints.loc["a", "mean_wait"] == 0.0


def test_long_loops_of_instantaneous_touchpoints_do_not_recurse() -> None:
    a = Touchpoint("a", stage="s", next=(Transition("a", 0.995),))
    journey = Journey("loop", stages=(Stage("s"),), touchpoints=(a,), arrivals=(Arrival("a", rate=1.0),))
    stats = run_replication(journey, seed=8, customers=200)
    assert stats.touchpoints["arrivals"][0] / stats.arrived == pytest.approx(200, rel=0.25)
    assert any(path[-1] == "…" for path in stats.paths)


def branching() -> Journey:
    """Two stages: a → (b: 70% | c: 30%); b is the goal, c has impatient customers."""
    a = Touchpoint("a", stage="in", capacity=2, service_time=Exponential(0.5),
                   next=(Transition("b", 0.7), Transition("c", 0.3)))
    b = Touchpoint("b", stage="out", service_time=Exponential(2.0), goal=True, moment_of_truth=True)
    c = Touchpoint("c", stage="out", capacity=1, service_time=Exponential(1.2), patience=Exponential(1.0))
    return Journey("branching", stages=(Stage("in"), Stage("out")), touchpoints=(a, b, c),
                   arrivals=(Arrival("a", rate=2.0),))


def test_every_customer_is_accounted_for() -> None:
    stats = run_replication(branching(), seed=4, until=2000.0)
    assert stats.goal + stats.lost + stats.dropped == stats.completed
    assert stats.stages["left"].sum() == stats.completed
    assert stats.stages["abandoned"].tolist() == [0, stats.lost]
    tp = stats.touchpoints
    assert (tp["served"] + tp["abandoned"] <= tp["arrivals"]).all()
    assert tp["abandoned"][2] == stats.lost
    assert stats.stages["entered"][0] == stats.arrived
    assert sum(stats.paths.values()) == stats.completed
    assert set(stats.paths) == {("a", "b"), ("a", "c")}
    assert stats.moments == stats.paths[("a", "b")]  # b is the only moment of truth, visited once


def test_same_seed_same_numbers_and_other_seeds_differ() -> None:
    first = simulate(branching(), customers=2000, replications=3, seed=21)
    again = simulate(branching(), customers=2000, replications=3, seed=21)
    other = simulate(branching(), customers=2000, replications=3, seed=22)
    pd.testing.assert_frame_equal(first.replications, again.replications)
    pd.testing.assert_frame_equal(first.touchpoints, again.touchpoints)
    assert not first.replications.equals(other.replications)
    assert first.replications["mean_time_in_cycle"].nunique() == 3  # replications are independent


def test_an_executor_gives_the_same_numbers_bit_for_bit() -> None:
    serial = simulate(branching(), customers=1500, replications=4, seed=9)
    with ProcessPoolExecutor(max_workers=2) as pool:
        spread = simulate(branching(), customers=1500, replications=4, seed=9, executor=pool)
    pd.testing.assert_frame_equal(serial.replications, spread.replications, check_exact=True)
    pd.testing.assert_frame_equal(serial.touchpoints, spread.touchpoints, check_exact=True)


def test_changing_one_touchpoint_keeps_every_customers_own_draws() -> None:
    """Common random numbers pair customers: more servers at a reorder who starts service when, yet
    every customer keeps their arrival, their route and their own service times everywhere."""
    base = branching()
    changed = base.update_touchpoint("a", capacity=4).update_touchpoint("c", capacity=3)
    logs = [simulate(j, until=300.0, seed=5, events=True, replications=1, warmup=0).events for j in (base, changed)]

    def arrivals(log: pd.DataFrame) -> pd.Series:
        return log[log["touchpoint"] == "a"].groupby("case:concept:name")["time"].min()

    def services(log: pd.DataFrame, tp: str) -> pd.Series:
        rows = log[log["touchpoint"] == tp].pivot_table(index="case:concept:name", columns="lifecycle:transition",
                                                         values="time")
        return (rows["complete"] - rows["start"]).dropna().round(9)

    pd.testing.assert_series_equal(arrivals(logs[0]), arrivals(logs[1]))
    order = [services(log, "a").index for log in logs]
    starts = [log[(log["touchpoint"] == "b") & (log["lifecycle:transition"] == "start")]["case:concept:name"].tolist()
              for log in logs]
    assert starts[0] != starts[1]  # the order customers reach b differs...
    for tp in ("a", "b"):  # ...yet each customer served in both runs took the same time there
        first, second = services(logs[0], tp), services(logs[1], tp)
        both = first.index.intersection(second.index)
        assert len(both) > 100 and len(order[0]) > 100
        pd.testing.assert_series_equal(first[both], second[both])
    done = set(order[0]).intersection(order[1])  # served at a in both runs
    went = [set(log[log["touchpoint"] == "b"]["case:concept:name"]) & done for log in logs]
    assert went[0] == went[1] and 0 < len(went[0]) < len(done)  # the same route: the routing choice is theirs too
    abandons = [log[(log["touchpoint"] == "c") & (log["lifecycle:transition"] == "abandon")] for log in logs]
    assert len(abandons[1]) < len(abandons[0])


def test_with_both_rules_the_first_one_reached_stops_the_run() -> None:
    journey = one_queue(2, rate=1.0)
    by_time = run_replication(journey, seed=1, customers=10**6, until=50.0)
    by_customers = run_replication(journey, seed=1, customers=5, until=10**6)
    assert by_time.end == 50.0 and by_time.completed < 10**6
    assert by_customers.completed == 5 and by_customers.end < 50.0
