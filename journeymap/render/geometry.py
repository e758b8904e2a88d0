"""Plane geometry for the views that place everything themselves (the clock and the blueprint).

Those views are laid out here and only *drawn* by Graphviz (its ``nop2`` engine, i.e. ``neato -n2``):
every node gets ``pos="x,y!"`` in points (y up) and every edge a ``pos`` spline of cubic Bézier
segments, ``e,x,y`` being the tip of its arrowhead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["Point", "arc", "box_reach", "fmt", "node_pos", "spline_pos", "straight", "unit"]

Point = tuple[float, float]


def fmt(value: float) -> str:
    """A coordinate as Graphviz reads it (two decimals, no ``-0``)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def node_pos(point: Point) -> str:
    """A node's pinned position: ``"x,y!"``."""
    return f"{fmt(point[0])},{fmt(point[1])}!"


def unit(vector: Point) -> Point:
    """``vector`` scaled to length 1 (``(0, 0)`` stays as it is)."""
    length = math.hypot(*vector)
    return (0.0, 0.0) if length == 0 else (vector[0] / length, vector[1] / length)


def straight(a: Point, b: Point) -> list[Point]:
    """The four points of a cubic Bézier that is the segment from ``a`` to ``b``."""
    return [a, (a[0] + (b[0] - a[0]) / 3, a[1] + (b[1] - a[1]) / 3), (a[0] + 2 * (b[0] - a[0]) / 3,
            a[1] + 2 * (b[1] - a[1]) / 3), b]


def arc(center: Point, radius: float, start: float, end: float) -> list[Point]:
    """Cubic Bézier points (3n+1) following the circle from angle ``start`` to ``end`` (radians,
    counter-clockwise when ``end > start``), in pieces of at most 45°."""
    pieces = max(1, math.ceil(abs(end - start) / (math.pi / 4)))
    step = (end - start) / pieces
    k = 4 / 3 * math.tan(step / 4) * radius
    cx, cy = center
    points: list[Point] = [(cx + radius * math.cos(start), cy + radius * math.sin(start))]
    for i in range(pieces):
        a, b = start + i * step, start + (i + 1) * step
        points.append((cx + radius * math.cos(a) - k * math.sin(a), cy + radius * math.sin(a) + k * math.cos(a)))
        points.append((cx + radius * math.cos(b) + k * math.sin(b), cy + radius * math.sin(b) - k * math.cos(b)))
        points.append((cx + radius * math.cos(b), cy + radius * math.sin(b)))
    return points


def bezier_at(points: Sequence[Point], t: float) -> Point:
    """The point at parameter ``t`` (0–1) of one cubic Bézier segment (four points)."""
    p0, p1, p2, p3 = points[:4]
    s = 1 - t
    return (
        s**3 * p0[0] + 3 * s * s * t * p1[0] + 3 * s * t * t * p2[0] + t**3 * p3[0],
        s**3 * p0[1] + 3 * s * s * t * p1[1] + 3 * s * t * t * p2[1] + t**3 * p3[1],
    )


def spline_pos(points: Sequence[Point], arrow: float = 0.0) -> str:
    """An edge's ``pos``: the spline through ``points`` (3n+1 of them), its last ``arrow`` points left
    for the arrowhead (``e,x,y`` is the original end). ``arrow=0`` draws no arrowhead room."""
    pts = list(points)
    if (len(pts) - 1) % 3 or len(pts) < 4:
        raise ValueError(f"a spline needs 3n+1 points (got {len(pts)})")
    prefix = ""
    if arrow > 0:
        end = pts[-1]
        before = next((p for p in reversed(pts[:-1]) if math.dist(p, end) > 1e-6), pts[0])
        ux, uy = unit((end[0] - before[0], end[1] - before[1]))
        tip_back = (end[0] - ux * arrow, end[1] - uy * arrow)
        pts[-1] = tip_back
        if math.dist(pts[-2], end) < arrow:
            pts[-2] = tip_back
        prefix = f"e,{fmt(end[0])},{fmt(end[1])} "
    return prefix + " ".join(f"{fmt(x)},{fmt(y)}" for x, y in pts)


def box_reach(width: float, height: float, direction: Point) -> float:
    """Distance from a box's centre to its edge along ``direction`` (a unit vector)."""
    dx, dy = abs(direction[0]), abs(direction[1])
    candidates = []
    if dx > 1e-9:
        candidates.append(width / 2 / dx)
    if dy > 1e-9:
        candidates.append(height / 2 / dy)
    return min(candidates) if candidates else 0.0


def boxes_overlap(a: tuple[Point, float, float], b: tuple[Point, float, float], gap: float = 0.0) -> bool:
    """Whether two boxes ``(centre, width, height)`` overlap (or come closer than ``gap``)."""
    (ax, ay), aw, ah = a
    (bx, by), bw, bh = b
    return abs(ax - bx) < (aw + bw) / 2 + gap and abs(ay - by) < (ah + bh) / 2 + gap
