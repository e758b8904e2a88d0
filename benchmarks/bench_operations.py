"""What teams, shifts and segments cost the engine: customers per second (CPU time, less disturbed by the
machine's other work than the clock) of a shared-team journey with shifts and two segments, against the same
journey with a pool of servers per touchpoint (the baseline).

The plain journey: phone and chat, each with 3 servers of its own (exponential service, mean 4 min),
customers arriving at 24/h and 16/h. The operations journey: the same touchpoints served by one team
of agents whose shifts change its capacity three times a day (4 at night, 7 by day, 5 in the evening),
with the team's utilisation by hour and its cost gathered, and two customer segments (business 30%,
served first, and consumers) with their own figures.

Each is simulated ``--repeats`` times, taking turns (best time kept), under the cohort rule with ``--customers``
customers; prints customers per second and the ratio. Exits with status 1 when the operations
journey is more than 30% slower than the plain one.

    .venv/bin/python benchmarks/bench_operations.py [--customers 200000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import sys
import time

from journeymap.model import Arrival, Exponential, Journey, Segment, Shift, Stage, Team, Touchpoint
from journeymap.simulation import simulate

LIMIT = 0.30
"""The share of speed the operations features may cost."""


def plain() -> Journey:
    """Phone and chat with servers of their own."""
    service = Exponential(4.0)
    return Journey(
        "plain", stages=(Stage("s"),),
        touchpoints=(Touchpoint("phone", stage="s", capacity=3, service_time=service, goal=True),
                     Touchpoint("chat", stage="s", capacity=3, service_time=service, goal=True)),
        arrivals=(Arrival("phone", rate=24 / 60), Arrival("chat", rate=16 / 60)),
    )


def operations() -> Journey:
    """The same touchpoints served by one team in shifts, for two segments of customers."""
    hour = 60.0
    shifts = (Shift(0.0, 8 * hour, 4), Shift(8 * hour, 18 * hour, 7), Shift(18 * hour, 24 * hour, 5))
    journey = plain()
    return journey.replace(
        title="operations", teams=(Team("agents", shifts=shifts, cost_per_hour=22.0),),
        segments=(Segment("business", share=0.3, priority=0), Segment("consumer", share=0.7, priority=1)),
        touchpoints=tuple(tp.replace(capacity=None, team="agents") for tp in journey.touchpoints),
    )


def speeds(journeys: list[Journey], customers: int, repeats: int) -> list[float]:
    """Customers per second of each journey, the best of ``repeats`` runs; the journeys take turns, so
    that a change in the machine's load falls on all of them alike."""
    best = [float("inf")] * len(journeys)
    for repeat in range(repeats):
        for number, journey in enumerate(journeys):
            started = time.process_time()
            simulate(journey, customers=customers, replications=1, seed=repeat + 1, warmup=0)
            best[number] = min(best[number], time.process_time() - started)
    return [customers / seconds for seconds in best]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    base, ops = speeds([plain(), operations()], args.customers, args.repeats)
    ratio = ops / base
    print(f"plain journey (own servers):     {base:12,.0f} customers/s")
    print(f"team, shifts and two segments:   {ops:12,.0f} customers/s")
    print(f"ratio (operations / plain):      {ratio:12.2f}  (at least {1 - LIMIT:.2f} required)")
    return 0 if ratio >= 1 - LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
