"""``journeymap baseline LOG -o baseline.json`` and ``journeymap baseline compare BEFORE.json AFTER.json``."""

from __future__ import annotations

import argparse
import json
import sys

from journeymap.cli.common import add_command, add_json_option, words_for
from journeymap.cli.logs import add_log_options, print_notes, read_log_from
from journeymap.cli.tables import table_text
from journeymap.text import N_, translator


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "baseline")
    words = parser.words
    add_log_options(parser)
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--at", metavar="DATE",
                        help=words.gettext("the date of the baseline (default: the log's last event)"))
    parser.add_argument("--period", default="90 d", metavar="T",
                        help=words.gettext("how soon a customer must come back to count as returning (default 90 d)"))
    parser.add_argument("-o", "--output", metavar="OUT.json", help=words.gettext("write the baseline as JSON"))
    parser.add_argument("--chart", metavar="OUT.png",
                        help=words.gettext("with compare, draw the changes (PNG, SVG, PDF)"))
    add_json_option(parser, N_("print one JSON document instead of a table"))
    parser.set_defaults(func=run)


def _compare(args: argparse.Namespace) -> int:
    from journeymap.evidence.baselines import compare_baselines, load_baseline

    if len(args.files) != 2:
        print(words_for(args).gettext("journeymap baseline compare: error: give two baselines, BEFORE.json "
                                      "AFTER.json"), file=sys.stderr)
        return 2
    before, after = (load_baseline(path) for path in args.files)
    comparison = compare_baselines(before, after)
    if args.chart:
        from journeymap.evidence.plots import save_figure

        save_figure(comparison.plot(), args.chart)
    if args.json:
        print(comparison.table.to_json(orient="records", indent=2, force_ascii=False))
    else:
        print(table_text(comparison.summary()))
    return 0


def run(args: argparse.Namespace) -> int:
    from journeymap.evidence.baselines import baseline

    if args.log == "compare":
        return _compare(args)
    words = words_for(args)
    if args.files:
        print(words.gettext("journeymap baseline: error: unexpected arguments: {arguments}",
                            arguments=" ".join(args.files)), file=sys.stderr)
        return 2
    log = read_log_from(args)
    try:
        result = baseline(log, args.journey, args.map, at=args.at, goals=args.goal or None, period=args.period,
                          language=args.lang)
    except ValueError as exc:
        if type(exc) is not ValueError:
            raise
        print(words.gettext("journeymap baseline: error: {message}", message=exc), file=sys.stderr)
        return 2
    words = translator(args.lang or result.language)
    print_notes(result.notes, args.log, words)
    if args.output:
        path = result.save(args.output)
        print(words.gettext("baseline written to {path}", path=path), file=sys.stderr)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(table_text(result.table()))
    return 0
