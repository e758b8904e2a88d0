"""The queueing approximations of the analysis against their exact formulas, and against simulation.

Erlang C and the Erlang-A chain are checked against independent textbook computations (written out
here, not taken from the package); Allen-Cunneen against Pollaczek-Khinchine where it is exact (one
server) and against a simulation where it is an approximation (several servers); the goal probability
with abandonment against the simulation; the stability judgement and its messages word for word.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from journeymap.analysis import allen_cunneen, analyze, erlang_a, erlang_c, queue_figures, relaxation_time, stability
from journeymap.model import Arrival, Constant, Exponential, Gamma, Journey, Stage, Touchpoint, Transition
from journeymap.model.requirements import Requirement
from journeymap.simulation import simulate


def textbook_erlang_c(servers: int, load: float) -> float:
    """Probability of waiting in M/M/c with offered load ``load`` (the sum formula)."""
    head = sum(load**k / math.factorial(k) for k in range(servers))
    tail = load**servers / math.factorial(servers) * servers / (servers - load)
    return tail / (head + tail)


def chain(arrival: float, service_rate: float, servers: int, abandon_rate: float, states: int = 800) -> np.ndarray:
    """The stationary distribution of M/M/c+M by the plain product of birth-death ratios."""
    weights = [1.0]
    for n in range(1, states):
        weights.append(weights[-1] * arrival / (min(n, servers) * service_rate + max(n - servers, 0) * abandon_rate))
    return np.array(weights) / sum(weights)


@pytest.mark.parametrize(("servers", "arrival", "mean_service"), [(1, 0.8, 1.0), (3, 2.4, 1.0), (12, 10.0, 1.1)])
def test_erlang_c_is_the_textbook_formula(servers: int, arrival: float, mean_service: float) -> None:
    load = arrival * mean_service
    waiting = textbook_erlang_c(servers, load)
    figures = erlang_c(arrival, mean_service, servers, standard=0.5)
    assert figures.wait_probability == pytest.approx(waiting, rel=1e-12)
    assert figures.mean_wait == pytest.approx(waiting / (servers / mean_service - arrival), rel=1e-12)
    assert figures.service_level == pytest.approx(1 - waiting * math.exp(-(servers / mean_service - arrival) * 0.5))
    assert figures.stable and figures.abandonment == 0 and figures.method == "Erlang C"


def test_erlang_c_has_no_steady_state_at_full_load() -> None:
    figures = erlang_c(2.0, 1.0, 2)
    assert not figures.stable and figures.mean_wait == math.inf and figures.method == "Erlang C"


@pytest.mark.parametrize(("servers", "arrival", "patience"),
                         [(2, 2.0, 2.0), (2, 2.4, 2.0), (5, 7.0, 0.5), (1, 0.3, 10.0)])
def test_erlang_a_is_the_birth_death_chain(servers: int, arrival: float, patience: float) -> None:
    p = chain(arrival, 1.0, servers, 1 / patience)
    queue = float(np.sum(np.maximum(np.arange(len(p)) - servers, 0) * p))
    figures = erlang_a(arrival, 1.0, servers, patience)
    assert figures.abandonment == pytest.approx(queue / patience / arrival, rel=1e-9)
    assert figures.mean_wait == pytest.approx(queue / arrival, rel=1e-9)
    assert figures.wait_probability == pytest.approx(float(p[servers:].sum()), rel=1e-9)
    assert figures.stable and figures.method == "Erlang A"


def test_erlang_a_service_level_has_its_limits_and_meets_erlang_c_as_patience_grows() -> None:
    assert erlang_a(2.4, 1.0, 2, 2.0, standard=0.0).service_level == pytest.approx(
        1 - erlang_a(2.4, 1.0, 2, 2.0).wait_probability)  # within no time: only those served at once
    assert erlang_a(2.4, 1.0, 2, 2.0, standard=1e4).service_level == pytest.approx(
        1 - erlang_a(2.4, 1.0, 2, 2.0).abandonment)  # within forever: everybody who is served
    patient = erlang_a(1.5, 1.0, 2, 1e5, standard=1.0)
    assert patient.service_level == pytest.approx(erlang_c(1.5, 1.0, 2, standard=1.0).service_level, rel=1e-3)


def test_allen_cunneen_is_exact_for_one_server_and_marked_as_an_approximation() -> None:
    """M/D/1: the factor (1 + 0) / 2 turns the M/M/1 wait into Pollaczek-Khinchine's exactly."""
    assert allen_cunneen(0.0) == 0.5 and allen_cunneen(1.0) == 1.0
    figures = queue_figures(0.7, 1.0, 0.0, 1, None, service_is_exponential=False)
    assert figures.mean_wait == pytest.approx(0.7 * 1.0 / (2 * (1 - 0.7)))  # λ E[S²] / 2(1-ρ)
    assert figures.method == "Erlang C × Allen-Cunneen"


def test_allen_cunneen_is_close_to_the_simulation_with_several_servers() -> None:
    tp = Touchpoint("q", stage="s", capacity=3, service_time=Gamma(1.0, 0.5))  # cs² = 0.25
    journey = Journey("m/g/3", stages=(Stage("s"),), touchpoints=(tp,), arrivals=(Arrival("q", rate=2.4),))
    approximate = analyze(journey).touchpoints.loc["q", "mean_wait"]
    result = simulate(journey, customers=20_000, replications=10, seed=2, warmup=300)
    simulated = result.touchpoints.loc["q", "mean_wait"]
    assert approximate == pytest.approx(simulated, rel=0.10)  # an approximation: within 10%, and named as one


def shop(patience: float | None = 3.0) -> Journey:
    """An ad leads to a call centre (2 agents, impatient callers) and a purchase (the goal)."""
    call = Touchpoint("call", stage="buy", capacity=2, service_time=Exponential(4.0),
                      patience=Exponential(patience) if patience else None, next=(Transition("buy", 0.6),),
                      requirements=(Requirement("Answered within 2 minutes", {"wait": 2.0}),))
    tps = (Touchpoint("ad", stage="buy", next=(Transition("call", 0.8),)), call,
           Touchpoint("buy", stage="buy", service_time=Exponential(1.0), goal=True))
    return Journey("shop", stages=(Stage("buy"),), touchpoints=tps, arrivals=(Arrival("ad", rate=0.5),))


def test_the_analysis_table_marks_every_figure_with_its_method() -> None:
    analysis = analyze(shop())
    table = analysis.touchpoints
    assert table["method"].tolist() == ["no queue", "Erlang A", "no queue"]
    exact = erlang_a(0.4, 4.0, 2, 3.0, standard=2.0)
    assert table.loc["call", "abandonment"] == pytest.approx(exact.abandonment)
    assert table.loc["call", "service_level"] == pytest.approx(exact.service_level)
    assert math.isnan(table.loc["buy", "service_level"])  # no standard there
    assert analysis.approximate
    assert analysis.goal_probability_without_abandonment == pytest.approx(0.8 * 0.6)
    assert analysis.goal_probability == pytest.approx(0.8 * (1 - exact.abandonment) * 0.6)
    document = analysis.to_dict()
    assert document["goal_probability_without_abandonment"] == pytest.approx(0.48)
    assert document["touchpoints"]["buy"]["service_level"] is None


def test_the_goal_probability_with_abandonment_matches_the_simulation() -> None:
    """Erlang A is exact here (Poisson arrivals at the call centre, exponential service and patience), so
    the simulated goal rate must sit within its interval of the analysis; the routing figure must not."""
    journey = shop()
    analysis = analyze(journey)
    result = simulate(journey, customers=20_000, replications=10, seed=3)
    row = result.kpis.loc["goal_rate"]
    assert row["ci_low"] <= analysis.goal_probability <= row["ci_high"]
    assert not row["ci_low"] <= analysis.goal_probability_without_abandonment <= row["ci_high"]
    call = result.touchpoints_ci.loc[("call", "abandonment_rate")]
    assert call["ci_low"] <= analysis.touchpoints.loc["call", "abandonment"] <= call["ci_high"]
    met = result.standard_met("call", 2.0)
    assert met["ci_low"] - 0.005 <= analysis.touchpoints.loc["call", "service_level"] <= met["ci_high"] + 0.005


def test_abandonment_upstream_lowers_the_flow_downstream() -> None:
    """Customers lost at 'call' never reach 'buy': its arrival rate counts only those served."""
    table = analyze(shop()).touchpoints
    lost = table.loc["call", "abandonment"]
    assert table.loc["buy", "served_rate"] == pytest.approx(0.5 * 0.8 * (1 - lost) * 0.6)
    assert table.loc["buy", "arrival_rate"] == pytest.approx(0.5 * 0.8 * 0.6)  # the routing figure is kept


def test_stability_is_judged_with_patience() -> None:
    """An Erlang-A queue at offered load 1.2 is stable (abandonment holds it); without patience it is not,
    and everything downstream of it is flagged."""
    held = shop().update_touchpoint("call", service_time=Exponential(6.0))  # 0.4 × 6 / 2 = 1.2
    judged = stability(held)
    assert judged.is_stable and judged.unstable == () and set(judged.held) == {"call"}
    share = analyze(held).touchpoints.loc["call", "abandonment"]
    assert judged.held["call"] == pytest.approx(share)
    assert judged.messages() == [
        f"touchpoint 'call' is overloaded (offered load 1.2 ≥ 1) but its customers' patience holds the queue: "
        f"about {share:.1%} of them give up there (Erlang A)"]
    growing = held.update_touchpoint("call", patience=None)
    judged = stability(growing)
    assert judged.unstable == ("call",) and judged.downstream == {"call", "buy"} and not judged.is_stable
    assert judged.messages("es") == [
        "el punto de contacto 'call' está sobrecargado: carga ofrecida 1,2 ≥ 1 (llegadas × tiempo medio de "
        "servicio ÷ capacidad) y sin paciencia, así que su cola crece mientras dura la simulación; las cifras "
        "que vienen después no tienen sentido (no hay estado estacionario)"]
    assert analyze(growing).unstable == ["call"] and analyze(growing).time_in_cycle == math.inf


def test_relaxation_time_follows_the_load() -> None:
    assert relaxation_time(0.9, 1.0, 1) == pytest.approx(1 / (1 - math.sqrt(0.9)) ** 2)
    assert relaxation_time(0.5, 1.0, 1) < relaxation_time(0.9, 1.0, 1)
    assert relaxation_time(1.2, 1.0, 1) == math.inf
    assert relaxation_time(1.2, 1.0, 1, mean_patience=2.0) == 3.0
    assert relaxation_time(5.0, 1.0, None) == 0.0


def test_a_constant_service_is_taken_as_exponential_with_patience_and_says_so() -> None:
    journey = shop().update_touchpoint("call", service_time=Constant(4.0))
    assert analyze(journey).touchpoints.loc["call", "method"] == "Erlang A, service taken as exponential"
