"""``journeymap compare FILE --scenarios S.yaml``: what-if scenarios against the base, with paired 95% intervals."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from journeymap.cli.common import add_run_options, beside, load_journey, run_settings_from, warnings_printed

TABLE_KPIS = ("goal_rate", "abandonment_rate", "drop_off_rate", "mot_mean_wait", "mean_time_in_cycle",
              "p90_time_in_cycle", "throughput")


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
    stop = (f"a cohort of {run.customers:,} customers" if run.customers else
              f"until {run.until:g} {journey.time_unit}s" if run.until else f"a working day of {run.horizon:g} "
              f"{journey.time_unit}s")
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
    with warnings_printed(args.file):
        try:
            comparison = compare(journey, scenarios, run_settings_from(args))
        except (ValueError, KeyError) as exc:
            if isinstance(exc, ValueError) and type(exc) is not ValueError:
                raise  # JourneyError, UnitError, RunawayError: the dispatcher prints them
            print(f"journeymap compare: error: {exc.args[0] if exc.args else exc}", file=sys.stderr)
            return 2
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
