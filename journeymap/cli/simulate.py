"""``journeymap simulate FILE``: customers through the journey, as readable tables or one JSON document."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from typing import Any

from journeymap.cli.common import add_run_options, load_journey, run_settings_from, warnings_printed

JSON_KPIS = ("arrived", "completed", "in_progress_share", "goal_rate", "abandonment_rate", "mean_time_in_cycle",
             "p90_time_in_cycle")
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
    add_run_options(parser, meaning="independent replications", precision=True)
    parser.add_argument("--events", metavar="OUT.csv",
                        help="stream the event log (one row per event) to a .csv or .parquet file as the run goes")
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


def _stopping(result: Any) -> str:
    """How each replication ran, in words."""
    from journeymap.text import duration, percent

    journey, settings = result.journey, result.settings
    unit, language = journey.time_unit, journey.language
    if settings.horizon is not None:
        day = duration(settings.horizon, unit, language)
        return f"one working day of {day} from empty, every customer followed out"
    if settings.until is not None:
        inside = float(result.kpis.loc["in_progress_share", "mean"])
        return f"until {duration(settings.until, unit, language)} ({percent(inside, language)} still inside at the end)"
    return f"a cohort of {result.customers:,} customers followed until each left the cycle"


def _warmup(result: Any) -> str:
    from journeymap.text import duration

    unit, language = result.journey.time_unit, result.journey.language
    choice = result.warmup_choice
    if choice is not None:
        return (f", warm-up {duration(choice.time, unit, language)} (detected: MSER-5 "
                f"{duration(choice.mser_time, unit, language)}, 5 relaxation times of the slowest queue "
                f"{duration(choice.floor, unit, language)})")
    return f", warm-up {duration(result.warmup, unit, language)}" if result.warmup else ""


def _print_tables(result: Any) -> None:
    from journeymap.simulation.formatting import interval_table
    from journeymap.text import percent

    journey = result.journey
    unit = journey.time_unit
    print(f"{journey.title}: {len(result.stats)} replications × {_stopping(result)}, seed {result.seed}"
          f"{_warmup(result)} (times in {unit}s)")
    if result.precision is not None:
        report = result.precision
        state = "reached" if report.reached else f"NOT reached within {report.most} replications"
        print(f"precision {percent(report.target)} {state}: widest interval ± {percent(report.relative)} of its mean "
              f"({report.widest})")
    if result.unstable:
        print(f"not meaningful (a queue upstream has no steady state): {', '.join(result.unstable)}")
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
        print("Most frequent paths (share of the customers who left the cycle)")
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
    with warnings_printed(args.file):
        try:
            result = simulate(journey, run_settings_from(args, events=args.events or False))
        except ValueError as exc:
            if type(exc) is not ValueError:
                raise  # JourneyError, UnitError, RunawayError: the dispatcher prints them
            print(f"journeymap simulate: error: {exc}", file=sys.stderr)
            return 2
    if args.events:
        written = sum(stats.events_written for stats in result.stats)
        print(f"event log: {written:,} events written to {result.events_file}", file=sys.stderr)
    if args.json:
        print(json.dumps(_json_document(result), indent=2, ensure_ascii=False))
    else:
        _print_tables(result)
    return 0
