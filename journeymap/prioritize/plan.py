"""The action plan: interventions ranked by impact and effort, ready to hand over.

    plan = action_plan(journey, load_interventions("interventions.yaml"), objective="goal_rate")
    plan.table                      # one row per intervention, ranked (see PLAN_COLUMNS)
    plan.quick_wins                 # the ganancias rápidas
    plan.save("plan.xlsx"); plan.save("plan.md"); plan.plot("quadrants.png")
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import KW_ONLY, dataclass
from pathlib import Path
from typing import Any, Unpack

import numpy as np
import pandas as pd

from journeymap.errors import ScenarioError
from journeymap.experiment.metrics import metric_kind
from journeymap.model import Journey, require_journey
from journeymap.prioritize.impact import Method, estimate_impact, objective_name
from journeymap.prioritize.intervention import Intervention, as_interventions
from journeymap.prioritize.payback import payback_weeks, weekly_value
from journeymap.prioritize.scoring import (
    SCORERS,
    SPLITS,
    Scorer,
    Split,
    classify,
    distinguishable,
    ice_scores,
    quadrant_order,
    reach,
    rice_scores,
    rule_thresholds,
    thresholds,
)
from journeymap.prioritize.words import quadrant_label
from journeymap.simulation import RunOptions, RunSettings
from journeymap.simulation.settings import run_settings
from journeymap.text.columns import column_notes

__all__ = ["PLAN_COLUMNS", "ActionPlan", "action_plan"]

PLAN_COLUMNS: dict[str, str] = column_notes("action_plan")
"""The columns of :attr:`ActionPlan.table` (the same in CSV and XLSX), one row per intervention."""


@dataclass(eq=False, repr=False)
class ActionPlan:
    """A ranked action plan with its settings; exports to CSV, XLSX, Markdown, Mermaid and a chart.

    ``table`` has the :data:`PLAN_COLUMNS`, one row per intervention in plan order; ``interventions``
    are the interventions as given; ``comparison`` is the :class:`~journeymap.experiment.comparison.Comparison`
    that measured the impacts (``None`` for a heuristic plan), for its plots and per-replication figures.
    """

    journey: Journey
    table: pd.DataFrame
    _: KW_ONLY
    objective: str
    scorer: str
    impact_threshold: float
    effort_threshold: float
    thresholds_given: bool
    effort_basis: str
    settings: dict[str, Any]
    interventions: Sequence[Intervention] = ()
    comparison: Any = None
    split: str = "median"
    """``rule`` (a minimum impact and an effort budget) or ``median``: how the quadrants were split."""
    impact_from: str = "median"
    """Where the impact threshold came from: ``given``, ``rule`` or ``median``."""
    effort_from: str = "median"
    """Where the effort threshold came from: ``given``, ``rule`` or ``median``."""

    def __post_init__(self) -> None:
        self.interventions = list(self.interventions)

    @property
    def language(self) -> str:
        return self.journey.language

    @property
    def impact_source(self) -> str:
        """``simulation`` or ``heuristic`` (the same for every row of a plan)."""
        return str(self.table["impact_source"].iloc[0]) if len(self.table) else "heuristic"

    def rule(self, language: str | None = None) -> str:
        """What makes a quick win in this plan, as a sentence to put on the chart and in the notes
        (``Quick win: impact of at least 1 pp, effort of at most 10 person-days``); see
        :func:`journeymap.prioritize.rule.rule_text`."""
        from journeymap.prioritize.rule import rule_text

        return rule_text(self, language or self.language)

    @property
    def quick_wins(self) -> pd.DataFrame:
        """The rows in the quick-win quadrant, in plan order."""
        return self.table[self.table["quadrant"] == "quick_win"]

    def quadrant(self, name: str) -> pd.DataFrame:
        """The rows of one quadrant (``quick_win``, ``big_bet``, ``fill_in``, ``time_sink``)."""
        return self.table[self.table["quadrant"] == name]

    # -- exports (see journeymap.prioritize.export) ------------------------------------------------
    def to_csv(self, path: str | os.PathLike[str] | None = None) -> str | Path:
        """The table as CSV text, or written to ``path`` (atomically)."""
        from journeymap.prioritize.export import to_csv

        return to_csv(self, path)

    def to_excel(self, path: str | os.PathLike[str]) -> Path:
        """The table as a readable XLSX workbook (styled header, widths, frozen header) at ``path``."""
        from journeymap.prioritize.export import to_excel

        return to_excel(self, path)

    def to_markdown(self, path: str | os.PathLike[str] | None = None) -> str | Path:
        """The plan as a Markdown table with headings in the journey's language."""
        from journeymap.prioritize.export import to_markdown

        return to_markdown(self, path)

    def to_mermaid(self, path: str | os.PathLike[str] | None = None) -> str | Path:
        """The impact/effort chart as a Mermaid ``quadrantChart`` for slides and wikis."""
        from journeymap.prioritize.export import to_mermaid

        return to_mermaid(self, path)

    def plot(self, path: str | os.PathLike[str] | None = None, *, ax: Any = None) -> Any:
        """The impact/effort quadrant chart (matplotlib); saved to ``path`` when given. Returns the figure."""
        from journeymap.prioritize.chart import plot_quadrants

        return plot_quadrants(self, path, ax=ax)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the plan in the format its extension names: .csv, .xlsx, .md, .mmd, or a chart (.png, .svg,
        .pdf)."""
        from journeymap.prioritize.export import save

        return save(self, path)

    def __repr__(self) -> str:
        counts = self.table["quadrant"].value_counts()
        parts = ", ".join(f"{counts.get(q, 0)} {q.replace('_', ' ')}s" for q in ("quick_win", "big_bet"))
        return (f"<ActionPlan for {self.journey.title!r}: {len(self.table)} interventions ({parts}); impact on "
                f"{self.objective} by {self.impact_source}>")

    def _repr_html_(self) -> str:
        from journeymap.prioritize.export import markdown_frame

        return markdown_frame(self).to_html(index=False)


def _satisfaction(journey: Journey, targets: Sequence[str]) -> tuple[float, str]:
    """The lowest satisfaction the map shows among ``targets`` (measured where a survey measured it),
    and where it came from."""
    shown = [journey.touchpoint(tp) for tp in targets if journey.touchpoint(tp).shown_satisfaction is not None]
    if not shown:
        return np.nan, ""
    lowest = min(shown, key=lambda tp: tp.shown_satisfaction)  # type: ignore[arg-type, return-value]
    measured = lowest.measured_satisfaction
    return float(lowest.shown_satisfaction), f"measured (n={measured.n})" if measured else "estimated"  # type: ignore[arg-type]


def _moments(journey: Journey, targets: Sequence[str]) -> str:
    moments = {tp.id: tp.label for tp in journey.moments_of_truth}
    return "; ".join(moments[tp] for tp in targets if tp in moments)


def action_plan(
    journey: Journey,
    interventions: Intervention | Sequence[Intervention] | str | os.PathLike[str],
    settings: RunSettings | None = None,
    *,
    objective: str = "goal_rate",
    scorer: Scorer = "quadrant",
    method: Method = "auto",
    effort: str = "effort",
    impact_threshold: float | None = None,
    effort_threshold: float | None = None,
    split: Split = "rule",
    **options: Unpack[RunOptions],
) -> ActionPlan:
    """Measure each intervention's impact on ``objective`` (simulated, or the heuristic when the journey
    cannot be simulated; see :mod:`journeymap.prioritize.impact`), place it in an impact/effort quadrant
    and rank the plan with ``scorer`` (``quadrant``, ``rice`` or ``ice``; see
    :mod:`journeymap.prioritize.scoring`). ``effort="cost"`` puts cost on the effort axis instead of
    person-days. The quadrants follow a stated rule (``split="rule"``): a quick win improves the objective
    by at least ``impact_threshold`` (by default one percentage point for a rate, 5% of the base for a
    time) and takes at most ``effort_threshold`` (by default ten person-days); ``split="median"`` splits
    at the plan's medians instead. An impact whose 95% interval includes zero is never a quick win (the
    ``distinguishable`` column). The simulation runs as a :class:`~journeymap.simulation.RunSettings` (or its fields
    as keyword arguments) says, as in :func:`journeymap.compare` (20 replications unless told
    otherwise). Raises :class:`~journeymap.errors.ScenarioError` for an intervention that names an
    unknown touchpoint or stage, or whose changes cannot be made.
    """
    require_journey(journey)
    run = run_settings(settings, options, caller="action_plan")
    items = as_interventions(interventions)
    if not items:
        raise ScenarioError("an action plan needs at least one intervention")
    if scorer not in SCORERS:
        raise ValueError(f"'scorer' must be one of: {', '.join(SCORERS)} (got {scorer!r})")
    if split not in SPLITS:
        raise ValueError(f"'split' must be one of: {', '.join(SPLITS)} (got {split!r})")
    if effort not in ("effort", "cost"):
        raise ValueError(f"'effort' must be 'effort' (person-days) or 'cost' (got {effort!r})")
    if effort == "cost" and any(i.cost is None for i in items):
        missing = ", ".join(f"'{i.name}'" for i in items if i.cost is None)
        raise ScenarioError(f"effort='cost' needs a cost for every intervention; missing for {missing}")
    name = objective_name(objective)
    issues = [issue for item in items for issue in item.check(journey)]
    if issues:
        raise ScenarioError(issues)
    for item in items:
        item.scenario.apply(journey)  # every change must be possible, whatever measures the impact
    impacts = estimate_impact(journey, items, run, objective=name, method=method)
    efforts = [float(i.cost if effort == "cost" else i.effort) for i in items]  # type: ignore[arg-type]
    values = impacts["impact"].to_numpy(dtype=float)
    clear = distinguishable(impacts["impact_low"].to_numpy(dtype=float), impacts["impact_high"].to_numpy(dtype=float))
    comparison = impacts.attrs.get("comparison")
    if split == "rule":
        base = float(comparison.table.xs(name, level="kpi")["base"].mean()) if comparison is not None else np.nan
        kind = metric_kind(name) if comparison is not None else None
        t_impact, t_effort, impact_from, effort_from = rule_thresholds(
            values, efforts, kind=kind, base=base, effort_basis=effort, impact_threshold=impact_threshold,
            effort_threshold=effort_threshold)
    else:
        t_impact, t_effort = thresholds(values, efforts, impact_threshold=impact_threshold,
                                        effort_threshold=effort_threshold)
        impact_from = "given" if impact_threshold is not None else "median"
        effort_from = "given" if effort_threshold is not None else "median"
    quadrants = classify(values, efforts, impact_threshold=t_impact, effort_threshold=t_effort, clear=clear)
    reaches = [reach(journey, i.targets) for i in items]
    weekly = [weekly_value(journey, float(gain)) for gain in impacts["goal_gain"]]
    confidence = [i.confidence for i in items]
    with np.errstate(divide="ignore", invalid="ignore"):
        if scorer == "rice":
            scores = rice_scores(reaches, values, confidence, efforts)
        elif scorer == "ice":
            scores = ice_scores(values, confidence, efforts)
        else:
            scores = values / np.asarray(efforts)
    table = pd.DataFrame({
        "intervention": [i.name for i in items],
        "owner": [i.owner or "" for i in items],
        "stage": [i.stage_in(journey) or "" for i in items],
        "moments_of_truth": [_moments(journey, i.targets) for i in items],
        "touchpoints": [", ".join(i.targets) for i in items],
        "impact": values,
        "impact_low": impacts["impact_low"].to_numpy(dtype=float),
        "impact_high": impacts["impact_high"].to_numpy(dtype=float),
        "impact_source": impacts["impact_source"].to_numpy(),
        "distinguishable": clear,
        "objective": impacts["objective"].to_numpy(),
        "unstable": impacts["unstable"].to_numpy(dtype=bool),
        "effort": [i.effort for i in items],
        "cost": [np.nan if i.cost is None else i.cost for i in items],
        "running_cost": [np.nan if i.running_cost is None else i.running_cost for i in items],
        "value_per_week": weekly,
        "payback_weeks": [payback_weeks(i.cost, i.running_cost, value) for i, value in zip(items, weekly, strict=True)],
        "confidence": confidence,
        "reach": reaches,
        "score": scores,
        "quadrant": quadrants,
        "quadrant_label": [quadrant_label(q, journey.language) for q in quadrants],
    })
    satisfaction = [_satisfaction(journey, i.targets) for i in items]
    table["satisfaction"] = [value for value, _ in satisfaction]
    table["satisfaction_basis"] = [basis for _, basis in satisfaction]
    order = quadrant_order(quadrants) if scorer == "quadrant" else [0] * len(items)
    table["_order"] = order
    table["_score"] = np.nan_to_num(scores, nan=-np.inf)
    table = table.sort_values(["_order", "_score", "intervention"], ascending=[True, False, True], kind="stable")
    table = table.drop(columns=["_order", "_score"]).reset_index(drop=True)
    table.insert(0, "rank", np.arange(1, len(table) + 1))
    ran = comparison.settings if comparison is not None else run.resolve(journey)
    return ActionPlan(journey, table[list(PLAN_COLUMNS)], objective=name, scorer=scorer, impact_threshold=t_impact,
                      effort_threshold=t_effort, thresholds_given=impact_threshold is not None or
                      effort_threshold is not None, effort_basis=effort,
                      settings={**ran.record(), "method": method}, interventions=items, comparison=comparison,
                      split=split, impact_from=impact_from, effort_from=effort_from)
