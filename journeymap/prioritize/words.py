"""The action plan's quadrants: their machine names, in plan order, and the names people read.

Code and machine columns stay in English (``quadrant`` = ``quick_win``...); what people read (the
Markdown table, the chart, the Mermaid chart, the localised ``quadrant_label`` column) follows the
journey's ``language`` through :mod:`journeymap.text`'s catalogues.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeymap.text import N_, duration, number, points, rate, translator

if TYPE_CHECKING:
    from journeymap.prioritize.plan import ActionPlan

__all__ = ["QUADRANTS", "QUADRANT_NAMES", "quadrant_label", "rule_text", "threshold_text"]

QUADRANTS: tuple[str, ...] = ("quick_win", "big_bet", "fill_in", "time_sink")
"""The quadrants' machine names, in the order an action plan lists them."""

QUADRANT_NAMES: dict[str, str] = {
    "quick_win": N_("Quick wins"),
    "big_bet": N_("Big bets"),
    "fill_in": N_("Fill-ins"),
    "time_sink": N_("Time sinks"),
}
"""The name of each quadrant, in English (translated by :func:`quadrant_label`)."""


def quadrant_label(quadrant: str, language: str = "en") -> str:
    """The name people read for a quadrant (``quick_win`` → ``Quick wins`` / ``Ganancias rápidas``)."""
    return translator(language).gettext(QUADRANT_NAMES[quadrant])


def threshold_text(plan: ActionPlan, language: str | None = None) -> str:
    """The plan's impact threshold as people read it, in the objective's unit: ``1 pp``, ``52 sec``,
    ``1.2 per hour``; a bare number for a heuristic score."""
    from journeymap.experiment.metrics import metric_kind

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
    elif plan.impact_from == "rule" and plan.impact_threshold and plan.impact_source != "heuristic":
        from journeymap.experiment.metrics import metric_kind

        if metric_kind(plan.objective) in ("time", "rate"):
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
