"""The HTML-like labels of touchpoints: name, channel badge, owner, satisfaction, metric, requirements.

Every view draws a touchpoint from the same pieces so that a workshop recognises it from one view to
the next: its meeting-order number, ★ when it is a moment of truth, ⚑ when it is a goal, the channel's
coloured badge with the owner beside it, and under a moment of truth what the customer requires
there. Every piece of people's text goes through :func:`~journeymap.render.text.esc`.
"""

from __future__ import annotations

import math
import re

from journeymap.model import Touchpoint
from journeymap.render.colors import (
    INK,
    MOMENT_OF_TRUTH,
    MUTED,
    channel_color,
    mix,
    readable,
    satisfaction_colors,
    text_on,
)
from journeymap.render.scene import Scene
from journeymap.render.text import clean, esc, esc_tooltip, text_width, wrap
from journeymap.render.words import channel_name

__all__ = [
    "FACES",
    "GOAL",
    "METRIC_MARK",
    "STAR",
    "badge",
    "badge_size",
    "badge_text",
    "card_fill",
    "card_label",
    "card_size",
    "channel_chip",
    "chip",
    "css_token",
    "face",
    "node_class",
    "tooltip",
]

STAR = "★"
GOAL = "⚑"
METRIC_MARK = "◆"
FACES = {1: "😞", 2: "😟", 3: "😐", 4: "😊", 5: "😄"}
"""The face printed for a satisfaction score, rounded to a whole number from 1 to 5."""

BR = "<BR/>"


def face(score: float) -> str:
    """The face of a 1–5 satisfaction score."""
    return FACES[min(5, max(1, math.floor(score + 0.5)))]


def css_token(text: str) -> str:
    """``text`` reduced to a CSS class token (lower-case letters, digits and hyphens)."""
    return re.sub(r"[^a-z0-9]+", "-", clean(text).lower()).strip("-") or "none"


def node_class(tp: Touchpoint) -> str:
    """The SVG class of a touchpoint's node: ``touchpoint``, plus ``moment-of-truth``, ``goal`` and its channel."""
    classes = ["touchpoint"]
    if tp.moment_of_truth:
        classes.append("moment-of-truth")
    if tp.goal:
        classes.append("goal")
    classes.append(f"channel-{css_token(tp.channel or 'none')}")
    return " ".join(classes)


def badge_text(tp: Touchpoint, scene: Scene) -> str:
    """The words on a channel badge (``PHONE``, ``TELÉFONO``), upper-case."""
    return channel_name(scene.words, tp.channel).upper() if tp.channel else ""


def chip(
    content: str, width: float, height: float, fill: str, *, border: str | None = None, align: str = "LEFT"
) -> str:
    """A fixed-size coloured box holding ``content`` (HTML, already escaped), as a nested table that
    keeps its own size and sits at the ``align`` side of its cell."""
    frame = f' BORDER="1" COLOR="{border}"' if border else ""
    return (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD ALIGN="{align}" FIXEDSIZE="TRUE" '
        f'WIDTH="{width:.0f}" HEIGHT="{height:.0f}" CELLPADDING="0" BGCOLOR="{fill}"{frame}>{content}</TD></TR></TABLE>'
    )


def badge(tp: Touchpoint, scene: Scene, align: str = "LEFT") -> str:
    """The channel's badge: its name in small capitals on the channel's colour; empty without a channel."""
    text = badge_text(tp, scene)
    if not text:
        return ""
    return channel_chip(tp.channel or "", text, scene, align)


def channel_chip(channel: str, text: str, scene: Scene, align: str = "LEFT") -> str:
    """A badge reading ``text`` in ``channel``'s colour (white with a black frame in the print theme)."""
    size = badge_size(scene)
    if scene.theme.greyscale:
        fill, ink, border = "#FFFFFF", INK, INK
    else:
        fill = channel_color(channel)
        ink, border = text_on(fill), None
    width = text_width(f" {text} ", size, bold=True) + (6 if border else 4)
    content = f'<FONT POINT-SIZE="{size:g}" COLOR="{ink}"><B>&#160;{esc(text)}&#160;</B></FONT>'
    return chip(content, width, size * 1.35 + (6 if border else 4), fill, border=border, align=align)


def badge_size(scene: Scene) -> float:
    """The type size of channel badges: a little smaller than the small type, in whole points (Pango
    draws whole points, so a fraction would print smaller than asked)."""
    return float(round(scene.theme.small * 0.9))


def card_fill(tp: Touchpoint, scene: Scene) -> str:
    """The background of a touchpoint: the metric's colour with an overlay, else a tint of its channel."""
    if scene.metric is not None:
        return scene.metric.color(tp.id, greyscale=scene.theme.greyscale)
    if scene.theme.greyscale:
        return "#FFFFFF"
    return mix(channel_color(tp.channel), "#FFFFFF", 0.86)


def tooltip(tp: Touchpoint, scene: Scene) -> str:
    """The SVG tooltip: name, channel and owner, then every requirement on its own line."""
    lines = [f"{scene.number.get(tp.id, '')}. {tp.label}"]
    channel = channel_name(scene.words, tp.channel) if tp.channel else ""
    lines.append(" · ".join(x for x in (channel, tp.owner or "") if x))
    if tp.moment_of_truth:
        lines.append(STAR + " " + scene.words.gettext("moment of truth"))
    lines.extend(f"• {req}" for req in tp.requirements)
    if scene.metric is not None:
        lines.append(f"{scene.metric.label}: {scene.metric.text(tp.id)}")
    return esc_tooltip(lines)


def card_label(
    tp: Touchpoint,
    scene: Scene,
    *,
    number: bool = True,
    satisfaction: bool = False,
    fill: str | None = None,
    align: str = "LEFT",
    narrow: bool = False,
) -> str:
    """The HTML-like label of one touchpoint (the whole string, ``<...>`` included).

    ``number``: print the meeting-order number before the name; ``satisfaction``: add the face and
    score row; ``fill``: the colour the label is drawn on (to pick readable text colours); ``narrow``:
    wrap names shorter, for the views that lay touchpoints side by side."""
    theme = scene.theme
    width = _wrap_width(scene, narrow)
    ground = fill or "#FFFFFF"
    ink = text_on(ground)
    muted = readable(MUTED, ground)
    mark_color = ink if theme.greyscale else readable(MOMENT_OF_TRUTH, ground)
    rows: list[str] = []

    marks = ""
    if tp.moment_of_truth:
        marks += f'<FONT COLOR="{mark_color}">{STAR}</FONT> '
    if tp.goal:
        marks += f'<FONT COLOR="{mark_color}">{GOAL}</FONT> '
    prefix = f'<FONT COLOR="{muted}">{scene.number.get(tp.id, "")}</FONT>  ' if number else ""
    name = f"</B>{BR}<B>".join(esc(line) for line in wrap(tp.label, width))
    rows.append(f'<TD ALIGN="{align}" BALIGN="{align}">{marks}{prefix}<B>{name}</B></TD>')

    if tp.channel:
        rows.append(f'<TD ALIGN="{align}">{badge(tp, scene, align)}</TD>')
    if tp.owner and theme.details:
        owner = BR.join(esc(line) for line in wrap(tp.owner, width + 4))
        rows.append(
            f'<TD ALIGN="{align}" BALIGN="{align}">'
            f'<FONT POINT-SIZE="{theme.small:g}" COLOR="{muted}">{owner}</FONT></TD>'
        )

    shown = tp.shown_satisfaction  # measured by a survey when it was, else the estimate
    if satisfaction and shown is not None:
        sat_fill, sat_ink = satisfaction_colors(shown, greyscale=theme.greyscale)
        low = "⚠ " if theme.greyscale and shown < 2.5 else ""
        text = f"{low}{face(shown)} {shown:.1f}"
        score = f"{face(shown)} <B>{shown:.1f}</B>"
        content = f'<FONT COLOR="{sat_ink}">&#160;{low}{score}&#160;</FONT>'
        chip_width = text_width(f" {text} ", theme.fontsize, bold=True) + 4
        sat_chip = chip(content, chip_width, theme.fontsize * 1.6 + 4, sat_fill, align=align)
        rows.append(f'<TD ALIGN="{align}">{sat_chip}</TD>')

    if scene.metric is not None:
        rows.append(
            f'<TD ALIGN="{align}"><FONT COLOR="{ink}">{METRIC_MARK} <B>{esc(scene.metric.text(tp.id))}</B></FONT></TD>'
        )

    if tp.moment_of_truth and tp.requirements and theme.details:
        for requirement in tp.requirements:
            text = BR.join(esc(line) for line in wrap(requirement, width + 6))
            rows.append(
                f'<TD ALIGN="{align}" BALIGN="{align}"><FONT POINT-SIZE="{theme.small:g}" '
                f'COLOR="{muted}"><I>• {text}</I></FONT></TD>'
            )

    body = "".join(f"<TR>{row}</TR>" for row in rows)
    return (
        f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" TOOLTIP="{tooltip(tp, scene)}">'
        f"{body}</TABLE>>"
    )


def _wrap_width(scene: Scene, narrow: bool) -> int:
    return scene.theme.wrap - 5 if narrow else scene.theme.wrap


def card_size(
    tp: Touchpoint, scene: Scene, *, number: bool = True, satisfaction: bool = False, narrow: bool = False
) -> tuple[float, float]:
    """Estimated (width, height) in points of :func:`card_label` plus the node's margins: generous, for spacing."""
    theme = scene.theme
    width = _wrap_width(scene, narrow)
    size, small = theme.fontsize, theme.small
    line = 1.3
    head = (f"{scene.number.get(tp.id, '')}  " if number else "") + ("★ " if tp.moment_of_truth else "")
    head += "⚑ " if tp.goal else ""
    name_lines = wrap(tp.label, width)
    widths = [text_width(head + name_lines[0], size, bold=True)]
    widths += [text_width(x, size, bold=True) for x in name_lines[1:]]
    height = len(name_lines) * size * line
    if tp.channel:
        widths.append(text_width(badge_text(tp, scene), badge_size(scene), bold=True) + 8)
        height += badge_size(scene) * 1.35 + 6
    if tp.owner and theme.details:
        owner_lines = wrap(tp.owner, width + 4)
        widths += [text_width(x, small) for x in owner_lines]
        height += len(owner_lines) * small * line + 2
    if satisfaction and tp.shown_satisfaction is not None:
        widths.append(text_width("⚠ 😐 5.0", size, bold=True) + 8)
        height += size * 1.5 + 4
    if scene.metric is not None:
        widths.append(text_width(f"{METRIC_MARK} {scene.metric.text(tp.id)}", size, bold=True))
        height += size * line + 2
    if tp.moment_of_truth and theme.details:
        for requirement in tp.requirements:
            lines = wrap(requirement, width + 6)
            widths += [text_width("• " + x, small) for x in lines]
            height += len(lines) * small * line + 2
    return max(widths) + 20, height + 14
