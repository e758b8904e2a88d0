"""What a drawing needs to know about a journey besides the journey itself.

A :class:`Scene` gathers, once per drawing: the order of the touchpoints round the cycle (the numbers
printed on every view: stage by stage, from the first stage's first touchpoint), the expected flow
along each route and the share of customers leaving at each touchpoint (from
:mod:`journeymap.analysis`), the metric overlay, the theme and the printed words. The views only
read it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from journeymap.errors import JourneyError, NotFound
from journeymap.model import Journey
from journeymap.render.colors import FINISH, FINISH_GREY, NO_DATA, scale_color
from journeymap.render.themes import Theme
from journeymap.render.words import metric_title
from journeymap.text import DEFAULT_LANGUAGE, Translator, number, translator
from journeymap.text import percent as percent_text

__all__ = [
    "ANALYSIS_METRICS",
    "Metric",
    "Scene",
    "cycle_order",
    "format_number",
    "metric_from",
    "scene_for",
    "stage_columns",
]

ANALYSIS_METRICS: tuple[str, ...] = ("expected_visits", "reach_probability", "offered_load", "drop_off")
"""Metric names that ``draw(metric=...)`` and ``journeymap render --metric`` compute from the analysis."""

_PERCENT_METRICS = ("reach_probability", "drop_off")


def format_number(value: float, *, percent: bool = False, language: str = DEFAULT_LANGUAGE) -> str:
    """A number as a workshop reads it on a drawing: a share as a percentage with two significant digits
    (``62%``, ``3.4%``), others with three (``1.25``, ``12.4``, ``1,250``), in ``language``'s style."""
    return percent_text(value, language, digits=2) if percent else number(value, language)


@dataclass(frozen=True)
class Metric:
    """A number per touchpoint painted on a colour scale, with the key's title."""

    values: Mapping[str, float]
    label: str
    percent: bool = False
    language: str = DEFAULT_LANGUAGE
    finishes: Mapping[str, str] = field(default_factory=dict)
    """Goal touchpoints taken off the scale, with the words printed instead (customers *finishing*
    there are not a leak: ``drop_off`` paints only where customers give up)."""

    @property
    def low(self) -> float:
        return min(self.values.values(), default=0.0)

    @property
    def high(self) -> float:
        return max(self.values.values(), default=0.0)

    def share(self, tp_id: str) -> float:
        """Where ``tp_id``'s value lies between the lowest (0) and highest (1); NaN when it has none."""
        if tp_id not in self.values:
            return math.nan
        span = self.high - self.low
        return 0.5 if span <= 0 else (self.values[tp_id] - self.low) / span

    def color(self, tp_id: str, *, greyscale: bool = False) -> str:
        """The fill of ``tp_id`` on the scale (the no-data grey when it has no value, the finish tint
        for a goal taken off the scale)."""
        if tp_id in self.finishes:
            return FINISH_GREY if greyscale else FINISH
        share = self.share(tp_id)
        return NO_DATA if math.isnan(share) else scale_color(share, greyscale=greyscale)

    def text(self, tp_id: str) -> str:
        """``tp_id``'s value as printed on the drawing (``–`` when it has none)."""
        if tp_id in self.finishes:
            return self.finishes[tp_id]
        return self.format(self.values[tp_id]) if tp_id in self.values else "–"

    def format(self, value: float) -> str:
        """A value of this metric as printed (a percentage for shares), in the drawing's language."""
        return format_number(value, percent=self.percent, language=self.language)

    def ticks(self, count: int = 5) -> list[tuple[str, float]]:
        """``count`` evenly spaced (printed value, share) pairs for the colour key."""
        if self.high <= self.low:
            return [(self.format(self.low), 0.5)]
        steps = [k / (count - 1) for k in range(count)]
        return [(self.format(self.low + (self.high - self.low) * step), step) for step in steps]


@dataclass(frozen=True)
class Scene:
    """Everything a view reads besides the journey: order, flows, drop-off, metric, theme, words."""

    journey: Journey
    theme: Theme
    words: Translator
    order: tuple[str, ...]
    flow: Mapping[tuple[str, str], float] = field(default_factory=dict)
    drop_off: Mapping[str, float] = field(default_factory=dict)
    goal_probability: float | None = None
    metric: Metric | None = None
    page: tuple[float, float] | None = None
    simulated_goal: float | None = None
    """The share of customers a simulation saw reach a goal, printed beside the analysis's own figure."""

    @functools.cached_property
    def number(self) -> dict[str, int]:
        """The 1-based meeting-order number of every touchpoint."""
        return {tp_id: k + 1 for k, tp_id in enumerate(self.order)}

    def percent(self, share: float) -> str:
        """A share as the drawing prints it (``62%``, ``3.4%``; ``62 %`` in Spanish)."""
        return format_number(share, percent=True, language=self.words.language)

    def route_flow(self, source: str, target: str, p: float) -> float:
        """Expected traversals of a route per customer (its probability when the analysis is unavailable)."""
        return self.flow.get((source, target), p)


def stage_columns(scene: Scene) -> list[tuple[str, str, list[str]]]:
    """(cluster key, printed name, touchpoint ids in meeting order) per stage, in stage order; touchpoints
    whose stage is not declared go to a last column."""
    journey = scene.journey
    rank = {tp_id: k for k, tp_id in enumerate(scene.order)}
    columns = []
    declared = set(journey.stage_ids)
    for k, stage in enumerate(journey.stages):
        members = sorted((tp.id for tp in journey.touchpoints_in(stage.id)), key=rank.__getitem__)
        columns.append((f"s{k}", stage.label, members))
    orphans = sorted((tp.id for tp in journey.touchpoints if tp.stage not in declared), key=rank.__getitem__)
    if orphans:
        columns.append(("s_none", scene.words.gettext("(no stage)"), orphans))
    return columns


def cycle_order(journey: Journey) -> tuple[str, ...]:
    """Touchpoint ids in the order the drawings number them: stage by stage, and within a stage in the
    order the journey lists them (the order of the workbench's list). Number 1 is the first stage's
    first touchpoint, never simply the busiest entry; touchpoints of an undeclared stage come last."""
    stage_rank = {stage_id: k for k, stage_id in enumerate(journey.stage_ids)}
    last = len(stage_rank)
    ranked = sorted(enumerate(journey.touchpoints), key=lambda item: (stage_rank.get(item[1].stage, last), item[0]))
    return tuple(tp.id for _, tp in ranked)


def metric_from(
    journey: Journey, metric: Mapping[str, float] | Any, label: str | None, words: Translator, analysis: Any = None
) -> Metric | None:
    """The overlay from ``draw(metric=...)``: an analysis metric's name, or any mapping (or pandas
    Series) of touchpoint id → number. Raises :class:`~journeymap.errors.NotFound` for an unknown metric
    or touchpoint id, ``ValueError`` for bad values."""
    if metric is None:
        return None
    if isinstance(metric, str):
        if metric not in ANALYSIS_METRICS:
            raise NotFound("metric", metric, ANALYSIS_METRICS, text=f"unknown metric '{metric}'",
                           tail=f"; choose one of: {', '.join(ANALYSIS_METRICS)}, or pass a mapping of touchpoint "
                                f"id to number")
        if analysis is None:
            from journeymap.analysis import analyze

            analysis = analyze(journey)
        values = analysis.metric(metric)
        finishes: dict[str, str] = {}
        if metric == "drop_off":  # leaving at a goal is finishing, not leaking
            for tp in journey.goals:
                if tp.id in values:
                    shown = format_number(values.pop(tp.id), percent=True, language=words.language)
                    finishes[tp.id] = words.gettext("{share} finish here", share=shown)
        return Metric(values, label or metric_title(words, metric), metric in _PERCENT_METRICS, words.language,
                      finishes)
    items = metric.items() if hasattr(metric, "items") else None
    if items is None:
        raise ValueError(f"'metric' must be a metric name or a mapping of touchpoint id to number (got {metric!r})")
    values: dict[str, float] = {}
    known = journey.touchpoint_ids
    for key, value in items:
        tp_id = str(key)
        if tp_id not in known:
            raise NotFound("touchpoint", tp_id, known, text=f"metric names unknown touchpoint '{tp_id}'")
        if isinstance(value, bool) or (not isinstance(value, int | float) and not hasattr(value, "__float__")):
            raise ValueError(f"metric value of '{tp_id}' must be a number (got {value!r})")
        number = float(value)
        if math.isfinite(number):
            values[tp_id] = number
    return Metric(values, label or words.gettext("Metric"), language=words.language)


def scene_for(
    journey: Journey,
    theme: Theme,
    *,
    metric: Mapping[str, float] | str | None = None,
    metric_label: str | None = None,
    page: tuple[float, float] | None = None,
    goal_rate: float | None = None,
) -> Scene:
    """The :class:`Scene` of one drawing. Flows and drop-off come from the analysis; a journey whose
    routing the analysis rejects (a loop with no exit) is still drawn, without them."""
    words = translator(journey.language)
    analysis = None
    flow: dict[tuple[str, str], float] = {}
    drop_off: dict[str, float] = {}
    goal = None
    if journey.touchpoints:
        try:
            from journeymap.analysis import analyze, edge_flow

            analysis = analyze(journey)
            flow = edge_flow(journey)
            drop_off = {str(k): float(v) for k, v in analysis.touchpoints["drop_off"].items()}
            goal = analysis.goal_probability if journey.goals else None
        except (JourneyError, ValueError, KeyError, ArithmeticError):
            analysis = None
    overlay = metric_from(journey, metric, metric_label, words, analysis)
    return Scene(journey, theme, words, cycle_order(journey), flow, drop_off, goal, overlay, page, goal_rate)
