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


def _routing_graph(journey: Journey) -> tuple[dict[str, int], nx.DiGraph]:
    """Each id at its first position, and the graph of routes that take somebody (a positive number
    towards a known touchpoint)."""
    index: dict[str, int] = {}
    for position, tp_id in enumerate(journey.touchpoint_ids):
        index.setdefault(tp_id, position)
    graph = nx.DiGraph()
    graph.add_nodes_from(index)
    for source, transition in journey.transitions():
        if transition.target in index and _is_number(transition.p) and transition.p > 0:
            graph.add_edge(source, transition.target)
    return index, graph


def loop_text(order: list[str], shown: int = 6) -> str:
    """A loop for a message: ``a → b → c``, the first few ids and how many more for a long one."""
    if len(order) <= shown:
        return " → ".join(order)
    return " → ".join(order[:shown]) + f" → … ({len(order)} touchpoints)"


def loop_visits(journey: Journey) -> list[tuple[list[str], float]]:
    """Each routing loop customers can leave (a strongly connected group of touchpoints), in the journey's
    order, with the most visits a customer is expected to make inside it before leaving, wherever they
    enter it (the largest entry of ``(I - Q)⁻¹ 1`` for the loop's routing matrix ``Q``, solved sparsely).
    A loop left with probability 1e-10 per visit gives about 1e10. Closed loops are left out (see
    :func:`closed_loops`)."""
    from scipy.sparse import csc_matrix, identity
    from scipy.sparse.linalg import spsolve

    index, graph = _routing_graph(journey)
    closed = {tp for loop in closed_loops(journey) for tp in loop}
    found = []
    for members in nx.strongly_connected_components(graph):
        first = next(iter(members))
        if (len(members) == 1 and not graph.has_edge(first, first)) or members & closed:
            continue
        order = sorted(members, key=index.__getitem__)
        position = {tp: k for k, tp in enumerate(order)}
        rows, cols, values = [], [], []
        for source, transition in journey.transitions():
            if source in position and transition.target in position and _is_number(transition.p):
                rows.append(position[source])
                cols.append(position[transition.target])
                values.append(float(transition.p))
        q = csc_matrix((values, (rows, cols)), shape=(len(order), len(order)))
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            visits = np.atleast_1d(spsolve((identity(len(order), format="csc") - q), np.ones(len(order))))
        worst = float(np.max(visits)) if np.all(np.isfinite(visits)) else math.inf
        found.append((order, worst))
    return sorted(found, key=lambda item: index[item[0][0]])


def closed_loops(journey: Journey) -> list[list[str]]:
    """Groups of touchpoints that customers can enter but never leave: each a routing loop with no
    route out and nobody leaving the cycle inside it, in the journey's order, the earliest first.

    The routing is an absorbing chain, and a simulation ends, only when there are none. Works on
    journeys not validated yet: a route whose probability is not a positive number, or whose target
    is unknown, takes nobody (validation reports those on their own)."""
    index, graph = _routing_graph(journey)
    leaving = {
        tp.id for tp in journey.touchpoints
        if 1.0 - sum(float(t.p) for t in tp.next if t.target in index and _is_number(t.p)) > 1e-12
    }
    condensed = nx.condensation(graph)
    loops = [
        [tp_id for tp_id in index if tp_id in members]
        for node, members in condensed.nodes(data="members")
        if condensed.out_degree(node) == 0 and not members & leaving
    ]
    return sorted(loops, key=lambda loop: index[loop[0]])
