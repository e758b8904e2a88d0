"""Large generated journeys for the scale tests and benchmarks (reproducible, no randomness)."""

from __future__ import annotations

from journeymap.model import Arrival, Exponential, Journey, Stage, Touchpoint, Transition

__all__ = ["big_map"]


def big_map(count: int, *, stages: int = 50, back: int = 20, every: int = 7) -> Journey:
    """A journey of ``count`` touchpoints in ``stages`` stages: each routes 97% of its customers to the
    next one, and every ``every``-th also sends 2% back ``back`` touchpoints, so that the whole map is one
    large routing loop customers leave a little at every step (the hardest case for the analysis);
    every third touchpoint has two servers, the last one is the goal."""
    per = max(1, count // stages)
    touchpoints = []
    for k in range(count):
        routes = [Transition(f"t{k + 1}", 0.97)] if k + 1 < count else []
        if k >= back and k % every == 0:
            routes.append(Transition(f"t{k - back}", 0.02))
        touchpoints.append(Touchpoint(f"t{k}", f"Step {k}", stage=f"s{min(k // per, stages - 1)}",
                                      capacity=2 if k % 3 == 0 else None, service_time=Exponential(1.0),
                                      goal=k == count - 1, next=tuple(routes)))
    return Journey("A very large map", stages=tuple(Stage(f"s{i}", f"Stage {i + 1}") for i in range(stages)),
                   touchpoints=tuple(touchpoints), arrivals=(Arrival("t0", rate=0.001),))
