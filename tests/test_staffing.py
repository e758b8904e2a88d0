"""Staffing for a service-level target: the target's text, Erlang's estimate, the simulation's confirmation,
periods of a daily schedule, costs, the shifts format and the command line."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import journeymap as jm
from journeymap.analysis.queueing import erlang_c
from journeymap.analysis.staffing import (
    Period,
    ServiceTarget,
    erlang_capacity,
    merged_touchpoint,
    parse_target,
    parse_windows,
    periods,
    rate_between,
    steady_journey,
)
from journeymap.cli import main
from journeymap.errors import EditError, NotFound, UnitError
from journeymap.model import Arrival, Exponential, Journey, RatePeriod, Shift, Stage, Team, Touchpoint


def centre(rate: float = 2.0, schedule: tuple[RatePeriod, ...] = ()) -> Journey:
    """A phone line, exponential calls of 4 minutes, Poisson arrivals (per minute)."""
    tp = Touchpoint("call", name="Call", stage="s", capacity=1, service_time=Exponential(4.0), goal=True)
    arrival = Arrival("call", rate=None if schedule else rate, schedule=schedule)
    return Journey("centre", stages=(Stage("s"),), touchpoints=(tp,), arrivals=(arrival,))


def smallest_erlang_c(rate: float, mean_service: float, target: ServiceTarget) -> int:
    """The textbook answer: the smallest c whose Erlang C service level reaches the target."""
    servers = 1
    while erlang_c(rate, mean_service, servers, target.wait).service_level < target.share:
        servers += 1
    return servers


# -- the target --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "share", "wait"), [
    ("80% within 2 min", 0.8, 2.0), ("0.9 within 30 s", 0.9, 0.5), ("95 % en 1 h", 0.95, 60.0),
    ("80,5% within 20 s", 0.805, 1 / 3),
])
def test_targets_are_read_in_the_journeys_unit(text: str, share: float, wait: float) -> None:
    target = parse_target(text, "minute")
    assert target.share == pytest.approx(share) and target.wait == pytest.approx(wait)


@pytest.mark.parametrize(("text", "message"), [
    ("fast", "'target' must be a service-level target such as '80% within 2 min' (got 'fast')"),
    ("80% within soon", "'target': expected a time such as '6 min', '90 s' or '2 h', got 'soon', as in "
                        "'80% within 2 min'"),
    ("180% within 2 min", "the share must be above 0% and at most 100%"),
])
def test_a_bad_target_says_how_to_write_one(text: str, message: str) -> None:
    with pytest.raises(UnitError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_target(text)


def test_windows_and_schedule_periods() -> None:
    assert parse_windows("08:00-14:00,14:00-20:00") == (Period(480.0, 840.0), Period(840.0, 1200.0))
    with pytest.raises(UnitError, match="ends before it starts"):
        parse_windows("14:00-08:00")
    day = centre(schedule=(RatePeriod(480, 0.0), RatePeriod(840, 3.0), RatePeriod(1200, 1.0)))
    assert periods(day) == (Period(0, 480), Period(480, 840), Period(840, 1200), Period(1200, 1440))
    assert rate_between(day, Period(480, 840)) == {"call": 3.0}
    assert rate_between(day, Period(480, 1200)) == {"call": pytest.approx(2.0)}  # half the time 3, half 1
    assert rate_between(day, Period(1200, 1440)) == {"call": 0.0}  # after the last period, the first rate


# -- Erlang and the simulation ----------------------------------------------------------------------------
def test_the_erlang_estimate_is_the_textbook_erlang_c_answer() -> None:
    target = ServiceTarget(0.8, 1 / 3)
    tp = centre().touchpoint("call")
    for rate in (0.5, 2.0, 6.0):
        assert erlang_capacity(tp, rate, target) == smallest_erlang_c(rate, 4.0, target)


def test_staffing_an_mmc_line_matches_erlang_c() -> None:
    """λ = 2/min, 4-minute calls (load 8), 80% within 20 s: Erlang C says 11 agents (80.9%; 10 give 68%)."""
    plan = jm.staff(centre(), "call", "80% within 20 s", cost_per_hour=25, customers=4000, replications=8,
                    warmup=100, seed=0)
    expected = smallest_erlang_c(2.0, 4.0, ServiceTarget(0.8, 1 / 3))
    assert expected == 11
    row = plan.periods.iloc[0]
    assert (row["erlang_capacity"], row["capacity"], row["confirmed"]) == (11, 11, True)
    assert row["ci_low"] <= erlang_c(2.0, 4.0, 11, 1 / 3).service_level <= row["ci_high"]
    assert list(plan.options["capacity"]) == [10, 11]  # one fewer was tried and fell short
    assert not plan.options.iloc[0]["meets"]
    assert row["cost"] == pytest.approx(11 * 24 * 25)
    assert plan.shifts == [{"from": "00:00", "until": "24:00", "capacity": 11}]


def test_a_daily_schedule_is_staffed_period_by_period() -> None:
    day = centre(schedule=(RatePeriod(480, 0.0), RatePeriod(840, 2.0), RatePeriod(1200, 0.5)))
    plan = jm.staff(day, "call", "80% within 20 s", shifts="08:00-14:00,14:00-20:00", customers=2000,
                    replications=6, warmup=100)
    assert list(plan.periods["from"]) == ["08:00", "14:00"]
    erlang = [smallest_erlang_c(rate, 4.0, ServiceTarget(0.8, 1 / 3)) for rate in (2.0, 0.5)]
    assert list(plan.periods["erlang_capacity"]) == erlang
    assert [shift["capacity"] for shift in plan.shifts] == list(plan.periods["capacity"])
    assert all(abs(c - e) <= 1 for c, e in zip(plan.periods["capacity"], erlang, strict=True))
    assert math.isnan(plan.periods.iloc[0]["cost"])  # no cost per hour given
    english = plan.summary("en")
    assert list(english["period"]) == ["08:00–14:00", "14:00–20:00"]
    assert "nivel de servicio" in plan.summary("es").columns


def shared_line(phone: float, chat: float, shifts: tuple[Shift, ...] = ()) -> Journey:
    """Phone and chat answered by one team (4-minute contacts, exponential), at 24 an hour."""
    tps = (Touchpoint("phone", stage="s", team="agents", service_time=Exponential(4.0), goal=True),
           Touchpoint("chat", stage="s", team="agents", service_time=Exponential(4.0), goal=True))
    team = Team("agents", capacity=None if shifts else 3, shifts=shifts, cost_per_hour=24.0)
    return Journey("shared", stages=(Stage("s"),), touchpoints=tps,
                   arrivals=(Arrival("phone", rate=phone), Arrival("chat", rate=chat)), teams=(team,))


def test_a_team_is_staffed_as_one_queue_with_the_merged_arrivals() -> None:
    """Phone 1.2/min and chat 0.8/min on one team: Erlang C on 2/min says 11 agents for 80% within 20 s, as
    for one line; the simulated service level is that of all the team's contacts, its cost the team's own."""
    plan = jm.staff(shared_line(1.2, 0.8), "agents", "80% within 20 s", customers=4000, replications=8,
                    warmup=100, seed=0)
    row = plan.periods.iloc[0]
    assert plan.team and plan.touchpoint == "agents"
    assert row["rate"] == pytest.approx(2.0)
    assert (row["erlang_capacity"], row["capacity"], row["confirmed"]) == (11, 11, True)
    assert row["ci_low"] <= erlang_c(2.0, 4.0, 11, 1 / 3).service_level <= row["ci_high"]
    assert row["cost"] == pytest.approx(11 * 24 * 24.0)  # the team's cost per hour
    assert plan.to_dict()["team"] == "agents"


def test_a_team_in_shifts_is_staffed_shift_by_shift() -> None:
    shifts = (Shift(0, 480, 1), Shift(480, 1200, 3), Shift(1200, 1440, 1))
    day = shared_line(0.6, 0.4, shifts)
    plan = jm.staff(day, "agents", "80% within 20 s", customers=1000, replications=3, seed=0)
    assert list(plan.periods["from"]) == ["00:00", "08:00", "20:00"]  # its own shifts, not the whole day
    assert list(plan.periods["erlang_capacity"]) == [smallest_erlang_c(1.0, 4.0, ServiceTarget(0.8, 1 / 3))] * 3
    with pytest.raises(NotFound, match=r"no touchpoint or team 'agent' \(did you mean 'agents'\?\)"):
        jm.staff(day, "agent", "80% within 20 s")


def test_the_erlang_estimate_of_a_team_mixes_its_service_times() -> None:
    """Two contacts of 2 and 6 minutes in equal numbers: the pool's service has mean 4 and second moment
    (2·2² + 2·6²)/2 = 40, so a coefficient of variation² of 40/16 - 1 = 1.5 (not the exponential's 1)."""
    a = Touchpoint("a", stage="s", service_time=Exponential(2.0))
    b = Touchpoint("b", stage="s", service_time=Exponential(6.0))
    merged = merged_touchpoint([a, b], [1.0, 1.0])
    assert merged.service_time.mean == pytest.approx(4.0)
    assert merged.service_time.scv == pytest.approx(1.5)
    assert merged.patience is None
    same = merged_touchpoint([a, a.replace(id="c")], [1.0, 3.0])
    assert same.service_time == Exponential(2.0)


def test_what_cannot_be_staffed_is_refused_with_its_name() -> None:
    with pytest.raises(NotFound, match="did you mean 'call'"):
        jm.staff(centre(), "cal", "80% within 20 s")
    no_service = centre().update_touchpoint("call", service_time=None)
    with pytest.raises(EditError, match="no service time"):
        jm.staff(no_service, "call", "80% within 20 s")
    with pytest.raises(ValueError, match="'cost_per_hour' must be an amount of money"):
        jm.staff(centre(), "call", "80% within 20 s", cost_per_hour=-3)


# -- the command line ---------------------------------------------------------------------------------------
def test_the_command_prints_the_table_and_the_shifts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "centre.yaml"
    jm.save(centre(rate=0.5), path)
    common = [str(path), "--touchpoint", "call", "--customers", "1000", "--replications", "4", "--warmup", "50",
              "--workers", "1"]
    assert main(["staff", *common, "--target", "80% within 20 s", "--cost-per-hour", "20"]) == 0
    out = capsys.readouterr().out
    assert "shifts:" in out and 'capacity:' in out and "cost per day" in out
    assert main(["staff", *common, "--target", "80% within 20 s", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["target"] == {"share": 0.8, "wait": pytest.approx(1 / 3), "time_unit": "minute"}
    assert document["shifts"][0]["capacity"] == document["periods"][0]["capacity"]
    assert main(["staff", *common, "--target", "quickly"]) == 2
    err = capsys.readouterr().err
    assert "such as '80% within 2 min'" in err


def test_a_steady_stream_beside_a_schedule_keeps_its_own_rate() -> None:
    day = centre(schedule=(RatePeriod(480, 0.0), RatePeriod(1200, 2.0)))
    both = day.replace(arrivals=(*day.arrivals, Arrival("call", rate=0.5)))
    steady = steady_journey(both, Period(480, 1200))
    assert [(a.rate, a.schedule) for a in steady.arrivals] == [(2.0, ()), (0.5, ())]
    assert rate_between(both, Period(480, 1200)) == {"call": 2.5}
    assert steady.horizon is None
