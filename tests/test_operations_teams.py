"""Teams (shared pools of servers) and shifts: the file format, validation, and the simulation against
queueing theory (one team of c servers behind two touchpoints is one M/M/c with the merged arrivals;
shifts conserve customers and follow the time-varying infinite-server formula)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import journeymap as jm
from journeymap.analysis.queueing import erlang_c
from journeymap.model import Arrival, Exponential, Journey, RatePeriod, Shift, Stage, Team, Touchpoint, Transition
from journeymap.model.teams import capacity_steps, scheduled_capacity

TEAM_FILE = """\
journeymap: 1
title: Contact centre
time_unit: minute
stages: [{id: s}]
teams:
  - id: agents
    name: Agents
    shifts:
      - {from: "08:00", until: "14:00", capacity: 6}
      - {from: "14:00", until: "20:00", capacity: 4, days: [mon, tue, wed, thu, fri]}
    cost_per_hour: 22.5
touchpoints:
  - {id: phone, stage: s, team: agents, service_time: {dist: exponential, mean: 4}, goal: true}
  - {id: chat, stage: s, owner: agents, service_time: 3, goal: true}
  - {id: desk, stage: s, owner: agents, capacity: 2, service_time: 3, goal: true}
  - id: counter
    stage: s
    service_time: 3
    shifts: [{from: "09:00", until: "17:00", capacity: 2}]
arrivals:
  - {touchpoint: phone, rate: 20/h}
"""


def two_touchpoints_one_team(servers: int, phone: float, chat: float, mean_service: float) -> Journey:
    service = Exponential(mean_service)
    return Journey(
        "one team", stages=(Stage("s"),), teams=(Team("agents", capacity=servers, cost_per_hour=30),),
        touchpoints=(Touchpoint("phone", stage="s", team="agents", service_time=service, goal=True),
                     Touchpoint("chat", stage="s", team="agents", service_time=service, goal=True)),
        arrivals=(Arrival("phone", rate=phone), Arrival("chat", rate=chat)),
    )


# -- the model and the file format ------------------------------------------------------------------------
def test_a_team_file_reads_into_the_model_and_writes_back_the_same():
    journey = jm.loads(TEAM_FILE)
    team = journey.teams[0]
    assert team == Team("agents", name="Agents", cost_per_hour=22.5, shifts=(
        Shift(8 * 60, 14 * 60, 6), Shift(14 * 60, 20 * 60, 4, days=("mon", "tue", "wed", "thu", "fri"))))
    assert journey.touchpoint("phone").team == "agents"
    assert journey.touchpoint("counter").shifts == (Shift(9 * 60, 17 * 60, 2),)
    assert jm.loads(jm.dumps(journey)) == journey
    assert "{from: '08:00', until: '14:00', capacity: 6}" in jm.dumps(journey)
    assert "\n\nteams:\n  - id: agents\n" in jm.dumps(journey)


def test_team_wins_over_owner_and_a_capacity_of_its_own_wins_over_an_owner_that_names_a_team():
    journey = jm.loads(TEAM_FILE)
    assert journey.team_of(journey.touchpoint("phone")).id == "agents"
    assert journey.team_of(journey.touchpoint("chat")).id == "agents"  # owner names the team
    assert journey.team_of(journey.touchpoint("desk")) is None  # its own capacity wins
    assert journey.team_of(journey.touchpoint("counter")) is None
    both = journey.update_touchpoint("desk", capacity=None, team="agents", owner="somebody else")
    assert both.team_of(both.touchpoint("desk")).id == "agents"
    edited = journey.update_touchpoint("phone", capacity=2)  # servers of its own win over the team named
    assert edited.team_of(edited.touchpoint("phone")) is None


def test_weekly_capacity_steps_follow_the_shifts_and_their_days():
    day = 24 * 60.0
    shifts = jm.loads(TEAM_FILE).teams[0].shifts
    steps = capacity_steps(shifts, day)
    assert steps[:4] == [(0.0, 0), (8 * 60.0, 6), (14 * 60.0, 4), (20 * 60.0, 0)]
    saturday = 5 * day
    assert (saturday + 14 * 60, 0) in steps  # the afternoon shift works Monday to Friday only
    assert scheduled_capacity(shifts, saturday + 15 * 60, day) == 0
    assert scheduled_capacity(shifts, 4 * day + 15 * 60, day) == 4


# -- validation --------------------------------------------------------------------------------------------
def _messages(text: str) -> list[str]:
    report = jm.io.check(text)
    return [f"{issue.path}: {issue.message}" for issue in report.issues if issue.is_error]


@pytest.mark.parametrize(("change", "expected"), [
    ({"touchpoints[0]": "team: agent"}, "touchpoints[0].team: unknown team 'agent' (did you mean 'agents'?)"),
    ({"shift": '{from: "08:00", until: "07:00", capacity: 6}'},
     "teams[0].shifts[0].until: the shift ends (07:00) before it starts (08:00): split a night shift at midnight "
     "into two"),
    ({"shift": '{from: "08:00", until: "14:00", capacity: 6}, {from: "12:00", until: "16:00", capacity: 2}'},
     "teams[0].shifts[1]: this shift (12:00–16:00) overlaps shift 1 (08:00–14:00) on every day: give one shift "
     "the servers of both instead"),
    ({"shift": '{from: "08:00", until: "14:00", capacity: 6, days: [mon, tues]}'},
     "teams[0].shifts[0].days[1]: unknown day 'tues' (did you mean 'tue'?)"),
    ({"shift": '{from: "08:00", until: "25:00", capacity: 6}'},
     "teams[0].shifts[0].until: '25:00' is not a time of day (expected 00:00 to 24:00)"),
    ({"shift": '{from: "08:00", until: "14:00", capacity: -1}'},
     "teams[0].shifts[0].capacity: 'capacity' must be a whole number of servers, 0 or more (got -1)"),
    ({"shift": '{from: "08:00", untill: "14:00", capacity: 6}'},
     "teams[0].shifts[0].untill: unknown key 'untill' (did you mean 'until'?)"),
])
def test_bad_teams_and_shifts_are_reported_with_their_field_and_a_did_you_mean(change, expected):
    tp = change.get("touchpoints[0]", "team: agents")
    shift = change.get("shift", '{from: "08:00", until: "14:00", capacity: 6}')
    text = (f"title: t\nstages: [{{id: s}}]\nteams:\n  - {{id: agents, shifts: [{shift}], cost_per_hour: 20}}\n"
            f"touchpoints:\n  - {{id: q, stage: s, {tp}, service_time: 3, goal: true}}\n"
            "arrivals: [{touchpoint: q, rate: 10/h}]\n")
    assert expected in _messages(text)


def test_a_capacity_of_its_own_wins_over_the_team_named_with_a_warning():
    journey = jm.loads(TEAM_FILE).update_touchpoint("phone", capacity=5)
    assert journey.team_of(journey.touchpoint("phone")) is None
    warnings = [f"{i.path}: {i.message}" for i in jm.validate(journey) if not i.is_error]
    assert ("touchpoints[0].capacity: its own 'capacity' wins: team 'agents' does not serve this touchpoint "
            "(remove 'capacity' to share the team's servers, or 'team')") in warnings
    result = jm.simulate(journey, customers=2_000, replications=2, seed=1)
    assert result.touchpoints.loc["phone", "utilization"] == pytest.approx(20 / 60 * 4 / 5, rel=0.15)


def test_a_team_needs_capacity_or_shifts_and_a_cost_that_is_not_negative():
    text = ("title: t\nstages: [{id: s}]\nteams: [{id: a, cost_per_hour: -3}, {id: b, capacity: 2, "
            "shifts: [{from: '08:00', until: '10:00', capacity: 1}]}]\n"
            "touchpoints: [{id: q, stage: s, team: a, service_time: 3, goal: true}, "
            "{id: r, stage: s, team: b, service_time: 3}]\narrivals: [{touchpoint: q, rate: 10/h}]\n")
    messages = _messages(text)
    assert "teams[0].capacity: missing 'capacity' (servers at all times) or 'shifts' (servers by time of day)" \
        in messages
    assert "teams[0].cost_per_hour: 'cost_per_hour' must be a number, 0 or more (got -3)" in messages
    assert "teams[1]: give either 'capacity' or 'shifts', not both" in messages


def test_the_json_schema_takes_teams_and_shifts_and_refuses_an_unknown_weekday():
    jsonschema = pytest.importorskip("jsonschema")
    schema = jm.io.json_schema()
    document = jm.io.to_document(jm.loads(TEAM_FILE))
    jsonschema.validate(document, schema)
    document["teams"][0]["shifts"][1]["days"] = ["monday"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


# -- the simulation against queueing theory ------------------------------------------------------------------
def test_two_touchpoints_on_one_team_of_c_servers_wait_as_one_mmc_queue_with_the_merged_arrivals():
    servers, phone, chat, mean_service = 3, 20 / 60, 15 / 60, 4.0
    result = jm.simulate(two_touchpoints_one_team(servers, phone, chat, mean_service),
                         customers=20_000, replications=20, seed=21, warmup=500)
    exact = erlang_c(phone + chat, mean_service, servers)
    for tp_id in ("phone", "chat"):
        row = result.touchpoints_ci.loc[(tp_id, "mean_wait")]
        assert row["ci_low"] <= exact.mean_wait <= row["ci_high"], (tp_id, exact.mean_wait, row.to_dict())
    load = (phone + chat) * mean_service / servers
    team = result.teams_ci.loc[("agents", "utilization")]
    assert team["ci_low"] <= load <= team["ci_high"]
    assert team["ci_high"] - team["ci_low"] < 0.02
    # each touchpoint's share of the team's servers: its own offered load over the team's capacity
    phone_share = result.touchpoints_ci.loc[("phone", "utilization")]
    assert phone_share["ci_low"] <= phone * mean_service / servers <= phone_share["ci_high"]


def test_separate_servers_wait_longer_than_the_same_servers_pooled_in_a_team():
    pooled = two_touchpoints_one_team(4, 0.25, 0.25, 6.0)
    separate = pooled.replace(teams=()).update_touchpoint("phone", team=None, capacity=2) \
        .update_touchpoint("chat", team=None, capacity=2)
    waits = [jm.simulate(j, customers=5_000, replications=5, seed=3).touchpoints.loc["phone", "mean_wait"]
             for j in (pooled, separate)]
    assert waits[1] > 1.5 * waits[0]


def test_team_cost_is_the_hourly_cost_of_every_scheduled_server_hour_busy_or_idle():
    journey = two_touchpoints_one_team(3, 0.1, 0.1, 4.0)
    result = jm.simulate(journey, until=10 * 60.0, warmup=0, replications=3, seed=1)
    row = result.teams.loc["agents"]
    assert row["scheduled_hours"] == pytest.approx(3 * 10)  # 3 servers × 10 hours, busy or idle
    assert row["cost"] == pytest.approx(30 * 3 * 10)
    assert row["busy_hours"] < row["scheduled_hours"]
    document = result.to_dict()
    assert document["teams"]["agents"]["cost"]["mean"] == pytest.approx(900.0)
    assert len(document["teams"]["agents"]["utilization_by_hour"]) == 24
    json.dumps(document)


def shifted_counter(capacity_morning: int, capacity_afternoon: int, schedule: tuple[RatePeriod, ...],
                    mean_service: float) -> Journey:
    shifts = tuple(s for s in (Shift(0.0, 12 * 60.0, capacity_morning), Shift(12 * 60.0, 24 * 60.0, capacity_afternoon))
                   if s.capacity)
    return Journey(
        "shifts", stages=(Stage("s"),), teams=(Team("staff", shifts=shifts),),
        touchpoints=(Touchpoint("q", stage="s", team="staff", service_time=Exponential(mean_service), goal=True),),
        arrivals=(Arrival("q", schedule=schedule),),
    )


def test_a_touchpoint_closed_half_the_day_serves_the_closed_half_s_arrivals_when_it_opens():
    journey = shifted_counter(0, 400, (RatePeriod(24 * 60.0, 0.5),), 0.5).replace(horizon=24 * 60.0)
    result = jm.simulate(journey, replications=10, seed=5)
    kpis = result.kpis["mean"]
    assert kpis["completed"] == kpis["arrived"] > 600  # nobody is lost: every customer is served
    assert result.touchpoints.loc["q", "served"] == result.touchpoints.loc["q", "arrivals"]
    # a customer arriving at t < 12 h waits until 12:00 (12 h − t), one arriving later hardly at all:
    # over the day the mean wait is a quarter of a day (6 h × ½), 180 minutes
    row = result.touchpoints_ci.loc[("q", "mean_wait")]
    assert row["ci_low"] <= 180.0 <= row["ci_high"] + 0.5  # + the afternoon's few seconds in the queue
    assert result.team_utilization_by_hour().loc[("staff", 3), "mean"] != result.team_utilization_by_hour().loc[
        ("staff", 3), "mean"]  # nobody scheduled in the morning: no utilisation there (NaN)


def _infinite_server_means(rates: np.ndarray, mean_service: float, step: float) -> np.ndarray:
    """The mean number in service of Mt/M/∞ by minute of the day, periodic steady state: m' = λ(t) − m / s."""
    m = 0.0
    for _ in range(6):  # days, until the start of the day repeats
        values = []
        for rate in rates:
            m = rate * mean_service + (m - rate * mean_service) * math.exp(-step / mean_service)
            values.append(m)
    return np.array(values)


def test_with_a_large_capacity_in_both_halves_busy_servers_follow_the_time_varying_infinite_server_formula():
    mean_service = 30.0
    journey = shifted_counter(300, 300, (RatePeriod(12 * 60.0, 1.0), RatePeriod(24 * 60.0, 1 / 3)), mean_service)
    result = jm.simulate(journey, until=8 * 24 * 60.0, warmup=24 * 60.0, replications=6, seed=11)
    minute_rates = np.where(np.arange(24 * 60) < 12 * 60, 1.0, 1 / 3)
    # the mean over each minute, then over each hour, of the busy servers
    ends = _infinite_server_means(minute_rates, mean_service, 1.0)
    starts = np.roll(ends, 1)
    exact = ((starts + ends) / 2).reshape(24, 60).mean(axis=1) / 300  # utilisation by hour
    hourly = result.team_utilization_by_hour().xs("staff", level="team")
    inside = (hourly["ci_low"] <= exact) & (exact <= hourly["ci_high"])
    assert inside.sum() >= 21, (exact, hourly)
    assert np.all(np.abs(hourly["mean"] - exact) < 0.01)
    assert hourly.loc[12, "mean"] > hourly.loc[13, "mean"] > hourly.loc[15, "mean"]  # the fall after noon
    assert result.touchpoints.loc["q", "mean_wait"] == 0.0


# -- the analysis ------------------------------------------------------------------------------------------
def test_a_team_overloaded_by_its_touchpoints_together_is_flagged_though_each_alone_would_fit():
    journey = two_touchpoints_one_team(2, 0.2, 0.2, 6.0)  # 1.2 + 1.2 servers' work for 2 servers
    judged = jm.analysis.stability(journey)
    assert judged.unstable == ("phone", "chat")
    assert judged.loads["phone"] == pytest.approx(1.2)
    fits = two_touchpoints_one_team(3, 0.2, 0.2, 6.0)
    assert jm.analysis.stability(fits).is_stable
    flows = jm.analysis.queue_flows(fits)
    exact = erlang_c(0.4, 6.0, 3)
    assert flows.table.loc["phone", "mean_wait"] == pytest.approx(exact.mean_wait)
    assert flows.table.loc["chat", "wait_probability"] == pytest.approx(exact.wait_probability)


def test_a_pool_closed_all_week_is_overloaded_and_shifts_count_with_their_average_servers():
    open_once = shifted_counter(0, 4, (RatePeriod(24 * 60.0, 0.5),), 1.0)
    closed = open_once.replace(teams=(Team("staff", shifts=(Shift(8 * 60.0, 9 * 60.0, 0),)),))
    assert jm.analysis.stability(closed).unstable == ("q",)
    half = shifted_counter(0, 4, (RatePeriod(24 * 60.0, 0.5),), 1.0)  # 2 servers on average, 0.5 of work
    assert jm.analysis.stability(half).loads["q"] == pytest.approx(0.25)


def test_when_a_shift_ends_with_customers_waiting_the_servers_finish_and_nobody_waiting_is_lost():
    hour = 60.0
    journey = shifted_counter(0, 0, (RatePeriod(8 * hour, 0.0), RatePeriod(12 * hour, 4.0), RatePeriod(24 * hour, 0.5)),
                              1.0)
    journey = journey.replace(horizon=24 * hour, teams=(Team("staff", shifts=(
        Shift(8 * hour, 12 * hour, 3), Shift(12 * hour, 24 * hour, 1))),))
    result = jm.simulate(journey, replications=4, seed=2)
    kpis = result.kpis["mean"]
    assert kpis["completed"] == kpis["arrived"] > 1000
    assert result.touchpoints.loc["q", "served"] == result.touchpoints.loc["q", "arrivals"]
    assert result.touchpoints.loc["q", "max_queue"] > 10  # the queue left at noon for the one server
    hourly = result.team_utilization_by_hour()
    assert hourly.loc[("staff", 12), "mean"] > 1.0  # the morning's servers finish their customers after noon
    assert hourly.loc[("staff", 13), "mean"] == pytest.approx(1.0)  # then one server works through the queue


def test_an_instantaneous_touchpoint_on_a_closed_team_passes_customers_on_at_once():
    journey = shifted_counter(0, 2, (RatePeriod(24 * 60.0, 0.2),), 1.0)
    quick = Touchpoint("greeting", stage="s", team="staff", next=(Transition("q", 1.0),))
    journey = journey.replace(touchpoints=(quick, *journey.touchpoints),
                              arrivals=(Arrival("greeting", rate=0.2),), horizon=24 * 60.0)
    result = jm.simulate(journey, replications=2, seed=1)
    assert result.touchpoints.loc["greeting", "mean_wait"] == 0  # no server needed, even when the team is off
    assert result.touchpoints.loc["q", "mean_wait"] > 60  # while the next step waits for the afternoon


def test_the_analysis_sees_a_teams_queue_and_its_load_at_every_touchpoint_it_serves():
    """Offered load is the team's: the work of both touchpoints over its servers; and a team serving a single
    touchpoint is a queue too (the touchpoint has no capacity of its own)."""
    journey = two_touchpoints_one_team(3, 20 / 60, 15 / 60, 4.0)
    table = jm.analyze(journey).touchpoints
    load = (20 / 60 + 15 / 60) * 4.0 / 3
    assert table.loc["phone", "offered_load"] == pytest.approx(load)
    assert table.loc["chat", "offered_load"] == pytest.approx(load)
    exact = erlang_c(20 / 60 + 15 / 60, 4.0, 3)
    assert table.loc["phone", "mean_wait"] == pytest.approx(exact.mean_wait, rel=1e-9)
    alone = journey.replace(touchpoints=journey.touchpoints[:1], arrivals=journey.arrivals[:1])
    row = jm.analyze(alone).touchpoints.loc["phone"]
    assert row["offered_load"] == pytest.approx(20 / 60 * 4.0 / 3)
    assert row["method"] == "Erlang C"
    assert row["mean_wait"] == pytest.approx(erlang_c(20 / 60, 4.0, 3).mean_wait, rel=1e-9)
    overloaded = jm.analyze(two_touchpoints_one_team(2, 20 / 60, 15 / 60, 4.0))
    assert overloaded.overloaded == ["phone", "chat"]
