"""Runs that cannot run away (issue 12): each runaway case is refused before it starts, from the estimate
of its size, or stopped while it runs by a guard, with a message that names the figure and the place;
a long run is announced before it starts."""

from __future__ import annotations

import math
import time
import warnings

import numpy as np
import pytest

from journeymap.errors import RunawayError, RunWarning
from journeymap.model import Arrival, Constant, Exponential, Journey, Stage, Touchpoint, Transition
from journeymap.simulation import RunSettings, run_replication, simulate
from journeymap.simulation.budget import estimate_run
from journeymap.simulation.guards import Limits
from journeymap.simulation.patience import Deadlines
from journeymap.simulation.spec import ReplicationSpec


def one(tp: Touchpoint, rate: float = 1.0) -> Journey:
    return Journey("j", stages=(Stage("s"),), touchpoints=(tp,), arrivals=(Arrival(tp.id, rate=rate),))


def loop(exit_probability: float, rate: float = 1.0) -> Journey:
    """'a' → 'b' → back to 'a' with probability 1 - ``exit_probability``; ``rate`` arrivals a minute."""
    tps = (Touchpoint("a", stage="s", next=(Transition("b", 1.0),)),
           Touchpoint("b", stage="s", service_time=Exponential(0.1), next=(Transition("a", 1 - exit_probability),)))
    return Journey("loop", stages=(Stage("s"),), touchpoints=tps, arrivals=(Arrival("a", rate=rate),))


def refused(journey: Journey, **options: object) -> str:
    """The message of the refusal, checking it came at once (before any replication ran)."""
    started = time.perf_counter()
    with pytest.raises(RunawayError) as caught, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        simulate(journey, **options)  # type: ignore[arg-type]
    assert time.perf_counter() - started < 5.0
    return str(caught.value)


def test_a_service_of_centuries_with_unlimited_capacity_is_refused_before_the_run() -> None:
    message = refused(one(Touchpoint("q", stage="s", service_time=Constant(1e8))))  # 190 years, in minutes
    assert "mostly because of touchpoint 'q'" in message
    assert "above the budget of 100,000,000 visits" in message and "max_events= (--max-events)" in message


def test_a_billion_arrivals_an_hour_is_refused_before_the_run() -> None:
    journey = one(Touchpoint("q", stage="s", capacity=1, service_time=Exponential(1.0)), rate=1e9 / 60)
    message = refused(journey, until="1 h")
    assert "this run would make about 2" in message and "visits to touchpoints over 20 replications" in message


def test_a_loop_left_with_probability_1e_10_is_refused_and_named() -> None:
    message = refused(loop(1e-10))
    assert "mostly because of touchpoint 'b'" in message


@pytest.mark.parametrize("option", ["warmup", "until"])
def test_an_endless_warmup_or_horizon_is_refused(option: str) -> None:
    message = refused(one(Touchpoint("q", stage="s", capacity=1, service_time=Exponential(0.5))), **{option: 1e308})
    assert "above the budget" in message


def test_a_customer_held_by_a_loop_is_stopped_and_the_loop_named() -> None:
    """Whatever the budget, one customer may make at most a million visits; the message walks the loop."""
    with pytest.raises(RunawayError, match=r"a customer made more than 1,000,000 visits, looping through "
                                           r"(a → b → a|b → a → b)"):
        run_replication(loop(1e-10, rate=1e-6), seed=1, customers=1, limits=Limits(events=1e12))


def test_visits_are_counted_while_a_loop_runs_without_new_customers() -> None:
    """No customer enters while the loop runs: the budget is still looked at (else the customer's own
    limit of a million visits would stop it, with another message)."""
    with pytest.raises(RunawayError, match=r"more than 200,000 visits to touchpoints \(max_events\)"):
        run_replication(loop(1e-10, rate=1e-6), seed=1, customers=1, limits=Limits(events=200_000))


def test_the_guards_on_events_and_customers_inside_stop_a_replication() -> None:
    journey = one(Touchpoint("q", stage="s", capacity=1, service_time=Exponential(2.0)))  # load 2: grows
    with pytest.raises(RunawayError, match=r"more than 5,000 customers were inside the cycle at once .*; most of "
                                           r"them are at q \("):
        run_replication(journey, seed=1, until=1e6, limits=Limits(in_system=5_000))
    with pytest.raises(RunawayError, match=r"the replication made more than 20,000 visits to touchpoints "
                                           r"\(max_events\).*raise max_events \(--max-events\)"):
        run_replication(journey, seed=1, until=1e6, limits=Limits(events=20_000))


def test_a_cohort_that_does_not_leave_within_its_drain_time_is_stopped() -> None:
    slow = Journey("slow", stages=(Stage("s"),), arrivals=(Arrival("a", rate=1.0),), touchpoints=(
        Touchpoint("a", stage="s", next=(Transition("b", 1.0, delay=Constant(1_000.0)),)),
        Touchpoint("b", stage="s")))
    with pytest.raises(RunawayError, match=r"100 of the 100 customers followed had not left the cycle 50 minutes "
                                           r"after the last of them arrived"):
        run_replication(slow, seed=1, customers=100, limits=Limits(drain=50.0))
    assert run_replication(slow, seed=1, customers=100, limits=Limits(drain=2_000.0)).completed == 100


def test_the_estimate_follows_the_analysis() -> None:
    """Visits = runs × arrival rate × visits per customer × simulated time; customers inside by Little's law."""
    journey = one(Touchpoint("q", stage="s", capacity=2, service_time=Exponential(1.0)), rate=1.0)
    settings = RunSettings(until=1_000.0, warmup=0.0, replications=4).resolve(journey)
    estimate = estimate_run(journey, settings)
    assert estimate.visits == pytest.approx(4 * 1.0 * 1.0 * 1_000.0)
    time_in_cycle = 1.0 + 1 / 3  # Erlang C: wait 1/3 at load 0.5 with 2 servers
    assert estimate.in_system == pytest.approx(time_in_cycle)
    assert estimate.warnings() == []


def test_a_long_run_is_announced_before_it_starts() -> None:
    journey = one(Touchpoint("q", stage="s", capacity=2, service_time=Exponential(1.0)), rate=1.0)
    estimate = estimate_run(journey, RunSettings(until=5e6, warmup=0.0, replications=2).resolve(journey))
    assert estimate.warnings("es")[0].startswith("esta simulación es grande: unas 10.000.000 visitas")
    with pytest.warns(RunWarning, match="this run is large"), pytest.raises(Stop):
        simulate(journey, until=5e6, replications=2, warmup=0, progress=_stop_at_once)


class Stop(Exception):
    """Raised by a progress function to end a run as soon as it starts."""


def _stop_at_once(done: float, total: int) -> None:
    raise Stop


def test_patience_keeps_the_event_heap_small() -> None:
    """Long patience: one alarm per queue, so the heap holds about the waiting customers, not every
    customer who ever waited (arrival rate × patience)."""
    journey = one(Touchpoint("q", stage="s", capacity=10, service_time=Exponential(1.0),
                             patience=Exponential(10_000.0)), rate=9.5)
    from journeymap.simulation.engine import Engine

    engine = Engine(journey, np.random.SeedSequence(1), ReplicationSpec(until=5_000.0))
    sizes = []
    original = Deadlines.add

    def watch(self: Deadlines, customer: object, deadline: float) -> None:
        original(self, customer, deadline)  # type: ignore[arg-type]
        sizes.append((len(engine.heap), len(self.heap), self.env.now))

    Deadlines.add = watch  # type: ignore[method-assign]
    try:
        stats = engine.run()
    finally:
        Deadlines.add = original  # type: ignore[method-assign]
    assert stats.touchpoints["arrivals"][0] > 40_000 and len(sizes) > 1_000
    waited = stats.touchpoints["wait_count"][0]
    assert max(events for events, _, _ in sizes) < 200  # not ~47,500 timers (9.5/min × 5,000 min)
    assert max(held for _, held, _ in sizes) < 2 * max(stats.touchpoints["queue_max"][0], 64) + 2
    assert waited > 1_000 and math.isfinite(stats.touchpoints["wait_sum"][0])
