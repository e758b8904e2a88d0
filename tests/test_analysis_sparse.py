"""The analysis solves the absorbing chain sparsely (issue 12): the same numbers as the dense inverse,
and a map of 10,000 touchpoints in seconds instead of minutes and gigabytes."""

from __future__ import annotations

import time

import numpy as np
import pytest
from big_maps import big_map
from hypothesis import HealthCheck, given, settings
from scipy import sparse
from strategies import journeys

import journeymap as jm
from journeymap.analysis import chain
from journeymap.io.catalog import catalog, template


def dense(journey: jm.Journey) -> tuple[np.ndarray, np.ndarray, float]:
    """Visits, reach and goal probability the way the analysis computed them before: N = (I - Q)⁻¹."""
    q = chain.routing_matrix(journey)
    n = np.linalg.inv(np.eye(len(q)) - q)
    alpha = chain.entry_mix(journey)
    visits = alpha @ n
    reach = np.clip(alpha @ (n / np.diag(n)), 0.0, 1.0)
    goals = [k for k, tp in enumerate(journey.touchpoints) if tp.goal]
    if not goals:
        return visits, reach, 0.0
    q[goals, :] = 0.0
    goal = float(np.clip((alpha @ np.linalg.inv(np.eye(len(q)) - q))[goals].sum(), 0.0, 1.0))
    return visits, reach, goal


def assert_same_as_dense(journey: jm.Journey) -> None:
    visits, reach, goal = dense(journey)
    ids = journey.touchpoint_ids
    expected, reached = chain.expected_visits(journey), chain.reach_probability(journey)
    assert [expected[i] for i in ids] == pytest.approx(visits, rel=1e-9, abs=1e-12)
    assert [reached[i] for i in ids] == pytest.approx(reach, rel=1e-9, abs=1e-12)
    assert chain.goal_probability(journey) == pytest.approx(goal, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_template_gives_the_dense_numbers(language: str) -> None:
    for info in catalog(language):
        assert_same_as_dense(template(info.name, language))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys(max_touchpoints=8))
def test_any_journey_gives_the_dense_numbers(journey: jm.Journey) -> None:
    assert_same_as_dense(journey)


def test_a_large_loop_gives_the_dense_numbers_by_takahashi_and_by_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    journey = big_map(1200)  # one loop of 1,200 touchpoints: beyond the dense inverse of small loops
    assert_same_as_dense(journey)
    monkeypatch.setattr(chain, "_WIDEST_BAND", 0)  # a band too wide: the blocks of LU solves instead
    assert_same_as_dense(journey)


def test_the_diagonal_of_a_random_sparse_inverse() -> None:
    rng = np.random.default_rng(5)
    size = 700
    q = sparse.random(size, size, density=4 / size, random_state=rng, format="lil")
    for k in range(size):
        q[k, (k + 1) % size] = 1.0  # one loop through everything, far from a band
    q = sparse.csr_matrix(q)
    q = sparse.diags(0.9 / np.asarray(q.sum(axis=1)).ravel()) @ q
    system = (sparse.identity(size) - q).tocsc()
    assert chain._inverse_diagonal(system) == pytest.approx(np.diag(np.linalg.inv(system.toarray())), rel=1e-9)


def test_ten_thousand_touchpoints_in_seconds() -> None:
    journey = big_map(10_000)
    start = time.perf_counter()
    analysis = jm.analyze(journey)
    took = time.perf_counter() - start
    assert took < 20, f"the analysis of 10,000 touchpoints took {took:.1f} s"  # a dense inverse took over 120 s
    visits = analysis.touchpoints["expected_visits"].to_numpy()
    q = chain.sparse_routing_matrix(journey)
    alpha = chain.entry_mix(journey)
    assert np.max(np.abs(visits - alpha - q.T @ visits)) < 1e-9  # v = α + Qᵀ v: the flow balances everywhere
    reach = analysis.touchpoints["reach_probability"].to_numpy()
    assert np.all((reach >= 0) & (reach <= 1)) and np.all(reach <= visits + 1e-12)
    assert reach[0] == 1.0 and reach[1] == pytest.approx(0.97) and visits[1] > 0.97  # some come back (from t21)
