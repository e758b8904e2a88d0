"""Building a view's DOT source: pure functions, no Graphviz run, no files.

:func:`build` returns the ``graphviz.Digraph`` of a view and the layout engine that must draw it
(``dot`` for the flow, ``nop2`` — every position fixed, as ``neato -n2`` — for the clock and the
blueprint, which place everything themselves). :func:`to_dot` returns the DOT text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypedDict, Unpack

import graphviz

from journeymap.errors import NotFound, did_you_mean
from journeymap.model import Journey, require_journey
from journeymap.render.limits import check_size, only_stages
from journeymap.render.notes import Curve, map_notes
from journeymap.render.scene import scene_for
from journeymap.render.themes import Theme, get_theme, page_size

__all__ = ["ENGINE", "VIEWS", "DrawOptions", "ViewOptions", "build", "check_view", "to_dot"]

VIEWS: tuple[str, ...] = ("cycle", "flow", "blueprint", "map")
"""The four views of a journey."""

ENGINE: dict[str, str] = {"cycle": "nop2", "flow": "dot", "blueprint": "nop2", "map": "nop2"}
"""The Graphviz layout engine each view is drawn with."""


def check_view(view: str) -> str:
    """``view`` itself when it is one of :data:`VIEWS`; :class:`~journeymap.errors.NotFound` with a
    did-you-mean otherwise."""
    if view not in VIEWS:
        raise NotFound("view", view, VIEWS, text=f"unknown view '{view}'", tail=f"; choose one of: {', '.join(VIEWS)}")
    return view


class DrawOptions(TypedDict, total=False):
    """What a view is drawn with besides the journey, the metric, the theme and the page (every key
    optional: see :func:`build`)."""

    metric_label: str | None
    stages: Iterable[str] | None
    goal_rate: float | None
    simulation: Any
    plan: Any
    curves: Sequence[Curve] | None
    predicted: Mapping[str, float] | None


class ViewOptions(DrawOptions, total=False):
    """Every option of a view (:func:`build`, :func:`to_dot`)."""

    metric: Mapping[str, float] | str | Any | None
    theme: str | Theme
    page: str | None


def check_options(options: Mapping[str, Any]) -> None:
    """A :class:`TypeError` naming the closest option for a keyword no view takes (a typo would
    otherwise be ignored)."""
    for name in options:
        if name not in ViewOptions.__optional_keys__:
            raise TypeError(f"unexpected keyword argument '{name}'{did_you_mean(name, ViewOptions.__optional_keys__)}")


def build(journey: Journey, view: str = "flow", **options: Unpack[ViewOptions]) -> tuple[graphviz.Digraph, str]:
    """The ``graphviz.Digraph`` of one view of ``journey`` and the engine that lays it out.

    ``metric``: an analysis metric's name (``expected_visits``, ``reach_probability``, ``offered_load``,
    ``drop_off``) or any mapping of touchpoint id → number, painted on a colour scale (ids missing
    from it are drawn neutral); ``metric_label``: the colour key's title; ``theme``: ``default``,
    ``workshop`` or ``print``; ``page``: ``A4`` or ``A3`` (landscape) to scale the drawing to a page;
    ``stages``: draw only these stages (ids or names); ``goal_rate``: the share of customers a
    simulation saw reach a goal, printed in the subtitle beside the route analysis's figure. The journey
    map (``view="map"``) also reads ``simulation`` (a :class:`~journeymap.simulation.SimulationResult`:
    abandonment and wait standards make pain points), ``plan`` (an action plan: its interventions are
    the opportunities), ``curves`` (the emotion curves, :class:`~journeymap.render.notes.Curve`; the
    satisfaction shown on the map by default) and ``predicted`` (touchpoint id → predicted 1–5
    satisfaction, a dashed second line); see :func:`~journeymap.render.notes.map_notes`. A journey
    with more touchpoints or routes than a drawing can show is refused
    (:func:`~journeymap.render.limits.check_size`)."""
    check_view(view)
    check_options(options)
    if options.get("stages") is not None:
        journey = only_stages(journey, options["stages"])  # type: ignore[arg-type]
    check_size(journey)
    scene = scene_for(journey, get_theme(options.get("theme", "default")), metric=options.get("metric"),
                      metric_label=options.get("metric_label"), page=page_size(options.get("page")),
                      goal_rate=options.get("goal_rate"))
    if view == "cycle":
        from journeymap.render.views.cycle import cycle_graph

        return cycle_graph(scene), ENGINE[view]
    if view == "flow":
        from journeymap.render.views.flow import flow_graph

        return flow_graph(scene), ENGINE[view]
    if view == "blueprint":
        from journeymap.render.views.blueprint import blueprint_graph

        return blueprint_graph(scene), ENGINE[view]
    from journeymap.render.views.map import map_graph

    notes = map_notes(journey, scene.words, analysis=scene.analysis, simulation=options.get("simulation"),
                      plan=options.get("plan"), curves=options.get("curves"), predicted=options.get("predicted"))
    return map_graph(scene, notes), ENGINE[view]


def to_dot(journey: Journey, view: str = "flow", **options: Unpack[ViewOptions]) -> str:
    """The DOT source of one view of ``journey`` (see :func:`build` for the arguments).

    The cycle and blueprint sources have every position fixed: draw them with ``neato -n2``."""
    require_journey(journey)
    graph, _ = build(journey, view, **options)
    return graph.source
