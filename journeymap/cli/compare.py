"""``journeymap compare FILE --scenarios S.yaml``: what-if scenarios against the base, with paired 95% intervals."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from journeymap.cli.common import add_beside_option, add_command, add_json_option, add_lang_option, open_journey_and
from journeymap.cli.outputs import Output
from journeymap.cli.runs import add_run_options, run_settings_from, running
from journeymap.cli.tables import table_text
from journeymap.text import translator


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "compare", journey=True)
    words = parser.words
    add_beside_option(parser, "scenarios", "S.yaml")
    add_run_options(parser)
    add_json_option(parser)
    parser.add_argument("--plot", metavar="OUT.png",
                        help=words.gettext("also draw the KPI changes with their intervals to a file (PNG, SVG, "
                                           "PDF)"))
    add_lang_option(parser)
    parser.set_defaults(func=run)


def _print(comparison: Any, language: str) -> None:
    from journeymap.simulation.formatting import run_description

    journey = comparison.journey
    words = translator(language)
    print(journey.title)
    print(words.ngettext("{n} scenario against the base", "{n} scenarios against the base",
                         len(comparison.scenarios)) + ", "
          + run_description(comparison.settings, journey, language, paired=True))
    for scenario in comparison.scenarios:
        print()
        print(scenario.name)
        for sentence in scenario.describe(journey, language):
            print(f"  · {sentence}")
        print()
        print(table_text(comparison.scenario_summary(scenario.name, language), indent="  ",
                         left=[words.gettext("figure"), words.gettext("verdict")]))


PLOTS = (".png", ".svg", ".pdf")
"""What ``--plot`` writes."""


def run(args: argparse.Namespace) -> int:
    from journeymap.experiment.comparison import compare
    from journeymap.experiment.scenario import load_scenarios

    journey, language, words, file = open_journey_and(args, "compare", "scenarios",
                                                      [Output("--plot", args.plot, PLOTS)])
    scenarios = load_scenarios(file)
    with running("compare", args.file, journey, words):
        comparison = compare(journey, scenarios, run_settings_from(args))
    if args.json:
        print(json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False))
    else:
        _print(comparison, language)
    if args.plot:
        from journeymap.io.atomic import atomic_path

        figure = comparison.plot(language=language)
        with atomic_path(args.plot) as tmp:
            figure.savefig(tmp, format=Path(args.plot).suffix.lstrip(".") or "png", dpi=150)
        print(words.gettext("wrote {path}", path=args.plot), file=sys.stderr)
    return 0
