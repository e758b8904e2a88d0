"""Peak memory of a long simulation: one million customers through a 20-touchpoint journey.

Without the event log the simulation keeps only bounded accumulators (counters, time integrals,
log-spaced histograms, exact path counts up to a bound), so its memory must not grow with the number
of customers. With ``--events log.csv`` (or ``.parquet``) the event log is streamed to the file in
chunks as the run goes, so memory must stay as flat with the log as without it (issue 10: the log
in memory once took ~2 KB a customer). One replication from empty. The journey is the
``telecom_outage`` template when it is installed and loads, else a generated 20-touchpoint journey
with queues, impatient customers, delays and a loop back. Prints the peak resident memory
(``getrusage``, libraries included) and the memory after importing alone; exits with status 1
above the budget of 200 MB.

    .venv/bin/python benchmarks/bench_memory.py [--customers 1000000] [--events out/log.csv]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import warnings
from pathlib import Path

from journeymap.model import Arrival, Exponential, Journey, Lognormal, Stage, Touchpoint, Transition
from journeymap.simulation import simulate

BUDGET_MB = 200.0
TEMPLATE = Path(__file__).resolve().parents[1] / "journeymap" / "templates" / "telecom_outage.en.yaml"
STAGES = ("notice", "contact", "diagnosis", "repair", "follow_up")


def peak_mb() -> float:
    """Peak resident memory of this process so far (``ru_maxrss`` is in kilobytes on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generated() -> Journey:
    """Twenty touchpoints in five stages: a main line with shortcuts, four queues with impatient
    customers, delays between stages and a loop back from the follow-up to the diagnosis."""
    ids = [f"tp{k:02d}" for k in range(20)]
    touchpoints = []
    for k, tp_id in enumerate(ids):
        routes = []
        if k + 1 < len(ids):
            delay = Exponential(30.0) if k % 4 == 3 else None
            routes.append(Transition(ids[k + 1], 0.8, delay=delay))
        if k + 2 < len(ids):
            routes.append(Transition(ids[k + 2], 0.1))
        if k == 17:
            routes.append(Transition(ids[9], 0.05))  # the problem came back
        queue = k % 5 == 2
        touchpoints.append(Touchpoint(
            tp_id, stage=STAGES[k // 4], moment_of_truth=queue, goal=k == 15,
            capacity=4 if queue else None,
            service_time=Lognormal(3.0, 2.0) if queue else Exponential(1.0) if k % 2 else None,
            patience=Exponential(6.0) if queue else None,
            next=tuple(routes),
        ))
    return Journey("generated outage journey", stages=tuple(Stage(s) for s in STAGES), touchpoints=tuple(touchpoints),
                   arrivals=(Arrival(ids[0], rate=1.0),))


def journey() -> tuple[Journey, str]:
    """The telecom template when it exists and loads, else the generated journey; and which one it is."""
    if TEMPLATE.exists():
        try:
            from journeymap.io import load

            return load(TEMPLATE), TEMPLATE.name
        except Exception as exc:  # the template is another helper's work in progress: fall back, say why
            print(f"(could not load {TEMPLATE.name}: {exc}; using the generated journey)")
    return generated(), "generated 20-touchpoint journey"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--events", metavar="LOG.csv", help="stream the event log to this .csv or .parquet file")
    args = parser.parse_args(argv)
    chosen, name = journey()
    imported = peak_mb()
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an overloaded template touchpoint does not matter here
        result = simulate(chosen, customers=args.customers, seed=args.seed, replications=1, warmup=0,
                          events=args.events or False, max_events=10**10)
    seconds = time.perf_counter() - started
    peak = peak_mb()
    visits = float(result.touchpoints["arrivals"].sum())
    print(f"{name}: {len(chosen.touchpoints)} touchpoints, {args.customers:,} customers, {visits:,.0f} visits")
    print(f"  {seconds:.1f} s ({args.customers / seconds:,.0f} customers/s, {visits / seconds:,.0f} visits/s)")
    if args.events:
        written = sum(s.events_written for s in result.stats)
        size = Path(args.events).stat().st_size / 2**20
        print(f"  event log: {written:,} rows streamed to {args.events} ({size:,.0f} MB)")
    print(f"  peak memory {peak:.1f} MB (after imports {imported:.1f} MB); budget {BUDGET_MB:.0f} MB")
    return 0 if peak < BUDGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
