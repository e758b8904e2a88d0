"""Hypothesis strategies for journeys, shared by the test files.

:func:`journeys` draws *valid* journeys (``validate`` finds no error; warnings such as an
unreachable touchpoint may occur): a few stages; touchpoints with unique slug ids, unicode names
and every kind of distribution; routes whose probabilities sum to at most 1, where a touchpoint
that routes everyone onward (sum exactly 1) only routes forward and the last one always lets some
customers leave, so no routing loop can trap customers; arrivals by rate or by daily schedule;
``notes`` and ``meta`` sprinkled everywhere.
"""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import strategies as st

from journeymap.model import (
    LANES,
    LANGUAGES,
    TIME_UNITS,
    Arrival,
    Constant,
    Distribution,
    Empirical,
    Exponential,
    Gamma,
    Journey,
    Lognormal,
    RatePeriod,
    Stage,
    Touchpoint,
    Transition,
    Triangular,
    Uniform,
)
from journeymap.model.units import convert

__all__ = ["distributions", "journeys", "meta", "slugs", "texts", "times"]

slugs = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
"""Touchpoint and stage ids (may be YAML words such as ``true`` or ``null``: the dumper must quote them)."""

_LETTERS = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"))
texts = st.text(_LETTERS, min_size=1, max_size=24)
"""Names in any script, with punctuation, symbols and emoji."""
_notes = st.none() | st.text(st.one_of(_LETTERS, st.just("\n")), min_size=1, max_size=60)

_scalars = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False,
                                                                            allow_infinity=False) | texts
meta = st.dictionaries(
    texts,
    st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
                 max_leaves=6),
    max_size=3,
)
"""Free-form ``meta`` mappings (JSON-like values)."""

times = st.one_of(
    st.sampled_from([0.5, 1.0, 6.0, 60.0, 90.0, 1440.0, 10080.0]),
    st.integers(1, 10_000).map(float),
    st.floats(1e-3, 1e4, allow_nan=False, allow_infinity=False),
)
"""Positive times in the journey's unit, including some that are whole hours, days or weeks."""


def distributions() -> st.SearchStrategy[Distribution]:
    """A valid distribution of positive times, of any kind."""
    return st.one_of(
        times.map(Constant),
        times.map(Exponential),
        st.lists(times, min_size=2, max_size=2).map(sorted).map(lambda v: Uniform(*v)),
        st.lists(times, min_size=3, max_size=3).map(sorted).map(lambda v: Triangular(*v)),
        st.tuples(times, times).map(lambda v: Lognormal(*v)),
        st.tuples(times, times).map(lambda v: Gamma(*v)),
        st.lists(times, min_size=1, max_size=6).map(lambda v: Empirical(tuple(v))),
    )


def _parts(draw: Any, total: int, k: int, positive: bool) -> list[int]:
    """``k`` integers adding up to ``total`` (each ≥ 1 when ``positive``)."""
    if k == 0:
        return []
    if positive:
        cuts = sorted(draw(st.lists(st.integers(1, total - 1), min_size=k - 1, max_size=k - 1, unique=True)))
    else:
        cuts = sorted(draw(st.lists(st.integers(0, total), min_size=k - 1, max_size=k - 1)))
    bounds = [0, *cuts, total]
    return [b - a for a, b in itertools.pairwise(bounds)]


@st.composite
def _routes(draw: Any, ids: list[str], index: int) -> tuple[Transition, ...]:
    last = index == len(ids) - 1
    everyone_onward = not last and draw(st.booleans())
    candidates = ids[index + 1:] if everyone_onward else ids
    k = draw(st.integers(1 if everyone_onward else 0, min(3, len(candidates))))
    targets = draw(st.lists(st.sampled_from(candidates), min_size=k, max_size=k, unique=True)) if k else []
    total = 20 if everyone_onward else draw(st.integers(0, 19))  # in twentieths: 0.05 steps
    parts = _parts(draw, total, len(targets), positive=everyone_onward and len(targets) <= 20)
    routes = []
    for target, share in zip(targets, parts, strict=True):
        routes.append(Transition(
            target, share / 20,
            delay=draw(st.none() | distributions()),
            notes=draw(st.none() | texts),
            meta=draw(st.just({}) | meta),
        ))
    return tuple(routes)


@st.composite
def _arrival(draw: Any, touchpoint: str, unit: str) -> Arrival:
    extras = {"notes": draw(st.none() | texts), "meta": draw(st.just({}) | meta)}
    if draw(st.booleans()):
        return Arrival(touchpoint, rate=draw(times.map(lambda t: 1 / t)), **extras)
    minutes = sorted(draw(st.lists(st.integers(1, 1440), min_size=1, max_size=4, unique=True)))
    rates = draw(st.lists(st.sampled_from([0.0, 0.1, 0.5, 2.0, 7.25]), min_size=len(minutes), max_size=len(minutes)))
    if not any(rates):
        rates[0] = 1.0
    periods = tuple(
        RatePeriod(convert(m, "minute", unit), r, notes=draw(st.none() | texts), meta=draw(st.just({}) | meta))
        for m, r in zip(minutes, rates, strict=True)
    )
    return Arrival(touchpoint, schedule=periods, **extras)


@st.composite
def journeys(draw: Any, max_touchpoints: int = 6) -> Journey:
    """A valid journey (no validation errors) using every feature of the model."""
    unit = draw(st.sampled_from(TIME_UNITS))
    stage_ids = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
    stages = [
        Stage(sid, draw(st.just("") | texts), description=draw(_notes), notes=draw(_notes),
              meta=draw(st.just({}) | meta))
        for sid in stage_ids
    ]
    ids = draw(st.lists(slugs, min_size=1, max_size=max_touchpoints, unique=True))
    touchpoints = [
        Touchpoint(
            tp_id,
            name=draw(st.just("") | texts),
            stage=draw(st.sampled_from(stage_ids)),
            channel=draw(st.none() | texts),
            lane=draw(st.sampled_from(LANES)),
            owner=draw(st.none() | texts),
            moment_of_truth=draw(st.booleans()),
            requirements=draw(st.lists(texts, max_size=3)),
            capacity=draw(st.none() | st.integers(1, 12)),
            service_time=draw(st.none() | distributions()),
            patience=draw(st.none() | distributions()),
            goal=draw(st.booleans()),
            satisfaction=draw(st.none() | st.integers(1, 5) | st.floats(1, 5)),
            next=draw(_routes(ids, index)),
            description=draw(_notes),
            notes=draw(_notes),
            meta=draw(st.just({}) | meta),
        )
        for index, tp_id in enumerate(ids)
    ]
    entries = [ids[0], *draw(st.lists(st.sampled_from(ids), max_size=2))]
    arrivals = [draw(_arrival(tp_id, unit)) for tp_id in entries]
    return Journey(
        title=draw(texts),
        stages=stages,
        touchpoints=touchpoints,
        arrivals=arrivals,
        language=draw(st.sampled_from(LANGUAGES)),
        time_unit=unit,
        description=draw(_notes),
        notes=draw(_notes),
        meta=draw(st.just({}) | meta),
    )
