"""How long each view of a 300-touchpoint journey takes to draw as SVG, against plain baselines.

Run: ``python benchmarks/bench_render.py [TOUCHPOINTS] [REPEATS]``. The journey is generated with a
fixed seed: 12 stages, routes mostly to the next few touchpoints, some skips and loops back, a
moment of truth in seven, requirements, owners, satisfaction scores and all four lanes.

Baselines, measured in the same run on the same machine:

* ``bare dot``: the same touchpoints and routes as plain ``graphviz.Digraph`` nodes and edges with
  no styling, laid out by ``dot`` through the same bundled engine;
* ``networkx to_agraph``: ``nx.nx_agraph.to_agraph`` of ``journey.to_networkx()`` drawn with ``neato``.

The target is every view under 3 s; the script says whether it is met and exits 1 when it is not.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import numpy as np

from journeymap.model import Arrival, Exponential, Journey, Stage, Touchpoint, Transition
from journeymap.render import draw
from journeymap.render.backend import render

TARGET_SECONDS = 3.0
CHANNELS = ("web", "phone", "store", "chat", "email", "social", "app", "kiosk", None)
LANES = ("customer", "frontstage", "backstage", "support")


def generated_journey(count: int = 300, *, stages: int = 12, seed: int = 7) -> Journey:
    """A journey of ``count`` touchpoints shaped like a large real one (reproducible from ``seed``)."""
    rng = np.random.default_rng(seed)
    stage_list = tuple(Stage(f"stage{k}", f"Stage {k + 1}: {name}") for k, name in enumerate(
        ["Discovery", "Consideration", "Contact", "Needs assessment", "Proposal", "Purchase", "Onboarding",
         "Use", "Support", "Renewal", "Loyalty", "Advocacy"][:stages]))
    touchpoints = []
    for i in range(count):
        routes: list[Transition] = []
        if i + 1 < count:
            share = float(rng.uniform(0.5, 0.8))
            routes.append(Transition(f"tp{i + 1}", round(share, 2)))
            if i + 3 < count and rng.random() < 0.45:
                routes.append(Transition(f"tp{i + int(rng.integers(2, 4))}", round((0.95 - share) * 0.6, 2)))
            if i > 5 and rng.random() < 0.08:
                routes.append(Transition(f"tp{i - int(rng.integers(1, 6))}", 0.05))
        moment = rng.random() < 1 / 7
        touchpoints.append(Touchpoint(
            f"tp{i}", f"Touchpoint {i} {['check', 'call the help line', 'visit the store', 'read the offer'][i % 4]}",
            f"stage{i * stages // count}", channel=CHANNELS[i % len(CHANNELS)], lane=LANES[int(rng.integers(0, 4))],
            owner=f"Team {i % 9}", moment_of_truth=bool(moment),
            requirements=("Answered quickly", "Knows my history") if moment else (),
            satisfaction=float(rng.integers(1, 6)) if rng.random() < 0.5 else None, capacity=3,
            service_time=Exponential(2.0), next=tuple(routes),
        ))
    return Journey(f"Generated journey ({count} touchpoints)", stage_list, tuple(touchpoints),
                   (Arrival("tp0", rate=1.0),))


def _time(action: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def _bare_dot(journey: Journey) -> bytes:
    import graphviz

    graph = graphviz.Digraph()
    for tp in journey.touchpoints:
        graph.node(tp.id)
    for source, transition in journey.transitions():
        graph.edge(source, transition.target)
    return render(graph.source, "svg", engine="dot")


def _networkx_agraph(journey: Journey) -> bytes:
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(journey.touchpoint_ids)
    graph.add_edges_from((s, t.target) for s, t in journey.transitions())
    return nx.nx_agraph.to_agraph(graph).draw(format="svg", prog="neato")


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 300
    repeats = int(argv[1]) if len(argv) > 1 else 2
    journey = generated_journey(count)
    print(f"{journey.title}: {len(journey.touchpoints)} touchpoints, {sum(1 for _ in journey.transitions())} routes, "
          f"best of {repeats}")
    baselines = {
        "bare dot (no styling)": _time(lambda: _bare_dot(journey), repeats),
        "networkx to_agraph + neato": _time(lambda: _networkx_agraph(journey), repeats),
    }
    for name, seconds in baselines.items():
        print(f"  baseline {name:<30} {seconds:6.2f} s")
    reference = baselines["bare dot (no styling)"]
    met = True
    for view in ("cycle", "flow", "blueprint"):
        seconds = _time(lambda view=view: draw(journey, view=view).svg(), repeats)
        met &= seconds < TARGET_SECONDS
        verdict = "ok" if seconds < TARGET_SECONDS else "TOO SLOW"
        print(f"  view {view:<34} {seconds:6.2f} s  ({seconds / reference:4.1f}x bare dot)  {verdict}")
    print(f"target: every view under {TARGET_SECONDS:g} s — {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
