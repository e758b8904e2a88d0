"""``journeymap simulate FILE``: customers through the journey, as readable tables or one JSON document."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import warnings
from typing import Any

from journeymap.cli.common import add_run_options, load_journey, run_settings_from

JSON_KPIS = ("arrived", "completed", "goal_rate", "abandonment_rate", "mean_time_in_cycle", "p90_time_in_cycle")
JSON_TOUCHPOINT = ("arrivals", "served", "abandoned", "abandonment_rate", "mean_wait", "p90_wait", "mean_time",
                   "utilization", "mean_queue")
TABLE_TOUCHPOINT = ("arrivals", "abandonment_rate", "mean_wait", "p90_wait", "mean_time", "utilization", "mean_queue")
TABLE_STAGE = ("entered", "reach", "mean_time", "left", "abandoned")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "simulate",
        help="simulate customer flows: waits, abandonment, goal rate, time in the cycle, with 95%% intervals",
        description="Simulate customers through a journey with SimPy and report every figure with a 95%% "
                    "confidence interval across replications. Times are in the journey's time unit.",
    )
    parser.add_argument("file", help="a journey in YAML or JSON")
    add_run_options(parser, meaning="independent replications")
    parser.add_argument("--events", metavar="OUT.csv",
                        help="write the event log (one row per event) as CSV, or Parquet for a .parquet name")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    parser.set_defaults(func=run)


def _json_document(result: Any) -> dict[str, Any]:
    document = result.to_dict()
    document["kpis"] = {name: document["kpis"][name] for name in (*JSON_KPIS, *document["kpis"])}
    document["touchpoints"] = {
        tp_id: {name: figures[name] for name in (*JSON_TOUCHPOINT, *figures)}
        for tp_id, figures in document["touchpoints"].items()
    }
    return document


def _print_tables(result: Any) -> None:
    from journeymap.model.units import format_duration
    from journeymap.simulation.formatting import interval_table

    journey = result.journey
    unit = journey.time_unit
    stop = f"{result.customers:,} customers" if result.customers else f"until {format_duration(result.until, unit)}"
    warmup = f", warm-up {format_duration(result.warmup, unit)}" if result.warmup else ""
    print(f"{journey.title}: {len(result.stats)} replications × {stop}, seed {result.seed}{warmup} "
          f"(times in {unit}s)")
    print()
    print(result.summary().drop(columns="meaning").to_string())
    print()
    print("Touchpoints (mean ± half-width of the 95% interval)")
    print(interval_table(result.touchpoints_ci, TABLE_TOUCHPOINT, unit).to_string())
    print()
    print("Stages")
    print(interval_table(result.stages_ci, TABLE_STAGE, unit).to_string())
    if len(result.paths):
        print()
        print("Most frequent paths (share of the customers who completed the cycle)")
        for _, row in result.paths.head(5).iterrows():
            print(f"  {row['share']:6.1%}  {row['path']}")


def run(args: argparse.Namespace) -> int:
    from journeymap.cli.outputs import Output, check_outputs
    from journeymap.simulation import simulate
    from journeymap.simulation.events import EVENT_LOG_FORMATS

    problem = check_outputs("simulate", [args.file], [Output("--events", args.events, tuple(EVENT_LOG_FORMATS))])
    if problem is None and args.events and args.events.lower().endswith(".parquet") \
            and importlib.util.find_spec("pyarrow") is None:
        problem = (f"journeymap simulate: error: --events '{args.events}': writing Parquet needs pyarrow "
                   "(pip install pyarrow); or write .csv")
    if problem:
        print(problem, file=sys.stderr)
        return 2
    journey = load_journey(args.file)
    if journey is None:
        return 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = simulate(journey, run_settings_from(args, events=bool(args.events)))
        except ValueError as exc:
            if type(exc) is not ValueError:
                raise  # JourneyError, UnitError: the dispatcher prints them
            print(f"journeymap simulate: error: {exc}", file=sys.stderr)
            return 2
        finally:
            for warning in caught:
                print(f"{args.file}: warning: {warning.message}", file=sys.stderr)
    if args.events:
        path = result.save_events(args.events)
        print(f"event log: {len(result.events):,} events written to {path}", file=sys.stderr)
    if args.json:
        print(json.dumps(_json_document(result), indent=2, ensure_ascii=False))
    else:
        _print_tables(result)
    return 0
