"""What a simulation hands back: its tables, JSON, summary, plots and event log, and how it refuses bad input."""

from __future__ import annotations

import json
import math
import re
import tracemalloc
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest

from journeymap.errors import JourneyError
from journeymap.model import Arrival, Exponential, Journey, RatePeriod, Stage, Touchpoint, Transition
from journeymap.simulation import (
    EVENT_COLUMNS,
    KPIS,
    STAGE_METRICS,
    TOUCHPOINT_METRICS,
    OverloadWarning,
    SimulationResult,
    run_replication,
    simulate,
)
from journeymap.text import count, duration, percent

matplotlib.use("Agg")


def shop() -> Journey:
    """An ad leads to a call centre (2 agents, impatient callers) and a purchase (the goal)."""
    tps = (
        Touchpoint("ad", name="Sees the ad", stage="discover", owner="Marketing", next=(Transition("call", 0.8),)),
        Touchpoint("call", name="Calls", stage="buy", owner="Call centre", capacity=2, moment_of_truth=True,
                   service_time=Exponential(4.0), patience=Exponential(3.0), next=(Transition("buy", 0.6),)),
        Touchpoint("buy", name="Buys", stage="buy", owner="Sales", service_time=Exponential(1.0), goal=True),
    )
    return Journey("shop", stages=(Stage("discover", "Discovery"), Stage("buy", "Purchase")), touchpoints=tps,
                   arrivals=(Arrival("ad", rate=0.5),), time_unit="minute")


@pytest.fixture(scope="module")
def result() -> SimulationResult:
    return simulate(shop(), customers=3000, replications=4, seed=3, events=True, start="2025-03-03 09:00")


# -- tables ----------------------------------------------------------------------------------------
def test_tables_have_the_documented_shape(result: SimulationResult) -> None:
    assert list(result.kpis.index) == list(KPIS)
    assert list(result.kpis.columns) == ["mean", "ci_low", "ci_high", "sd", "n", "unstable"]
    assert not result.kpis["unstable"].any() and not result.touchpoints["unstable"].any()
    assert list(result.replications.columns) == list(KPIS)
    assert list(result.replications.index) == [1, 2, 3, 4]
    assert list(result.touchpoints.columns) == [*TOUCHPOINT_METRICS, "unstable"]
    assert list(result.touchpoints.index) == ["ad", "call", "buy"]
    assert list(result.stages.columns) == [*STAGE_METRICS, "unstable"]
    assert list(result.stages.index) == ["discover", "buy"]
    assert result.touchpoints_ci.index.names == ["touchpoint", "metric"]
    assert len(result.touchpoints_ci) == 3 * len(TOUCHPOINT_METRICS)


def test_kpis_are_the_means_of_the_replications(result: SimulationResult) -> None:
    for name in KPIS:
        assert result.kpis.loc[name, "mean"] == pytest.approx(result.replications[name].mean(), nan_ok=True)
    row = result.kpis.loc["goal_rate"]
    assert row["ci_low"] < row["mean"] < row["ci_high"]
    assert result.kpis.loc["completed", "mean"] == 3000


def test_figures_agree_with_each_other(result: SimulationResult) -> None:
    tp = result.touchpoints
    kpi = result.kpis["mean"]
    assert tp.loc["ad", "visits"] == 1.0
    assert math.isnan(tp.loc["ad", "utilization"])  # no capacity: no utilisation
    assert tp.loc["call", "abandoned"] > 0
    assert kpi["goal_rate"] + kpi["abandonment_rate"] + kpi["drop_off_rate"] == pytest.approx(1.0)
    assert result.stages.loc["discover", "reach"] == 1.0
    assert result.paths["share"].sum() == pytest.approx(1.0)
    paths = result.paths.set_index("path")
    assert set(paths.index) == {"ad", "ad → call", "ad → call → buy"}
    assert paths.loc["ad", "ci_low"] - 0.01 < 0.2 < paths.loc["ad", "ci_high"] + 0.01  # 20% leave after the ad
    assert kpi["moments_of_truth"] == pytest.approx(tp.loc["call", "visits"], rel=0.01)


def test_metric_gives_the_mapping_the_diagram_paints(result: SimulationResult) -> None:
    waits = result.metric("mean_wait")
    assert set(waits) == {"ad", "call", "buy"}
    assert waits["ad"] == 0.0 and waits["call"] > 0
    assert set(result.metric("utilization")) == {"call"}
    with pytest.raises(KeyError, match="unknown metric 'mean_wiat' \\(did you mean 'mean_wait'\\?\\)"):
        result.metric("mean_wiat")


def test_json_document(result: SimulationResult) -> None:
    document = json.loads(json.dumps(result.to_dict(), allow_nan=False))
    for name in ("arrived", "completed", "goal_rate", "abandonment_rate", "mean_time_in_cycle", "p90_time_in_cycle"):
        figure = document["kpis"][name]
        assert set(figure) == {"mean", "ci_low", "ci_high"}
        assert figure["ci_low"] <= figure["mean"] <= figure["ci_high"]
    call = document["touchpoints"]["call"]
    for name in ("arrivals", "served", "abandoned", "abandonment_rate", "mean_wait", "p90_wait", "mean_time",
                 "utilization", "mean_queue"):
        assert call[name]["mean"] == pytest.approx(result.touchpoints.loc["call", name])
    assert document["touchpoints"]["ad"]["utilization"] == {"mean": None, "ci_low": None, "ci_high": None}
    assert document["time_unit"] == "minute" and document["replications"] == 4


def test_one_replication_has_null_intervals() -> None:
    single = simulate(shop(), customers=200, seed=1, replications=1)
    figure = single.to_dict()["kpis"]["goal_rate"]
    assert figure["mean"] is not None and figure["ci_low"] is None and figure["ci_high"] is None


def test_summary_reads_like_a_report(result: SimulationResult) -> None:
    summary = result.summary()
    names = ["customers who entered", "customers who left the cycle", "customers still in the cycle",
             "share still in the cycle", "goal rate", "abandonment rate", "drop-off rate", "mean time in the cycle",
             "90th percentile of time in the cycle",
             "moments of truth per customer", "throughput"]
    assert list(summary.index) == names and len(names) == len(KPIS)  # names for people, one per figure
    assert summary.index.name == "figure" and list(summary.columns) == ["value", "95% interval"]
    kpis = result.kpis
    assert summary.loc["goal rate", "value"] == percent(kpis.loc["goal_rate", "mean"])
    assert re.fullmatch(r"\d+(\.\d)?%–\d+(\.\d)?%", summary.loc["goal rate", "95% interval"])
    assert summary.loc["mean time in the cycle", "value"] == duration(kpis.loc["mean_time_in_cycle", "mean"], "minute")
    assert re.fullmatch(r"\d+ min( \d+ sec)?", summary.loc["mean time in the cycle", "value"])
    assert summary.loc["customers who entered", "value"] == count(kpis.loc["arrived", "mean"])
    assert summary.loc["throughput", "value"].endswith(" per hour")  # 0.5 customers a minute: some 30 per hour
    spanish = simulate(shop().replace(language="es"), customers=300, seed=1).summary()
    assert spanish.index.name == "cifra" and list(spanish.columns) == ["valor", "intervalo del 95 %"]
    assert spanish.loc["tasa de logro del objetivo", "valor"].endswith("\u00a0%")  # Spanish: 39 %
    assert re.fullmatch(r"0,\d+", spanish.loc["momentos de la verdad por cliente", "valor"])  # a decimal comma
    assert spanish.loc["flujo de salida", "valor"].endswith(" por hora")
    assert result.summary("es").index[4] == "tasa de logro del objetivo"  # or in the language asked for
    assert "shop" in repr(result) and "<table" in result._repr_html_() and "goal_rate" not in result._repr_html_()


# -- plots -----------------------------------------------------------------------------------------
def test_plots_draw_what_the_tables_hold(result: SimulationResult) -> None:
    figure = result.plot_waits()
    bars = figure.axes[0].patches
    unit = re.fullmatch(r"mean wait in queue \((\w+)\), with its 95% interval", figure.axes[0].get_xlabel())[1]
    per_minute = {"sec": 60.0, "min": 1.0, "hr": 1 / 60}[unit]  # drawn in the largest sensible unit
    assert [bar.get_width() for bar in bars] == pytest.approx([result.touchpoints.loc["call", "mean_wait"]
                                                               * per_minute])
    funnel = result.plot_funnel().axes[0].patches
    assert [bar.get_width() for bar in funnel] == pytest.approx(list(result.stages["entered"]))
    histogram = result.plot_time_in_cycle(bins=20).axes[0]
    assert len(histogram.patches) == 20
    assert sum(p.get_height() for p in histogram.patches) == pytest.approx(95, abs=1.1)  # percent of customers
    import matplotlib.pyplot as plt

    plt.close("all")


# -- event log -------------------------------------------------------------------------------------
def test_event_log_follows_the_process_mining_convention(result: SimulationResult, tmp_path) -> None:
    log = result.events
    assert list(log.columns) == list(EVENT_COLUMNS)
    assert set(log["lifecycle:transition"]) == {"enqueue", "start", "complete", "abandon"}
    assert set(log["concept:name"]) == {"Sees the ad", "Calls", "Buys"}
    calls = log[log["touchpoint"] == "call"]
    assert set(calls["org:resource"]) == {"Call centre"}
    assert log["case:concept:name"].str.match(r"^R[1-4]-C\d+$").all()
    first = log.iloc[0]
    expected = pd.Timestamp("2025-03-03 09:00") + pd.Timedelta(minutes=first["time"])
    assert abs(first["time:timestamp"] - expected) <= pd.Timedelta(microseconds=1)
    abandons = log[log["lifecycle:transition"] == "abandon"].groupby("replication").size()
    assert abandons.tolist() == [int(s.touchpoints["abandoned"][1]) for s in result.stats]
    path = result.save_events(tmp_path / "events.csv")
    back = pd.read_csv(path, parse_dates=["time:timestamp"])
    assert len(back) == len(log)
    assert (back["time:timestamp"] == log["time:timestamp"]).all()


def test_no_event_log_unless_asked() -> None:
    plain = simulate(shop(), customers=100, seed=1)
    assert plain.events is None
    with pytest.raises(ValueError, match="simulate with events=True"):
        plain.save_events("never.csv")


# -- arrivals by schedule --------------------------------------------------------------------------
def test_a_daily_schedule_sends_customers_only_when_open() -> None:
    """Closed until 08:00 and after 20:00 (the first period's rate, 0, applies again after the last)."""
    schedule = (RatePeriod(8 * 60, 0.0), RatePeriod(12 * 60, 2.0), RatePeriod(20 * 60, 0.5))
    door = Touchpoint("door", stage="s")
    journey = Journey("day", stages=(Stage("s"),), touchpoints=(door,),
                      arrivals=(Arrival("door", schedule=schedule),))
    log = simulate(journey, until="10 d", seed=6, events=True, replications=1, warmup=0).events
    minute = log.loc[log["lifecycle:transition"] == "start", "time"] % 1440
    assert minute.between(8 * 60, 20 * 60).all()
    morning = int((minute < 12 * 60).sum())
    afternoon = int((minute >= 12 * 60).sum())
    assert morning == pytest.approx(10 * 240 * 2.0, rel=0.05)  # 4,800 expected, sd 69
    assert afternoon == pytest.approx(10 * 480 * 0.5, rel=0.07)  # 2,400 expected, sd 49


# -- arguments and bad journeys --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"customers": 0}, "'customers' must be a positive int (got 0)"),
        ({"replications": 0}, "'replications' must be a positive int (got 0)"),
        ({"until": -5}, "'until' must be a positive time (got -5)"),
        ({"until": "2 h", "warmup": "3 h"}, "'warmup' must end before 'until' (got warmup 180, until 120)"),
        ({"seed": -1}, "'seed' must be a non-negative int (got -1)"),
    ],
)
def test_bad_arguments_are_named(arguments: dict, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        simulate(shop(), **arguments)
    assert str(caught.value) == message


def test_times_may_be_written_with_units() -> None:
    result = simulate(shop(), until="2 h", warmup="30 min", seed=1)
    assert result.until == 120.0 and result.warmup == 30.0
    assert result.stats[0].duration == 90.0


def test_a_journey_without_arrivals_is_refused() -> None:
    with pytest.raises(JourneyError, match="no customers arrive"):
        simulate(shop().replace(arrivals=()), customers=10)


def test_a_loop_with_no_way_out_is_refused_before_running() -> None:
    a = Touchpoint("a", stage="s", next=(Transition("b", 1.0),))
    b = Touchpoint("b", stage="s", next=(Transition("a", 1.0),))
    journey = Journey("trap", stages=(Stage("s"),), touchpoints=(a, b), arrivals=(Arrival("a", rate=1.0),))
    with pytest.raises(JourneyError, match="routing loop that customers can never leave: a → b"):
        simulate(journey, customers=10)


def test_invalid_journeys_fail_with_the_validation_message() -> None:
    io = pytest.importorskip("journeymap.io")
    journey = shop().update_touchpoint("call", capacity=-2)
    expected = [issue for issue in io.validate(journey) if issue.is_error]
    assert expected
    with pytest.raises(JourneyError) as caught:
        simulate(journey, customers=10)
    assert [str(issue) for issue in caught.value.errors] == [str(issue) for issue in expected]


def test_an_overloaded_touchpoint_warns_before_running() -> None:
    journey = shop().update_touchpoint("call", capacity=1, patience=None)
    with pytest.warns(OverloadWarning, match=r"touchpoint 'call' is overloaded: offered load 1\.6 ≥ 1 \(arrivals × "
                                             r"mean service time ÷ capacity\) and no patience"):
        simulate(journey, customers=50, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        simulate(shop(), customers=50, seed=1)  # not overloaded: silent


# -- progress and memory ---------------------------------------------------------------------------
def test_progress_is_reported_up_to_the_total() -> None:
    seen: list[tuple[float, int]] = []
    simulate(shop(), customers=3000, replications=2, seed=1, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2, 2)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert any(0 < done < 1 for done, _ in seen)


def test_memory_does_not_grow_with_customers() -> None:
    def peak(customers: int) -> int:
        tracemalloc.start()
        run_replication(shop(), seed=np.random.SeedSequence(1), customers=customers)
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(10_000), peak(40_000)  # both long enough to fill the histogram buffers
    assert large < small * 1.1
