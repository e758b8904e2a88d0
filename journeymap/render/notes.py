"""What the journey map view writes under each touchpoint besides the map itself: the emotion curves, the
pain points (each with the figure that makes it one) and the opportunities.

These are plain values, found once per drawing by :func:`map_notes` from the journey, the route
analysis, and — when given — a simulation's results and an action plan. Rendering sits below the
simulation and the plan in the layers, so those two are read by what they hold (a simulation's
``touchpoints`` table and ``standard_met``; a plan's ``table``), never imported.

A touchpoint is a **pain point** when its satisfaction is low (below :data:`LOW_SATISFACTION` on the
1–5 scale), when many customers give up there (a simulated abandonment of :data:`HIGH_ABANDONMENT`
or more), when a requirement's ``wait`` standard is met for fewer than :data:`STANDARD_TARGET` of the
customers (simulation), when it is overloaded (an offered load of :data:`OVERLOAD` or more) or when
many customers leave the cycle there without reaching a goal (:data:`HIGH_DROP_OFF` or more).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from journeymap.model import Journey, Touchpoint
from journeymap.text import Translator, duration, number, percent

__all__ = [
    "HIGH_ABANDONMENT",
    "HIGH_DROP_OFF",
    "LOW_SATISFACTION",
    "OVERLOAD",
    "STANDARD_TARGET",
    "Curve",
    "MapNotes",
    "Opportunity",
    "PainPoint",
    "map_notes",
]

LOW_SATISFACTION = 2.5
"""Satisfaction (1–5) below which a touchpoint is a pain point (the map's "low" tone)."""
HIGH_ABANDONMENT = 0.05
"""Share of the customers who wait at a touchpoint and give up, from which it is a pain point."""
STANDARD_TARGET = 0.8
"""Share of customers for whom a requirement's wait standard must hold; below it, a pain point."""
OVERLOAD = 0.85
"""Offered load (utilisation) from which a touchpoint is a pain point: queues grow long near 1."""
HIGH_DROP_OFF = 0.1
"""Share of all customers leaving the cycle at a (non-goal) touchpoint from which it is a pain point."""


@dataclass(frozen=True)
class Curve:
    """One line of the emotion curve: a name for the legend, the 1–5 score per touchpoint id, which of
    them a survey measured (drawn solid; the others hollow), and whether it is a prediction (dashed)."""

    name: str
    scores: Mapping[str, float]
    measured: frozenset[str] = frozenset()
    predicted: bool = False
    details: Mapping[str, str] = field(default_factory=dict)
    """Per touchpoint id, the provenance printed in a point's tooltip (``n=120, 2025-03-14``)."""
    intervals: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    """Per touchpoint id, the measured score's 95% interval (drawn as a whisker)."""


@dataclass(frozen=True)
class PainPoint:
    """Why a touchpoint hurts: ``kind`` (``satisfaction``, ``abandonment``, ``standard``, ``overload``,
    ``drop_off``), the sentence printed (with its figure) and the figure itself."""

    touchpoint: str
    kind: str
    text: str
    value: float


@dataclass(frozen=True)
class Opportunity:
    """An intervention of an action plan acting on a touchpoint, with its quadrant and the quadrant's name."""

    touchpoint: str
    name: str
    quadrant: str
    quadrant_label: str
    rank: int = 0


@dataclass(frozen=True)
class MapNotes:
    """The emotion curves, pain points and opportunities of one journey map."""

    curves: tuple[Curve, ...] = ()
    pains: tuple[PainPoint, ...] = ()
    opportunities: tuple[Opportunity, ...] = ()

    def pains_at(self, tp_id: str) -> list[PainPoint]:
        return [p for p in self.pains if p.touchpoint == tp_id]

    def opportunities_at(self, tp_id: str) -> list[Opportunity]:
        return [o for o in self.opportunities if o.touchpoint == tp_id]


def satisfaction_curve(journey: Journey, words: Translator, name: str | None = None) -> Curve:
    """The curve of the satisfaction a map shows at each touchpoint: measured by a survey where it was
    (solid, with n, date and interval), the consultant's estimate elsewhere (hollow)."""
    scores: dict[str, float] = {}
    measured: set[str] = set()
    details: dict[str, str] = {}
    intervals: dict[str, tuple[float, float]] = {}
    for tp in journey.touchpoints:
        shown = tp.shown_satisfaction
        if shown is None or not math.isfinite(shown):
            continue
        scores[tp.id] = float(shown)
        survey = tp.measured_satisfaction
        if survey is not None:
            measured.add(tp.id)
            parts = [f"n={survey.n}"] + [str(x) for x in (survey.date, survey.source) if x]
            details[tp.id] = words.gettext("measured: {details}", details=", ".join(parts))
            if survey.interval is not None:
                intervals[tp.id] = survey.interval
        else:
            details[tp.id] = words.gettext("estimated")
    return Curve(name or words.gettext("Satisfaction"), scores, frozenset(measured), details=details,
                 intervals=intervals)


def _satisfaction_pain(tp: Touchpoint, words: Translator) -> PainPoint | None:
    shown = tp.shown_satisfaction
    if shown is None or not shown < LOW_SATISFACTION:
        return None
    score = number(shown, words.language, digits=2)
    text = (words.gettext("low satisfaction: {score} (measured)", score=score) if tp.satisfaction_is_measured
            else words.gettext("low satisfaction: {score} (estimated)", score=score))
    return PainPoint(tp.id, "satisfaction", text, shown)


def _figure(table: Any, tp_id: str, column: str) -> float | None:
    """One finite figure of a simulation's ``touchpoints`` table, or ``None``."""
    try:
        value = float(table.loc[tp_id, column])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return value if math.isfinite(value) else None


def _simulated_pains(tp: Touchpoint, journey: Journey, simulation: Any, words: Translator) -> list[PainPoint]:
    found: list[PainPoint] = []
    table = getattr(simulation, "touchpoints", None)
    abandoned = _figure(table, tp.id, "abandonment_rate") if table is not None else None
    if abandoned is not None and abandoned >= HIGH_ABANDONMENT:
        found.append(PainPoint(tp.id, "abandonment", words.gettext(
            "{share} give up waiting", share=percent(abandoned, words.language, digits=2)), abandoned))
    for requirement in tp.requirements:
        limit = (getattr(requirement, "standard", None) or {}).get("wait")
        if limit is None or not hasattr(simulation, "standard_met"):
            continue
        try:
            met = simulation.standard_met(tp.id, limit)["mean"]
        except (ValueError, KeyError):
            continue
        if math.isfinite(met) and met < STANDARD_TARGET:
            found.append(PainPoint(tp.id, "standard", words.gettext(
                "served within {limit} for only {share}", limit=duration(limit, journey.time_unit, words.language),
                share=percent(met, words.language, digits=2)), met))
    return found


def before_goal(journey: Journey) -> frozenset[str]:
    """The touchpoints from which a goal can still be reached: customers leaving there leave unserved
    (those leaving after a goal have finished)."""
    import networkx as nx

    from journeymap.model.graph import to_networkx

    graph = to_networkx(journey)
    found: set[str] = set()
    for goal in journey.goals:
        if goal.id in graph:
            found |= nx.ancestors(graph, goal.id)
    return frozenset(found - {goal.id for goal in journey.goals})


def _analysis_pains(tp: Touchpoint, analysis: Any, words: Translator, leaks: frozenset[str]) -> list[PainPoint]:
    found: list[PainPoint] = []
    table = getattr(analysis, "touchpoints", None)
    if table is None:
        return found
    load = _figure(table, tp.id, "offered_load")
    if load is not None and load >= OVERLOAD:
        found.append(PainPoint(tp.id, "overload", words.gettext(
            "overloaded: load {load}", load=percent(load, words.language, digits=2)), load))
    leaving = _figure(table, tp.id, "drop_off")
    if leaving is not None and tp.id in leaks and leaving >= HIGH_DROP_OFF:
        found.append(PainPoint(tp.id, "drop_off", words.gettext(
            "{share} of customers leave here", share=percent(leaving, words.language, digits=2)), leaving))
    return found


def _opportunities(plan: Any, journey: Journey) -> list[Opportunity]:
    table = getattr(plan, "table", None)
    if table is None:
        return []
    known = set(journey.touchpoint_ids)
    found = []
    for row in table.to_dict(orient="records"):
        for tp_id in str(row.get("touchpoints") or "").split(","):
            tp_id = tp_id.strip()
            if tp_id in known:
                found.append(Opportunity(tp_id, str(row.get("intervention", "")), str(row.get("quadrant", "")),
                                         str(row.get("quadrant_label", row.get("quadrant", ""))),
                                         int(row.get("rank", 0) or 0)))
    return found


def map_notes(
    journey: Journey,
    words: Translator,
    *,
    analysis: Any = None,
    simulation: Any = None,
    plan: Any = None,
    curves: Sequence[Curve] | None = None,
    predicted: Mapping[str, float] | None = None,
) -> MapNotes:
    """The :class:`MapNotes` of ``journey``: pain points from its satisfaction, the route ``analysis``
    (offered load, drop-off) and a ``simulation``'s results (abandonment, wait standards); the
    opportunities from an action ``plan``; the emotion ``curves`` (the satisfaction shown on the map
    when none are given: one curve per segment later), plus a dashed ``predicted`` curve (touchpoint id →
    1–5 score a model predicts) when given."""
    chosen = list(curves) if curves is not None else [satisfaction_curve(journey, words)]
    if predicted:
        known = set(journey.touchpoint_ids)
        scores = {str(k): float(v) for k, v in predicted.items() if str(k) in known and math.isfinite(float(v))}
        chosen.append(Curve(words.gettext("Predicted from the simulation"), scores, predicted=True))
    pains: list[PainPoint] = []
    leaks = before_goal(journey) if analysis is not None else frozenset()
    for tp in journey.touchpoints:
        low = _satisfaction_pain(tp, words)
        if low is not None:
            pains.append(low)
        if simulation is not None:
            pains.extend(_simulated_pains(tp, journey, simulation, words))
        if analysis is not None:
            pains.extend(_analysis_pains(tp, analysis, words, leaks))
    return MapNotes(tuple(chosen), tuple(pains), tuple(_opportunities(plan, journey)))
