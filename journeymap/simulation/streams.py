"""Random-number streams of one replication: one numpy ``Generator`` per source of randomness.

Every touchpoint gets its own streams for service times, patience, routing and each route's delay,
and every arrival its own stream, each spawned from the replication's :class:`~numpy.random.SeedSequence`
by a key derived from the touchpoint's *id* (not its position). A scenario that changes one
touchpoint, or adds one, therefore leaves the draws of all the others untouched: common random
numbers for paired comparisons come for free.

Draws are made in numpy blocks and handed out one Python float at a time by a generator, which is
what keeps the engine fast: ``next(stream)`` costs a few tens of nanoseconds, a scalar numpy call
a few hundred.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from journeymap.model.distributions import Distribution

__all__ = ["BLOCK", "Streams", "block_stream", "choice_stream", "stable_key"]

BLOCK = 2048
"""How many numbers are drawn at a time for each stream."""

# First element of every spawn key: what kind of thing the stream belongs to.
TOUCHPOINT, ARRIVAL, SEGMENT = 0, 1, 2
# Second-level keys of a touchpoint's streams.
SERVICE, PATIENCE, ROUTING, DELAY, RETRY, RETRY_DELAY = 0, 1, 2, 3, 4, 5


def stable_key(text: str) -> int:
    """A number that names ``text`` the same way in every process and every Python session
    (``hash()`` is salted per process, so it cannot be used)."""
    return zlib.crc32(text.encode("utf-8"))


def block_stream(draw: Callable[[int], Any], block: int = BLOCK) -> Iterator[float]:
    """An endless iterator of floats, refilled ``block`` at a time from ``draw(block)``."""
    while True:
        yield from np.asarray(draw(block), dtype=float).tolist()


def choice_stream(rng: np.random.Generator, probabilities: list[float], block: int = BLOCK) -> Iterator[int]:
    """An endless iterator of outcome indices drawn with the given probabilities (which sum to 1).

    Uses one uniform per draw and the cumulative sums, so the stream is exactly reproducible.
    """
    cumulative = np.cumsum(probabilities)
    cumulative[-1] = np.inf  # rounding can never push a draw past the last outcome
    while True:
        yield from np.searchsorted(cumulative, rng.random(block), side="right").tolist()


class Streams:
    """Hands out the generators of one replication, each spawned from ``seed`` by a fixed key."""

    def __init__(self, seed: np.random.SeedSequence) -> None:
        self.seed = seed

    def generator(self, *key: int) -> np.random.Generator:
        """The generator for ``key`` (the same key always gives the same stream for this seed)."""
        child = np.random.SeedSequence(
            self.seed.entropy, spawn_key=(*self.seed.spawn_key, *key), pool_size=self.seed.pool_size
        )
        return np.random.default_rng(child)

    def times(self, distribution: Distribution, *key: int) -> Iterator[float]:
        """Endless draws from ``distribution`` on the stream ``key``."""
        rng = self.generator(*key)
        return block_stream(lambda size: distribution.sample(rng, size))

    def touchpoint(self, tp_id: str, purpose: int, *more: int) -> tuple[int, ...]:
        """The key of one of touchpoint ``tp_id``'s streams (``SERVICE``, ``PATIENCE``, ``ROUTING``, ``DELAY``)."""
        return (TOUCHPOINT, stable_key(tp_id), purpose, *more)

    def segment(self, source: int) -> tuple[int, ...]:
        """The key of the segment choice of the customers of arrival ``source``."""
        return (SEGMENT, source)

    def arrival(self, tp_id: str, occurrence: int) -> tuple[int, ...]:
        """The key of the arrival stream of the ``occurrence``-th arrival at ``tp_id``."""
        return (ARRIVAL, stable_key(tp_id), occurrence)
