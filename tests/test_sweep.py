"""sweep(): the grid, tidy tables, parameter checks with did-you-mean, the progress bar and the plot."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from experiment_journeys import call_centre

import journeymap as jm
from journeymap.errors import NotFound, ScenarioError
from journeymap.experiment.metrics import METRICS
from journeymap.simulation import ProgressBar, simulate

matplotlib.use("Agg")

RUN = {"replications": 3, "seed": 5, "customers": 300, "executor": "serial"}


@pytest.fixture(scope="module")
def grid():
    return jm.sweep(call_centre(capacity=2), {"call.capacity": [2, 3], "arrival.rate": [0.7, "60/h"]}, **RUN)


def test_points_in_grid_order_with_values_in_journey_units(grid):
    assert list(grid.points.index) == [0, 1, 2, 3]
    assert grid.points["call.capacity"].tolist() == [2, 2, 3, 3]
    assert grid.points["arrival.rate"].tolist() == pytest.approx([0.7, 1.0, 0.7, 1.0])
    assert grid.points["label"].tolist()[1] == "call.capacity=2, arrival.rate=60/h"


def test_runs_are_tidy(grid):
    assert len(grid.runs) == 4 * 3
    assert list(grid.runs.columns[:4]) == ["point", "call.capacity", "arrival.rate", "replication"]
    assert set(METRICS) <= set(grid.runs.columns)
    assert grid.runs["replication"].tolist() == [1, 2, 3] * 4


def test_the_base_point_is_the_plain_simulation(grid):
    plain = simulate(call_centre(capacity=2), customers=300, replications=3, seed=5)
    kpis = list(plain.replications.columns)
    point = grid.runs[grid.runs["point"] == 0].set_index("replication")[kpis]
    pd.testing.assert_frame_equal(point, plain.replications, check_names=False)


def test_table_and_pivot(grid):
    assert list(grid.table.columns) == ["point", "call.capacity", "arrival.rate", "metric", "mean", "ci_low",
                                        "ci_high", "sd", "n"]
    goal = grid.metric("goal_rate")
    expected = grid.runs.groupby("point")["goal_rate"].mean()
    assert goal["mean"].to_numpy() == pytest.approx(expected.to_numpy())
    assert (goal["ci_low"] <= goal["mean"]).all() and (goal["mean"] <= goal["ci_high"]).all()
    pivot = grid.pivot("abandonment_rate")
    assert pivot.shape == (2, 2) and list(pivot.index) == [2, 3]
    assert pivot.loc[3, 1.0] < pivot.loc[2, 1.0]  # more agents, fewer customers lost


def test_plot_draws_one_line_per_value_of_the_other_parameter(grid):
    import matplotlib.pyplot as plt

    figure = grid.plot("goal_rate", x="call.capacity")
    ax = figure.axes[0]
    # one unit for the legend: the one the largest rate reaches one in
    assert [line.get_label() for line in ax.get_lines()] == ["arrivals = 0.7 per minute", "arrivals = 1 per minute"]
    assert ax.get_xlabel() == "capacity of “Calls the line” (servers)" and ax.get_ylabel() == "goal rate (%)"
    spanish = grid.plot("mot_mean_wait", x="arrival.rate", language="es").axes[0]
    assert spanish.get_xlabel() == "llegadas (por minuto)" and spanish.get_ylabel().startswith(
        "espera media en los momentos de la verdad (")
    assert [line.get_label() for line in spanish.get_lines()] == ["capacidad de «Calls the line» = 2",
                                                                  "capacidad de «Calls the line» = 3"]
    with pytest.raises(NotFound, match=r"'call\.patience' is not a parameter of this sweep"):
        grid.plot("goal_rate", x="call.patience")
    plt.close("all")


def test_overloaded_points_are_flagged():
    result = jm.sweep(call_centre(capacity=1), {"call.capacity": [1, 4]}, **{**RUN, "replications": 1,
                                                                             "customers": 100})
    assert result.points["overloaded"].tolist() == ["call", ""]
    assert np.isnan(result.table["ci_low"]).all()  # one replication: no interval


def test_routing_parameters_need_rebalance():
    with pytest.raises(ScenarioError, match=r"sweep\.call\.next\.chat: 'call\.next\.chat' sets a routing probability"):
        jm.sweep(call_centre(), {"call.next.chat": [0.1, 0.2]}, **RUN)
    result = jm.sweep(call_centre(), {"call.next.chat": [0.0, 0.15]}, rebalance="others",
                      **{**RUN, "replications": 1})
    assert result.points["call.next.chat"].tolist() == [0.0, 0.15]


def test_parameter_errors():
    with pytest.raises(ScenarioError) as caught:
        jm.sweep(call_centre(), {"cal.capacity": [1], "call.capacity": []}, **RUN)
    assert [str(i) for i in caught.value.issues] == [
        "sweep.cal.capacity: unknown parameter 'cal.capacity' (did you mean 'call.capacity'?): no touchpoint 'cal'",
        "sweep.call.capacity: 'call.capacity' must have a non-empty list of values (got [])",
    ]
    with pytest.raises(ScenarioError, match=r"^sweep\.call\.capacity: scenario 'sweep point 1 \(call\.capacity=0\)': "
                                            r"set_capacity\('call', 0\): 'capacity' must be a positive int \(got 0\)"):
        jm.sweep(call_centre(), {"call.capacity": [2, 0]}, **RUN)
    with pytest.raises(ScenarioError, match="a sweep needs a grid"):
        jm.sweep(call_centre(), {}, **RUN)


def test_progress_only_when_asked(capsys):
    small = {**RUN, "replications": 2, "customers": 50}
    jm.sweep(call_centre(), {"call.capacity": [2]}, **small)
    assert capsys.readouterr().err == ""
    seen: list[tuple[float, int]] = []
    jm.sweep(call_centre(), {"call.capacity": [2, 3]}, progress=lambda done, total: seen.append((done, total)),
             **small)
    assert seen[-1] == (4, 4) and [done for done, _ in seen] == sorted(done for done, _ in seen)
    jm.sweep(call_centre(), {"call.capacity": [2]}, progress=ProgressBar("sweep"), **small)
    assert "sweep" in capsys.readouterr().err
    with pytest.raises(TypeError, match=r"'progress' must be None or a function progress\(done, total\) \(got True\); "
                                        r"for a progress bar, pass progress=ProgressBar\(\)"):
        jm.sweep(call_centre(), {"call.capacity": [2]}, progress=True, **small)
