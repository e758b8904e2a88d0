"""``journeymap quickwins FILE --interventions I.yaml -o plan.xlsx``: the ranked action plan of quick wins."""

from __future__ import annotations

import argparse
import sys

from journeymap.cli.common import add_run_options, beside, load_journey, run_settings_from, warnings_printed

FORMATS = (".csv", ".xlsx", ".md", ".markdown", ".mmd", ".mermaid")
CHARTS = (".png", ".svg", ".pdf")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    from journeymap.prioritize.impact import OBJECTIVES
    from journeymap.prioritize.scoring import SCORERS

    parser = subparsers.add_parser(
        "quickwins",
        help="rank interventions by simulated impact and effort: quick wins, big bets, fill-ins, time sinks",
        description="Measure each intervention's impact on an objective by simulation (or a labelled heuristic "
                    "when the journey has no arrival rates or times), classify it by impact and effort, and "
                    "write the ranked action plan.",
    )
    parser.add_argument("file", help="a journey in YAML or JSON")
    parser.add_argument("--interventions", metavar="I.yaml",
                        help="the interventions file (default: <journey>.interventions.yaml next to the journey)")
    parser.add_argument("-o", "--output", metavar="PLAN",
                        help="write the plan: .xlsx, .csv, .md or .mmd (Mermaid); default: Markdown on stdout")
    parser.add_argument("--chart", metavar="OUT.png", help="also draw the impact/effort chart (.png, .svg, .pdf)")
    parser.add_argument("--objective", default="goal_rate", choices=list(OBJECTIVES),
                        help="what the impact measures (default goal_rate)")
    parser.add_argument("--scorer", default="quadrant", choices=list(SCORERS),
                        help="how the plan is ranked (default: quadrants, quick wins first)")
    parser.add_argument("--method", default="auto", choices=("auto", "simulation", "heuristic"),
                        help="measure impact by simulation, by the heuristic, or simulate when possible (default)")
    add_run_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from journeymap.cli.outputs import Output, check_outputs
    from journeymap.prioritize import action_plan, load_interventions

    problem = check_outputs("quickwins", [args.file, args.interventions],
                            [Output("-o", args.output, FORMATS), Output("--chart", args.chart, CHARTS)])
    if problem:
        print(problem, file=sys.stderr)
        return 2
    journey = load_journey(args.file)
    if journey is None:
        return 2
    interventions = load_interventions(beside(args.file, args.interventions, "interventions"))
    with warnings_printed(args.file):
        try:
            plan = action_plan(journey, interventions, run_settings_from(args), objective=args.objective,
                               scorer=args.scorer, method=args.method)
        except (ValueError, KeyError) as exc:
            if isinstance(exc, ValueError) and type(exc) is not ValueError:
                raise  # JourneyError, UnitError, RunawayError: the dispatcher prints them
            print(f"journeymap quickwins: error: {exc.args[0] if exc.args else exc}", file=sys.stderr)
            return 2
    if args.output:
        plan.save(args.output)
        print(f"wrote {args.output}: {len(plan.table)} interventions, {len(plan.quick_wins)} quick wins "
              f"(impact by {plan.impact_source})", file=sys.stderr)
    else:
        print(plan.to_markdown(), end="")
    if args.chart:
        plan.save(args.chart)
        print(f"wrote {args.chart}", file=sys.stderr)
    return 0
