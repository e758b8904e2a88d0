"""Preemptive priority on a team (``preemptive: true``): the file format, validation, and the simulation
against the preemptive-resume formulas (Kleinrock) at an M/M/1 queue and an M/M/2 team."""

from __future__ import annotations

import re

import pytest

import journeymap as jm
from journeymap.model import Arrival, Exponential, Journey, Segment, Stage, Team, Touchpoint

PREEMPTIVE_FILE = """\
journeymap: 1
title: Support desk
stages: [{id: s}]
segments:
  - {id: urgent, share: 0.25, priority: 0}
  - {id: routine, share: 0.75, priority: 1}
teams:
  - {id: agents, capacity: 1, preemptive: true}
touchpoints:
  - {id: desk, stage: s, team: agents, service_time: {dist: exponential, mean: 4}, goal: true}
arrivals: [{touchpoint: desk, rate: 0.18}]
"""


def desk(servers: int, rate: float, urgent_share: float, *, preemptive: bool = True) -> Journey:
    """One desk served by a team of ``servers`` (mean service 4 min), two classes of customers."""
    return Journey(
        "two classes", stages=(Stage("s"),),
        segments=(Segment("urgent", share=urgent_share, priority=0),
                  Segment("routine", share=1 - urgent_share, priority=1)),
        teams=(Team("agents", capacity=servers, preemptive=preemptive),),
        touchpoints=(Touchpoint("desk", stage="s", team="agents", service_time=Exponential(4.0), goal=True),),
        arrivals=(Arrival("desk", rate=rate),),
    )


def test_preemptive_reads_writes_and_is_checked() -> None:
    journey = jm.loads(PREEMPTIVE_FILE)
    assert journey.team("agents").preemptive is True
    assert jm.loads(jm.dumps(journey)) == journey
    assert "preemptive: true" in jm.dumps(journey)
    assert "preemptive" not in jm.dumps(journey.update_team("agents", preemptive=False))
    bad = jm.io.check(PREEMPTIVE_FILE.replace("preemptive: true", "preemptive: yes please"))
    assert any(issue.path == "teams[0].preemptive" and "must be true or false" in issue.message
               for issue in bad.issues)
    one_class = PREEMPTIVE_FILE.replace("priority: 1}", "priority: 0}")
    warnings = [issue for issue in jm.io.check(one_class).issues if not issue.is_error]
    assert [(w.path, w.message) for w in warnings] == [
        ("teams[0].preemptive", "'preemptive' has no effect: no two segments have different priorities")]


def kleinrock(rate: float, urgent_share: float, mean: float) -> dict[str, float]:
    """Mean waits (time at the touchpoint less the service) of two classes at a preemptive-resume M/M/1
    queue with the same exponential service: T_k = E[S]/(1-σ_{k-1}) + R_k/((1-σ_{k-1})(1-σ_k)),
    R_k = Σ_{i≤k} λ_i E[S²]/2 (Kleinrock, Queueing Systems vol. 2, §3.7)."""
    urgent, routine = rate * urgent_share, rate * (1 - urgent_share)
    second_moment = 2 * mean**2
    sigma1, sigma2 = urgent * mean, rate * mean
    time1 = mean + urgent * second_moment / 2 / (1 - sigma1)
    time2 = mean / (1 - sigma1) + (urgent + routine) * second_moment / 2 / ((1 - sigma1) * (1 - sigma2))
    return {"urgent": time1 - mean, "routine": time2 - mean}


def test_two_classes_at_a_preemptive_mm1_wait_as_the_preemptive_resume_formulas_say() -> None:
    rate, share = 0.18, 1 / 3  # load 0.72, the urgent customers' 0.24
    result = jm.simulate(desk(1, rate, share), customers=20_000, replications=10, seed=7, warmup=1000)
    exact = kleinrock(rate, share, 4.0)
    for segment, wait in exact.items():
        row = result.segments[segment].touchpoints_ci.loc[("desk", "mean_wait")]
        assert row["ci_low"] <= wait <= row["ci_high"], (segment, wait, row.to_dict())
    # the urgent wait as if alone (1.26 min), well below the non-preemptive Cobham wait (3.79 min)
    assert exact["urgent"] == pytest.approx(4 * 0.24 / 0.76)
    calm = jm.simulate(desk(1, rate, share, preemptive=False), customers=20_000, replications=10, seed=7,
                       warmup=1000)
    cobham = rate * 2 * 16 / 2 / (1 - rate * share * 4)
    row = calm.segments["urgent"].touchpoints_ci.loc[("desk", "mean_wait")]
    assert row["ci_low"] <= cobham <= row["ci_high"]
    # every customer is still served once, and the server's time is the same work
    served = result.touchpoints_ci.loc[("desk", "served"), "mean"]
    assert served == result.kpis.loc["completed", "mean"]
    utilization = result.touchpoints_ci.loc[("desk", "utilization")]
    assert utilization["ci_low"] <= rate * 4 <= utilization["ci_high"]


def test_the_urgent_customers_of_a_preemptive_team_of_two_wait_as_in_an_mm2_of_their_own() -> None:
    """Urgent customers never wait behind routine ones: they see an M/M/2 queue with their own arrivals."""
    from journeymap.analysis.queueing import erlang_c

    rate, share = 0.4, 0.3  # load 0.8 on two agents; urgent 0.24
    result = jm.simulate(desk(2, rate, share), customers=20_000, replications=10, seed=8, warmup=1000)
    exact = erlang_c(rate * share, 4.0, 2).mean_wait
    row = result.segments["urgent"].touchpoints_ci.loc[("desk", "mean_wait")]
    assert row["ci_low"] <= exact <= row["ci_high"], (exact, row.to_dict())
    overall = result.touchpoints_ci.loc[("desk", "mean_wait")]  # the work is conserved: M/M/2 on the whole
    assert overall["ci_low"] <= erlang_c(rate, 4.0, 2).mean_wait <= overall["ci_high"]


def test_interrupted_customers_resume_in_the_event_log() -> None:
    result = jm.simulate(desk(1, 0.18, 1 / 3), customers=300, replications=1, seed=2, warmup=0, events=True)
    log = result.events
    starts = log[log["lifecycle:transition"] == "start"].groupby("case:concept:name").size()
    assert (starts > 1).any()  # some services were interrupted and resumed
    done = log[log["lifecycle:transition"] == "complete"].groupby("case:concept:name").size()
    assert (done == 1).all() and set(done.index) == set(starts.index)  # yet every customer completes once



def test_a_stopped_run_counts_the_customers_in_service_at_a_preemptive_team() -> None:
    """The runaway message says where customers are: those in service (scheduled as preemptible services,
    not as themselves) count at their touchpoint like the waiting ones. Fifty agents, about twenty busy
    for 1,000 minutes each, and nobody waiting: all the customers inside are in service."""
    from journeymap.errors import RunawayError
    from journeymap.model import Constant
    from journeymap.simulation import run_replication
    from journeymap.simulation.guards import Limits

    long = desk(50, 0.02, 1 / 3).update_touchpoint("desk", service_time=Constant(1000.0))
    with pytest.raises(RunawayError) as caught:
        run_replication(long, seed=1, customers=10_000, limits=Limits(events=2000))
    found = re.search(r"most of them are at desk \((\d+)\)", str(caught.value))
    assert found is not None and int(found.group(1)) >= 5, str(caught.value)
