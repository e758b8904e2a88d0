"""Speed-up of an experiment on a local process pool and on a Dask cluster, against running serially.

The job: :func:`journeymap.compare` of 4 scenarios against the base of a support-line journey,
8 replications each (40 replications), on 2 workers. Prints the wall time of each way of running it,
the speed-up over serial, and checks that the three give identical tables, bit for bit. The target on
2 cores is a speed-up of at least 1.6×. Not a test: timings depend on the machine and its load.

    .venv/bin/python benchmarks/bench_parallel.py [--customers 50000] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import time
import warnings

import pandas as pd

import journeymap as jm
from journeymap.model import Arrival, Constant, Exponential, Journey, Stage, Touchpoint, Transition


def support_line() -> Journey:
    """Calls queue for agents (impatient callers), some are diagnosed and fixed, some call again."""
    return Journey(
        title="Support line",
        stages=(Stage("contact", "Contact"), Stage("resolution", "Resolution")),
        touchpoints=(
            Touchpoint("call", "Calls the line", stage="contact", moment_of_truth=True, capacity=4,
                       service_time=Exponential(6.0), patience=Exponential(5.0),
                       next=(Transition("diagnose", 0.8), Transition("chat", 0.1))),
            Touchpoint("chat", "Chats with an agent", stage="contact", capacity=1, service_time=Exponential(4.0),
                       next=(Transition("diagnose", 0.5),)),
            Touchpoint("diagnose", "Diagnosis", stage="resolution", capacity=3, service_time=Exponential(5.0),
                       next=(Transition("fix", 0.7), Transition("call", 0.15, Constant(30.0)))),
            Touchpoint("fix", "Problem fixed", stage="resolution", moment_of_truth=True, goal=True),
        ),
        arrivals=(Arrival("call", rate=0.5),),
    )


SCENARIOS = [
    jm.Scenario("Five agents", [jm.set_capacity("call", 5)]),
    jm.Scenario("Faster diagnosis", [jm.scale_service_time("diagnose", 0.8)]),
    jm.Scenario("More patience", [jm.set_patience("call", 8.0)]),
    jm.Scenario("Fewer repeat calls", [jm.set_route("diagnose", "call", 0.05, rebalance="others")]),
]


def timed(label: str, executor: object, customers: int) -> tuple[float, pd.DataFrame]:
    start = time.perf_counter()
    comparison = jm.compare(support_line(), SCENARIOS, replications=8, seed=7, customers=customers,
                            executor=executor)
    elapsed = time.perf_counter() - start
    print(f"{label:<28} {elapsed:7.2f} s")
    return elapsed, comparison.table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=50_000, help="customers per replication")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    print(f"compare: 4 scenarios + base × 8 replications, {args.customers:,} customers each; "
          f"{args.workers} workers on {os.cpu_count()} cores")
    serial, reference = timed("serial (this process)", None, args.customers)
    pool, pooled = timed(f"process pool ({args.workers})", args.workers, args.customers)

    from dask.distributed import Client, LocalCluster

    started = time.perf_counter()
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster) as client:
        client.run(lambda: __import__("journeymap.experiment.comparison"))  # warm the workers, as a running cluster is
        print(f"{'(dask cluster start-up)':<28} {time.perf_counter() - started:7.2f} s")
        dask, clustered = timed(f"dask LocalCluster ({args.workers})", client.get_executor(), args.customers)

    pd.testing.assert_frame_equal(reference, pooled)
    pd.testing.assert_frame_equal(reference, clustered)
    print("identical tables from all three: yes")
    print(f"speed-up: process pool {serial / pool:.2f}×, dask {serial / dask:.2f}× (target ≥ 1.6× on 2 cores)")


if __name__ == "__main__":
    main()
