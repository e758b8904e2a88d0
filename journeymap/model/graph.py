"""Journeys to and from ``networkx.DiGraph``, so that any graph algorithm can be run on a cycle, and
the facts of the routing graph itself (:func:`closed_loops`)."""

from __future__ import annotations

import dataclasses
import math
from numbers import Real
from typing import Any

import networkx as nx

from journeymap.model.journey import Journey, Touchpoint, Transition

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


def closed_loops(journey: Journey) -> list[list[str]]:
    """Groups of touchpoints that customers can enter but never leave: each a routing loop with no
    route out and nobody leaving the cycle inside it, in the journey's order, the earliest first.

    The routing is an absorbing chain, and a simulation ends, only when there are none. Works on
    journeys not validated yet: a route whose probability is not a positive number, or whose target
    is unknown, takes nobody (validation reports those on their own)."""
    index: dict[str, int] = {}  # each id at its first position
    for position, tp_id in enumerate(journey.touchpoint_ids):
        index.setdefault(tp_id, position)
    graph = nx.DiGraph()
    graph.add_nodes_from(index)
    for source, transition in journey.transitions():
        if transition.target in index and _is_number(transition.p) and transition.p > 0:
            graph.add_edge(source, transition.target)
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
