"""Building a view's DOT source: pure functions, no Graphviz run, no files.

:func:`build` returns the ``graphviz.Digraph`` of a view and the layout engine that must draw it
(``dot`` for the flow, ``nop2`` — every position fixed, as ``neato -n2`` — for the clock and the
blueprint, which place everything themselves). :func:`to_dot` returns the DOT text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import graphviz

from journeymap.errors import NotFound
from journeymap.model import Journey, require_journey
from journeymap.render.limits import check_size, only_stages
from journeymap.render.scene import scene_for
from journeymap.render.themes import Theme, get_theme, page_size

__all__ = ["ENGINE", "VIEWS", "build", "check_view", "to_dot"]

VIEWS: tuple[str, ...] = ("cycle", "flow", "blueprint")
"""The three views of a journey."""

ENGINE: dict[str, str] = {"cycle": "nop2", "flow": "dot", "blueprint": "nop2"}
"""The Graphviz layout engine each view is drawn with."""


def check_view(view: str) -> str:
    """``view`` itself when it is one of :data:`VIEWS`; :class:`~journeymap.errors.NotFound` with a
    did-you-mean otherwise."""
    if view not in VIEWS:
        raise NotFound("view", view, VIEWS, text=f"unknown view '{view}'", tail=f"; choose one of: {', '.join(VIEWS)}")
    return view


def build(
    journey: Journey,
    view: str = "flow",
    *,
    metric: Mapping[str, float] | str | Any | None = None,
    metric_label: str | None = None,
    theme: str | Theme = "default",
    page: str | None = None,
    stages: Iterable[str] | None = None,
    goal_rate: float | None = None,
) -> tuple[graphviz.Digraph, str]:
    """The ``graphviz.Digraph`` of one view of ``journey`` and the engine that lays it out.

    ``metric``: an analysis metric's name (``expected_visits``, ``reach_probability``, ``offered_load``,
    ``drop_off``) or any mapping of touchpoint id → number, painted on a colour scale (ids missing
    from it are drawn neutral); ``metric_label``: the colour key's title; ``theme``: ``default``,
    ``workshop`` or ``print``; ``page``: ``A4`` or ``A3`` (landscape) to scale the drawing to a page;
    ``stages``: draw only these stages (ids or names); ``goal_rate``: the share of customers a
    simulation saw reach a goal, printed in the subtitle beside the route analysis's figure. A journey
    with more touchpoints or routes than a drawing can show is refused
    (:func:`~journeymap.render.limits.check_size`)."""
    check_view(view)
    if stages is not None:
        journey = only_stages(journey, stages)
    check_size(journey)
    scene = scene_for(journey, get_theme(theme), metric=metric, metric_label=metric_label, page=page_size(page),
                      goal_rate=goal_rate)
    if view == "cycle":
        from journeymap.render.views.cycle import cycle_graph

        return cycle_graph(scene), ENGINE[view]
    if view == "flow":
        from journeymap.render.views.flow import flow_graph

        return flow_graph(scene), ENGINE[view]
    from journeymap.render.views.blueprint import blueprint_graph

    return blueprint_graph(scene), ENGINE[view]


def to_dot(
    journey: Journey,
    view: str = "flow",
    *,
    metric: Mapping[str, float] | str | Any | None = None,
    metric_label: str | None = None,
    theme: str | Theme = "default",
    page: str | None = None,
    stages: Iterable[str] | None = None,
) -> str:
    """The DOT source of one view of ``journey`` (see :func:`build` for the arguments).

    The cycle and blueprint sources have every position fixed: draw them with ``neato -n2``."""
    require_journey(journey)
    graph, _ = build(journey, view, metric=metric, metric_label=metric_label, theme=theme, page=page, stages=stages)
    return graph.source
