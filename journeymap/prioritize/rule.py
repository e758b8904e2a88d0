"""The rule that makes a quick win, in words: the impact it must reach and the effort it may take, said in the
objective's unit and the journey's language, for the chart, the notes of the plan and the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeymap.experiment.metrics import metric_kind
from journeymap.text import duration, number, points, rate, translator

if TYPE_CHECKING:
    from journeymap.prioritize.plan import ActionPlan

__all__ = ["rule_text", "threshold_text"]


def threshold_text(plan: ActionPlan, language: str | None = None) -> str:
    """The plan's impact threshold as people read it, in the objective's unit: ``1 pp``, ``52 sec``,
    ``1.2 per hour``; a bare number for a heuristic score."""
    language = language or plan.language
    value = plan.impact_threshold
    if plan.impact_source == "heuristic":
        return number(value, language)
    kind = metric_kind(plan.objective)
    unit = plan.journey.time_unit
    if kind == "share":
        return points(value, language, length="short", sign=False)
    if kind == "time":
        return duration(value, unit, language)
    if kind == "rate":
        return rate(value, unit, language)
    return number(value, language)


def rule_text(plan: ActionPlan, language: str | None = None) -> str:
    """What makes a quick win in ``plan``, in one sentence: the impact it must reach and the effort it may
    take, saying where each came from (the rule, given, or the plan's median)."""
    language = language or plan.language
    words = translator(language)
    impact = threshold_text(plan, language)
    if plan.impact_from == "median":
        impact = words.gettext("{value} (the median)", value=impact)
    elif plan.impact_from == "rule" and plan.impact_source != "heuristic" and metric_kind(plan.objective) in (
            "time", "rate"):
        impact = words.gettext("{value} (5% of the base)", value=impact)
    effort = number(plan.effort_threshold, language)
    if plan.effort_basis == "cost":
        effort_part = words.gettext("cost of at most {effort}", effort=effort)
    else:
        effort_part = words.ngettext("effort of at most {effort} person-day", "effort of at most {effort} "
                                     "person-days", plan.effort_threshold, effort=effort)
    if plan.effort_from == "median":
        effort_part = words.gettext("{value} (the median)", value=effort_part)
    return words.gettext("Quick win: impact of at least {impact}, {effort}, and an interval that leaves out zero",
                         impact=impact, effort=effort_part)
