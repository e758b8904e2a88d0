"""The journey as each customer segment lives it: for the figures that mix the segments (the analysis).

A segment's customers take its own routes where a touchpoint has them (``next_by_segment``) and the
journey's elsewhere, and enter where the segment's arrivals are: every arrival that names the segment,
and its ``share`` of every arrival that names none. :func:`segment_views` gives, for each segment, that
journey and the segment's weight (its share of all the customers entering); a figure per customer of
the whole journey is then the weighted sum of the segments' figures.
"""

from __future__ import annotations

from journeymap.model.arrivals import mean_arrival_rate
from journeymap.model.journey import Journey

__all__ = ["segment_views"]


def segment_views(journey: Journey) -> list[tuple[float, Journey]]:
    """``[(weight, journey as the segment lives it), ...]``, one per segment with customers (weights sum to
    1); ``[(1.0, journey)]`` when no touchpoint routes a segment its own way (the routes are then everybody's)."""
    if not journey.segments or not any(tp.next_by_segment for tp in journey.touchpoints):
        return [(1.0, journey)]
    shares = [max(0.0, float(segment.share or 0.0)) for segment in journey.segments]
    total_share = sum(shares)
    shares = [share / total_share for share in shares] if total_share > 0 else [1.0 / len(shares)] * len(shares)
    views = []
    for segment, share in zip(journey.segments, shares, strict=True):
        arrivals = tuple(arrival if arrival.segment == segment.id else arrival.scaled(share)
                         for arrival in journey.arrivals if arrival.segment in (None, segment.id))
        touchpoints = tuple(tp.replace(next=tp.next_by_segment[segment.id], next_by_segment={})
                            if segment.id in tp.next_by_segment else tp.replace(next_by_segment={})
                            for tp in journey.touchpoints)
        views.append(journey.replace(arrivals=arrivals, touchpoints=touchpoints, segments=()))
    rates = [sum(mean_arrival_rate(view).values()) for view in views]
    total = sum(rates)
    if total <= 0:  # a map without arrival rates yet: the segments by their shares
        return [(share, view) for share, view in zip(shares, views, strict=True) if share > 0]
    return [(rate / total, view) for rate, view in zip(rates, views, strict=True) if rate > 0]
