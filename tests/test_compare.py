"""compare(): common random numbers, paired Student-t intervals, the table, JSON and the plots."""

from __future__ import annotations

import json
import math
import re
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest
from experiment_journeys import call_centre
from scipy import stats

import journeymap as jm
from journeymap.errors import NotFound, ScenarioError
from journeymap.experiment.metrics import METRICS
from journeymap.simulation import OverloadWarning, simulate

matplotlib.use("Agg")

RUN = {"replications": 4, "seed": 11, "customers": 400, "executor": "serial"}
MORE = jm.Scenario("Three agents", [jm.set_capacity("call", 3)])
SAME = jm.Scenario("Nothing changes", [])


@pytest.fixture(scope="module")
def comparison():
    return jm.compare(call_centre(), [MORE, SAME], **RUN)


def test_base_is_the_plain_simulation_with_the_same_seeds(comparison):
    plain = simulate(call_centre(), customers=400, replications=4, seed=11)
    pd.testing.assert_frame_equal(comparison.results["base"].replications, plain.replications)


def test_delta_is_the_mean_of_paired_differences_with_a_student_t_interval(comparison):
    base = comparison.replications["base"]["goal_rate"].to_numpy()
    more = comparison.replications["Three agents"]["goal_rate"].to_numpy()
    differences = more - base
    half = stats.t.ppf(0.975, 3) * differences.std(ddof=1) / math.sqrt(4)
    row = comparison.table.loc[("Three agents", "goal_rate")]
    assert row["delta"] == pytest.approx(differences.mean(), abs=1e-15)
    assert row["ci_low"] == pytest.approx(differences.mean() - half, abs=1e-15)
    assert row["ci_high"] == pytest.approx(differences.mean() + half, abs=1e-15)
    assert row["base"] == pytest.approx(base.mean()) and row["value"] == pytest.approx(more.mean())
    assert row["n"] == 4


def test_more_agents_is_better_and_no_change_is_exactly_nothing(comparison):
    more = comparison.delta("abandonment_rate").loc["Three agents"]
    assert more["delta"] < 0 and more["significant"] and more["verdict"] == "better"
    same = comparison.table.xs("Nothing changes", level="scenario")
    assert (same["delta"] == 0).all() and (same["ci_low"] == 0).all() and (same["ci_high"] == 0).all()
    assert set(same["verdict"]) == {"", "unclear"}
    assert not same["significant"].any()


def test_common_random_numbers_narrow_the_interval():
    """Paired on the same seeds, a small change is measured far more precisely than from independent runs."""
    faster = jm.Scenario("Faster diagnosis", [jm.scale_service_time("diagnose", 0.9)])
    result = jm.compare(call_centre(), faster, kpis=["mean_time_in_cycle"], **{**RUN, "replications": 6})
    independent = simulate(faster.apply(call_centre()), customers=400, replications=6, seed=99)
    base = result.replications["base"]["mean_time_in_cycle"].to_numpy()
    other = independent.replications["mean_time_in_cycle"].to_numpy()
    unpaired_half = stats.t.ppf(0.975, 10) * math.sqrt(base.var(ddof=1) / 6 + other.var(ddof=1) / 6)
    row = result.table.loc[("Faster diagnosis", "mean_time_in_cycle")]
    assert (row["ci_high"] - row["ci_low"]) / 2 < unpaired_half / 2


def test_table_shape_and_kpi_filter(comparison):
    assert list(comparison.table.columns) == list(jm.compare.__globals__["COLUMNS"])
    assert comparison.table.index.names == ["scenario", "kpi"]
    assert len(comparison.table) == 2 * len(METRICS)
    only = jm.compare(call_centre(), MORE, kpis=["goal_rate", "mot_mean_wait"], **RUN)
    assert list(only.table.index) == [("Three agents", "goal_rate"), ("Three agents", "mot_mean_wait")]


def test_mot_mean_wait_is_the_wait_at_moments_of_truth(comparison):
    stats_ = comparison.results["base"].stats[0]
    call = list(stats_.touchpoint_ids).index("call")
    fix = list(stats_.touchpoint_ids).index("fix")
    waits = stats_.touchpoints["wait_sum"][[call, fix]].sum() / stats_.touchpoints["wait_count"][[call, fix]].sum()
    assert comparison.replications["base"]["mot_mean_wait"].iloc[0] == pytest.approx(waits)


def test_summary_and_json(comparison):
    summary = comparison.summary(["goal_rate"])
    assert list(summary.index) == ["Three agents", "Nothing changes"] and summary.index.name == "scenario"
    assert list(summary.columns) == ["goal rate"]  # names for people, not keys
    assert re.fullmatch(r"(\d+(\.\d)?%) → \1: 0 pp", summary.loc["Nothing changes", "goal rate"])
    three = r"\d+(\.\d)?% → \d+(\.\d)?%: [+-]\d+(\.\d+)? pp \(95%: [+-]?\d+(\.\d+)? pp to [+-]?\d+(\.\d+)? pp\)"
    assert re.fullmatch(three, summary.loc["Three agents", "goal rate"])
    spanish = comparison.summary(["goal_rate"], language="es")
    assert spanish.index.name == "escenario" and list(spanish.columns) == ["tasa de logro del objetivo"]
    assert re.fullmatch(r"\d+(,\d)?\xa0% → \d+(,\d)?\xa0%: [+-]\d+(,\d+)?\xa0p\.\xa0p\. \(95[ \xa0]%: .+ a .+\)",
                        spanish.loc["Three agents", "tasa de logro del objetivo"])
    document = json.loads(json.dumps(comparison.to_dict()))
    assert document["replications"] == 4 and document["seed"] == 11
    assert [s["name"] for s in document["scenarios"]] == ["Three agents", "Nothing changes"]
    assert document["scenarios"][0]["changes"] == ["set_capacity('call', 3)"]
    assert document["scenarios"][0]["changes_described"] == ["Capacity of “Calls the line”: 2 → 3"]
    delta = document["scenarios"][0]["kpis"]["goal_rate"]["delta"]
    assert delta == pytest.approx(comparison.table.loc[("Three agents", "goal_rate"), "delta"])


def test_plots(comparison):
    import matplotlib.pyplot as plt

    figure = comparison.plot()
    visible = [ax for ax in figure.axes if ax.get_visible()]
    assert [ax.get_title().split("\n")[0] for ax in visible] == [
        "goal rate", "abandonment rate", "mean wait at moments of truth", "mean time in the cycle"]
    assert [t.get_text() for t in visible[0].get_yticklabels()] == ["Three agents", "Nothing changes"]
    funnels = comparison.plot_funnels()
    assert [t.get_text() for t in funnels.axes[0].get_legend().get_texts()] == ["base", "Three agents",
                                                                               "Nothing changes"]
    plt.close("all")


def test_errors():
    with pytest.raises(ValueError, match=r"'replications' must be an int of at least 2 \(got 1\)"):
        jm.compare(call_centre(), MORE, **{**RUN, "replications": 1})
    with pytest.raises(NotFound, match=r"unknown KPI 'goal' \(did you mean 'goal_rate'\?\)"):
        jm.compare(call_centre(), MORE, kpis=["goal"], **RUN)
    with pytest.raises(ScenarioError, match="scenario 'Bad': set_capacity\\('nobody', 2\\): no touchpoint 'nobody'"):
        jm.compare(call_centre(), jm.Scenario("Bad", [jm.set_capacity("nobody", 2)]), **RUN)
    with pytest.raises(ScenarioError, match="two scenarios are named 'Three agents'"):
        jm.compare(call_centre(), [MORE, MORE], **RUN)


def test_overloaded_scenarios_are_named_in_the_warning():
    busy = jm.Scenario("Rush hour", [jm.set_arrival_rate(3.0)])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = jm.compare(call_centre(), busy, kpis=["goal_rate"], **{**RUN, "customers": 200})
    messages = [str(w.message) for w in caught if issubclass(w.category, OverloadWarning)]
    assert [m.split(" is overloaded")[0] for m in messages] == [
        "Rush hour: touchpoint 'call'", "Rush hour: touchpoint 'chat'", "Rush hour: touchpoint 'diagnose'"]
    assert result.table.loc[("Rush hour", "goal_rate"), "delta"] < 0


def test_scenarios_from_a_file(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("scenarios:\n  - name: Faster\n    changes:\n      - {scale: diagnose.service_time, by: 0.5}\n")
    result = jm.compare(call_centre(), path, kpis=["mean_time_in_cycle"], **RUN)
    row = result.table.loc[("Faster", "mean_time_in_cycle")]
    assert row["delta"] < 0 and np.isfinite(row["ci_low"])


def test_a_change_that_overloads_a_queue_gets_no_verdict_downstream():
    """One technician overloads 'diagnose' (no patience): the time in the cycle and everything downstream
    of it depend on how long the run lasted, so the verdict is 'unstable' whatever the interval says;
    another scenario keeps its verdicts."""
    doubled = jm.Scenario("One technician", [jm.set_capacity("diagnose", 1)])
    with pytest.warns(OverloadWarning, match=r"One technician: touchpoint 'diagnose' is overloaded"):
        comparison = jm.compare(call_centre(), [doubled, MORE], **{**RUN, "customers": 200})
    table = comparison.table
    row = table.loc[("One technician", "mean_time_in_cycle")]
    assert row["unstable"] and row["verdict"] == "unstable" and row["significant"]  # a "significant" change...
    assert table.loc[("One technician", "goal_rate"), "verdict"] == "unstable"
    assert not table.loc[("Three agents", "goal_rate"), "unstable"]  # the other scenario keeps its verdicts
    assert table.loc[("Three agents", "goal_rate"), "verdict"] in {"better", "worse", "unclear"}
    document = json.loads(json.dumps(comparison.to_dict()))
    changes = document["scenarios"][0]["kpis"]["mean_time_in_cycle"]
    assert changes["unstable"] is True and changes["verdict"] == "unstable"
    from journeymap.experiment.metrics import metric_name

    summary = comparison.summary()  # for people: figures by name, the flag said in words
    assert "not meaningful" in summary.loc["One technician", metric_name("mean_time_in_cycle")]
    assert "not meaningful" not in summary.loc["Three agents", metric_name("goal_rate")]
