"""Which queues have a steady state, and the warnings about those that do not: one judgement for all.

The analysis, the simulation, ``compare`` and the workbench all warn from here, so they never
disagree. A touchpoint is judged with its patience:

- offered load (arrival rate × mean service time ÷ servers; for a team, the server time asked by all its
  touchpoints ÷ its servers, on average over its shifts) at or above 1 and **no patience**: the
  queue grows as long as the run lasts; the touchpoint is *unstable*, and every figure downstream of
  it (the touchpoints customers can reach from it, the stages that hold them, and the journey's
  per-customer figures) is *not meaningful*: it depends on how long the run lasted;
- offered load at or above 1 **with patience**: abandonment holds the queue (Erlang A is always
  stable); the warning gives the share of its customers who give up instead;
- below 1: nothing to say.

Messages are written in the journey's language by :mod:`journeymap.text`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx

from journeymap.analysis.flows import Flows, queue_flows
from journeymap.analysis.pools import pools
from journeymap.model import Journey
from journeymap.text import N_, number, percent, translator

__all__ = ["Stability", "stability"]

LOAD_LIMIT = 1.0 - 1e-12
"""An offered load at or above this is an overload (the tolerance keeps exactly 1 an overload)."""

_UNSTABLE = N_("touchpoint '{id}' is overloaded: offered load {load} ≥ 1 (arrivals × mean service time ÷ "
               "capacity) and no patience, so its queue grows as long as the run lasts; the figures downstream "
               "of it are not meaningful (no steady state)")
_HELD = N_("touchpoint '{id}' is overloaded (offered load {load} ≥ 1) but its customers' patience holds the "
           "queue: about {share} of them give up there (Erlang A)")


@dataclass(frozen=True)
class Stability:
    """The judgement of every queue of a journey (see the module documentation).

    ``loads``: the offered load of every touchpoint with a capacity (arrivals once upstream
    abandonment is counted × mean service time ÷ servers); ``unstable``: ids of the
    touchpoints whose queue grows without end, in the journey's order; ``held``: ids of those
    overloaded but held by their customers' patience, with the Erlang-A share who give up;
    ``downstream``: the touchpoints whose figures are not meaningful (each unstable one and every
    touchpoint customers can reach from it); ``stages``: the stages holding one of those."""

    journey: Journey
    loads: dict[str, float]
    unstable: tuple[str, ...] = ()
    held: dict[str, float] = field(default_factory=dict)
    downstream: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()

    @property
    def is_stable(self) -> bool:
        """Whether every queue has a steady state (no figure is flagged)."""
        return not self.unstable

    def flagged(self, touchpoint: str) -> bool:
        """Whether the figures of ``touchpoint`` are not meaningful in a steady-state run."""
        return touchpoint in self.downstream

    def messages(self, language: str | None = None) -> list[str]:
        """The warnings, in ``language`` (default: the journey's): one per overloaded touchpoint, in
        the journey's order."""
        language = language or self.journey.language
        words = translator(language)
        found = []
        for tp_id, load in self.loads.items():  # in the journey's order
            if tp_id in self.unstable:
                found.append(words.gettext(_UNSTABLE, id=tp_id, load=number(load, language)))
            elif tp_id in self.held:
                found.append(words.gettext(_HELD, id=tp_id, load=number(load, language),
                                           share=percent(self.held[tp_id], language)))
        return found


def _work(journey: Journey, members: tuple[str, ...], rates: Mapping[str, float]) -> float:
    """Server time asked for per time unit by the touchpoints sharing one pool (arrivals × mean service)."""
    work = 0.0
    for tp_id in members:
        service = journey.touchpoint(tp_id).service_time
        if service is not None:
            work += float(rates[tp_id]) * float(service.mean)
    return work


def stability(journey: Journey, flows: Flows | None = None) -> Stability:
    """Judge every queue of ``journey`` (``flows``: its :func:`~journeymap.analysis.flows.queue_flows`,
    computed when not given). Raises :class:`~journeymap.errors.JourneyError` for a loop with no exit."""
    flows = flows if flows is not None else queue_flows(journey)
    rates = flows.table["served_rate"]
    loads: dict[str, float] = {}
    unstable: list[str] = []
    held: dict[str, float] = {}
    shared = pools(journey)
    for tp in journey.touchpoints:
        pool = shared[tp.id]
        if (not pool.servers and not pool.shifts) or tp.service_time is None:
            continue
        load = _work(journey, pool.members, rates) / pool.servers if pool.servers else math.inf
        loads[tp.id] = load
        if load < LOAD_LIMIT:
            continue
        if tp.patience is None:
            unstable.append(tp.id)
        else:
            held[tp.id] = float(flows.table.loc[tp.id, "abandonment"])
    downstream: set[str] = set()
    if unstable:
        graph = nx.DiGraph()
        graph.add_nodes_from(journey.touchpoint_ids)
        graph.add_edges_from((source, t.target) for source, t in journey.transitions() if t.p > 0)
        for tp_id in unstable:
            downstream |= {tp_id, *nx.descendants(graph, tp_id)}
    stages = frozenset(journey.touchpoint(tp_id).stage for tp_id in downstream)
    return Stability(journey, loads, tuple(unstable), held, frozenset(downstream), stages)
