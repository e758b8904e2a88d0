"""Calibration: the simulation's own event log gives back the journey that made it; real logs calibrate,
validate and back-test; partitioned logs give the same numbers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import journeymap as jm
from journeymap.errors import JourneyError, NotFound
from journeymap.evidence import calibrate, read_log
from journeymap.io import loads, save

DATA = Path(__file__).parents[1] / "notebooks" / "data" / "eventlogs"


def _log(name: str) -> Path:
    return DATA / name


def _journey() -> jm.Journey:
    return loads("""
journeymap: 1
title: Help desk
time_unit: minute
stages: [{id: contact}, {id: fix}]
touchpoints:
  - {id: call, name: Call, stage: contact, capacity: 4, service_time: {dist: exponential, mean: 3},
     next: {triage: 0.7}}
  - {id: triage, name: Triage, stage: contact, capacity: 6, service_time: {dist: gamma, mean: 5, sd: 2},
     next: {repair: 0.5, call: 0.1}}
  - {id: repair, name: Repair, stage: fix, capacity: 3, goal: true, service_time: {dist: lognormal, mean: 4, sd: 3}}
arrivals:
  - {touchpoint: call, rate: 0.8}
""")


@pytest.fixture(scope="module")
def round_trip() -> tuple[jm.Journey, object]:
    journey = _journey()
    result = jm.simulate(journey, until="5 d", seed=3, events=True, replications=1, warmup=0)  # one log from empty
    log = read_log(result.events)
    return journey, calibrate(log, journey)


def test_round_trip_recovers_routing_within_its_intervals(round_trip: tuple[jm.Journey, object]) -> None:
    _, calibration = round_trip
    routing = calibration.routing.set_index(["source", "target"])
    truth = {("call", "triage"): 0.7, ("call", ""): 0.3, ("triage", "repair"): 0.5, ("triage", "call"): 0.1,
             ("triage", ""): 0.4, ("repair", ""): 1.0}
    for key, p in truth.items():
        row = routing.loc[key]
        assert row["ci_low"] <= p <= row["ci_high"], (key, p, row["p"])
    assert calibration.journey.touchpoint("call").route("triage").meta["evidence"]["of"] == routing.loc[
        ("call", "triage"), "total"]


def test_round_trip_recovers_service_means_and_arrival_rate(round_trip: tuple[jm.Journey, object]) -> None:
    journey, calibration = round_trip
    evidence = calibration.evidence.set_index(["id", "parameter"])
    for tp in journey.touchpoints:
        row = evidence.loc[(tp.id, "service_time")]
        assert row["ci_low"] <= tp.service_time.mean <= row["ci_high"], (tp.id, row["value"])
        assert row["n"] > 500
    rate = evidence.loc[("call", "rate")]
    assert rate["ci_low"] <= 0.8 <= rate["ci_high"]
    assert calibration.journey.touchpoint("call").capacity == 4  # the map's own capacity is kept
    fitted = calibration.journey.touchpoint("call").service_time  # exponential, or a gamma of shape close to 1
    assert fitted.kind in ("exponential", "gamma") and 0.85 < fitted.scv < 1.15


def test_calibrated_journey_saves_and_loads_with_its_provenance(tmp_path: Path,
                                                                 round_trip: tuple[jm.Journey, object]) -> None:
    _, calibration = round_trip
    path = calibration.save(tmp_path / "calibrated.yaml")
    again = jm.load(path)
    assert again == calibration.journey
    service = again.touchpoint("triage").meta["evidence"]["service_time"]
    assert service["method"] == "start/complete pairs" and set(service["aic"]) == {"exponential", "lognormal",
                                                                                     "gamma"}
    assert again.meta["evidence"]["cases"] == len(calibration.pieces.cases)


@pytest.mark.filterwarnings("ignore::journeymap.OverloadWarning")  # six cases make queues that look overloaded
@pytest.mark.parametrize("name", ["interval_event_log.csv", "running-example.csv", "roadtraffic100traces.csv"])
def test_public_logs_draft_a_valid_journey_that_simulates(name: str) -> None:
    calibration = calibrate(read_log(_log(name)))
    journey = calibration.journey
    assert not [i for i in jm.validate(journey) if i.is_error]
    assert journey.meta["evidence"]["drafted"] is True
    assert all(stage.meta["evidence"]["guessed"] for stage in journey.stages)
    assert jm.simulate(journey, customers=200, seed=1).kpis.loc["completed", "mean"] == 200


def test_completion_only_logs_say_service_is_not_measured() -> None:
    calibration = calibrate(read_log(_log("roadtraffic100traces.csv")))
    assert any("completion times only" in note for note in calibration.notes)
    assert calibration.journey.touchpoint("send_fine").service_time is None
    delays = calibration.evidence[calibration.evidence["parameter"] == "delay"]
    assert set(delays["method"]) == {"next completion minus completion (includes the next service and any wait)"}


def test_mapping_file_maps_several_activities_and_lists_the_unmapped(tmp_path: Path) -> None:
    journey = loads("""
journeymap: 1
title: Orders
time_unit: hour
stages: [{id: buy}, {id: get}]
touchpoints:
  - {id: order, stage: buy, next: {payment: 1}}
  - {id: payment, stage: buy, next: {delivery: 1}}
  - {id: delivery, stage: get, goal: true}
""")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("place order: order\nsend invoice: payment\npay: payment\nprepare delivery: delivery\n"
                       "make delivery: delivery\n")
    calibration = calibrate(read_log(_log("interval_event_log.csv")), journey, mapping)
    assert set(calibration.unmapped["activity"]) == {"send reminder", "confirm payment", "cancel order"}
    assert "events of 3 unmapped activities left out" in calibration.notes[0]
    route = calibration.routing.set_index(["source", "target"])
    assert route.loc[("order", "payment"), "count"] == 1266


def test_mapping_to_an_unknown_touchpoint_suggests_one() -> None:
    journey = _journey()
    with pytest.raises(JourneyError, match=r"maps to 'triag', which is not a touchpoint .*did you mean 'triage'"):
        calibrate(read_log(_log("running-example.csv")), journey, {"decide": "triag"})
    with pytest.raises(NotFound, match="goal activity 'nope' is not in the log"):
        calibrate(read_log(_log("running-example.csv")), goals=["nope"])


def test_partitioned_parquet_gives_the_same_numbers(tmp_path: Path) -> None:
    raw = pd.read_csv(_log("interval_event_log.csv"))
    folder = tmp_path / "parts"
    folder.mkdir()
    for k in range(3):
        raw.iloc[k::3].to_parquet(folder / f"part-{k}.parquet")
    lazy, whole = calibrate(read_log(folder)), calibrate(read_log(_log("interval_event_log.csv")))
    key = ["object", "id", "parameter"]
    pd.testing.assert_frame_equal(lazy.evidence.sort_values(key).reset_index(drop=True),
                                  whole.evidence.sort_values(key).reset_index(drop=True))
    assert lazy.journey.touchpoints == whole.journey.touchpoints


def test_back_test_puts_the_log_beside_the_simulation() -> None:
    check = calibrate(read_log(_log("roadtraffic100traces.csv"))).check(replications=8, seed=2)
    figures = check.figures.set_index("figure")
    assert figures.loc["cases", "log"] == 100
    assert figures.loc["cases", "low"] <= figures.loc["cases", "simulated"] <= figures.loc["cases", "high"]
    assert set(figures.index) >= {"goal_share", "cycle_median", "cycle_p90", "cycle_ks", "visits:create_fine"}
    assert figures.loc["visits:create_fine", "log"] == 1.0 and figures.loc["visits:create_fine", "within"]
    table = check.table()
    outside = table[table["verdict"] == "outside"]
    assert (outside["likely cause"] != "").all() and (table[table["verdict"] == "within"]["likely cause"] == "").all()


def test_save_event_log_round_trip_through_csv(tmp_path: Path) -> None:
    journey = _journey()
    result = jm.simulate(journey, until="1 d", seed=5, events=True)
    path = result.save_events(tmp_path / "events.csv")
    calibration = calibrate(read_log(path), journey)
    assert calibration.routing["count"].sum() == len(read_log(path)[lambda f: f["lifecycle:transition"] == "complete"])
    save(calibration.journey, tmp_path / "out.yaml")


@pytest.fixture(scope="module")
def replicated() -> tuple[jm.Journey, object, pd.DataFrame]:
    journey = _journey()
    result = jm.simulate(journey, until="2 d", seed=5, events=True, replications=5, warmup=0)
    log = read_log(result.events)  # the simulation's own log: a 'replication' column, 5 histories of 2 days
    return journey, calibrate(log, journey), log


def test_replications_are_separate_histories_in_the_round_trip(
        replicated: tuple[jm.Journey, object, pd.DataFrame]) -> None:
    from journeymap.evidence import read_notes

    journey, calibration, log = replicated
    assert read_notes(log)["replications"] == 5
    evidence = calibration.evidence.set_index(["id", "parameter"])
    rate = evidence.loc[("call", "rate")]
    assert rate["ci_low"] <= 0.8 <= rate["ci_high"]  # the rate of one history, not five times it
    assert 0.7 < rate["value"] < 0.9
    assert calibration.journey.arrivals[0].meta["evidence"]["replications"] == 5
    # seven checks at 95% would miss one time in three by chance: each truth within 1.5 half-widths (~99.7%)
    routing = calibration.routing.set_index(["source", "target"])
    for key, p in {("call", "triage"): 0.7, ("triage", "repair"): 0.5, ("triage", "call"): 0.1}.items():
        row = routing.loc[key]
        assert abs(row["p"] - p) <= 1.5 * (row["ci_high"] - row["ci_low"]) / 2, (key, row["p"])
    for tp in journey.touchpoints:
        row = evidence.loc[(tp.id, "service_time")]
        assert abs(row["value"] - tp.service_time.mean) <= 1.5 * (row["ci_high"] - row["ci_low"]) / 2, (tp.id, row)
    assert any("5 replications" in note for note in calibration.notes)


def test_a_replicated_log_back_tests_per_replication(replicated: tuple[jm.Journey, object, pd.DataFrame]) -> None:
    _, calibration, log = replicated
    figures = calibration.check(replications=4, seed=1).figures.set_index("figure")
    per_history = log.groupby("replication")["case:concept:name"].nunique().mean()
    assert figures.loc["cases", "log"] == pytest.approx(per_history, rel=0.02)  # not the five histories' sum
    assert figures.loc["cases", "within"]


def test_a_replicated_log_has_no_baseline_and_says_which_column(
        replicated: tuple[jm.Journey, object, pd.DataFrame]) -> None:
    from journeymap.evidence import baseline

    journey, _, log = replicated
    with pytest.raises(JourneyError, match=r"5 replications \(column 'replication'\)"):
        baseline(log, journey)


def test_case_names_shared_by_replications_are_kept_apart() -> None:
    frame = pd.DataFrame({"case": ["C1", "C1", "C1", "C1"], "activity": ["a", "b", "a", "b"],
                          "time": ["2025-01-06T09:00", "2025-01-06T09:10", "2025-01-06T09:00", "2025-01-06T09:20"],
                          "run": [1, 1, 2, 2]})
    log = read_log(frame, replication="run")
    assert sorted(log["case:concept:name"].unique()) == ["1/C1", "2/C1"]
    assert log["replication"].tolist() == [1, 1, 2, 2]


def test_capacity_counts_servers_within_each_replication() -> None:
    from journeymap.evidence.capacity import concurrency

    busy = pd.DataFrame({"touchpoint": ["desk"] * 4, "resource": ["ann", "bob", "ann", "bob"],
                         "start": [0.0, 0.0, 0.0, 50.0], "end": [100.0, 100.0, 40.0, 100.0],
                         "replication": [1, 1, 2, 2]})
    table = concurrency(busy).set_index("touchpoint")
    assert table.loc["desk", "max"] == 2  # two at once in replication 1; never four
    both = concurrency(busy.assign(replication=1)).set_index("touchpoint")
    assert both.loc["desk", "max"] == 2 and table.loc["desk", "median"] <= both.loc["desk", "median"]


def test_calibration_notes_and_explanations_read_in_the_language_asked(
        replicated: tuple[jm.Journey, object, pd.DataFrame]) -> None:
    journey, _, log = replicated
    spanish = calibrate(log, journey, language="es")
    assert "llegadas: el registro contiene 5 réplicas del mismo periodo: las tasas son por réplica, promediadas" \
        in spanish.notes
    reasons = spanish.evidence.set_index(["id", "parameter"]).loc[("call", "service_time"), "note"]
    assert reasons.startswith(("menor AIC: ", "la mejor forma")), reasons
    routes = spanish.evidence[spanish.evidence["parameter"] == "p"]["note"]
    assert routes.str.fullmatch(r"[\d.]+ de [\d.]+").all(), routes.tolist()


def test_output_errors_read_in_the_language_asked(tmp_path: Path) -> None:
    from journeymap.cli.outputs import Output, check_outputs

    source = tmp_path / "a.yaml"
    source.write_text("x")
    assert check_outputs("render", [source], [Output("-o", source)], language="es") == (
        f"journeymap render: error: -o '{source}' es el archivo de entrada '{source}'; escribirlo lo reemplazaría: "
        "elija otro archivo")
    assert check_outputs("simulate", [], [Output("--events", "x.txt", (".csv",))]) == (
        "journeymap simulate: error: --events 'x.txt': use one of .csv")
