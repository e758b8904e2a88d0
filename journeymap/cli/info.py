"""``journeymap info FILE``: the exact routing figures of a journey, as a table or JSON."""

from __future__ import annotations

import argparse
import json

from journeymap.analysis import analyze
from journeymap.cli.common import add_command, add_json_option, add_lang_option, open_journey
from journeymap.cli.tables import table_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "info", journey=True)
    add_json_option(parser)
    add_lang_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    journey, language, words = open_journey(args, "info")
    result = analyze(journey)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0
    from journeymap.analysis.tables import MOMENT_MARK, figures_table

    print(journey.title)
    print(", ".join([words.ngettext("{n} stage", "{n} stages", len(journey.stages)),
                     words.ngettext("{n} touchpoint", "{n} touchpoints", len(journey.touchpoints)),
                     words.ngettext("{n} moment of truth", "{n} moments of truth", len(journey.moments_of_truth))]))
    print()
    print(table_text(figures_table(result, language)))
    print()
    print(table_text(result.summary(language), left=[words.gettext("touchpoint"), ""],
                     group=words.gettext("stage")))
    print(words.gettext("{mark} moment of truth", mark=MOMENT_MARK))
    if result.overloaded:
        names = ", ".join(journey.touchpoint(tp).label for tp in result.overloaded)
        print()
        print(words.gettext("Overloaded (offered load of 100% or more: the queue grows without limit): {names}",
                            names=names))
    return 0
