"""Compare scenarios against the base journey with common random numbers and paired 95% intervals.

    comparison = compare(journey, [Scenario("More agents", [set_capacity("call", 5)])], replications=10)
    comparison.table           # each scenario's change in each KPI, with its 95% interval
    comparison.plot()          # KPI changes with error bars
    comparison.plot_funnels()  # the stage funnels side by side

Replication ``r`` of every scenario runs on the same seed as replication ``r`` of the base. The change
in a KPI is estimated from the paired differences ``scenario_r − base_r``: their mean, and a Student-t
interval with ``replications − 1`` degrees of freedom, kept within what a change of that figure can be.

A change is called *better* or *worse* only when its interval excludes zero **and** the figure is
meaningful on both sides: when a queue without patience is overloaded in the base or in the scenario
(:mod:`journeymap.analysis.steady_state`), the figures downstream of it depend on how long the run
lasted, so their verdict is ``unstable`` whatever the interval says (a queue that grows without end
once made "demand up by half" look better for the time in the cycle).
"""

from __future__ import annotations

import html
import math
import os
from collections.abc import Sequence
from typing import Any, Unpack

import numpy as np
import pandas as pd

from journeymap.experiment.metrics import (
    DIRECTION,
    check_metrics,
    format_change,
    metric_kind,
    metric_table,
    unstable_metrics,
)
from journeymap.experiment.runs import check_variants, run_variants
from journeymap.experiment.scenario import BASE, Scenario, as_scenarios
from journeymap.model import Journey, require_journey
from journeymap.simulation import RunOptions, RunSettings, SimulationResult, confidence_interval
from journeymap.simulation.formatting import number
from journeymap.simulation.settings import run_settings
from journeymap.text import translator
from journeymap.text.columns import column_notes

__all__ = ["COLUMNS", "Comparison", "compare", "format_change"]

COLUMNS: dict[str, str] = column_notes("comparison")
"""The columns of :attr:`Comparison.table` (index: ``scenario``, ``kpi``)."""


PLOTTED = ("goal_rate", "abandonment_rate", "mot_mean_wait", "mean_time_in_cycle")
"""The KPIs :meth:`Comparison.plot` draws unless told otherwise."""


class Comparison:
    """Scenarios run against the base: per-replication figures, paired changes with intervals, plots.

    ``results`` maps ``"base"`` and each scenario name to its :class:`~journeymap.simulation.SimulationResult`;
    ``replications`` maps them to a table of :data:`~journeymap.experiment.metrics.METRICS`, one row
    per replication; ``table`` holds the changes (see :data:`COLUMNS`); ``settings`` is the
    :class:`~journeymap.simulation.RunSettings` every variant ran with.
    """

    def __init__(self, journey: Journey, scenarios: Sequence[Scenario], results: dict[str, SimulationResult],
                 run: RunSettings, kpis: Sequence[str] | None = None) -> None:
        self.journey = journey
        self.scenarios = list(scenarios)
        self.results = results
        self.settings = run
        self.kpis = check_metrics(kpis)
        self.replications = {name: metric_table(result.stats, result.journey) for name, result in results.items()}
        self.table = self._table()

    def _table(self) -> pd.DataFrame:
        base = self.replications[BASE]
        flags = {name: unstable_metrics(result) for name, result in self.results.items()}
        rows = []
        for scenario in self.scenarios:
            values = self.replications[scenario.name]
            for kpi in self.kpis:
                unstable = flags[BASE][kpi] or flags[scenario.name][kpi]
                rows.append(_change(scenario.name, kpi, base[kpi].to_numpy(), values[kpi].to_numpy(), unstable))
        index = pd.MultiIndex.from_tuples([(r.pop("scenario"), r.pop("kpi")) for r in rows], names=["scenario", "kpi"])
        return pd.DataFrame(rows, index=index, columns=list(COLUMNS))

    @property
    def names(self) -> list[str]:
        """``"base"`` and the scenario names, in order."""
        return [BASE, *(s.name for s in self.scenarios)]

    def delta(self, kpi: str) -> pd.DataFrame:
        """The change in one KPI for every scenario: index scenario, columns of :data:`COLUMNS`."""
        check_metrics([kpi])
        return self.table.xs(kpi, level="kpi")

    def summary(self, kpis: Sequence[str] | None = None, language: str | None = None) -> pd.DataFrame:
        """The changes as people read them, in ``language`` (by default the journey's): one row per scenario,
        one column per KPI (by name), each cell ``base → value: change (95%: low to high)`` (see
        :func:`journeymap.experiment.tables.comparison_summary`)."""
        from journeymap.experiment.tables import comparison_summary

        return comparison_summary(self, kpis, language)

    def scenario_summary(self, scenario: str, language: str | None = None) -> pd.DataFrame:
        """One scenario against the base, one row per KPI: base, scenario, change, its 95% interval, verdict."""
        from journeymap.experiment.tables import scenario_table

        return scenario_table(self, scenario, language)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document: settings, the base KPIs and each scenario's changes with intervals."""
        return {
            "title": self.journey.title,
            "time_unit": self.journey.time_unit,
            **self.settings.record(),
            "base": {kpi: number(value) for kpi, value in self.replications[BASE][self.kpis].mean().items()},
            "scenarios": [
                {
                    "name": scenario.name,
                    "description": scenario.description,
                    "changes": [repr(change) for change in scenario.changes],
                    "changes_described": scenario.describe(self.journey),
                    "kpis": {
                        kpi: {"value": number(row["value"]), "delta": number(row["delta"]),
                              "ci_low": number(row["ci_low"]), "ci_high": number(row["ci_high"]),
                              "significant": bool(row["significant"]), "unstable": bool(row["unstable"]),
                              "verdict": row["verdict"]}
                        for kpi, row in self.table.xs(scenario.name, level="scenario").iterrows()
                    },
                }
                for scenario in self.scenarios
            ],
        }

    def plot(self, kpis: Sequence[str] | None = None, *, figsize: tuple[float, float] | None = None,
             language: str | None = None) -> Any:
        """The change in each KPI per scenario with its 95% interval (one panel per KPI), in ``language`` (by
        default the journey's); returns the figure."""
        from journeymap.experiment.plots import plot_deltas

        if kpis is None:
            chosen = [k for k in PLOTTED if k in self.kpis] or [k for k in self.kpis if DIRECTION.get(k)]
        else:
            chosen = check_metrics(kpis)
        return plot_deltas(self, chosen, figsize=figsize, language=language)

    def plot_funnels(self, *, figsize: tuple[float, float] | None = None, language: str | None = None) -> Any:
        """The share of customers entering each stage, base and scenarios side by side, with intervals."""
        from journeymap.experiment.plots import plot_funnels

        return plot_funnels(self, figsize=figsize, language=language)

    def __repr__(self) -> str:
        return (f"<Comparison of {len(self.scenarios)} scenarios with {self.journey.title!r}: "
                f"{self.settings.replications} paired replications each>")

    def _repr_html_(self) -> str:
        from journeymap.simulation.formatting import run_description

        words = translator(self.journey.language)
        heading = words.gettext("change against the base ({runs})",
                                runs=run_description(self.settings, self.journey, paired=True))
        return f"<p><b>{html.escape(self.journey.title)}</b>: {html.escape(heading)}</p>" + self.summary().to_html()


def _change(scenario: str, kpi: str, base: np.ndarray, values: np.ndarray, unstable: bool = False) -> dict[str, Any]:
    """One row of the table: the paired change of ``kpi`` between two aligned replication arrays
    (``unstable``: the KPI is not meaningful on one side or both)."""
    paired = np.isfinite(base) & np.isfinite(values)
    ci = confidence_interval((values - base)[paired]) if paired.any() else None
    delta, low, high = ((float(ci["mean"]), float(ci["ci_low"]), float(ci["ci_high"])) if ci is not None
                        else (math.nan, math.nan, math.nan))
    if metric_kind(kpi) == "share":  # a change of a share stays within -1 and 1
        low, high = (float(np.clip(bound, -1.0, 1.0)) if math.isfinite(bound) else bound for bound in (low, high))
    base_mean = float(np.nanmean(base)) if np.isfinite(base).any() else math.nan
    value_mean = float(np.nanmean(values)) if np.isfinite(values).any() else math.nan
    significant = bool(math.isfinite(low) and (low > 0 or high < 0))
    direction = DIRECTION.get(kpi, 0)
    verdict = "" if not direction else ("unstable" if unstable else "unclear" if not significant else
                                        "better" if delta * direction > 0 else "worse")
    relative = delta / base_mean if base_mean and math.isfinite(base_mean) else math.nan
    return {"scenario": scenario, "kpi": kpi, "base": base_mean, "value": value_mean, "delta": delta,
            "ci_low": low, "ci_high": high, "relative": relative, "n": int(paired.sum()),
            "significant": significant, "unstable": unstable, "verdict": verdict}


def compare(
    journey: Journey,
    scenarios: Scenario | Sequence[Scenario] | str | os.PathLike[str],
    settings: RunSettings | None = None,
    *,
    kpis: Sequence[str] | None = None,
    **options: Unpack[RunOptions],
) -> Comparison:
    """Run the base journey and every scenario (objects or a scenarios file) with common random
    numbers, and estimate each scenario's change in each KPI with a paired 95% interval.

    How each replication runs is said by a :class:`~journeymap.simulation.RunSettings` or by its
    fields as keyword arguments, as in :func:`journeymap.simulate`; ``replications`` defaults to 20
    (at least 2: the intervals are paired); ``precision`` is refused (a fixed number of paired
    replications). A verdict is ``better`` or ``worse`` only when the interval excludes zero and the
    KPI is meaningful in both runs (see the module documentation). ``executor=None`` runs everything in this process;
    ``executor="processes"`` uses every core (see :mod:`journeymap.simulation.executors`), with
    identical results. ``kpis`` limits the table (default: all of
    :data:`~journeymap.experiment.metrics.METRICS`). Raises :class:`~journeymap.errors.ScenarioError`
    for a change that cannot be made.
    """
    require_journey(journey)
    chosen = as_scenarios(scenarios)
    run = run_settings(settings, options, caller="compare").resolve(journey, least_replications=2)
    kpis = check_metrics(kpis)
    variants = {BASE: journey, **{scenario.name: scenario.apply(journey) for scenario in chosen}}
    check_variants(variants)
    results = run_variants(variants, run)
    return Comparison(journey, chosen, results, results[BASE].settings, kpis)  # the warm-up settled
