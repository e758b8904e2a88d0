"""What a drawing can hold, refused up front with a way out: too many touchpoints or routes for a
readable diagram (and for Graphviz to lay out in reasonable time), or a resolution no screen or printer
needs. Checked before any layout or pixel buffer is made, so a bad request costs nothing.

A journey too big to draw whole is drawn some stages at a time: :func:`only_stages` keeps the
touchpoints of the stages named (routes leaving them are not drawn), as ``draw(journey,
stages=[...])`` and ``journeymap render --stage`` do.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from journeymap.errors import NotFound, RenderError
from journeymap.model import Journey

__all__ = ["MAX_DPI", "MAX_PIXELS", "MAX_ROUTES", "MAX_TOUCHPOINTS", "check_dpi", "check_pixels", "check_size",
           "only_stages"]

MAX_TOUCHPOINTS = 400
"""The most touchpoints one drawing shows (beyond, names are unreadable at any paper size, and the layout
takes tens of seconds)."""
MAX_ROUTES = 1500
"""The most routes one drawing shows."""
MAX_DPI = 600.0
"""The highest PNG resolution accepted: twice what print needs."""
MAX_PIXELS = 60_000_000
"""The largest PNG accepted, in pixels (about 240 MB of memory while it is drawn)."""


def check_size(journey: Journey) -> None:
    """:class:`~journeymap.errors.RenderError` when ``journey`` has more touchpoints or routes than one
    drawing shows, saying how many and how to draw it in parts."""
    touchpoints = len(journey.touchpoints)
    routes = sum(len(tp.next) for tp in journey.touchpoints)
    if touchpoints <= MAX_TOUCHPOINTS and routes <= MAX_ROUTES:
        return
    used = {tp.stage for tp in journey.touchpoints}
    stages = list(itertools.islice((s.id for s in journey.stages if s.id in used), 2))
    example = ", ".join(repr(s) for s in stages) or "'a_stage'"
    raise RenderError(
        f"the journey has {touchpoints:,} touchpoints and {routes:,} routes: more than one drawing can show "
        f"(at most {MAX_TOUCHPOINTS:,} touchpoints and {MAX_ROUTES:,} routes); draw a few stages at a time, "
        f"e.g. draw(journey, stages=[{example}]) or journeymap render FILE --stage {stages[0] if stages else 'ID'}"
    )


def check_dpi(dpi: float) -> float:
    """``dpi`` as a float when it is a resolution worth drawing (above 0, at most :data:`MAX_DPI`);
    ``ValueError`` otherwise."""
    try:
        value = float(dpi)
    except (TypeError, ValueError):
        raise ValueError(f"'dpi' must be a number of dots per inch (got {dpi!r})") from None
    if not value > 0:
        raise ValueError(f"'dpi' must be a positive number (got {dpi!r})")
    if value > MAX_DPI:
        raise ValueError(f"'dpi' must be at most {MAX_DPI:g}: print needs 300 (got {dpi!r}); for larger "
                         f"posters use SVG or PDF, which scale without loss")
    return value


def check_pixels(width_pt: float, height_pt: float, dpi: float) -> None:
    """:class:`~journeymap.errors.RenderError` when a drawing of ``width_pt`` × ``height_pt`` points at
    ``dpi`` would be a PNG of more than :data:`MAX_PIXELS`, naming the highest resolution that fits."""
    pixels = width_pt / 72 * dpi * height_pt / 72 * dpi
    if pixels <= MAX_PIXELS:
        return
    most = int((MAX_PIXELS / (width_pt / 72 * height_pt / 72)) ** 0.5)
    raise RenderError(
        f"at {dpi:g} dpi this drawing would be a PNG of {width_pt / 72 * dpi:,.0f} × {height_pt / 72 * dpi:,.0f} "
        f"pixels ({pixels / 1e6:,.0f} megapixels, more than {MAX_PIXELS / 1e6:,.0f}); use {most} dpi or less, "
        f"or SVG or PDF, which scale without loss"
    )


def only_stages(journey: Journey, stages: Iterable[str]) -> Journey:
    """``journey`` with only the touchpoints of ``stages`` (stage ids or names), their routes among
    themselves and the arrivals at them; :class:`~journeymap.errors.NotFound` for an unknown stage."""
    by_name = {s.name: s.id for s in journey.stages}
    wanted: list[str] = []
    for stage in stages:
        if stage in journey.stage_ids:
            wanted.append(stage)
        elif stage in by_name:
            wanted.append(by_name[stage])
        else:
            raise NotFound("stage", stage, journey.stage_ids, text=f"unknown stage '{stage}'",
                           tail=f"; choose among: {', '.join(journey.stage_ids)}")
    keep = {tp.id for tp in journey.touchpoints if tp.stage in wanted}
    touchpoints = tuple(
        tp.replace(next=tuple(t for t in tp.next if t.target in keep)) for tp in journey.touchpoints if tp.id in keep
    )
    return journey.replace(
        stages=tuple(s for s in journey.stages if s.id in wanted),
        touchpoints=touchpoints,
        arrivals=tuple(a for a in journey.arrivals if a.touchpoint in keep),
    )
