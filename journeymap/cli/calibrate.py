"""``journeymap calibrate LOG``: a journey whose numbers come from an event log, with its evidence and back-test."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from journeymap.cli.argtypes import whole_number
from journeymap.cli.common import add_command, add_json_option
from journeymap.cli.logs import add_log_options, print_notes, read_log_from
from journeymap.cli.tables import table_text
from journeymap.text import translator


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "calibrate")
    words = parser.words
    add_log_options(parser)
    parser.add_argument("-o", "--output", metavar="OUT.yaml",
                        help=words.gettext("write the calibrated journey (YAML or JSON)"))
    parser.add_argument("--check", action="store_true",
                        help=words.gettext("back-test: simulate over the log's span and compare"))
    parser.add_argument("--replications", type=whole_number(parser, 1), default=20, metavar="R",
                        help=words.gettext("replications of the back-test (default 20)"))
    parser.add_argument("--seed", type=whole_number(parser, 0), default=0, metavar="S",
                        help=words.gettext("random seed of the back-test (default 0)"))
    parser.add_argument("--chart", metavar="OUT.png",
                        help=words.gettext("with --check, draw the back-test chart (PNG, SVG, PDF)"))
    add_json_option(parser)
    parser.set_defaults(func=run)


def _records(frame: Any) -> list[dict[str, Any]]:
    import math

    return [{k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in row.items()}
            for row in frame.to_dict(orient="records")]


def run(args: argparse.Namespace) -> int:
    from journeymap.evidence import calibrate

    log = read_log_from(args)
    calibration = calibrate(log, args.journey, args.map, goals=args.goal or None, language=args.lang)
    language = args.lang or calibration.journey.language
    words = translator(language)
    print_notes(calibration.notes, args.log, words)
    if args.output:
        path = calibration.save(args.output)
        print(words.gettext("calibrated journey written to {path}", path=path), file=sys.stderr)
    check = calibration.check(replications=args.replications, seed=args.seed) if args.check else None
    if check is not None and args.chart:
        from journeymap.evidence.plots import save_figure

        save_figure(check.plot(), args.chart)
    if args.json:
        document: dict[str, Any] = {"evidence": _records(calibration.evidence), "notes": calibration.notes}
        if check is not None:
            document["check"] = _records(check.figures)
        print(json.dumps(document, indent=2, ensure_ascii=False, default=str))
        return 0
    print(table_text(calibration.summary()))
    if check is not None:
        print()
        print(table_text(check.table()))
    return 0
