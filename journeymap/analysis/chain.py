"""Routing as an absorbing Markov chain fed by the arrivals: exact answers without simulating.

With ``Q`` the touchpoint-to-touchpoint routing matrix and ``N = (I - Q)⁻¹`` its fundamental matrix,
a customer entering by the arrivals' mix ``α`` makes ``α N`` expected visits to each touchpoint,
ever reaches touchpoint ``j`` with probability ``Σᵢ αᵢ Nᵢⱼ / Nⱼⱼ``, and leaves the cycle at ``j`` with
probability ``visitsⱼ × leaveⱼ``. Making the goal touchpoints absorbing gives the probability of
reaching a goal. Patience and capacity do not change routing, so abandonment is not in these
numbers: that is what the simulation adds.

``N`` is never formed: the visits solve the sparse system ``(I - Q)ᵀ v = α``
(``scipy.sparse.linalg.spsolve``), and ``Nⱼⱼ`` (1 for a touchpoint no route leads back to) comes from
the strongly connected group of touchpoints ``j`` belongs to, since a customer returning to ``j`` never
leaves that group. A map of 10,000 touchpoints is analysed in about a second, where inverting a dense
10,000 × 10,000 matrix took minutes and gigabytes. :func:`fundamental_matrix` still gives ``N`` itself,
densely, for small maps.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import TypeVar

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components, reverse_cuthill_mckee
from scipy.sparse.linalg import splu, spsolve

from journeymap.errors import Issue, JourneyError
from journeymap.model import Journey, closed_loops, mean_arrival_rate, require_journey
from journeymap.model.graph import loop_text
from journeymap.model.segment_views import segment_views

__all__ = [
    "check_loops",
    "drop_off",
    "edge_flow",
    "entry_mix",
    "expected_visits",
    "fundamental_matrix",
    "goal_probability",
    "reach_probability",
    "routing_matrix",
    "sparse_routing_matrix",
]


_F = TypeVar("_F")

_BLOCK = 256
"""Loops of at most this many touchpoints are inverted densely; larger ones are solved by this many
columns at a time when their band is too wide."""
_WIDEST_BAND = 400
"""The widest band (after reordering) for which the diagonal of a loop's inverse comes from Takahashi's
recurrences."""


def sparse_routing_matrix(journey: Journey) -> sparse.csr_matrix:
    """:func:`routing_matrix` as a sparse matrix (a map has a few routes per touchpoint, not thousands)."""
    require_journey(journey)
    index = {tp_id: k for k, tp_id in enumerate(journey.touchpoint_ids)}
    rows, cols, values = [], [], []
    for source, transition in journey.transitions():
        if transition.target in index:
            rows.append(index[source])
            cols.append(index[transition.target])
            values.append(float(transition.p))
    return sparse.csr_matrix((values, (rows, cols)), shape=(len(index), len(index)))  # repeated routes add up


def routing_matrix(journey: Journey) -> np.ndarray:
    """``Q[i, j]``: probability of going from touchpoint ``i`` to ``j`` (file order); rows may sum below 1."""
    return sparse_routing_matrix(journey).toarray()


def entry_mix(journey: Journey) -> np.ndarray:
    """``α``: the share of customers entering at each touchpoint. Without arrivals (a map with no
    numbers yet) every customer is taken to enter at the first touchpoint."""
    ids = require_journey(journey).touchpoint_ids
    alpha = np.zeros(len(ids))
    rates = mean_arrival_rate(journey)
    total = sum(rates.values())
    if total > 0:
        for tp_id, rate in rates.items():
            if tp_id in ids:
                alpha[ids.index(tp_id)] = rate / total
    elif ids:
        alpha[ids.index(journey.entry_points[0]) if journey.entry_points else 0] = 1.0
    return alpha


def check_loops(journey: Journey) -> None:
    """:class:`JourneyError` naming each loop some customers could never leave."""
    loops = closed_loops(require_journey(journey))
    if loops:
        raise JourneyError(
            [Issue(f"routing loop that customers can never leave: {loop_text(loop)}", "touchpoints") for loop in loops]
        )


def fundamental_matrix(journey: Journey) -> np.ndarray:
    """``N = (I - Q)⁻¹``: ``N[i, j]`` is the expected number of visits to ``j`` starting from ``i``, as a
    dense matrix (n² numbers: for small maps; the other functions here never form it).

    Raises :class:`JourneyError` naming the loop when some customers could never leave."""
    check_loops(journey)
    q = routing_matrix(journey)
    return np.linalg.inv(np.eye(len(q)) - q)


def _by_id(journey: Journey, values: np.ndarray) -> dict[str, float]:
    return {tp_id: float(v) for tp_id, v in zip(journey.touchpoint_ids, values, strict=True)}


def _visits(q: sparse.csr_matrix, alpha: np.ndarray) -> np.ndarray:
    """``α (I - Q)⁻¹``: the solution of ``(I - Q)ᵀ v = α``."""
    if q.shape[0] == 0:
        return np.zeros(0)
    system = (sparse.identity(q.shape[0], format="csc") - q).T.tocsc()
    return np.atleast_1d(spsolve(system, alpha))


def _solved_visits(journey: Journey) -> np.ndarray:
    check_loops(journey)
    return _visits(sparse_routing_matrix(journey), entry_mix(journey))


def _returns(q: sparse.csr_matrix) -> np.ndarray:
    """``Nⱼⱼ`` for every ``j``: 1 where no route leads back, else the diagonal of ``(I - Q_C)⁻¹`` for the
    strongly connected group ``C`` of ``j`` (see :func:`_inverse_diagonal`)."""
    count, labels = connected_components(q, directed=True, connection="strong")
    sizes = np.bincount(labels, minlength=count)
    with np.errstate(divide="ignore"):
        diagonal = 1.0 / (1.0 - q.diagonal())  # a touchpoint alone: only its own route back counts
    order = np.argsort(labels, kind="stable")
    for group in np.split(order, np.cumsum(sizes)[:-1]):
        if len(group) < 2:
            continue
        diagonal[group] = _inverse_diagonal(sparse.identity(len(group), format="csc") - q[group][:, group].tocsc())
    return diagonal


def _inverse_diagonal(system: sparse.csc_matrix) -> np.ndarray:
    """The diagonal of ``system⁻¹`` (a nonsingular M-matrix ``I - Q_C``) without forming the inverse.

    Small: a dense inverse. Large: the rows and columns reordered by reverse Cuthill–McKee into a band of
    width ``b``, factorised ``LU`` without pivoting (stable for an M-matrix), then Takahashi's recurrences
    give the inverse's entries inside the band, from the last row up, in ``O(n b²)``:
    ``Zᵢⱼ = -Σₖ Uᵢₖ Zₖⱼ / Uᵢᵢ`` and ``Zⱼᵢ = -Σₖ Zⱼₖ Lₖᵢ`` for ``j > i``, ``Zᵢᵢ = (1 - Σₖ Uᵢₖ Zₖᵢ) / Uᵢᵢ``.
    A band too wide falls back on solving for the identity's columns by blocks."""
    size = system.shape[0]
    if size <= _BLOCK:
        return np.diag(np.linalg.inv(system.toarray()))
    order = reverse_cuthill_mckee(abs(system) + abs(system.T), symmetric_mode=True)
    banded = system[order][:, order].tocsc()
    entries = banded.tocoo()
    width = int(np.max(np.abs(entries.row - entries.col)))
    factor = splu(banded, permc_spec="NATURAL", diag_pivot_thresh=0.0, options={"SymmetricMode": True})
    identity = np.arange(size)
    if width > _WIDEST_BAND or not (np.array_equal(factor.perm_r, identity)
                                    and np.array_equal(factor.perm_c, identity)):
        return _inverse_diagonal_by_blocks(system)
    upper, lower = factor.U.tocoo(), factor.L.tocoo()
    u = np.zeros((size, width + 1))  # u[i, d] = U[i, i + d]
    u[upper.row, upper.col - upper.row] = upper.data
    below = lower.row > lower.col
    low = np.zeros((size, width + 1))  # low[i, d] = L[i + d, i]
    low[lower.col[below], (lower.row - lower.col)[below]] = lower.data[below]
    inside = np.zeros((width, width))  # Z over the rows and columns i+1 .. i+width
    diagonal = np.empty(size)
    for i in range(size - 1, -1, -1):
        row = -(u[i, 1:] @ inside) / u[i, 0]
        column = -(inside @ low[i, 1:])
        diagonal[i] = (1.0 - u[i, 1:] @ column) / u[i, 0]
        if width:
            shifted = np.empty_like(inside)
            shifted[0, 0], shifted[0, 1:], shifted[1:, 0] = diagonal[i], row[:-1], column[:-1]
            shifted[1:, 1:] = inside[:-1, :-1]
            inside = shifted
    result = np.empty(size)
    result[order] = diagonal
    return result


def _inverse_diagonal_by_blocks(system: sparse.csc_matrix) -> np.ndarray:
    """The diagonal of ``system⁻¹`` from a sparse LU factorisation, solving for ``_BLOCK`` columns at a time."""
    size = system.shape[0]
    factor = splu(system)
    diagonal = np.empty(size)
    for start in range(0, size, _BLOCK):
        columns = np.arange(start, min(start + _BLOCK, size))
        unit = np.zeros((size, len(columns)))
        unit[columns, np.arange(len(columns))] = 1.0
        diagonal[columns] = factor.solve(unit)[columns, np.arange(len(columns))]
    return diagonal


def _mixed(journey: Journey, figure: Callable[[Journey], _F]) -> _F:
    """``figure`` of ``journey`` per customer, the segments mixed: the weighted sum of each segment's figure
    when segments take routes of their own (see :func:`~journeymap.model.segment_views.segment_views`)."""
    views = segment_views(require_journey(journey))
    if len(views) == 1:
        return figure(journey)
    parts = [(weight, figure(view)) for weight, view in views]
    if isinstance(parts[0][1], dict):
        keys = dict.fromkeys(key for _, part in parts for key in part)  # type: ignore[union-attr]
        return {key: sum(weight * part.get(key, 0.0) for weight, part in parts)  # type: ignore[union-attr,return-value]
                for key in keys}
    return sum(weight * part for weight, part in parts)  # type: ignore[return-value,operator]


def expected_visits(journey: Journey) -> dict[str, float]:
    """Expected visits per customer to each touchpoint (above 1 where customers loop back); with segments
    that take routes of their own, the mix of theirs."""
    return _mixed(journey, lambda view: _by_id(view, _solved_visits(view)))


def drop_off(journey: Journey) -> dict[str, float]:
    """Share of all customers who leave the cycle at each touchpoint: its visits × the share of its routes
    that leads nowhere (segments mixed, each by its own routes)."""
    def left(view: Journey) -> dict[str, float]:
        visits = _by_id(view, _solved_visits(view))
        return {tp.id: visits[tp.id] * tp.leave_probability for tp in view.touchpoints}

    return _mixed(journey, left)


def reach_probability(journey: Journey) -> dict[str, float]:
    """Probability that a customer ever reaches each touchpoint: visits there ÷ ``Nⱼⱼ`` (segments mixed)."""
    return _mixed(journey, _reach)


def _reach(journey: Journey) -> dict[str, float]:
    visits = _solved_visits(journey)
    with np.errstate(divide="ignore", invalid="ignore"):
        reach = visits / _returns(sparse_routing_matrix(journey))
    return _by_id(journey, np.clip(np.nan_to_num(reach), 0.0, 1.0))


def goal_probability(journey: Journey) -> float:
    """Probability that a customer reaches at least one goal touchpoint (0 when none is marked; segments
    mixed)."""
    return _mixed(journey, _goal)


def _goal(journey: Journey) -> float:
    goals = [k for k, tp in enumerate(require_journey(journey).touchpoints) if tp.goal]
    if not goals:
        return 0.0
    check_loops(journey)
    q = sparse_routing_matrix(journey).tolil()
    q[goals, :] = 0.0  # a customer who reaches a goal is counted once, whatever happens next
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sparse.SparseEfficiencyWarning)
        visits = _visits(q.tocsr(), entry_mix(journey))
    return float(np.clip(visits[goals].sum(), 0.0, 1.0))


def edge_flow(journey: Journey) -> dict[tuple[str, str], float]:
    """Expected traversals of each route per customer (visits to the source × the route's probability; with
    segments that take routes of their own, their routes too)."""
    return _mixed(journey, _edges)


def _edges(journey: Journey) -> dict[tuple[str, str], float]:
    visits = _by_id(journey, _solved_visits(journey))
    return {(source, t.target): visits[source] * t.p for source, t in journey.transitions() if t.target in visits}
