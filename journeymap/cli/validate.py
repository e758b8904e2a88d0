"""``journeymap validate FILE...``: every problem of each file as ``file:line: field: message``.

Warnings are printed too (prefixed ``warning:``), then one summary line per file. The exit status
is 2 when any file has an error, 0 otherwise; a bad file never produces a traceback.
"""

from __future__ import annotations

import argparse

from journeymap.io import check


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check journey files and list every problem with its line",
        description="Check journey files (YAML or JSON): structure, types, units, routing and references.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="journey files in YAML or JSON")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the errors and the summaries")
    parser.add_argument("--strict", action="store_true", help="exit with status 2 on warnings too")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    failed = False
    for file in args.files:
        report = check(file)
        for issue in report.issues:
            if issue.is_error or not args.quiet:
                print(issue)
        print(report.summary())
        failed = failed or not report.ok or (args.strict and bool(report.warnings))
    return 2 if failed else 0
