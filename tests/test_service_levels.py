"""Service levels at queues: the share served within a threshold (counted exactly), the average speed of
answer and the share abandoned, against Erlang C / Erlang A, and where they are shown."""

from __future__ import annotations

import json
import math

import matplotlib
import numpy as np
import pytest

from journeymap.analysis.queueing import erlang_a, erlang_c
from journeymap.cli import main
from journeymap.io import save
from journeymap.model import (
    Arrival,
    Constant,
    Exponential,
    Journey,
    RatePeriod,
    Requirement,
    Stage,
    Team,
    Touchpoint,
)
from journeymap.simulation import OverloadWarning, RunSettings, simulate
from journeymap.simulation.formatting import touchpoint_table

matplotlib.use("Agg")


def line(servers: int, rate: float, mean_service: float, *, patience: float | None = None,
         standard: float | None = None) -> Journey:
    """One queue: Poisson arrivals at ``rate``, ``servers`` agents with exponential service."""
    requirements = (Requirement("Answered quickly", {"wait": standard}),) if standard is not None else ()
    tp = Touchpoint("call", name="Call", stage="s", capacity=servers, service_time=Exponential(mean_service),
                    patience=Exponential(patience) if patience else None, requirements=requirements, goal=True)
    return Journey("line", stages=(Stage("s"),), touchpoints=(tp,), arrivals=(Arrival("call", rate=rate),))


def inside(value: float, row: object) -> bool:
    return row["ci_low"] <= value <= row["ci_high"]  # type: ignore[index]


def test_mmc_service_level_is_erlang_c_within_the_interval() -> None:
    """M/M/3 at 80% load, threshold 0.5 (a tenth of the service time... of 3 agents): 1 - C e^{-(cμ-λ)t}."""
    journey = line(3, 2.4, 1.0)
    result = simulate(journey, customers=20_000, replications=10, seed=4, warmup=50, service_level=0.5)
    exact = erlang_c(2.4, 1.0, 3, 0.5)
    row = result.touchpoints_ci.loc[("call", "service_level")]
    assert inside(exact.service_level, row), (exact.service_level, row)
    asa = result.touchpoints_ci.loc[("call", "average_speed_of_answer")]
    assert inside(exact.mean_wait, asa), (exact.mean_wait, asa)  # nobody abandons: ASA is the mean wait
    assert result.touchpoints.loc["call", "service_level_threshold"] == 0.5


def test_touchpoints_served_by_a_team_have_the_service_level_of_the_merged_queue() -> None:
    """Phone and chat share a team of 3 (one FCFS queue, 80% load): each is served within 0.5 as an M/M/3
    with the merged arrivals says, whether the threshold comes from the settings or a wait standard."""
    standard = (Requirement("Answered quickly", {"wait": 0.5}),)
    journey = Journey("shared", stages=(Stage("s"),), touchpoints=(
        Touchpoint("phone", stage="s", team="agents", service_time=Exponential(1.0), requirements=standard),
        Touchpoint("chat", stage="s", team="agents", service_time=Exponential(1.0))),
        arrivals=(Arrival("phone", rate=1.4), Arrival("chat", rate=1.0)), teams=(Team("agents", capacity=3),))
    exact = erlang_c(2.4, 1.0, 3, 0.5).service_level
    by_standard = simulate(journey, customers=20_000, replications=10, seed=6, warmup=50)
    assert inside(exact, by_standard.touchpoints_ci.loc[("phone", "service_level")])
    assert math.isnan(by_standard.touchpoints.loc["chat", "service_level"])  # no standard there, none asked for
    asked = simulate(journey, customers=20_000, replications=10, seed=6, warmup=50, service_level=0.5)
    for tp_id in ("phone", "chat"):
        assert inside(exact, asked.touchpoints_ci.loc[(tp_id, "service_level")]), tp_id


def test_erlang_a_service_level_and_abandonment_from_the_wait_standard() -> None:
    """M/M/3+M at 90% load: the threshold comes from the requirement's wait standard; Erlang A's service
    level (served within it, out of every arrival) and abandonment fall inside the intervals."""
    journey = line(3, 2.7, 1.0, patience=2.0, standard=0.25)
    result = simulate(journey, customers=20_000, replications=10, seed=5, warmup=50)
    exact = erlang_a(2.7, 1.0, 3, 2.0, 0.25)
    assert inside(exact.service_level, result.touchpoints_ci.loc[("call", "service_level")])
    assert inside(exact.abandonment, result.touchpoints_ci.loc[("call", "abandonment_rate")])
    row = result.touchpoints.loc["call"]
    assert row["service_level_threshold"] == 0.25
    assert row["average_speed_of_answer"] < row["mean_wait"] or row["abandoned"] == 0


def test_counts_are_exact_on_certain_times() -> None:
    """Three customers within a second or so, one agent, 2 minutes each: waits 0, just under 2 and just
    under 4; within 2 minutes: two of three; nobody abandons, so the speed of answer is the mean wait."""
    tp = Touchpoint("desk", stage="s", capacity=1, service_time=Constant(2.0))
    journey = Journey("desk", stages=(Stage("s"),), touchpoints=(tp,), arrivals=(Arrival("desk", rate=100.0),))
    with pytest.warns(OverloadWarning, match="overloaded"):
        result = simulate(journey, customers=3, replications=1, seed=0, warmup=0, service_level="2 min")
    row = result.touchpoints.loc["desk"]
    assert row["service_level"] == pytest.approx(2 / 3, abs=1e-12)
    assert row["average_speed_of_answer"] == pytest.approx(row["mean_wait"], abs=1e-12)
    assert 1.9 < row["average_speed_of_answer"] < 2.0


def test_no_threshold_no_service_level() -> None:
    result = simulate(line(2, 1.0, 1.0), customers=500, replications=2, seed=1, warmup=0)
    assert math.isnan(result.touchpoints.loc["call", "service_level"])
    assert "service level" not in " ".join(touchpoint_table(result, "en").columns)


def test_service_level_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="'service_level'"):
        RunSettings(service_level="soon")
    with pytest.raises(ValueError, match="'service_level' must be a non-negative time"):
        RunSettings(service_level=-1)
    assert RunSettings(service_level="2 min").resolve(line(1, 1, 0.5)).service_level == 2.0


def test_the_table_and_json_show_the_three_figures_in_both_languages(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "line.yaml"
    save(line(2, 1.5, 1.0, patience=3.0), path)
    assert main(["simulate", str(path), "--customers", "300", "--replications", "2", "--workers", "1",
                 "--warmup", "0", "--service-level", "30 s", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    figures = document["touchpoints"]["call"]
    assert list(figures)[:6] == ["arrivals", "served", "abandoned", "abandonment_rate", "service_level",
                                 "average_speed_of_answer"]
    assert figures["service_level_threshold"]["mean"] == 0.5
    assert 0 < figures["service_level"]["mean"] < 1
    assert main(["simulate", str(path), "--customers", "300", "--replications", "2", "--workers", "1",
                 "--warmup", "0", "--service-level", "30 s", "--lang", "es"]) == 0
    text = capsys.readouterr().out
    assert "nivel de servicio" in text and "tiempo medio de respuesta" in text


def test_utilisation_and_waits_by_hour_of_day_add_up(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Customers come only between 09:00 and 10:00: nobody arrives in another hour, and the busy time spread
    over the hours (counted by the station) is every service's six minutes."""
    tp = Touchpoint("desk", name="Desk", stage="s", capacity=1, service_time=Constant(6.0))
    schedule = (RatePeriod(540, 0.0), RatePeriod(600, 5 / 60), RatePeriod(1440, 0.0))
    journey = Journey("desk", stages=(Stage("s"),), touchpoints=(tp,), arrivals=(Arrival("desk", schedule=schedule),))
    result = simulate(journey, until="1 d", warmup=0, replications=2, seed=3)
    table = result.by_hour("desk")
    assert list(table.columns) == ["utilization", "mean_wait", "customers"]
    others = table.drop(index=9)
    assert (others["customers"] == 0).all() and others["mean_wait"].isna().all()
    waited = result.touchpoints.loc["desk", "served"] + result.touchpoints.loc["desk", "abandoned"]
    assert table.loc[9, "customers"] == pytest.approx(2 * waited)  # both replications
    pooled = sum(s.touchpoints["wait_sum"][0] for s in result.stats) / sum(s.touchpoints["wait_count"][0]
                                                                          for s in result.stats)
    assert table.loc[9, "mean_wait"] == pytest.approx(pooled, rel=1e-12)
    assert (table["utilization"] * 60).sum() == pytest.approx(result.touchpoints.loc["desk", "served"] * 6.0)
    assert table.loc[3, "utilization"] == 0
    figure = result.plot_by_hour("desk", language="es")
    assert [ax.get_xlabel() for ax in figure.axes] == ["", "hora del día"]
    figure.savefig(tmp_path / "hours.png")
    steady = journey.replace(arrivals=(Arrival("desk", rate=0.1),))
    with pytest.raises(ValueError, match="arrivals follow a daily schedule"):
        simulate(steady, until="1 d", warmup=0, replications=2, seed=3).by_hour("desk")


def _morning(desk: Touchpoint, teams: tuple = ()) -> Journey:  # type: ignore[type-arg]
    """Customers from 08:00 to 20:00 only (12 an hour), at ``desk`` and, with a team, at a chat beside it."""
    schedule = (RatePeriod(480, 0.0), RatePeriod(1200, 0.2), RatePeriod(1440, 0.0))
    touchpoints = [desk]
    arrivals = [Arrival(desk.id, schedule=schedule)]
    if teams:
        touchpoints.append(Touchpoint("chat", stage="s", team=teams[0].id, service_time=Exponential(5.0)))
        arrivals.append(Arrival("chat", schedule=schedule))
    return Journey("shifts", stages=(Stage("s"),), touchpoints=tuple(touchpoints), arrivals=tuple(arrivals),
                   teams=teams)


def test_utilisation_by_hour_follows_the_shifts_and_a_teams_hours() -> None:
    """With shifts the hours are divided by the servers scheduled in them (closed hours have none), and the
    hourly busy time adds up to the touchpoint's utilisation; two touchpoints of one team share its hours."""
    from journeymap.model import Shift, Team

    own = Touchpoint("desk", stage="s", service_time=Exponential(5.0),
                     shifts=(Shift(420, 840, 2), Shift(840, 1260, 3)))
    result = simulate(_morning(own), until="3 d", warmup=0, replications=1, seed=2)
    table = result.by_hour("desk")
    assert table.loc[0:6, "utilization"].isna().all() and table.loc[21:23, "utilization"].isna().all()
    hours = np.array([2.0 * (7 <= h < 14) + 3.0 * (14 <= h < 21) for h in range(24)]) * 3 * 60  # server minutes
    busy = np.nan_to_num(table["utilization"].to_numpy()) * hours
    overall = result.touchpoints.loc["desk", "utilization"]
    assert busy.sum() / hours.sum() == pytest.approx(overall, rel=1e-9)
    shared = _morning(Touchpoint("desk", stage="s", team="agents", service_time=Exponential(5.0)),
                      (Team("agents", shifts=(Shift(420, 1260, 3),)),))
    result = simulate(shared, until="3 d", warmup=0, replications=1, seed=2)
    team = result.team_utilization_by_hour().loc["agents", "mean"]
    both = result.by_hour("desk")["utilization"] + result.by_hour("chat")["utilization"]
    assert np.allclose(both.loc[7:20].to_numpy(), team.loc[7:20].to_numpy(), rtol=1e-9)
    assert both.loc[0:6].isna().all()
