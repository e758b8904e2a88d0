"""Common random numbers: how much narrower a scenario's change is when base and scenario share draws.

Every customer carries its own draws (:mod:`journeymap.simulation.draws`), so a scenario run with the
base's seed meets the same customers with the same service times, patience and routes: the paired
difference base → scenario then measures the change, not two different samples of customers. The
baseline is the same comparison made with independent runs (the scenario on another seed), which is
what a simulator without common random numbers gives.

For the ``telecom_outage`` template with one more agent on the phone line, it prints, over ``--reps``
replications each, the standard deviation of the per-replication change in the mean wait at the phone
line and in the goal rate, paired and independent, and their ratio (the variance reduction).

    .venv/bin/python benchmarks/bench_common_random_numbers.py [--reps 20] [--customers 5000]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import journeymap as jm


def per_replication(result: jm.SimulationResult, figure: str, touchpoint: str | None = None) -> np.ndarray:
    """One value of ``figure`` per replication (a touchpoint's figure when ``touchpoint`` is given)."""
    if touchpoint is None:
        return np.array([stats.kpis()[figure] for stats in result.stats], dtype=float)
    return np.array([stats.touchpoint_metrics().loc[touchpoint, figure] for stats in result.stats], dtype=float)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--customers", type=int, default=5000)
    args = parser.parse_args()
    base = jm.template("telecom_outage")
    agents = base.touchpoint("phone_agent").capacity
    scenario = base.update_touchpoint("phone_agent", capacity=agents + 1)
    settings = {"customers": args.customers, "replications": args.reps, "warmup": 0}
    start = time.perf_counter()
    before = jm.simulate(base, seed=1, **settings)
    paired = jm.simulate(scenario, seed=1, **settings)
    independent = jm.simulate(scenario, seed=2, **settings)
    print(f"telecom_outage, phone line {agents} → {agents + 1} agents: {args.reps} replications × "
          f"{args.customers:,} customers each ({time.perf_counter() - start:.0f} s)")
    for label, figure, touchpoint in (("mean wait at the phone line", "mean_wait", "phone_agent"),
                                      ("goal rate", "goal_rate", None)):
        base_values = per_replication(before, figure, touchpoint)
        same = per_replication(paired, figure, touchpoint) - base_values
        other = per_replication(independent, figure, touchpoint) - base_values
        ratio = np.var(other, ddof=1) / np.var(same, ddof=1) if np.var(same, ddof=1) > 0 else float("inf")
        print(f"  {label:28s} change {same.mean():+.4g}; sd paired {same.std(ddof=1):.4g}, independent (baseline) "
              f"{other.std(ddof=1):.4g}: variance ×{ratio:.1f} smaller with common random numbers")


if __name__ == "__main__":
    main()
