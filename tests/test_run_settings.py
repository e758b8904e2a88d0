"""RunSettings: one value says how every run goes, checked once, the same rules for simulate, compare,
sweep and the action plan; keywords are a shortcut that builds it; results keep it."""

from __future__ import annotations

import dataclasses
import json
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest
from experiment_journeys import call_centre

import journeymap as jm
from journeymap.model.units import UnitError
from journeymap.prioritize import Intervention, action_plan, estimate_impact
from journeymap.simulation import DEFAULT_CUSTOMERS, RUN_OPTIONS, RunSettings, simulate

SMALL = RunSettings(customers=300, replications=2, seed=5)
FASTER = jm.Scenario("Three agents", [jm.set_capacity("call", 3)])


def test_keywords_build_the_same_settings() -> None:
    by_value = simulate(call_centre(), SMALL)
    by_keywords = simulate(call_centre(), customers=300, replications=2, seed=5)
    by_name = simulate(call_centre(), settings=SMALL)
    pd.testing.assert_frame_equal(by_value.replications, by_keywords.replications, check_exact=True)
    pd.testing.assert_frame_equal(by_value.replications, by_name.replications, check_exact=True)
    chosen = by_value.warmup_choice.time  # warmup="auto": the pilot replication chose it, the same every time
    assert by_value.settings == by_keywords.settings == SMALL.resolve(call_centre()).replace(warmup=chosen)


def test_settings_and_keywords_together_are_refused() -> None:
    with pytest.raises(TypeError, match=r"^simulate\(\): give either settings=RunSettings\(\.\.\.\) or keyword "
                                        r"arguments such as seed=, customers=, not both$"):
        simulate(call_centre(), SMALL, seed=2, customers=10)
    with pytest.raises(TypeError, match=r"^compare\(\): give either settings=RunSettings"):
        jm.compare(call_centre(), FASTER, SMALL, replications=3)
    with pytest.raises(TypeError, match=r"^sweep\(\): 'settings' must be a RunSettings \(got 5\)$"):
        jm.sweep(call_centre(), {"call.capacity": [2]}, 5)  # type: ignore[arg-type]


def test_an_unknown_keyword_gets_a_did_you_mean() -> None:
    with pytest.raises(TypeError, match=r"^simulate\(\) got an unexpected keyword argument 'custmers' "
                                        r"\(did you mean 'customers'\?\)$"):
        simulate(call_centre(), custmers=10)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"^action_plan\(\) got an unexpected keyword argument 'replication' "
                                        r"\(did you mean 'replications'\?\)$"):
        action_plan(call_centre(), [Intervention("More agents", FASTER)], replication=3)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"customers": 2.5}, ValueError, "'customers' must be a positive int (got 2.5)"),
        ({"replications": True}, ValueError, "'replications' must be a positive int (got True)"),
        ({"seed": "1"}, ValueError, "'seed' must be a non-negative int (got '1')"),
        ({"until": 0}, ValueError, "'until' must be a positive time (got 0)"),
        ({"warmup": "-1 h"}, ValueError, "'warmup' must be a non-negative time (got '-1 h')"),
        ({"until": "eight hours"}, UnitError,
         "'until': expected a time such as '6 min', '90 s' or '2 h', got 'eight hours'"),
        ({"events": "yes"}, ValueError, "'events' must be True, False or a file ending in .csv or .parquet "
                                        "(got 'yes')"),
        ({"precision": 1.5}, ValueError, "'precision' must be a share between 0 and 1, such as 0.05 (got 1.5)"),
        ({"max_events": 0}, ValueError, "'max_events' must be a positive int (got 0)"),
        ({"start": "the first monday"}, ValueError,
         "'start' must be a date and time such as '2025-01-06 08:00' (got 'the first monday')"),
        ({"executor": "gpu"}, ValueError,
         "'executor' must be None, 'processes', 'serial', a positive int, a concurrent.futures.Executor or a "
         "dask.distributed.Client (got 'gpu')"),
        ({"progress": True}, TypeError,
         "'progress' must be None or a function progress(done, total) (got True); for a progress bar, "
         "pass progress=ProgressBar()"),
    ],
)
def test_every_value_is_checked_when_the_settings_are_made(fields: dict, error: type, message: str) -> None:
    with pytest.raises(error) as caught:
        RunSettings(**fields)
    assert str(caught.value) == message


def test_the_same_rules_wherever_a_run_happens() -> None:
    """compare and sweep used to check the settings with rules of their own."""
    for run in (lambda: simulate(call_centre(), until=-5),
                lambda: jm.compare(call_centre(), FASTER, until=-5),
                lambda: jm.sweep(call_centre(), {"call.capacity": [2]}, until=-5),
                lambda: estimate_impact(call_centre(), [Intervention("More agents", FASTER)], until=-5)):
        with pytest.raises(ValueError, match=r"^'until' must be a positive time \(got -5\)$"):
            run()
    with pytest.raises(ValueError, match=r"^'seed' must be a non-negative int \(got -1\)$"):
        jm.compare(call_centre(), FASTER, seed=-1)


def test_resolving_for_a_journey_turns_times_into_its_unit_and_fills_the_defaults() -> None:
    journey = call_centre()  # minutes
    resolved = RunSettings(until="2 h", warmup="30 min", seed=None).resolve(journey, replications=7)
    assert (resolved.until, resolved.warmup, resolved.customers, resolved.replications) == (120.0, 30.0, None, 7)
    assert isinstance(resolved.seed, int)  # fresh entropy, recorded so the run can be repeated
    assert resolved.resolve(journey) == resolved
    assert RunSettings().resolve(journey).customers == DEFAULT_CUSTOMERS
    assert RunSettings(replications=3).resolve(journey, replications=7).replications == 3
    with pytest.raises(ValueError, match=r"^'warmup' must end before 'until' \(got warmup 180, until 120\)$"):
        RunSettings(until="2 h", warmup="3 h").resolve(journey)
    with pytest.raises(ValueError, match=r"^'replications' must be an int of at least 2 \(got 1\)$"):
        RunSettings(replications=1).resolve(journey, least_replications=2)


def test_every_function_makes_twenty_replications_by_default() -> None:
    """Enough for a 95% interval to cover about 95% of the time (benchmarks/bench_coverage.py)."""
    settings = RunSettings(customers=50, seed=1, warmup=0)
    assert simulate(call_centre(), settings).settings.replications == 20
    assert jm.compare(call_centre(), FASTER, settings).settings.replications == 20
    assert jm.sweep(call_centre(), {"call.capacity": [2]}, settings).settings.replications == 20


def test_results_keep_their_settings() -> None:
    result = simulate(call_centre(), customers=200, until="5 h", warmup=10, seed=None, replications=2)
    assert result.settings.until == 300.0 and result.until == 300.0 and result.warmup == 10.0
    again = simulate(call_centre(), result.settings)  # the recorded seed repeats the run
    pd.testing.assert_frame_equal(again.replications, result.replications, check_exact=True)
    comparison = jm.compare(call_centre(), FASTER, SMALL)
    chosen = comparison.results["base"].warmup_choice.time  # one warm-up for base and scenarios: still paired
    assert comparison.results["base"].settings == comparison.settings == SMALL.resolve(call_centre()).replace(
        warmup=chosen)
    assert comparison.results["Three agents"].settings.warmup == chosen
    assert json.loads(json.dumps(comparison.to_dict()))["seed"] == 5
    assert set(SMALL.record()) == {"replications", "seed", "customers", "until", "warmup", "horizon", "precision",
                                    "service_level"}


def test_a_seed_sequence_is_a_seed_too() -> None:
    root = np.random.SeedSequence(123)
    first = simulate(call_centre(), customers=100, replications=2, seed=root)
    second = simulate(call_centre(), customers=100, replications=2, seed=root)
    pd.testing.assert_frame_equal(first.replications, second.replications, check_exact=True)
    assert first.settings.seed is root


def test_settings_can_be_changed_by_copy() -> None:
    more = SMALL.replace(replications=4)
    assert (more.replications, more.customers, SMALL.replications) == (4, 300, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        SMALL.seed = 3  # type: ignore[misc]
    with pytest.raises(ValueError, match="'customers' must be a positive int"):
        SMALL.replace(customers=0)


def test_every_field_is_a_keyword_of_simulate() -> None:
    assert RUN_OPTIONS == ("customers", "until", "warmup", "replications", "seed", "events", "start", "executor",
                           "progress", "precision", "max_replications", "horizon", "max_events", "service_level")


# -- one rule for executors --------------------------------------------------------------------------
def test_executor_none_runs_in_this_process(monkeypatch) -> None:
    import journeymap.simulation.executors as executors

    def no_pools(*args, **kwargs):
        raise AssertionError("no pool should be made")

    monkeypatch.setattr(executors, "local_pool", no_pools)
    simulate(call_centre(), SMALL)
    jm.compare(call_centre(), FASTER, SMALL)
    jm.sweep(call_centre(), {"call.capacity": [2, 3]}, SMALL)


def test_simulate_takes_every_kind_of_executor_with_the_same_numbers() -> None:
    here = simulate(call_centre(), SMALL.replace(replications=3))
    for executor in ("serial", "processes", 2):
        there = simulate(call_centre(), SMALL.replace(replications=3, executor=executor))
        pd.testing.assert_frame_equal(there.replications, here.replications, check_exact=True)
    with ThreadPoolExecutor(2) as threads:
        there = simulate(call_centre(), SMALL.replace(replications=3, executor=threads))
    pd.testing.assert_frame_equal(there.replications, here.replications, check_exact=True)


def test_the_public_face_offers_the_settings() -> None:
    assert jm.RunSettings is RunSettings and "RunSettings" in jm.__all__
