"""The live diagram: the journey drawn as SVG by :func:`journeymap.render.draw`, redrawn after each edit.

The SVG sits in an ``ipywidgets.HTML`` inside a container with the CSS class ``jm-diagram``; the
wrapper ``div.jm-diagram-svg`` carries ``data-`` attributes (view, revision, touchpoint count,
moments of truth) that browser tests and notebook users can rely on. Drawing problems are shown in
place of the diagram, never raised into the notebook.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from journeymap.model import Journey
from journeymap.render import draw
from journeymap.render.jupyter import fit_svg
from journeymap.text import Translator, translator
from journeymap.widgets.words import VIEW_NAMES, choices

__all__ = ["VIEWS", "ZOOMS", "DiagramView", "embed_svg"]

VIEWS = ("cycle", "flow", "blueprint")
"""The views the switch offers: every view of :mod:`journeymap.render`."""
ZOOMS = (("fit", 0.0), ("100%", 1.0), ("150%", 1.5))
"""The zoom choices: fit the width available (never enlarged), or a scale of the drawing's own size."""


def embed_svg(svg: str, zoom: float = 0.0) -> str:
    """An SVG document made fit for inline HTML (:func:`journeymap.render.jupyter.fit_svg`): ``0`` fits
    the width available without shrinking text under 9 px (the canvas scrolls instead), another number
    scales the drawing's own size."""
    return fit_svg(svg, zoom)


class DiagramView(w.VBox):
    """A view switch (cycle / flow / blueprint) and a zoom over the drawn journey;
    ``show(journey)`` redraws it."""

    def __init__(self, view: str = "cycle", *, theme: str = "default", height: str = "620px") -> None:
        if view not in VIEWS:
            raise ValueError(f"'view' must be one of: {', '.join(VIEWS)} (got '{view}')")
        self.theme = theme
        self.revision = 0
        self.metric: Any = None
        self.metric_label: str | None = None
        self.goal_rate: float | None = None
        self.words = translator("en")
        self._drawn: tuple[int, str, int, float | None] | None = None
        self.journey: Journey | None = None
        self.view = w.ToggleButtons(options=choices(self.words, VIEW_NAMES, VIEWS), value=view,
                                    style={"button_width": "7.5em"})
        self.view.add_class("jm-view-switch")
        self.zoom = w.ToggleButtons(options=ZOOMS, value=0.0, style={"button_width": "5.5em"})
        self.zoom.add_class("jm-zoom")
        self.canvas = w.HTML(layout=w.Layout(width="100%", max_height=height, overflow="auto"))
        self.canvas.add_class("jm-diagram")
        self.status = w.HTML()
        bar = w.HBox([self.view, self.zoom], layout=w.Layout(justify_content="space-between", flex_flow="row wrap"))
        super().__init__([bar, self.canvas, self.status], layout=w.Layout(width="100%"))
        self._picture: tuple[Journey, str, str] | None = None  # what is on screen: journey, view, SVG
        self._quiet = False
        self.view.observe(lambda _: None if self._quiet else self.redraw(), names="value")
        self.zoom.observe(lambda _: None if self._quiet else self._place(), names="value")
        self.relabel(self.words)

    def relabel(self, words: Translator) -> None:
        """The switches in ``words``' language."""
        self.words = words
        view, zoom = self.view.value, self.zoom.value
        self._quiet = True
        try:
            self.view.options = choices(words, VIEW_NAMES, VIEWS)
            self.view.value = view
            self.zoom.options = [(words.gettext("fit"), 0.0), ("100%", 1.0), ("150%", 1.5)]
            self.zoom.value = zoom
        finally:
            self._quiet = False
        self.zoom.tooltips = [words.gettext("fit the width, text never under 9 px"),
                              words.gettext("the drawing's own size"), words.gettext("larger")]

    def show(self, journey: Journey, metric: Any = None, metric_label: str | None = None,
             goal_rate: float | None = None) -> bool:
        """Draw ``journey``, painted with ``metric`` (touchpoint id → number, titled ``metric_label``) when
        given, its subtitle giving ``goal_rate`` (a simulation's) beside the route analysis's; returns
        whether it was redrawn. The switches follow the journey's language."""
        if journey.language != self.words.language:
            self.relabel(translator(journey.language))
        self.journey, self.metric, self.metric_label, self.goal_rate = journey, metric, metric_label, goal_rate
        return self.redraw()

    def redraw(self, *, force: bool = False) -> bool:
        """Draw the current journey in the current view unless exactly that is already on screen."""
        if self.journey is None:
            return False
        key = (id(self.journey), self.view.value, id(self.metric), self.goal_rate)
        if key == self._drawn and not force:
            return False
        journey = self.journey
        try:
            drawing = draw(journey, self.view.value, self.metric, self.theme, metric_label=self.metric_label,
                           goal_rate=self.goal_rate)
            svg = drawing.svg()
        except (ValueError, KeyError, OSError, RuntimeError, ArithmeticError) as exc:  # shown instead
            failed = self.words.gettext("the diagram could not be drawn: {reason}", reason=str(exc))
            self.status.value = f"<div class='jm-diagram-error' style='color:#b3261e'>{html.escape(failed)}</div>"
            return False
        self.revision += 1
        self._picture = (journey, self.view.value, svg)
        self._place()
        self.status.value = ""
        self._drawn = key
        return True

    def _place(self) -> None:
        """Put the last drawing on screen at the chosen zoom (no redrawing)."""
        if self._picture is None:
            return
        journey, view, svg = self._picture
        moments = ",".join(tp.id for tp in journey.moments_of_truth)
        zoom = "fit" if not self.zoom.value else f"{self.zoom.value:g}"
        self.canvas.value = (
            f'<div class="jm-diagram-svg" data-view="{view}" data-revision="{self.revision}" '
            f'data-zoom="{zoom}" data-touchpoints="{len(journey.touchpoints)}" '
            f'data-moments="{html.escape(moments)}">{embed_svg(svg, self.zoom.value)}</div>'
        )

    @property
    def svg(self) -> str:
        """The HTML on screen (the wrapper ``div`` and the SVG), for tests and saving."""
        return self.canvas.value
