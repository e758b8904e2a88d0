"""Peak memory of a long simulation: one million customers through a 20-touchpoint journey.

Without the event log the simulation keeps only bounded accumulators (counters, time integrals,
log-spaced histograms, exact path counts up to a bound), so its memory must not grow with the number
of customers. With ``--events log.csv`` (or ``.parquet``) the event log is streamed to the file in
chunks as the run goes, so memory must stay as flat with the log as without it (issue 10: the log
in memory once took ~2 KB a customer). Each size runs twice, without and with the log streamed to
Parquet, each in a fresh process; the baseline is the memory of the libraries alone (after imports),
and flat means the memory the run adds grows by at most 20 MB from the smaller to the larger run.
One replication from empty. The journey is the
``telecom_outage`` template when it is installed and loads, else a generated 20-touchpoint journey
with queues, impatient customers, delays and a loop back. Prints the peak resident memory
(``getrusage``, libraries included) and the memory after importing alone; exits with status 1
above the budget (200 MB, 230 MB streaming the log) or when memory is not flat.

    .venv/bin/python benchmarks/bench_memory.py [--customers 100000 1000000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

from journeymap.model import Arrival, Exponential, Journey, Lognormal, Stage, Touchpoint, Transition
from journeymap.simulation import simulate

BUDGET_MB = 200.0
"""The most a run without the event log may take, libraries included."""
LOG_BUDGET_MB = 230.0
"""The most a run streaming its event log may take: a chunk of rows and pyarrow's writer besides."""
FLAT_MB = 20.0
"""How much more memory ten times the customers may take (histograms and path counts fill in a little)."""
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


def measure(customers: int, seed: int, events: str | None) -> dict[str, float]:
    """One run in this process: its figures and this process's peak memory."""
    chosen, name = journey()
    imported = peak_mb()
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # an overloaded template touchpoint does not matter here
        result = simulate(chosen, customers=customers, seed=seed, replications=1, warmup=0,
                          events=events or False, max_events=10**10)
    seconds = time.perf_counter() - started
    visits = float(result.touchpoints["arrivals"].sum())
    written = sum(s.events_written for s in result.stats) if events else 0
    return {"customers": customers, "visits": visits, "seconds": seconds, "imported": imported, "peak": peak_mb(),
            "rows": written, "touchpoints": len(chosen.touchpoints), "journey": name}


def single(customers: int, seed: int, events: str | None) -> dict[str, float]:
    """:func:`measure` in a fresh Python process, so that each run's peak is its own."""
    command = [sys.executable, __file__, "--single", "--customers", str(customers), "--seed", str(seed)]
    if events:
        command += ["--events", events]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, nargs="+", default=[100_000, 1_000_000],
                        help="the run sizes compared (default: 100,000 and 1,000,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--single", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--events", metavar="LOG.parquet",
                        help="with --single: stream the event log to this .csv or .parquet file")
    args = parser.parse_args(argv)
    if args.single:
        print(json.dumps(measure(args.customers[0], args.seed, args.events)))
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for customers in args.customers:
            for log in (None, str(Path(folder) / f"events-{customers}.parquet")):
                row = single(customers, args.seed, log)
                row["log"] = "Parquet" if log else "none"
                rows.append(row)
                if log:
                    Path(log).unlink(missing_ok=True)
    first = rows[0]
    print(f"{first['journey']}: {first['touchpoints']} touchpoints, one replication from empty, each run in its own "
          f"process")
    print(f"  baseline: the libraries alone, {first['imported']:.1f} MB after imports")
    print(f"  {'customers':>10} {'event log':>9} {'visits':>11} {'rows':>11} {'time':>7} {'peak':>9} "
          f"{'added by the run':>17}")
    for row in rows:
        print(f"  {row['customers']:>10,} {row['log']:>9} {row['visits']:>11,.0f} {row['rows']:>11,} "
              f"{row['seconds']:>6.1f}s {row['peak']:>6.1f} MB {row['peak'] - row['imported']:>14.1f} MB")
    ok = all(row["peak"] < (LOG_BUDGET_MB if row["log"] != "none" else BUDGET_MB) for row in rows)
    for log in ("none", "Parquet"):
        added = [row["peak"] - row["imported"] for row in rows if row["log"] == log]
        growth = added[-1] - added[0]
        flat = growth <= FLAT_MB
        ok = ok and flat
        print(f"  event log {log}: memory added by the run grows {growth:+.1f} MB from {rows[0]['customers']:,} to "
              f"{rows[-1]['customers']:,} customers ({'flat' if flat else 'NOT flat'}: allowed {FLAT_MB:.0f} MB)")
    verdict = "met" if ok else "NOT met"
    print(f"  budget {BUDGET_MB:.0f} MB peak per run ({LOG_BUDGET_MB:.0f} MB with the log): {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
