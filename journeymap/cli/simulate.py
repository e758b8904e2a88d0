"""``journeymap simulate FILE``: customers through the journey, as readable tables or one JSON document."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import warnings
from typing import Any

JSON_KPIS = ("arrived", "completed", "goal_rate", "abandonment_rate", "mean_time_in_cycle", "p90_time_in_cycle")
JSON_TOUCHPOINT = ("arrivals", "served", "abandoned", "abandonment_rate", "mean_wait", "p90_wait", "mean_time",
                   "utilization", "mean_queue")
TABLE_TOUCHPOINT = ("arrivals", "abandonment_rate", "mean_wait", "p90_wait", "mean_time", "utilization", "mean_queue")
TABLE_STAGE = ("entered", "reach", "mean_time", "left", "abandoned")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative whole number, got {value}")
    return value


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "simulate",
        help="simulate customer flows: waits, abandonment, goal rate, time in the cycle, with 95%% intervals",
        description="Simulate customers through a journey with SimPy and report every figure with a 95%% "
                    "confidence interval across replications. Times are in the journey's time unit.",
    )
    parser.add_argument("file", help="a journey in YAML or JSON")
    stop = parser.add_mutually_exclusive_group()
    stop.add_argument("--customers", type=_positive_int, metavar="N",
                      help="stop once N customers have left the cycle (default 10000)")
    stop.add_argument("--until", metavar="T", help="stop at time T, e.g. '8 h' or '30 d' (customers inside are "
                                                   "reported as in progress)")
    parser.add_argument("--replications", type=_positive_int, default=10, metavar="R",
                        help="independent replications (default 10)")
    parser.add_argument("--seed", type=_seed, default=0, metavar="S", help="random seed (default 0)")
    parser.add_argument("--warmup", default="0", metavar="T",
                        help="leave out customers who arrived before T, e.g. '2 h' (default 0)")
    parser.add_argument("--events", metavar="OUT.csv",
                        help="write the event log (one row per event) as CSV, or Parquet for a .parquet name")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    parser.set_defaults(func=run)


def _progress_bar(total: int) -> tuple[Any, Any]:
    """A tqdm bar on stderr (hidden when stderr is not a terminal) and the callback that moves it."""
    from tqdm import tqdm

    bar = tqdm(total=total, unit="replication", file=sys.stderr, disable=not sys.stderr.isatty(), leave=False,
               bar_format="{l_bar}{bar}| {n:.1f}/{total} replications [{elapsed}<{remaining}]")

    def advance(done: float, _total: int | None = None) -> None:
        bar.n = done
        bar.refresh()

    return bar, advance


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
    from journeymap.io import check
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
    report = check(args.file)
    for issue in report.warnings:
        print(issue, file=sys.stderr)
    if not report.ok or report.journey is None:
        for issue in report.errors:
            print(issue, file=sys.stderr)
        return 2
    bar, advance = _progress_bar(args.replications)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = simulate(
                report.journey, customers=args.customers, until=args.until, replications=args.replications,
                seed=args.seed, warmup=args.warmup, events=bool(args.events), progress=advance,
            )
        except ValueError as exc:
            if type(exc) is not ValueError:
                raise  # JourneyError, UnitError: the dispatcher prints them
            print(f"journeymap simulate: error: {exc}", file=sys.stderr)
            return 2
        finally:
            bar.close()
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
