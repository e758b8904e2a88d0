"""``journeymap staff FILE --touchpoint T --target "80% within 2 min"`` (or ``--team TEAM``): the smallest capacity
per period of the day that meets a service-level target, Erlang's estimate confirmed by simulation, with the cost of
each option."""

from __future__ import annotations

import argparse
import json

from journeymap.cli.common import add_command, add_json_option, add_lang_option, open_journey
from journeymap.cli.runs import add_run_options, run_settings_from, running
from journeymap.cli.tables import table_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "staff", journey=True)
    words = parser.words
    staffed = parser.add_mutually_exclusive_group(required=True)
    staffed.add_argument("--touchpoint", metavar="T", help=words.gettext("the touchpoint to staff"))
    staffed.add_argument("--team", metavar="TEAM",
                         help=words.gettext("the team to staff: all its touchpoints' one queue, by its own shifts "
                                            "and cost per hour unless told otherwise"))
    parser.add_argument("--target", required=True, metavar="TARGET",
                        help=words.gettext("the service level to reach, e.g. \"80% within 2 min\""))
    parser.add_argument("--shifts", metavar="WINDOWS",
                        help=words.gettext("the periods to staff, e.g. 08:00-14:00,14:00-20:00 (default: the "
                                           "periods of the arrival schedule, or the whole day)"))
    parser.add_argument("--cost-per-hour", type=float, metavar="C", dest="cost_per_hour",
                        help=words.gettext("the cost of one server for one hour: adds the cost per day of each option"))
    add_run_options(parser, replications=10, meaning=words.gettext("independent replications per capacity tried"))
    add_json_option(parser)
    add_lang_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from journeymap.experiment.staffing import staff

    journey, language, words = open_journey(args, "staff")
    settings = run_settings_from(args).replace(executor=args.workers, progress=None)  # many small runs: here
    if args.customers is None and args.until is None:
        settings = settings.replace(customers=5_000)
    with running("staff", args.file, journey, words):
        if args.team is not None:
            journey.team(args.team)  # a team it is (did-you-mean among the teams)
        plan = staff(journey, args.touchpoint or args.team, args.target, shifts=args.shifts,
                     cost_per_hour=args.cost_per_hour, settings=settings)
    if args.json:
        print(json.dumps(plan.to_dict(), indent=2, ensure_ascii=False))
        return 0
    staffed = journey.team(plan.touchpoint) if plan.team else journey.touchpoint(plan.touchpoint)
    print(words.gettext("Staffing {name}: {target}", name=staffed.label, target=args.target))
    print(table_text(plan.summary(language)))
    print()
    print(words.gettext("As shifts (paste under the touchpoint or its team):"))
    print("shifts:")
    for shift in plan.shifts:
        print(f"  - {{from: \"{shift['from']}\", until: \"{shift['until']}\", capacity: {shift['capacity']}}}")
    return 0
