"""Journeys to and from ``networkx.DiGraph``, so that any graph algorithm can be run on a cycle."""

from __future__ import annotations

import dataclasses

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


