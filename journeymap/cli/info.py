"""``journeymap info FILE``: the exact routing figures of a journey, as a table or JSON."""

from __future__ import annotations

import argparse
import json

from journeymap.analysis import analyze
from journeymap.cli.common import load_journey


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "info",
        help="expected visits, reach, drop-off and offered load of every touchpoint",
        description="Analyse the routing of a journey as an absorbing Markov chain (no simulation).",
    )
    parser.add_argument("file", help="a journey in YAML or JSON")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    journey = load_journey(args.file)
    if journey is None:
        return 2
    result = analyze(journey)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(f"{journey.title}  ({len(journey.stages)} stages, {len(journey.touchpoints)} touchpoints, "
          f"times in {journey.time_unit}s)")
    print(f"  customers arriving:            {result.arrival_rate:.4g} per {journey.time_unit}")
    print(f"  probability of reaching a goal: {result.goal_probability:.1%}")
    print(f"  moments of truth per customer:  {result.expected_moments_of_truth:.2f}")
    table = result.touchpoints.copy()
    table["moment_of_truth"] = table["moment_of_truth"].map({True: "MoT", False: ""})
    table["overloaded"] = table["overloaded"].map({True: "OVERLOADED", False: ""})
    for column in ("reach_probability", "drop_off"):
        table[column] = table[column].map("{:.1%}".format)
    for column in ("expected_visits", "arrival_rate", "offered_load"):
        table[column] = table[column].map("{:.3f}".format)
    table.columns = ["stage", "", "visits", "reach", "leave here", "arrival rate", "load", ""]
    print()
    print(table.to_string())
    if result.overloaded:
        print(f"\nOverloaded (offered load ≥ 1, queues grow without limit): {', '.join(result.overloaded)}")
    return 0
