"""Random draws attached to customers, so that common random numbers pair customers, not queue positions.

A service time, a patience, a routing choice or a route's delay belongs to *the customer who lives
it*: customer ``n`` of an arrival source, on its ``k``-th visit to a touchpoint, always gets the same
value, whatever order customers reach the servers in. A scenario that adds a server or reorders a
queue therefore leaves every customer's own draws alone, and the paired differences between
scenarios measure the change rather than a reshuffle of random numbers (see
``benchmarks/bench_common_random_numbers.py``).

How it stays fast: each kind of draw (:class:`CustomerDraws`) has its own counter-based generator
(Philox) keyed by the replication's seed and the draw's key (the touchpoint's id, the purpose, the
route's target). Customers come in blocks of :data:`BLOCK` consecutive arrivals of one source; a
block's values for one kind of draw on a first visit are made at once, with numpy, the first time a
customer of the block needs one, from the generator set to counter ``(0, source, block)``: so the
values do not depend on when they are asked for. The customers of a block share one :class:`Row` of
these columns, which lives as long as one of them is still in the cycle. A later visit (a loop back)
gets its one value from counter ``(visit × BLOCK + position in the block, source, block)``: a
distinct counter for every customer and visit, and no memory that grows with the visits.

:class:`SequenceDraws` is the older rule (one stream per touchpoint, handed out in the order services
start), kept so that the benchmark can show what the per-customer rule gains.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from journeymap.errors import DrawError
from journeymap.simulation.customer import Customer

__all__ = ["BLOCK", "CustomerDraws", "Row", "SequenceDraws", "customer_values"]

BLOCK = 512
"""Customers per block of draws (one numpy call per block and kind of draw)."""

Sample = Callable[[np.random.Generator, int], Any]
"""Makes ``size`` draws of one kind from a generator (a distribution's ``sample``, a routing choice)."""


class Row:
    """The first-visit draws of :data:`BLOCK` consecutive customers of one arrival source, one column
    per kind of draw, each made on first use."""

    __slots__ = ("block", "columns", "source")

    def __init__(self, source: int, block: int, width: int) -> None:
        self.source = source
        self.block = block
        self.columns: list[array | None] = [None] * width


def _as_array(values: Any, integers: bool, name: str) -> array:
    if integers:
        return array("q", np.ascontiguousarray(values, dtype=np.int64).tobytes())
    values = np.ascontiguousarray(values, dtype=float)
    if not (values >= 0).all():  # also catches NaN
        bad = values[~(values >= 0)][0]
        raise DrawError(f"{name} gave {bad!r}: times must be non-negative numbers")
    return array("d", values.tobytes())


class CustomerDraws:
    """One kind of draw attached to customers (see the module documentation).

    ``slot`` is this kind's column in every :class:`Row`; ``key`` the numbers that name it (the same
    key gives the same draws in every scenario); ``sample`` makes the values; ``integers`` says they
    are routing choices rather than times; ``name`` says what they are in an error message."""

    __slots__ = ("bitgen", "generator", "integers", "name", "sample", "slot", "state")

    def __init__(self, seed: np.random.SeedSequence, key: tuple[int, ...], slot: int, sample: Sample, *,
                 integers: bool = False, name: str = "a distribution") -> None:
        child = np.random.SeedSequence(seed.entropy, spawn_key=(*seed.spawn_key, *key), pool_size=seed.pool_size)
        self.bitgen = np.random.Philox(key=child.generate_state(2, np.uint64))
        self.generator = np.random.Generator(self.bitgen)
        self.state = self.bitgen.state
        self.slot = slot
        self.sample = sample
        self.integers = integers
        self.name = name

    def _at(self, *counter: int) -> None:
        """Set the generator to ``counter`` (its first word 0), with nothing buffered."""
        state = self.state
        state["state"]["counter"] = np.array([0, *counter], dtype=np.uint64)
        state["buffer_pos"] = 4  # nothing buffered: start clean at that counter
        state["has_uint32"] = 0
        self.bitgen.state = state

    def column(self, source: int, block: int) -> array:
        """The first-visit values of one block of customers."""
        self._at(0, source, block)
        return _as_array(self.sample(self.generator, BLOCK), self.integers, self.name)

    def later(self, source: int, block: int, offset: int, visit: int) -> Any:
        """The value of the customer at ``offset`` in ``block`` on their ``visit``-th visit (1 or more)."""
        self._at(visit * BLOCK + offset, source, block)
        return _as_array(self.sample(self.generator, 1), self.integers, self.name)[0]

    def __call__(self, customer: Customer) -> Any:
        """This kind of draw for ``customer`` on its current visit."""
        row = customer.row
        if customer.visit:
            return self.later(row.source, row.block, customer.offset, customer.visit)
        column = row.columns[self.slot]
        if column is None:
            column = row.columns[self.slot] = self.column(row.source, row.block)
        return column[customer.offset]


class SequenceDraws:
    """The older rule: one stream handed out in the order it is asked (whoever asks)."""

    __slots__ = ("stream",)

    def __init__(self, generator: np.random.Generator, sample: Sample, *, integers: bool = False,
                 name: str = "a distribution") -> None:
        def blocks() -> Iterator[Any]:
            while True:
                yield from _as_array(sample(generator, BLOCK), integers, name)

        self.stream = blocks()

    def __call__(self, customer: Customer) -> Any:
        return next(self.stream)


def customer_values(seed: np.random.SeedSequence, key: tuple[int, ...], sample: Sample, source: int, count: int,
                    visit: int = 0) -> np.ndarray:
    """The draws of one kind for the first ``count`` customers of arrival ``source`` on their ``visit``-th
    visit (0: the first), as the engine hands them out: what a hand computation of a timeline needs."""
    draws = CustomerDraws(seed, key, 0, sample)
    if visit:
        return np.array([draws.later(source, *divmod(serial, BLOCK), visit) for serial in range(count)], dtype=float)
    blocks = -(-count // BLOCK)
    return np.concatenate([np.frombuffer(draws.column(source, block), dtype=float)
                           for block in range(blocks)])[:count]
