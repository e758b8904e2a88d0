"""``journeymap quickwins FILE --interventions I.yaml -o plan.xlsx``: the ranked action plan of quick wins."""

from __future__ import annotations

import argparse
import sys

from journeymap.cli.argtypes import positive_number
from journeymap.cli.common import add_beside_option, add_command, add_lang_option, open_journey_and
from journeymap.cli.outputs import Output
from journeymap.cli.runs import add_run_options, run_settings_from, running
from journeymap.errors import JourneyError

FORMATS = (".csv", ".xlsx", ".md", ".markdown", ".mmd", ".mermaid")
CHARTS = (".png", ".svg", ".pdf")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    from journeymap.prioritize.impact import OBJECTIVES
    from journeymap.prioritize.scoring import SCORERS

    parser = add_command(subparsers, "quickwins", journey=True)
    words = parser.words
    add_beside_option(parser, "interventions", "I.yaml")
    parser.add_argument("-o", "--output", metavar="PLAN",
                        help=words.gettext("write the plan: .xlsx, .csv, .md or .mmd (Mermaid); default: Markdown "
                                           "on the screen"))
    parser.add_argument("--chart", metavar="OUT.png",
                        help=words.gettext("also draw the impact/effort chart (.png, .svg, .pdf)"))
    parser.add_argument("--objective", default="goal_rate", choices=list(OBJECTIVES),
                        help=words.gettext("what the impact measures (default goal_rate)"))
    parser.add_argument("--scorer", default="quadrant", choices=list(SCORERS),
                        help=words.gettext("how the plan is ranked (default: quadrants, quick wins first)"))
    parser.add_argument("--method", default="auto", choices=("auto", "simulation", "heuristic"),
                        help=words.gettext("measure impact by simulation, by the heuristic, or simulate when "
                                           "possible (default)"))
    rule = parser.add_argument_group(words.gettext("quadrants (default: the rule stated on the chart)"))
    rule.add_argument("--min-impact", type=float, metavar="X",
                      help=words.gettext("the smallest impact worth acting on, in the objective's unit "
                                         "(percentage points for a rate, the journey's time unit for a time)"))
    rule.add_argument("--budget", type=positive_number(parser), metavar="E",
                      help=words.gettext("the most effort a quick win may take (person-days, or the cost with "
                                         "effort by cost)"))
    rule.add_argument("--median", action="store_true",
                      help=words.gettext("split at the medians of the plan instead of the rule"))
    add_run_options(parser)
    add_lang_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from journeymap.prioritize import action_plan, load_interventions

    journey, language, words, file = open_journey_and(
        args, "quickwins", "interventions", [Output("-o", args.output, FORMATS), Output("--chart", args.chart, CHARTS)])
    if language != journey.language:
        journey = journey.replace(language=language)
    interventions = load_interventions(file)
    if args.median and (args.min_impact is not None or args.budget is not None):
        raise JourneyError(words.gettext("journeymap quickwins: error: --median splits at the medians: leave out "
                                    "--min-impact and --budget"))
    with running("quickwins", args.file, journey, words):
        plan = action_plan(journey, interventions, run_settings_from(args), objective=args.objective,
                           scorer=args.scorer, method=args.method, split="median" if args.median else "rule",
                           impact_threshold=_min_impact(args), effort_threshold=args.budget)
    if args.output:
        plan.save(args.output)
        print(words.gettext("wrote {path}: {interventions}, {quick_wins} ({rule})", path=args.output,
                            interventions=words.ngettext("{n} intervention", "{n} interventions", len(plan.table)),
                            quick_wins=words.ngettext("{n} quick win", "{n} quick wins", len(plan.quick_wins)),
                            rule=plan.rule()), file=sys.stderr)
    else:
        print(plan.to_markdown(), end="")
    if args.chart:
        plan.save(args.chart)
        print(words.gettext("wrote {path}", path=args.chart), file=sys.stderr)
    return 0


def _min_impact(args: argparse.Namespace) -> float | None:
    """``--min-impact`` in the objective's own unit: a share's percentage points as a share (1 -> 0.01)."""
    from journeymap.experiment.metrics import metric_kind
    from journeymap.prioritize.impact import objective_name

    if args.min_impact is None:
        return None
    return args.min_impact / 100 if metric_kind(objective_name(args.objective)) == "share" else args.min_impact
