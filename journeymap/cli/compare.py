"""``journeymap compare FILE --scenarios S.yaml``: what-if scenarios against the base, with paired 95% intervals."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path
from typing import Any

TABLE_KPIS = ("goal_rate", "abandonment_rate", "drop_off_rate", "mot_mean_wait", "mean_time_in_cycle",
              "p90_time_in_cycle", "throughput")


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value}")
    return value


def seed(text: str) -> int:
    """An argparse type: a whole number of at least 0."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative whole number, got {value}")
    return value


def add_run_options(parser: argparse.ArgumentParser, replications: int = 10) -> None:
    """The options that say how much to simulate and where (shared with ``quickwins``)."""
    stop = parser.add_mutually_exclusive_group()
    stop.add_argument("--customers", type=positive_int, metavar="N",
                      help="each replication stops once N customers have left the cycle (default 10000)")
    stop.add_argument("--until", metavar="T", help="each replication stops at time T, e.g. '8 h' or '30 d'")
    parser.add_argument("--warmup", default="0", metavar="T", help="leave out customers arriving before T")
    parser.add_argument("--replications", type=positive_int, default=replications, metavar="R",
                        help=f"paired replications per scenario (default {replications})")
    parser.add_argument("--seed", type=seed, default=0, metavar="S", help="random seed (default 0)")
    parser.add_argument("--workers", type=positive_int, metavar="W",
                        help="worker processes (default: all cores; 1 runs everything in this process)")


def load_journey(file: str) -> Any:
    """The journey in ``file`` with its warnings printed; ``None`` (errors printed) when it is invalid."""
    from journeymap.io import check

    report = check(file)
    for issue in report.warnings:
        print(issue, file=sys.stderr)
    if not report.ok or report.journey is None:
        for issue in report.errors:
            print(issue, file=sys.stderr)
        return None
    return report.journey


def beside(file: str, option: str | None, kind: str) -> str:
    """The file given for ``--<kind>``, else ``<journey stem>.<kind>.yaml`` next to the journey."""
    if option:
        return option
    source = Path(file)
    default = source.with_name(f"{source.name.split('.')[0]}.{kind}.yaml")
    if default.exists():
        return str(default)
    raise FileNotFoundError(f"give --{kind} FILE (there is no {default} next to the journey)")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "compare",
        help="run what-if scenarios against the journey and report each KPI's change with a 95%% interval",
        description="Run the journey and every scenario of a scenarios file with common random numbers, and "
                    "report the change in each KPI with a paired 95%% interval (Student t).",
    )
    parser.add_argument("file", help="a journey in YAML or JSON")
    parser.add_argument("--scenarios", metavar="S.yaml",
                        help="the scenarios file (default: <journey>.scenarios.yaml next to the journey)")
    add_run_options(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    parser.add_argument("--plot", metavar="OUT.png", help="also draw the KPI changes with error bars to a file")
    parser.set_defaults(func=run)


def _print(comparison: Any) -> None:
    from journeymap.experiment.comparison import format_change
    from journeymap.experiment.metrics import format_metric

    journey, run = comparison.journey, comparison.settings
    stop = f"{run.customers:,} customers" if run.customers else f"until {run.until:g} {journey.time_unit}s"
    print(f"{journey.title}: {len(comparison.scenarios)} scenarios against the base, {run.replications} paired "
          f"replications × {stop}, seed {run.seed}")
    for scenario in comparison.scenarios:
        print()
        print(f"{scenario.name}")
        for change in scenario.changes:
            print(f"  · {change}")
        for kpi in TABLE_KPIS:
            row = comparison.table.loc[(scenario.name, kpi)]
            before = format_metric(kpi, row["base"], journey.time_unit)
            after = format_metric(kpi, row["value"], journey.time_unit)
            unit = journey.time_unit
            change = format_change(kpi, row["delta"], unit)
            interval = (f"[{format_change(kpi, row['ci_low'], unit)}, {format_change(kpi, row['ci_high'], unit)}]"
                        if row["n"] >= 2 else "")
            print(f"  {kpi.replace('_', ' '):<20} {before:>10} → {after:<10} {change:>11} {interval:<26} "
                  f"{row['verdict']}")


PLOTS = (".png", ".svg", ".pdf")
"""What ``--plot`` writes."""


def run(args: argparse.Namespace) -> int:
    from journeymap.cli.outputs import Output, check_outputs
    from journeymap.experiment import compare, load_scenarios

    problem = check_outputs("compare", [args.file, args.scenarios], [Output("--plot", args.plot, PLOTS)])
    if problem:
        print(problem, file=sys.stderr)
        return 2
    journey = load_journey(args.file)
    if journey is None:
        return 2
    scenarios = load_scenarios(beside(args.file, args.scenarios, "scenarios"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            comparison = compare(journey, scenarios, replications=args.replications, seed=args.seed,
                                 customers=args.customers, until=args.until, warmup=args.warmup,
                                 executor=args.workers)
        except (ValueError, KeyError) as exc:
            if isinstance(exc, ValueError) and type(exc) is not ValueError:
                raise  # JourneyError, UnitError: the dispatcher prints them
            print(f"journeymap compare: error: {exc.args[0] if exc.args else exc}", file=sys.stderr)
            return 2
        finally:
            for warning in caught:
                print(f"{args.file}: warning: {warning.message}", file=sys.stderr)
    if args.json:
        print(json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False))
    else:
        _print(comparison)
    if args.plot:
        from journeymap.io.atomic import atomic_path

        figure = comparison.plot()
        with atomic_path(args.plot) as tmp:
            figure.savefig(tmp, format=Path(args.plot).suffix.lstrip(".") or "png", dpi=150)
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0
