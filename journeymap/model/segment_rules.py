"""What makes no sense in a journey's customer segments (part of :func:`journeymap.validate`).

The shares of the segments split every arrival that names no segment, so they must be given and sum
to 1; a priority is an integer (the smaller served first); a patience factor is positive; every
``segment`` an arrival, a ``next_by_segment`` or a ``satisfaction_by_segment`` names exists (with a
did-you-mean), and a segment's own routes go to touchpoints that exist, with probabilities summing to
at most 1.
"""

from __future__ import annotations

from journeymap.errors import Issue, join
from journeymap.model.journey import Journey, Touchpoint
from journeymap.model.segments import Segment
from journeymap.model.wording import is_number, number_text, unknown

__all__ = ["segment_issues"]

_EPS = 1e-6


def segment_issues(journey: Journey) -> list[Issue]:
    """Every problem of the segments of ``journey`` and of the segment fields of its arrivals and touchpoints."""
    issues: list[Issue] = []
    ids = [segment.id for segment in journey.segments]
    for index, segment in enumerate(journey.segments):
        issues += _segment(segment, f"segments[{index}]")
    split = any(arrival.segment is None for arrival in journey.arrivals)
    shares = [segment.share for segment in journey.segments]
    if journey.segments and split:
        if any(share is None for share in shares):
            missing = next(i for i, share in enumerate(shares) if share is None)
            issues.append(Issue("missing 'share' (the part of the arrivals that name no segment, such as 0.3)",
                                f"segments[{missing}].share"))
        elif all(is_number(share) for share in shares) and abs(sum(shares) - 1.0) > _EPS:  # type: ignore[arg-type]
            total = number_text(round(sum(shares), 9))  # type: ignore[arg-type]
            issues.append(Issue(f"the segments' shares sum to {total}, not 1 (they split every arrival that names "
                                "no segment)", "segments"))
    for index, arrival in enumerate(journey.arrivals):
        if arrival.segment is not None and arrival.segment not in ids:
            issues.append(Issue(unknown("segment", arrival.segment, ids), f"arrivals[{index}].segment"))
    for index, tp in enumerate(journey.touchpoints):
        issues += _touchpoint(tp, f"touchpoints[{index}]", ids, journey.touchpoint_ids)
    return issues


def _segment(segment: Segment, path: str) -> list[Issue]:
    issues = []
    share = segment.share
    if share is not None and not (is_number(share) and 0 <= share <= 1):
        issues.append(Issue(f"'share' must be between 0 and 1 (got {number_text(share)})", join(path, "share")))
    priority = segment.priority
    if not is_number(priority) or not float(priority).is_integer():
        issues.append(Issue(f"'priority' must be an integer, the smaller served first (got {number_text(priority)})",
                            join(path, "priority")))
    factor = segment.patience_factor
    if not (is_number(factor) and factor > 0):
        issues.append(Issue(f"'patience_factor' must be a positive number (got {number_text(factor)})",
                            join(path, "patience_factor")))
    return issues


def _touchpoint(tp: Touchpoint, path: str, ids: list[str], tp_ids: tuple[str, ...]) -> list[Issue]:
    issues = []
    for segment, routes in tp.next_by_segment.items():
        where = join(join(path, "next_by_segment"), segment)
        if segment not in ids:
            issues.append(Issue(unknown("segment", segment, ids), where))
        total = 0.0
        for route in routes:
            if route.target not in tp_ids:
                issues.append(Issue(unknown("touchpoint", route.target, list(tp_ids)), join(where, route.target)))
            if not (is_number(route.p) and 0 <= route.p <= 1):
                issues.append(Issue(f"route probability must be between 0 and 1 (got {number_text(route.p)})",
                                    join(where, route.target)))
            elif is_number(route.p):
                total += route.p
        if total > 1 + _EPS:
            issues.append(Issue(f"the probabilities of the routes sum to {number_text(round(total, 9))}, more than 1",
                                where))
    for segment, score in tp.satisfaction_by_segment.items():
        where = join(join(path, "satisfaction_by_segment"), segment)
        if segment not in ids:
            issues.append(Issue(unknown("segment", segment, ids), where))
        elif not (is_number(score) and 1 <= score <= 5):
            issues.append(Issue(f"'satisfaction' must be between 1 and 5 (got {number_text(score)})", where))
    return issues
