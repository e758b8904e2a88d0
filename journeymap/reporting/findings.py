"""The summary of findings: plain sentences generated from the numbers, in the report's language.

Three kinds of finding, as a consultant would open the meeting: the moments of truth most at risk and
why (their pain points, satisfaction and survey grade), the quick wins and what they bring (impact with
its interval, effort), and what to measure next (the survey's fieldwork, the satisfaction still
estimated, the event log that would replace estimated times). Every sentence is a gettext message
whose numbers come from :mod:`journeymap.text`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from journeymap.model import Journey, Touchpoint
from journeymap.render.notes import MapNotes
from journeymap.reporting.inputs import Inputs
from journeymap.text import Translator, count, number, percent, quantity
from journeymap.text import change as change_text

__all__ = ["AT_RISK", "Risk", "impact_text", "measure_next", "moments_at_risk", "quick_win_sentences", "risk_sentences"]

AT_RISK = 3
"""How many moments of truth the summary names as most at risk."""

@dataclass(frozen=True)
class Risk:
    """A moment of truth, how much it is at risk (higher first) and the reasons, as printed."""

    touchpoint: Touchpoint
    weight: float
    reasons: tuple[str, ...]

def _grade(inputs: Inputs, tp: Touchpoint) -> str | None:
    scores = inputs.scores
    if scores is None or tp.id not in scores.moments.index:
        return None
    return str(scores.moments.loc[tp.id, "grade"])

def moments_at_risk(inputs: Inputs, notes: MapNotes, words: Translator, top: int = AT_RISK) -> list[Risk]:
    """The ``top`` moments of truth most at risk: each pain point weighs 1, a failing survey grade 1, and
    satisfaction below 5 up to 1 more; ties keep the journey's order."""
    journey, language = inputs.journey, words.language
    risks = []
    for tp in journey.moments_of_truth:
        pains = notes.pains_at(tp.id)
        reasons = [p.text for p in pains if p.kind != "satisfaction"]
        weight = float(len(pains))
        shown = tp.shown_satisfaction
        if shown is not None and math.isfinite(shown):
            weight += (5 - shown) / 4
            score = number(shown, language, digits=2)
            if tp.satisfaction_is_measured and tp.measured_satisfaction is not None:
                reasons.append(words.gettext("satisfaction {score} of 5, measured (n={n})", score=score,
                                             n=count(tp.measured_satisfaction.n, language)))
            else:
                reasons.append(words.gettext("satisfaction {score} of 5, estimated", score=score))
        grade = _grade(inputs, tp)
        if grade == "fails":
            weight += 1
            reasons.append(words.gettext("the survey grades it as failing its target"))
        if not reasons:
            reasons.append(words.gettext("no figure points to a problem yet"))
        risks.append(Risk(tp, weight, tuple(reasons)))
    ranked = sorted(enumerate(risks), key=lambda item: (-item[1].weight, item[0]))
    return [risk for _, risk in ranked[:top]]

def risk_sentences(risks: list[Risk], journey: Journey, words: Translator) -> list[str]:
    """One sentence per moment at risk: its name, its stage, and why."""
    stages = {stage.id: stage.label for stage in journey.stages}
    return [words.gettext("{name} ({stage}): {reasons}.", name=risk.touchpoint.label,
                          stage=stages.get(risk.touchpoint.stage, risk.touchpoint.stage),
                          reasons="; ".join(risk.reasons)) for risk in risks]

def impact_text(row: dict[str, Any], journey: Journey, words: Translator, *, short: bool = False) -> str:
    """An action plan row's impact as a sentence's piece: the change in its objective with its 95%
    interval (``short``: units abbreviated, for a table cell), or its heuristic score."""
    from journeymap.experiment.metrics import metric_kind, metric_name

    language = words.language
    if row.get("impact_source") != "simulation":
        return words.gettext("a heuristic score of {score}", score=number(row["impact"], language))
    objective = str(row["objective"])
    kind = metric_kind(objective)
    length = "short" if short else None

    def shown_change(value: float) -> str:
        return change_text(value, kind, time_unit=journey.time_unit, language=language, length=length)

    shown = shown_change(row["impact"])
    low, high = row.get("impact_low"), row.get("impact_high")
    if low is None or high is None or not (math.isfinite(low) and math.isfinite(high)):
        return words.gettext("{change} in {objective}", change=shown, objective=metric_name(objective, language))
    between = f"{shown_change(low)} … {shown_change(high)}"
    return words.gettext("{change} in {objective} (95% interval {interval})", change=shown,
                         objective=metric_name(objective, language), interval=between)

def quick_win_sentences(plan: Any, journey: Journey, words: Translator) -> list[str]:
    """What each quick win brings and costs; when there is none, the best ranked intervention."""
    if plan is None or not len(plan.table):
        return []
    language = words.language
    rows = plan.quick_wins.to_dict(orient="records")
    if not rows:
        best = plan.table.iloc[0]
        return [words.gettext("No intervention is a quick win yet; the best ranked is {name} ({quadrant}).",
                              name=best["intervention"], quadrant=best["quadrant_label"])]
    sentences = []
    for row in rows:
        impact = impact_text(row, journey, words)
        if getattr(plan, "effort_basis", "effort") == "cost":
            sentences.append(words.gettext("{name}: {impact}, at a cost of {cost}.", name=row["intervention"],
                                           impact=impact, cost=number(row["cost"], language)))
        else:
            sentences.append(words.gettext("{name}: {impact}, for {effort} person-days of effort.",
                                           name=row["intervention"], impact=impact,
                                           effort=number(row["effort"], language)))
    return sentences

def measure_next(inputs: Inputs, words: Translator) -> list[str]:
    """What to measure next: the survey's fieldwork, the moments whose satisfaction is still an estimate,
    and the event log that would calibrate the map (or how well the calibrated map predicted it)."""
    journey, language = inputs.journey, words.language
    sentences = []
    sampling = inputs.sampling
    if sampling is not None and len(sampling.table):
        days = sampling.days
        sentences.append(words.ngettext(
            "Survey the {n} moment of truth: {answers} answers, about {days} days of fieldwork at a {rate} "
            "response rate (margin ±{margin}).",
            "Survey the {n} moments of truth: {answers} answers each, about {days} days of fieldwork at a {rate} "
            "response rate (margin ±{margin}).", len(sampling.table),
            answers=count(float(sampling.table["answers"].max()), language),
            days=count(days, language) if math.isfinite(days) else "—",
            rate=percent(sampling.response_rate, language, digits=2),
            margin=percent(sampling.margin, language, digits=2)))
    estimated = [tp.label for tp in journey.moments_of_truth if not tp.satisfaction_is_measured]
    if estimated:
        sentences.append(words.gettext("Satisfaction is still an estimate at: {names}.", names=", ".join(estimated)))
    if inputs.backtest is None:
        sentences.append(words.gettext("Calibrate times and routes from an event log (a CRM or ticketing export) "
                                       "to replace the estimates the simulation starts from."))
    else:
        within = inputs.backtest.within
        sentences.append(words.gettext("The calibrated map reproduced {share} of the event log's figures within "
                                       "the simulation's range.", share=percent(within, language, digits=2)))
    if inputs.simulation is not None:
        goal = float(inputs.simulation.kpis.loc["goal_rate", "mean"])
        sentences.append(words.gettext("Baseline to track: {share} of customers reach a goal today (simulation).",
                                       share=quantity(goal, "share", language=language)))
    return sentences
