"""Journeys to and from ``networkx.DiGraph``, so that any graph algorithm can be run on a cycle, and
the facts of the routing graph itself (:func:`closed_loops`)."""

from __future__ import annotations

import dataclasses
import math
import warnings
from numbers import Real
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from journeymap.model.journey import Journey, Touchpoint, Transition

__all__ = ["closed_loops", "from_networkx", "loop_text", "loop_visits", "to_networkx"]

_NODE_FIELDS = tuple(f.name for f in dataclasses.fields(Touchpoint) if f.name not in ("id", "next"))
_EDGE_FIELDS = tuple(f.name for f in dataclasses.fields(Transition) if f.name != "target")
_GRAPH_FIELDS = tuple(f.name for f in dataclasses.fields(Journey) if f.name != "touchpoints")


def to_networkx(journey: Journey) -> nx.DiGraph:
    """A directed graph of the journey: touchpoint ids as nodes carrying every touchpoint field,
    one edge per route carrying ``p``, ``delay``, ``notes`` and ``meta``; stages, arrivals and the
    journey's other fields in ``G.graph``. Node order is the journey's touchpoint order."""
    graph = nx.DiGraph(**{name: getattr(journey, name) for name in _GRAPH_FIELDS})
    for tp in journey.touchpoints:
        graph.add_node(tp.id, **{name: getattr(tp, name) for name in _NODE_FIELDS})
    for source, transition in journey.transitions():
        graph.add_edge(source, transition.target, **{name: getattr(transition, name) for name in _EDGE_FIELDS})
    return graph


def from_networkx(graph: nx.DiGraph) -> Journey:
    """Rebuild a journey from :func:`to_networkx`'s graph. Missing attributes take their defaults,
    so a plain DiGraph with ``p`` on its edges becomes a (minimal) journey too."""
    touchpoints = []
    for node, data in graph.nodes(data=True):
        fields = {name: data[name] for name in _NODE_FIELDS if name in data}
        routes = tuple(
            Transition(target, **{name: edge[name] for name in _EDGE_FIELDS if name in edge})
            for _, target, edge in graph.out_edges(node, data=True)
        )
        touchpoints.append(Touchpoint(id=str(node), next=routes, **fields))
    fields = {name: graph.graph[name] for name in _GRAPH_FIELDS if name in graph.graph}
    fields.setdefault("title", "")
    return Journey(touchpoints=tuple(touchpoints), **fields)




def _is_number(p: Any) -> bool:
    return isinstance(p, Real) and not isinstance(p, bool) and math.isfinite(float(p))


def _routing(journey: Journey) -> tuple[dict[str, int], sparse.csr_matrix]:
    """Each id at its first position, and the routing matrix between those positions of the routes that
    take somebody (a positive number towards a known touchpoint; repeated routes add up)."""
    index: dict[str, int] = {}
    for position, tp_id in enumerate(journey.touchpoint_ids):
        index.setdefault(tp_id, position)
    rows, cols, values = [], [], []
    for source, transition in journey.transitions():
        if transition.target in index and _is_number(transition.p) and transition.p > 0:
            rows.append(index[source])
            cols.append(index[transition.target])
            values.append(float(transition.p))
    size = len(journey.touchpoints)
    return index, sparse.csr_matrix((values, (rows, cols)), shape=(size, size))


def _groups(index: dict[str, int], q: sparse.csr_matrix) -> tuple[list[np.ndarray], np.ndarray]:
    """The strongly connected groups of touchpoints (their first positions, in order) and, for each, whether
    a route leads out of it."""
    _, labels = connected_components(q, directed=True, connection="strong")
    firsts = np.array(sorted(index.values()), dtype=int)
    order = np.argsort(labels[firsts], kind="stable")
    cuts = np.flatnonzero(np.diff(labels[firsts][order])) + 1
    groups = sorted(np.split(firsts[order], cuts), key=lambda g: int(g[0])) if len(firsts) else []
    edges = q.tocoo()
    exits = np.zeros(labels.max() + 1 if len(labels) else 0, dtype=bool)
    exits[labels[edges.row[labels[edges.row] != labels[edges.col]]]] = True
    return groups, exits[[labels[g[0]] for g in groups]] if groups else np.zeros(0, dtype=bool)


def loop_text(order: list[str], shown: int = 6) -> str:
    """A loop for a message: ``a → b → c``, the first few ids and how many more for a long one."""
    if len(order) <= shown:
        return " → ".join(order)
    return " → ".join(order[:shown]) + f" → … ({len(order)} touchpoints)"


def _leaving(journey: Journey, index: dict[str, int]) -> set[int]:
    """Positions where some customers leave the cycle (routing probabilities below 1)."""
    return {
        index[tp.id] for tp in journey.touchpoints
        if 1.0 - sum(float(t.p) for t in tp.next if t.target in index and _is_number(t.p)) > 1e-12
    }


def loop_visits(journey: Journey) -> list[tuple[list[str], float]]:
    """Each routing loop customers can leave (a strongly connected group of touchpoints), in the journey's
    order, with the most visits a customer is expected to make inside it before leaving, wherever they
    enter it (the largest entry of ``(I - Q)⁻¹ 1`` for the loop's routing matrix ``Q``, solved sparsely).
    A loop left with probability 1e-10 per visit gives about 1e10. Closed loops are left out (see
    :func:`closed_loops`)."""
    from scipy.sparse.linalg import spsolve

    index, q = _routing(journey)
    ids = journey.touchpoint_ids
    leaving = _leaving(journey, index)
    groups, exits = _groups(index, q)
    found = []
    for group, has_exit in zip(groups, exits, strict=True):
        if len(group) == 1 and q[group[0], group[0]] == 0:
            continue  # not a loop
        if not has_exit and not leaving.intersection(group.tolist()):
            continue  # a closed loop
        inside = q[group][:, group].tocsc()
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            visits = np.atleast_1d(spsolve(sparse.identity(len(group), format="csc") - inside, np.ones(len(group))))
        worst = float(np.max(visits)) if np.all(np.isfinite(visits)) else math.inf
        found.append(([ids[k] for k in group], worst))
    return found


def closed_loops(journey: Journey) -> list[list[str]]:
    """Groups of touchpoints that customers can enter but never leave: each a routing loop with no
    route out and nobody leaving the cycle inside it, in the journey's order, the earliest first.

    The routing is an absorbing chain, and a simulation ends, only when there are none. Works on
    journeys not validated yet: a route whose probability is not a positive number, or whose target
    is unknown, takes nobody (validation reports those on their own)."""
    index, q = _routing(journey)
    ids = journey.touchpoint_ids
    leaving = _leaving(journey, index)
    groups, exits = _groups(index, q)
    return [[ids[k] for k in group] for group, has_exit in zip(groups, exits, strict=True)
            if not has_exit and not leaving.intersection(group.tolist())]
