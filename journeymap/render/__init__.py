"""Diagrams of a journey: the cycle of service (clock face), the flow by stage, the service blueprint.

    import journeymap as jm
    drawing = jm.draw(journey, view="cycle", metric="expected_visits")
    drawing                      # shows itself in Jupyter
    drawing.save("cycle.pdf")    # or .svg, .png, .dot, .mmd

Building a view is pure (:func:`to_dot`, :func:`to_mermaid` return text); drawing it runs the
Graphviz engine bundled with ``pygraphviz`` (:mod:`journeymap.render.backend`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Unpack

from journeymap.errors import RenderError
from journeymap.model import Journey, require_journey
from journeymap.render.backend import FORMATS, Renderer
from journeymap.render.dot import VIEWS, DrawOptions, build, check_view, to_dot
from journeymap.render.drawing import SAVE_FORMATS, Drawing, check_suffix
from journeymap.render.jupyter import journey_bundle, register_formatters
from journeymap.render.limits import MAX_DPI, only_stages
from journeymap.render.mermaid import MERMAID_KINDS, NEUTRAL_SCORE, to_flowchart, to_mermaid
from journeymap.render.notes import Curve, MapNotes, map_notes
from journeymap.render.scene import ANALYSIS_METRICS
from journeymap.render.themes import PAGES, THEMES, Theme, page_size

__all__ = [
    "ANALYSIS_METRICS",
    "FORMATS",
    "MAX_DPI",
    "MERMAID_KINDS",
    "NEUTRAL_SCORE",
    "PAGES",
    "SAVE_FORMATS",
    "THEMES",
    "VIEWS",
    "Curve",
    "Drawing",
    "MapNotes",
    "RenderError",
    "Theme",
    "draw",
    "export_views",
    "journey_bundle",
    "map_notes",
    "only_stages",
    "register_formatters",
    "to_dot",
    "to_flowchart",
    "to_mermaid",
]


def draw(
    journey: Journey,
    view: str = "flow",
    metric: Mapping[str, float] | str | Any | None = None,
    theme: str | Theme = "default",
    page: str | None = None,
    *,
    renderer: Renderer = "bundled",
    **options: Unpack[DrawOptions],
) -> Drawing:
    """One view of ``journey`` as a :class:`Drawing` (shown inline in Jupyter, saved with ``.save``).

    ``view``: ``cycle`` (clock face of the service cycle), ``flow`` (stages left to right, arrows as
    wide as their flow), ``blueprint`` (lanes × stages with the lines of interaction, visibility
    and internal interaction) or ``map`` (the journey map: stages across; actions, channels, moments
    of truth, the emotion curve, pain points and opportunities down; it also reads ``simulation``,
    ``plan``, ``curves`` and ``predicted``, see :func:`journeymap.render.dot.build`).
    ``metric``: an analysis metric's name (``expected_visits``,
    ``reach_probability``, ``offered_load``, ``drop_off``) or any mapping of touchpoint id → number
    (simulation results, say), painted on a colour scale with the value printed; ``metric_label``
    titles its key. ``theme``: ``default``, ``workshop`` (projector) or ``print`` (greyscale).
    ``page``: ``A4`` or ``A3``: the PDF is exactly that landscape paper, the drawing scaled to fill it
    with text of 8 pt or more (spread over several pages when it cannot fit one), and the SVG has that
    size. ``renderer="system"`` uses a system Graphviz instead of the bundled one. ``stages``: draw only
    these stages (ids or names); a journey with more touchpoints or routes than one drawing can show is
    refused with :class:`RenderError`, suggesting just that. ``goal_rate``: the share of customers a
    simulation saw reach a goal; the subtitle prints it beside the route analysis's long-run figure,
    so that the drawing and the simulation's cards say the same thing."""
    require_journey(journey)
    stages = options.pop("stages", None)
    if stages is not None:
        journey = only_stages(journey, stages)
    graph, engine = build(journey, view, metric=metric, theme=theme, page=page, **options)
    return Drawing(graph.source, engine, journey, view, renderer, page_size(page))


def export_views(
    journey: Journey,
    folder: str | os.PathLike[str],
    formats: Iterable[str] = ("svg", "png"),
    *,
    views: Iterable[str] = VIEWS,
    theme: str | Theme = "default",
    stem: str | None = None,
    dpi: float | None = None,
) -> list[Path]:
    """Write every view of ``journey`` into ``folder`` in each of ``formats`` (``svg``, ``png``,
    ``pdf``, ``dot``, ``gv``, ``mmd``), named ``<stem>-<view>.<format>``; returns the paths written.

    ``stem`` defaults to ``journey``. Mermaid does not depend on the view, so ``mmd`` is written once:
    the customer's journey as ``<stem>.mmd`` and the routing flowchart as ``<stem>-flowchart.mmd``."""
    require_journey(journey)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    stem = stem or "journey"
    chosen = [f.lower().lstrip(".") for f in formats]
    for suffix in chosen:
        check_suffix(f"x.{suffix}")
    written: list[Path] = []
    for view in views:
        check_view(view)
        drawing = draw(journey, view, theme=theme)
        for suffix in chosen:
            if suffix != "mmd":
                written.append(drawing.save(out / f"{stem}-{view}.{suffix}", dpi=dpi))
    if "mmd" in chosen:
        written.append(Drawing("", "dot", journey).save(out / f"{stem}.mmd"))
        written.append(Drawing("", "dot", journey).save(out / f"{stem}-flowchart.mmd", mermaid="flowchart"))
    return written


register_formatters()
