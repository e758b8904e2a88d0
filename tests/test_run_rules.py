"""The rules of a run a consultant relies on without seeing them, each checked on its own: sequential stopping
(``precision=``), the working day of a terminating journey (``horizon:``), the warm-up chosen by MSER-5
(``warmup="auto"``) and the event log streamed to Parquet. Queueing figures are checked against theory within
the run's own intervals, with fixed seeds.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import numpy as np
import pytest

import journeymap as jm
from journeymap.errors import RunWarning
from journeymap.model import Arrival, Exponential, Journey, Stage, Touchpoint, Transition
from journeymap.simulation import simulate
from journeymap.simulation.formatting import result_document, run_description, run_notes
from journeymap.simulation.run import HEADLINE
from journeymap.simulation.warmup import BATCH, RELAXATIONS, mser, warmup_time


def desk(rate: float, *, service: float = 1.0, servers: int = 1, horizon: float | None = None) -> Journey:
    """An M/M/c desk and a goal after it, in minutes; ``horizon`` makes it a terminating journey."""
    queue = Touchpoint("desk", stage="s", capacity=servers, service_time=Exponential(service),
                       next=(Transition("done", 0.6),))
    done = Touchpoint("done", stage="s", goal=True)
    return Journey("desk", stages=(Stage("s"),), touchpoints=(queue, done), arrivals=(Arrival("desk", rate=rate),),
                   horizon=horizon)


def half_width(result: jm.SimulationResult, kpi: str) -> float:
    row = result.kpis.loc[kpi]
    return float(row["ci_high"] - row["ci_low"]) / 2 / abs(float(row["mean"]))


# -- precision= ----------------------------------------------------------------------------------------------


def test_precision_adds_replications_until_every_headline_figure_is_that_precise() -> None:
    result = simulate(desk(0.5), customers=200, replications=3, warmup=0.0, precision=0.05, seed=7)
    report = result.precision
    assert report is not None and report.reached
    assert report.replications == result.settings.replications == len(result.replications) > 3
    for kpi in HEADLINE:
        if result.kpis.loc[kpi, "mean"] > 0:  # nobody abandons here: a zero has no relative precision
            assert half_width(result, kpi) <= 0.05, kpi
    assert report.relative == pytest.approx(max(half_width(result, k) for k in HEADLINE
                                                if result.kpis.loc[k, "mean"] > 0))
    # the replications made first are those of a run without precision: the seeds continue one sequence
    first = simulate(desk(0.5), customers=200, replications=3, warmup=0.0, seed=7)
    assert np.array_equal(result.replications.iloc[:3].to_numpy(), first.replications.to_numpy())
    assert any("Precision 5% reached" in note for note in run_notes(result, "en"))


def test_precision_out_of_reach_stops_at_the_maximum_and_says_so() -> None:
    with pytest.warns(RunWarning, match=r"precision asked for \(0\.1%\) was not reached in 6 replications"):
        result = simulate(desk(0.5), customers=100, replications=2, warmup=0.0, precision=0.001,
                          max_replications=6, seed=3)
    report = result.precision
    assert report is not None and not report.reached
    assert report.replications == report.most == 6 == len(result.replications)
    assert report.relative > 0.001 and report.widest in HEADLINE
    assert result_document(result)["precision"] == {"target": 0.001, "reached": False, "replications": 6,
                                                    "max_replications": 6, "widest": report.widest,
                                                    "relative_half_width": report.relative}
    assert "no alcanzada en 6 réplicas" in " ".join(run_notes(result, "es"))


# -- horizon: a working day from empty ----------------------------------------------------------------------


def test_a_journey_with_a_horizon_runs_day_long_replications_from_empty() -> None:
    journey = desk(0.5, horizon=480.0)  # one 8-hour day, 0.5 customers a minute
    result = simulate(journey, replications=40, seed=11)
    assert result.settings.horizon == 480.0 and result.warmup == 0.0  # from empty: no warm-up to cut
    assert result.customers is None and result.until is None
    arrived = result.kpis.loc["arrived"]
    assert arrived["ci_low"] <= 0.5 * 480 <= arrived["ci_high"]  # Poisson arrivals over the day
    assert result.kpis.loc["in_progress", "mean"] == 0  # the day ends when the last customer has left
    goal = result.kpis.loc["goal_rate"]
    assert goal["ci_low"] <= 0.6 <= goal["ci_high"]
    assert "a working day of 8 hr" in run_description(result.settings, journey, "en")


def test_the_horizon_is_read_from_the_file_and_a_day_long_run_starts_empty_each_day(tmp_path: Path) -> None:
    text = """journeymap: 1
title: Counter
time_unit: minute
horizon: 6 h
stages: [{id: s}]
touchpoints:
  - {id: counter, stage: s, capacity: 2, service_time: {dist: exponential, mean: 3}, next: {paid: 1.0}}
  - {id: paid, stage: s, goal: true}
arrivals: [{touchpoint: counter, rate: 0.5}]
"""
    journey = jm.loads(text)
    assert journey.horizon == 360.0
    result = simulate(journey, replications=30, seed=2, events=True)
    log = result.events
    starts = log.groupby("replication")["time"].min()
    assert (starts < 10).all()  # every day opens at time 0 with nobody inside
    arrivals = log[log["lifecycle:transition"] == "enqueue"]  # a customer joining the counter's queue
    assert len(arrivals) and (arrivals["time"] <= 360.0).all()  # nobody enters after closing time


# -- warmup="auto" --------------------------------------------------------------------------------------------


def test_mser_cuts_a_known_transient_and_nothing_from_a_settled_series() -> None:
    generator = np.random.default_rng(4)
    settled = generator.normal(10.0, 1.0, 2000)
    dropped, ok = mser(settled)
    assert ok and dropped <= 10 * BATCH  # a stationary series keeps (nearly) everything
    transient = np.concatenate([np.linspace(0.0, 10.0, 300), settled])  # waits climbing from an empty start
    dropped, ok = mser(transient)
    assert ok and 200 <= dropped <= 400 and dropped % BATCH == 0
    dropped, ok = mser(np.arange(2000.0))  # still climbing at the end: it never settled
    assert not ok


def test_the_warmup_time_is_the_entry_of_the_first_customer_kept_or_the_floor() -> None:
    waits = np.concatenate([np.linspace(0.0, 10.0, 300), np.random.default_rng(1).normal(10.0, 1.0, 2000)])
    trace = np.column_stack([np.arange(len(waits)) * 0.5, waits])  # one customer every half minute
    choice = warmup_time(trace[::-1].copy())  # given in any order: the trace is sorted by entry time
    assert choice.time == pytest.approx(choice.dropped * 0.5) and choice.mser_time == choice.time
    assert choice.observed == len(waits) and choice.settled
    assert warmup_time(trace, floor=1e4).time == 1e4  # the relaxation floor wins when it is later


def test_auto_warmup_is_chosen_from_a_pilot_reported_and_large_enough_for_a_busy_queue() -> None:
    journey = desk(0.9)  # M/M/1 at load 0.9: an empty start takes long to forget
    result = simulate(journey, customers=2000, replications=20, seed=5)  # warmup="auto" is the default
    choice = result.warmup_choice
    assert choice is not None and result.warmup == choice.time > 0
    relaxation = jm.analyze(journey).touchpoints.loc["desk", "relaxation_time"]
    assert choice.floor == pytest.approx(RELAXATIONS * relaxation)
    assert choice.time == max(choice.mser_time, choice.floor)
    assert "Warm-up detected:" in " ".join(run_notes(result, "en"))
    # with the warm-up cut, the mean wait covers M/M/1's Wq = rho / (mu - lambda) = 9 minutes
    wait = result.touchpoints_ci.loc[("desk", "mean_wait")]
    assert wait["ci_low"] <= 9.0 <= wait["ci_high"]


def test_a_given_warmup_is_used_as_it_is() -> None:
    result = simulate(desk(0.5), customers=300, replications=3, warmup=25.0, seed=1)
    assert result.warmup == 25.0 and result.warmup_choice is None


# -- the event log streamed to Parquet --------------------------------------------------------------------------


def test_the_event_log_streamed_to_parquet_holds_exactly_the_events_kept_in_memory(tmp_path: Path) -> None:
    pyarrow = pytest.importorskip("pyarrow.parquet")
    journey = desk(0.5)
    settings = {"customers": 400, "replications": 3, "warmup": 0.0, "seed": 9}
    kept = simulate(journey, events=True, **settings).events
    target = tmp_path / "events.parquet"
    streamed = simulate(journey, events=str(target), **settings)
    table = pyarrow.read_table(target).to_pandas()
    assert len(table) == len(kept) > 0
    assert list(table.columns) == list(kept.columns)
    columns = ["replication", "case:concept:name", "concept:name", "lifecycle:transition"]
    assert (table[columns].astype(str).to_numpy() == kept[columns].astype(str).to_numpy()).all()
    assert np.allclose(table["time"].to_numpy(dtype=float), kept["time"].to_numpy(dtype=float))
    assert streamed.kpis.equals(simulate(journey, **settings).kpis)  # writing the log changes no figure
    assert not list(tmp_path.glob("*.part*"))  # the parts are joined and removed: one file, written whole


def test_a_streamed_log_can_be_read_back_and_calibrated(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from journeymap.evidence import calibrate, read_log

    target = tmp_path / "events.parquet"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RunWarning)
        simulate(desk(0.5, servers=2), customers=3000, replications=1, warmup=0.0, seed=4, events=str(target))
    calibration = calibrate(read_log(target), desk(0.5, servers=2))
    rate = calibration.journey.arrivals[0].rate
    assert rate is not None and math.isclose(rate, 0.5, rel_tol=0.1)
