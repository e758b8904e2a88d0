"""Sweep a grid of parameter values and get every run as a tidy table.

    result = sweep(journey, {"call.capacity": [2, 3, 4, 5], "arrival.rate": ["20/h", "30/h", "40/h"]},
                   replications=20, seed=1)
    result.runs            # one row per point and replication
    result.table           # one row per point and metric: mean and 95% interval
    result.plot("mot_mean_wait", x="call.capacity")

Parameter names are described in :mod:`journeymap.experiment.parameters`. Every point runs on the same
seeds (common random numbers), so the curves are smooth and differences between points are sharp.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any, Unpack

import numpy as np
import pandas as pd

from journeymap.analysis import analyze
from journeymap.errors import Issue, JourneyError, ScenarioError
from journeymap.experiment.changes import Location, Rebalance
from journeymap.experiment.metrics import METRICS, check_metrics, metric_table
from journeymap.experiment.parameters import parameter_change, parameter_value, parse_parameter
from journeymap.experiment.runs import check_variants, replicate_variants
from journeymap.experiment.scenario import Scenario
from journeymap.model import Journey, require_journey
from journeymap.simulation import RunOptions, RunSettings, confidence_interval
from journeymap.simulation.settings import run_settings

__all__ = ["SweepResult", "sweep"]


class SweepResult:
    """Every point of a sweep and every replication of each.

    ``points``: one row per point (index ``point``), a column per parameter with its value in the
    journey's units (mean times, mean rates), ``label`` (the values as given), ``overloaded`` (ids of
    the touchpoints whose offered load is ≥ 1 there, comma-separated) and ``unstable`` (those of them
    without patience, whose queues grow without end: the point's figures are not meaningful).
    ``runs``: one row per point and replication with every metric. ``table``: tidy, one row per point
    and metric with ``mean``, ``ci_low``, ``ci_high``, ``sd``, ``n``. ``settings``: the
    :class:`~journeymap.simulation.RunSettings` every point ran with.
    """

    def __init__(self, journey: Journey, parameters: dict[str, list[Any]], points: pd.DataFrame,
                 runs: pd.DataFrame, run: RunSettings) -> None:
        self.journey = journey
        self.parameters = parameters
        self.points = points
        self.runs = runs
        self.settings = run
        self.table = self._table()

    def _table(self) -> pd.DataFrame:
        rows = []
        names = list(self.parameters)
        for point, group in self.runs.groupby("point", sort=True):
            ci = confidence_interval(group[list(METRICS)].to_numpy(dtype=float))
            values = {name: self.points.at[point, name] for name in names}
            for k, metric in enumerate(METRICS):
                rows.append({"point": point, **values, "metric": metric, "mean": float(ci["mean"][k]),
                             "ci_low": float(ci["ci_low"][k]), "ci_high": float(ci["ci_high"][k]),
                             "sd": float(ci["sd"][k]), "n": int(ci["n"][k])})
        return pd.DataFrame(rows)

    def metric(self, name: str) -> pd.DataFrame:
        """One metric at every point: the parameters, ``mean``, ``ci_low``, ``ci_high`` (index ``point``)."""
        check_metrics([name])
        frame = self.table[self.table["metric"] == name].drop(columns="metric")
        return frame.set_index("point")

    def pivot(self, metric: str, *, index: str | None = None, columns: str | None = None) -> pd.DataFrame:
        """The mean of ``metric`` as a grid: rows one parameter's values, columns another's (the first two
        parameters by default), for a heat map or a quick look."""
        names = list(self.parameters)
        index = index or names[0]
        columns = columns or (names[1] if len(names) > 1 else None)
        frame = self.metric(metric)
        if columns is None:
            return frame.set_index(index)[["mean", "ci_low", "ci_high"]]
        return frame.pivot_table(index=index, columns=columns, values="mean")

    def summary(self, metrics: Sequence[str] | None = None, language: str | None = None) -> pd.DataFrame:
        """Every point as people read it, in ``language`` (by default the journey's): the parameters' values
        and each metric's mean ± half-width of its 95% interval (by default goal rate, abandonment rate, mean
        wait at the moments of truth and mean time in the cycle); see
        :func:`journeymap.experiment.tables.sweep_summary`."""
        from journeymap.experiment.tables import sweep_summary

        return sweep_summary(self, metrics, language)

    def plot(self, metric: str, *, x: str | None = None, ax: Any = None, language: str | None = None) -> Any:
        """``metric`` against parameter ``x`` with its 95% band, a line per value of the other parameters, in
        ``language`` (by default the journey's)."""
        from journeymap.experiment.plots import plot_sweep

        check_metrics([metric])
        return plot_sweep(self, metric, x=x, ax=ax, language=language)

    def __repr__(self) -> str:
        return (f"<SweepResult of {self.journey.title!r}: {len(self.points)} points × "
                f"{self.settings.replications} replications over {', '.join(self.parameters)}>")


def _grid(journey: Journey, grid: Mapping[str, Sequence[Any]], rebalance: Rebalance | None) -> dict[str, list[Any]]:
    """The grid checked: known parameter names (did-you-mean), non-empty value lists, rebalance for routes."""
    if not isinstance(grid, Mapping) or not grid:
        raise ScenarioError("a sweep needs a grid: a mapping of parameter names to lists of values, "
                            "such as {'call.capacity': [2, 3, 4]}")
    issues = []
    checked: dict[str, list[Any]] = {}
    for name, values in grid.items():
        try:
            parameter = parse_parameter(name, journey)
            if parameter.kind == "route" and rebalance is None:
                parameter_change(name, 0.0, rebalance=None)
        except JourneyError as exc:  # NotFound (an unknown parameter), EditError (a route without rebalance)
            issues.append(Issue(str(exc), f"sweep.{name}"))
            continue
        if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray) or len(values) == 0:
            issues.append(Issue(f"'{name}' must have a non-empty list of values (got {values!r})", f"sweep.{name}"))
            continue
        checked[name] = list(values)
    if issues:
        raise ScenarioError(issues)
    return checked


def sweep(
    journey: Journey,
    grid: Mapping[str, Sequence[Any]],
    settings: RunSettings | None = None,
    *,
    rebalance: Rebalance | None = None,
    **options: Unpack[RunOptions],
) -> SweepResult:
    """Run ``journey`` at every combination of the parameter values in ``grid`` (the first parameter
    varying slowest), ``replications`` times each (default 20) on common seeds and one warm-up
    (``warmup="auto"`` is settled by a pilot run of the first point: give a warm-up for numbers that do
    not depend on which points are in the grid).

    ``grid`` maps parameter names (``call.capacity``, ``call.service_time``, ``call.patience``,
    ``call.next.diagnose``, ``arrival.rate``, ``arrival.call.rate``) to value lists; ``rebalance``
    (``"others"`` or ``"leave"``) is required when a routing probability is swept. How each
    replication runs is said by a :class:`~journeymap.simulation.RunSettings` or by its fields as
    keyword arguments, as in :func:`journeymap.simulate` (``executor=None``: in this process; see
    :mod:`journeymap.simulation.executors`). Raises :class:`~journeymap.errors.ScenarioError` for an
    unknown parameter or an impossible value.
    """
    require_journey(journey)
    run = run_settings(settings, options, caller="sweep").resolve(journey)
    checked = _grid(journey, grid, rebalance)
    names = list(checked)
    variants: dict[str, Journey] = {}
    rows = []
    for number, values in enumerate(itertools.product(*checked.values())):
        label = ", ".join(f"{name}={value}" for name, value in zip(names, values, strict=True))
        changes = [dataclasses.replace(parameter_change(name, value, rebalance=rebalance),
                                       where=Location(path=f"sweep.{name}"))
                   for name, value in zip(names, values, strict=True)]
        variant = Scenario(f"sweep point {number} ({label})", changes).apply(journey)
        variants[f"point {number} ({label})"] = variant
        measured = {name: _numeric(parameter_value(variant, name)) for name in names}
        rows.append({"point": number, **measured, "label": label})
    check_variants(variants, warn=False)
    points = pd.DataFrame(rows).set_index("point")
    for name in names:  # whole numbers of servers read as ints
        column = points[name]
        if parse_parameter(name).kind == "capacity" and column.notna().all() and (column % 1 == 0).all():
            points[name] = column.astype(int)
    analyses = [analyze(variant) for variant in variants.values()]
    points["overloaded"] = [", ".join(analysis.overloaded) for analysis in analyses]
    points["unstable"] = [", ".join(analysis.unstable) for analysis in analyses]
    stats, prepared = replicate_variants(variants, run)
    run = prepared.settings
    frames = []
    for number, (variant, replications_stats) in enumerate(zip(variants.values(), stats, strict=True)):
        frame = metric_table(replications_stats, variant).reset_index()
        frame.insert(0, "point", number)
        for k, name in enumerate(names):
            frame.insert(1 + k, name, points.loc[number, name])
        frames.append(frame)
    runs = pd.concat(frames, ignore_index=True)
    return SweepResult(journey, checked, points, runs, run)


def _numeric(value: float | int | None) -> float:
    return math.nan if value is None else float(value)
