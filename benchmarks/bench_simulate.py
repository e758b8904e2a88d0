"""How fast journeymap simulates, beside a minimal hand-written SimPy model and Ciw, on the same network.

The network: Poisson arrivals at rate 9, then three stations in tandem, each with 2 servers and
exponential service at rate 5 (load 0.9 at each). Each way runs in a fresh Python process (so
peak memory is its own) until ``--customers`` customers have left:

- journeymap: ``journeymap.simulate`` with every statistic it gathers (waits and their percentiles,
  utilisation, queue lengths, stages, paths, time in the cycle), one replication from empty, under
  the cohort rule (the run goes on until all ``--customers`` have left, with later customers behind
  them);
- minimal SimPy: one process per customer and one ``simpy.Resource`` per station, no statistics;
- Ciw: the same network in Ciw, which keeps a record of every customer.

Each way runs ``--repeats`` times, the three taking turns so that a change in the machine's load falls
on all of them alike, and its fastest run is kept (a shared virtual machine's speed swings by a third
from one minute to the next). Prints customers per second (libraries imported before the clock
starts), peak resident memory and the part of it the run added, and the ratios. Exits with status 1
when journeymap is less than twice as fast as the minimal SimPy model (issue 10 aims at 3×) or less
than twice as fast as Ciw.

    .venv/bin/python benchmarks/bench_simulate.py [--customers 200000] [--seed 1] [--repeats 3]
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable

RATE, SERVICE_RATE, SERVERS, STATIONS = 9.0, 5.0, 2, 3


def run_journeymap(customers: int, seed: int) -> float:
    """The network as a journey, simulated by journeymap; returns the simulated time."""
    from journeymap.model import Arrival, Exponential, Journey, Stage, Touchpoint, Transition
    from journeymap.simulation import simulate

    ids = [f"station{k + 1}" for k in range(STATIONS)]
    touchpoints = tuple(
        Touchpoint(tp_id, stage="line", capacity=SERVERS, service_time=Exponential(1 / SERVICE_RATE),
                   next=(Transition(ids[k + 1], 1.0),) if k + 1 < STATIONS else ())
        for k, tp_id in enumerate(ids)
    )
    journey = Journey("tandem", stages=(Stage("line"),), touchpoints=touchpoints,
                      arrivals=(Arrival(ids[0], rate=RATE),))
    result = simulate(journey, customers=customers, seed=seed, replications=1, warmup=0)
    assert result.kpis.loc["completed", "mean"] == customers
    return float(result.stats[0].end)


def run_simpy(customers: int, seed: int) -> float:
    """The textbook SimPy model: a process per customer, a Resource per station, no statistics."""
    import simpy

    env = simpy.Environment()
    draw = random.Random(seed)
    stations = [simpy.Resource(env, capacity=SERVERS) for _ in range(STATIONS)]

    def customer(env: simpy.Environment):  # type: ignore[no-untyped-def]
        for station in stations:
            with station.request() as request:
                yield request
                yield env.timeout(draw.expovariate(SERVICE_RATE))

    def source(env: simpy.Environment):  # type: ignore[no-untyped-def]
        for _ in range(customers):
            yield env.timeout(draw.expovariate(RATE))
            env.process(customer(env))

    env.process(source(env))
    env.run()
    return float(env.now)


def run_ciw(customers: int, seed: int) -> float:
    """The same network in Ciw, run until ``customers`` have finished."""
    import ciw

    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(RATE)] + [None] * (STATIONS - 1),
        service_distributions=[ciw.dists.Exponential(SERVICE_RATE)] * STATIONS,
        routing=[[1.0 if j == i + 1 else 0.0 for j in range(STATIONS)] for i in range(STATIONS)],
        number_of_servers=[SERVERS] * STATIONS,
    )
    ciw.seed(seed)
    simulation = ciw.Simulation(network)
    simulation.simulate_until_max_customers(customers, method="Finish")
    return float(simulation.current_time)


MODELS: dict[str, Callable[[int, int], float]] = {"journeymap": run_journeymap, "simpy": run_simpy, "ciw": run_ciw}
IMPORTS = {"journeymap": ("journeymap.simulation",), "simpy": ("simpy",), "ciw": ("ciw",)}


def _rss_mb() -> float:
    """Resident memory of this process now, from /proc (the peak is in getrusage)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def measure(model: str, customers: int, seed: int) -> dict[str, float]:
    """Run one model here and report its speed, this process's peak resident memory, and how much
    of it the run itself added (beyond the libraries imported before the clock starts)."""
    for module in IMPORTS[model]:
        importlib.import_module(module)
    before = _rss_mb()
    started = time.perf_counter()
    simulated = MODELS[model](customers, seed)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    return {"seconds": seconds, "per_second": customers / seconds, "peak_mb": peak, "run_mb": max(0.0, peak - before),
            "simulated": simulated}


def in_fresh_process(model: str, customers: int, seed: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--only", model, "--customers", str(customers), "--seed", str(seed)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=200_000, help="customers per model (default 200000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each way, the fastest kept (default 3)")
    parser.add_argument("--only", choices=sorted(MODELS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.only:
        print(json.dumps(measure(args.only, args.customers, args.seed)))
        return 0
    print(f"Tandem of {STATIONS} stations × {SERVERS} servers, arrivals {RATE:g}/t, service {SERVICE_RATE:g}/t, "
          f"{args.customers:,} customers, each way in its own process, the fastest of {args.repeats} runs")
    results: dict[str, dict[str, float]] = {}
    for _ in range(args.repeats):
        for model in MODELS:
            numbers = in_fresh_process(model, args.customers, args.seed)
            if model not in results or numbers["per_second"] > results[model]["per_second"]:
                results[model] = numbers
    for model, numbers in results.items():
        print(f"  {model:<11} {numbers['per_second']:>10,.0f} customers/s  {numbers['seconds']:7.2f} s  "
              f"peak memory {numbers['peak_mb']:6.1f} MB, of which the run {numbers['run_mb']:6.1f} MB")
    speed = results["journeymap"]["per_second"]
    versus_simpy = speed / results["simpy"]["per_second"]
    versus_ciw = speed / results["ciw"]["per_second"]
    print(f"  journeymap ÷ minimal SimPy: {versus_simpy:.2f}× as fast (target ≥ 2, aim 3)")
    print(f"  journeymap ÷ Ciw:           {versus_ciw:.2f}× as fast (target ≥ 2)")
    print(f"  memory added by the run: journeymap {results['journeymap']['run_mb']:.1f} MB, minimal SimPy "
          f"{results['simpy']['run_mb']:.1f} MB, Ciw {results['ciw']['run_mb']:.1f} MB")
    return 0 if versus_simpy >= 2.0 and versus_ciw >= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
