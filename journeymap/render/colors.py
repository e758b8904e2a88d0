"""Colours of the diagrams: one per channel, the metric scale, satisfaction and warning tones.

The channel colours follow the Okabe–Ito palette (told apart by people with the common colour
vision deficiencies), kept away from the reds that mean "warning" in these drawings. The metric
scale runs light to dark (yellow–green–blue), so that it still reads as "more" when printed grey.
"""

from __future__ import annotations

import math

__all__ = [
    "BACK",
    "CHANNEL_COLORS",
    "FORWARD",
    "NEUTRAL",
    "SKIP",
    "channel_color",
    "contrast",
    "grey",
    "luminance",
    "mix",
    "readable",
    "satisfaction_colors",
    "satisfaction_tone",
    "scale_color",
    "text_on",
]

CHANNEL_COLORS: dict[str, str] = {
    "web": "#0072B2",
    "phone": "#009E73",
    "store": "#E69F00",
    "chat": "#CC79A7",
    "email": "#56B4E9",
    "social": "#7E57C2",
    "app": "#8C6D1F",
}
"""The seven channels with a colour of their own; any other channel is drawn :data:`NEUTRAL`."""

NEUTRAL = "#8A8A8A"
MOMENT_OF_TRUTH = "#1F2A44"
FORWARD = "#4A4F57"
"""Routes onward."""
SKIP = "#1F6FB2"
"""Routes that skip ahead (the clock)."""
BACK = "#A15C00"
"""Routes back to an earlier step (loops)."""
WARNING = "#B3261E"
GOOD = "#2E7D32"
INK = "#222222"
MUTED = "#5F5F5F"
RULE = "#B4B4B4"
FRAME = "#C8C8C8"
LINE = "#7F7F7F"
TRACK = "#E6E6E6"
SHADE = "#F4F4F4"
NO_DATA = "#EEEEEE"
FINISH = "#D6EFD8"
"""The fill of a goal taken off a leak scale (``drop_off``): customers finish there."""
FINISH_GREY = "#FFFFFF"

# Light to dark, evenly spaced anchors of ColorBrewer's YlGnBu.
_SCALE = ("#FFFFCC", "#C7E9B4", "#7FCDBB", "#41B6C4", "#1D91C0", "#225EA8", "#0C2C84")
_GREY_SCALE = ("#F7F7F7", "#252525")

_SATISFACTION = {  # (cell fill, text) for low / middling / high
    "low": ("#F9D3CF", "#8C1D18"),
    "mid": ("#FCEBC2", "#6B4E00"),
    "high": ("#D6EFD8", "#1B5E20"),
}


def _rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02X}" for c in rgb)


def mix(color: str, other: str, share: float) -> str:
    """``color`` moved ``share`` (0–1) of the way towards ``other`` (``mix(c, "#FFFFFF", 0.8)``: a tint)."""
    a, b = _rgb(color), _rgb(other)
    return _hex(tuple(x + (y - x) * share for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]


def luminance(color: str) -> float:
    """Relative luminance (WCAG), 0 for black to 1 for white."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def grey(color: str) -> str:
    """The grey with the same luminance, for the print theme."""
    lum = luminance(color)
    value = 255 * (lum * 12.92 if lum <= 0.0031308 else 1.055 * lum ** (1 / 2.4) - 0.055)
    return _hex((value, value, value))


MIN_CONTRAST = 4.5
"""The least contrast ratio between text and what it is printed on (WCAG 2, level AA for body text)."""


def contrast(color: str, other: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    a, b = sorted((luminance(color), luminance(other)))
    return (b + 0.05) / (a + 0.05)


def text_on(fill: str) -> str:
    """The text colour for ``fill``: white or the ink, whichever contrasts more, and pure black where
    neither reaches :data:`MIN_CONTRAST` (black or white always does)."""
    white, ink = contrast("#FFFFFF", fill), contrast(INK, fill)
    if max(white, ink) >= MIN_CONTRAST:
        return "#FFFFFF" if white > ink else INK
    return "#000000"


def readable(color: str, fill: str) -> str:
    """``color`` when text in it reads on ``fill`` (contrast ratio at least :data:`MIN_CONTRAST`),
    else :func:`text_on` ``(fill)``: muted greys and accent colours give way on dark or busy fills."""
    return color if contrast(color, fill) >= MIN_CONTRAST else text_on(fill)


def channel_color(channel: str | None) -> str:
    """The colour of a channel (case-insensitive); :data:`NEUTRAL` for any other or none."""
    return CHANNEL_COLORS.get((channel or "").lower(), NEUTRAL)


def scale_color(share: float, *, greyscale: bool = False) -> str:
    """The metric scale's colour at ``share`` (0 = lowest value, 1 = highest), linearly interpolated."""
    if math.isnan(share):
        return NO_DATA
    anchors = _GREY_SCALE if greyscale else _SCALE
    share = min(1.0, max(0.0, share))
    position = share * (len(anchors) - 1)
    low = min(int(position), len(anchors) - 2)
    return mix(anchors[low], anchors[low + 1], position - low)


def satisfaction_tone(score: float) -> str:
    """``low`` (below 2.5), ``mid`` (up to 3.5) or ``high``: how a 1–5 satisfaction score is coloured."""
    if score < 2.5:
        return "low"
    return "mid" if score <= 3.5 else "high"


def satisfaction_colors(score: float, *, greyscale: bool = False) -> tuple[str, str]:
    """(cell fill, text colour) for a satisfaction score; lows in warning tones."""
    fill, ink = _SATISFACTION[satisfaction_tone(score)]
    return (grey(fill), INK) if greyscale else (fill, ink)
