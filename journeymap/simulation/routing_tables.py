"""Where each customer goes next: every station's routing table, each segment's own, and each arrival's segment.

A routing table has one entry per station: ``(draw of an outcome index or None, [(target, delay draw or
None), ...])``. The last outcome is leaving the cycle (:data:`LEAVE`); with one certain outcome no number is
drawn. A segment with routes of its own (``next_by_segment``) gets a table of its own, drawn from streams of
its own; elsewhere it shares the journey's entries. Every draw comes from the engine's ``draws`` (its rule
for one kind of draw, keyed by stream: see :mod:`journeymap.simulation.draws`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from journeymap.model import Journey
from journeymap.simulation.arrivals import arrival_sources
from journeymap.simulation.streams import DELAY, ROUTING, Streams, stable_key

__all__ = ["LEAVE", "Entry", "Routing"]

LEAVE = -1
"""The outcome index that means leaving the cycle."""

Entry = tuple[Any, list[tuple[int, Any]]]
"""One station's routing: the draw of an outcome index (``None``: one certain outcome) and the outcomes."""


def _chooser(probabilities: Sequence[float]) -> Callable[[np.random.Generator, int], np.ndarray]:
    """A draw of indices by ``probabilities`` (summing to 1); rounding never pushes a draw past the last one."""
    cumulative = np.cumsum(probabilities)
    cumulative[-1] = np.inf

    def choose(generator: np.random.Generator, size: int) -> np.ndarray:
        return np.searchsorted(cumulative, generator.random(size), side="right")

    return choose


class Routing:
    """The routing tables of ``journey`` (stations numbered by ``index``), its draws made by ``draws(key,
    sample, integers=..., name=...)`` on ``streams``."""

    def __init__(self, journey: Journey, streams: Streams, index: Mapping[str, int], draws: Callable[..., Any]) -> None:
        self.journey, self.streams, self.index, self.draws = journey, streams, index, draws

    def table(self) -> list[Entry]:
        """The journey's routing table."""
        return [self.entry(k) for k in range(len(self.journey.touchpoints))]

    def segment_table(self, segment: str, table: list[Entry]) -> list[Entry]:
        """The routing table of one segment: the journey's ``table``, with the touchpoints' ``next_by_segment``."""
        return [self.entry(k, tp.next_by_segment[segment], segment) if segment in tp.next_by_segment
                else table[k] for k, tp in enumerate(self.journey.touchpoints)]

    def entry(self, k: int, transitions: tuple[Any, ...] | None = None, segment: str | None = None) -> Entry:
        """Station ``k``'s routing; ``transitions`` and ``segment``: one segment's own routes."""
        tp = self.journey.touchpoints[k]
        streams = self.streams
        outcomes: list[tuple[int, Any]] = []
        probabilities: list[float] = []
        extra = () if segment is None else (stable_key(segment),)
        for transition in (tp.next if transitions is None else transitions):
            delay = None
            if transition.delay is not None:
                key = streams.touchpoint(tp.id, DELAY, stable_key(transition.target), *extra)
                delay = self.draws(key, transition.delay.sample,
                                   name=f"the delay from '{tp.id}' to '{transition.target}' ({transition.delay})")
            outcomes.append((self.index[transition.target], delay))
            probabilities.append(max(0.0, float(transition.p)))
        outcomes.append((LEAVE, None))
        probabilities.append(max(0.0, 1.0 - sum(probabilities)))
        total = sum(probabilities)
        kept = [(o, p / total) for o, p in zip(outcomes, probabilities, strict=True) if p > 0]
        if len(kept) == 1:
            return None, [kept[0][0]]
        chooser = self.draws(streams.touchpoint(tp.id, ROUTING, *extra), _chooser([p for _, p in kept]),
                             integers=True, name="a routing choice")
        return chooser, [o for o, _ in kept]

    def segment_choices(self) -> dict[int, Any]:
        """For each arrival source: its segment's number, or the draw of a segment by the shares."""
        segments = self.journey.segments
        if not segments:
            return {}
        index = {segment.id: number for number, segment in enumerate(segments)}
        shares = np.array([max(0.0, float(segment.share or 0.0)) for segment in segments])
        choose = _chooser(shares / shares.sum() if shares.sum() > 0 else np.ones(len(segments)))
        found: dict[int, Any] = {}
        for arrival, source in zip(self.journey.arrivals, arrival_sources(self.journey), strict=True):
            if arrival.segment is not None:
                found[source] = index.get(arrival.segment, 0)
            else:
                found[source] = self.draws(self.streams.segment(source), choose, integers=True,
                                           name="a segment choice")
        return found
