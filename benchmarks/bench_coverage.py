"""Do the 95% intervals cover the truth 95% of the time? Measured with the default settings.

Two queues whose exact figures are known:

- M/M/1 at load 0.9 (arrivals 0.9 per minute, exponential service of 1 minute): mean wait in queue 9,
  mean number waiting 8.1, utilisation 0.9, mean time in the cycle 10;
- Erlang A (M/M/2+M) at offered load 1.2 (arrivals 2.4, service 1, exponential patience of mean 2):
  stable only because customers give up; its share abandoning, mean wait and mean queue come from the
  birth-death chain of the number present (truncated far out).

Each of ``--sets`` independent runs (seeds 1, 2, ...) is ``jm.simulate(journey, seed=s)`` with every
other setting at its default (the cohort of 10,000 customers, 20 replications, the warm-up
detected); a figure is covered when its exact value lies inside the run's 95% interval. Prints the
coverage of each figure with its own 95% (Wilson) interval and exits with status 1 when any coverage
is below 0.93.

    .venv/bin/python benchmarks/bench_coverage.py [--sets 200] [--workers 2]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from journeymap.model import Arrival, Exponential, Journey, Stage, Touchpoint

TARGET = 0.93


def mm1() -> tuple[Journey, dict[tuple[str, str], float]]:
    """M/M/1 at load 0.9 and its exact figures, keyed by (table, figure)."""
    tp = Touchpoint("q", stage="s", capacity=1, service_time=Exponential(1.0))
    journey = Journey("M/M/1 at load 0.9", stages=(Stage("s"),), touchpoints=(tp,), arrivals=(Arrival("q", rate=0.9),))
    rho = 0.9
    exact = {("q", "mean_wait"): rho / (1 - rho), ("q", "mean_queue"): rho**2 / (1 - rho), ("q", "utilization"): rho,
             ("kpi", "mean_time_in_cycle"): 1 / (1 - rho)}
    return journey, exact


def erlang_a_chain(arrival: float, service_rate: float, servers: int, abandon_rate: float,
                   states: int = 800) -> tuple[float, float, float, float]:
    """M/M/c+M from its birth-death chain: share abandoning, mean wait, mean queue, utilisation."""
    weights = [1.0]
    for n in range(1, states):
        weights.append(weights[-1] * arrival / (min(n, servers) * service_rate + max(n - servers, 0) * abandon_rate))
    p = np.array(weights) / sum(weights)
    n = np.arange(states)
    queue = float(np.sum(np.maximum(n - servers, 0) * p))
    busy = float(np.sum(np.minimum(n, servers) * p))
    return queue * abandon_rate / arrival, queue / arrival, queue, busy / servers


def erlang_a() -> tuple[Journey, dict[tuple[str, str], float]]:
    """Erlang A at offered load 1.2 and its exact figures."""
    tp = Touchpoint("q", stage="s", capacity=2, service_time=Exponential(1.0), patience=Exponential(2.0))
    journey = Journey("Erlang A at offered load 1.2", stages=(Stage("s"),), touchpoints=(tp,),
                      arrivals=(Arrival("q", rate=2.4),))
    abandon, wait, queue, utilisation = erlang_a_chain(2.4, 1.0, 2, 0.5)
    exact = {("q", "abandonment_rate"): abandon, ("kpi", "abandonment_rate"): abandon, ("q", "mean_wait"): wait,
             ("q", "mean_queue"): queue, ("q", "utilization"): utilisation}
    return journey, exact


CASES = {"mm1": mm1, "erlang_a": erlang_a}


def one_set(case: str, seed: int) -> dict[tuple[str, str], tuple[bool, float]]:
    """Simulate one case with the defaults; for each figure, whether its interval covers the exact value
    and the interval's half-width relative to it."""
    from journeymap.simulation import simulate

    journey, exact = CASES[case]()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the Erlang-A case is overloaded on purpose
        result = simulate(journey, seed=seed)
    found = {}
    for (table, name), value in exact.items():
        row = result.kpis.loc[name] if table == "kpi" else result.touchpoints_ci.loc[(table, name)]
        found[(table, name)] = (bool(row["ci_low"] <= value <= row["ci_high"]),
                                float((row["ci_high"] - row["ci_low"]) / 2 / value))
    return found


def wilson(hits: int, n: int) -> tuple[float, float]:
    """The 95% Wilson interval of a proportion."""
    z = 1.959963984540054
    centre = (hits + z * z / 2) / (n + z * z)
    half = z * math.sqrt(hits * (n - hits) / n + z * z / 4) / (n + z * z)
    return centre - half, centre + half


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", type=int, default=200, help="independent interval sets per case (default 200)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--case", choices=sorted(CASES), action="append", help="only this case (repeatable)")
    args = parser.parse_args(argv)
    ok = True
    for case in args.case or list(CASES):
        started = time.perf_counter()
        with ProcessPoolExecutor(args.workers) as pool:
            sets = list(pool.map(one_set, [case] * args.sets, range(1, args.sets + 1)))
        journey, exact = CASES[case]()
        print(f"{journey.title}: {args.sets} independent runs with the default settings "
              f"({time.perf_counter() - started:.0f} s)")
        for key, value in exact.items():
            hits = sum(found[key][0] for found in sets)
            low, high = wilson(hits, args.sets)
            width = float(np.mean([found[key][1] for found in sets]))
            label = key[1] if key[0] == "kpi" else f"{key[0]}: {key[1]}"
            print(f"  {label:<20} exact {value:9.4f}   coverage {hits / args.sets:.3f} [{low:.3f}, {high:.3f}]"
                  f"   mean half-width {width:.1%} of the value")
            ok = ok and hits / args.sets >= TARGET
    print(f"target: every coverage at least {TARGET}: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
