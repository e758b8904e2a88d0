"""The legend every view carries: symbols, channels, the view's own marks, satisfaction and the metric key.

Only what the drawing uses is explained (no "goal" row when no touchpoint is a goal), in the
journey's language. The legend is one HTML-like table; :func:`legend` also returns its estimated
size so that views which place nodes themselves can keep it clear of the drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.render.colors import (
    FRAME,
    INK,
    MOMENT_OF_TRUTH,
    MUTED,
    NO_DATA,
    satisfaction_colors,
    scale_color,
    text_on,
)
from journeymap.render.labels import FACES, GOAL, METRIC_MARK, STAR, badge_size, channel_chip
from journeymap.render.scene import Scene
from journeymap.render.text import esc, text_width, wrap
from journeymap.render.words import channel_name

__all__ = ["LegendRow", "legend"]


@dataclass(frozen=True)
class LegendRow:
    """One line of a legend: a sample (HTML, already escaped) and the words explaining it."""

    sample: str
    text: str
    sample_width: float = 24.0


def _channels(scene: Scene) -> list[str | None]:
    seen: dict[str | None, None] = {}
    for tp in scene.journey.touchpoints:
        seen[tp.channel.lower() if tp.channel else None] = None
    return list(seen)


def _badge_sample(channel: str, scene: Scene) -> str:
    return channel_chip(channel, channel_name(scene.words, channel).upper(), scene)


def _rows(scene: Scene, view_rows: Sequence[LegendRow], numbering: str | None) -> list[LegendRow]:
    words, journey = scene.words, scene.journey
    mark = INK if scene.theme.greyscale else MOMENT_OF_TRUTH
    numbering = numbering or words.gettext("order along the cycle, stage by stage")
    rows = [LegendRow(f'<FONT COLOR="{MUTED}">1 2 3</FONT>', numbering, 30)]
    if journey.moments_of_truth:
        rows.append(LegendRow(f'<FONT COLOR="{mark}">{STAR}</FONT>', words.gettext("moment of truth (double border)")))
        if scene.theme.details and any(tp.requirements for tp in journey.moments_of_truth):
            rows.append(LegendRow(f'<FONT COLOR="{MUTED}"><I>•</I></FONT>',
                                  words.gettext("what the customer requires there")))
    if journey.goals:
        rows.append(LegendRow(f'<FONT COLOR="{mark}">{GOAL}</FONT>', words.gettext("goal reached")))
    rows.extend(view_rows)
    return rows


class _Table:
    """Rows of the legend's HTML table, with a running estimate of its size."""

    def __init__(self, scene: Scene) -> None:
        self.small = scene.theme.small
        self.line = self.small * 1.45
        self.cells: list[str] = []
        self.widths: list[float] = []
        self.height = scene.theme.fontsize * 1.6

    def row(self, sample: str, text: str, sample_width: float) -> None:
        lines = wrap(text, 42)
        body = "<BR/>".join(esc(x) for x in lines)
        self.cells.append(
            f'<TR><TD ALIGN="CENTER" WIDTH="{max(sample_width, 18):g}">{sample}</TD>'
            f'<TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="{self.small:g}">{body}</FONT></TD></TR>'
        )
        self.widths.append(max(sample_width, 18) + max(text_width(x, self.small) for x in lines) + 16)
        self.height += self.line * len(lines) + 2

    def heading(self, text: str) -> None:
        self.cells.append(
            f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="{self.small:g}"><B>{esc(text)}</B></FONT></TD></TR>'
        )
        self.widths.append(text_width(text, self.small, bold=True) + 12)
        self.height += self.line + 4

    def strip(self, cells: list[str], width: float, *, spacing: int = 2, padding: int = 0) -> None:
        """One full-width row of side-by-side cells (channel badges, faces, the colour key)."""
        self.cells.append(
            f'<TR><TD COLSPAN="2" ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="{spacing}" CELLPADDING="{padding}">'
            f'<TR>{"".join(cells)}</TR></TABLE></TD></TR>'
        )
        self.widths.append(width + 12)
        self.height += self.line + 8


def legend(
    scene: Scene, view_rows: Sequence[LegendRow] = (), *, satisfaction: bool = False, numbering: str | None = None
) -> tuple[str, float, float]:
    """The legend's HTML-like label (``<...>`` included) and its estimated (width, height) in points.

    ``view_rows`` explain the view's own marks; ``satisfaction`` adds the faces' key; ``numbering``
    replaces the sentence explaining the touchpoints' numbers."""
    theme, words, journey = scene.theme, scene.words, scene.journey
    small = theme.small
    table = _Table(scene)
    for row in _rows(scene, view_rows, numbering):
        table.row(row.sample, row.text, row.sample_width)

    channels = [c for c in _channels(scene) if c is not None]
    if channels:
        table.heading(words.gettext("Channel"))
        width = sum(text_width(f" {channel_name(words, c).upper()} ", badge_size(scene), bold=True) + 4
                    for c in channels)
        table.strip([f"<TD>{_badge_sample(c, scene)}</TD>" for c in channels], width)
    if theme.details and any(tp.owner for tp in journey.touchpoints):
        table.row(f'<FONT POINT-SIZE="{small:g}" COLOR="{MUTED}">Aa</FONT>', words.gettext("owner under the name"), 24)

    if satisfaction and any(tp.shown_satisfaction is not None for tp in journey.touchpoints):
        table.heading(words.gettext("Satisfaction (1–5)"))
        faces, width = [], 0.0
        grades = (words.pgettext("satisfaction", "low"), words.pgettext("satisfaction", "middling"),
                  words.pgettext("satisfaction", "high"))
        for score, grade in zip((1, 3, 5), grades, strict=True):
            fill, ink = satisfaction_colors(score, greyscale=theme.greyscale)
            faces.append(
                f'<TD BGCOLOR="{fill}"><FONT POINT-SIZE="{small:g}" COLOR="{ink}">'
                f"{FACES[score]} {esc(grade)}</FONT></TD>"
            )
            width += text_width(f"😐 {grade}", small) + 10
        table.strip(faces, width, padding=2)

    metric = scene.metric
    if metric is not None:
        table.heading(f"{METRIC_MARK} {metric.label}")
        swatches, width = [], 0.0
        for text, share in metric.ticks():
            fill = scale_color(share, greyscale=theme.greyscale)
            swatches.append(f'<TD BGCOLOR="{fill}" BORDER="1" COLOR="{MUTED}"><FONT POINT-SIZE="{small:g}" '
                            f'COLOR="{text_on(fill)}">{esc(text)}</FONT></TD>')
            width += text_width(text, small) + 10
        if metric.finishes:
            finish = words.gettext("{mark} goal: customers finish there", mark=GOAL)
            fill = metric.color(next(iter(metric.finishes)), greyscale=theme.greyscale)
            swatches.append(f'<TD BGCOLOR="{fill}" BORDER="1" COLOR="{MUTED}"><FONT POINT-SIZE="{small:g}" '
                            f'COLOR="{text_on(fill)}">{esc(finish)}</FONT></TD>')
            width += text_width(finish, small) + 10
        if len(metric.values) + len(metric.finishes) < len(journey.touchpoints):
            no_data = words.gettext("no data")
            swatches.append(f'<TD BGCOLOR="{NO_DATA}" BORDER="1" COLOR="{MUTED}"><FONT POINT-SIZE="{small:g}">'
                            f"{esc(no_data)}</FONT></TD>")
            width += text_width(no_data, small) + 10
        table.strip(swatches, width, spacing=0, padding=3)

    heading = esc(words.gettext("Legend"))
    title = (
        f'<TR><TD COLSPAN="2" ALIGN="LEFT"><FONT POINT-SIZE="{theme.fontsize:g}">'
        f"<B>{heading}</B></FONT></TD></TR>"
    )
    html = (
        f'<<TABLE BORDER="1" COLOR="{FRAME}" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2" BGCOLOR="#FFFFFF">'
        f"{title}{''.join(table.cells)}</TABLE>>"
    )
    return html, max(table.widths, default=100) + 16, table.height + 14
