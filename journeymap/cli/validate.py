"""``journeymap validate FILE...``: every problem of each file as ``file:line: field: message``.

Warnings are printed too (prefixed ``warning:``), then one summary line per file. The exit status
is 2 when any file has an error, 0 otherwise; a bad file never produces a traceback.
"""

from __future__ import annotations

import argparse

from journeymap.cli.common import add_command, add_lang_option
from journeymap.cli.parser import help_language
from journeymap.io import check


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "validate")
    words = parser.words
    parser.add_argument("files", nargs="+", metavar="FILE", help=words.gettext("journey files in YAML or JSON"))
    parser.add_argument("-q", "--quiet", action="store_true",
                        help=words.gettext("print only the errors and the summaries"))
    parser.add_argument("--strict", action="store_true", help=words.gettext("exit with status 2 on warnings too"))
    add_lang_option(parser, parser.words.gettext("language of the summaries: en or es (default: each journey's)"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    failed = False
    for file in args.files:
        report = check(file)
        for issue in report.issues:
            if issue.is_error or not args.quiet:
                print(issue)
        print(report.summary(args.lang or (None if report.journey is not None else help_language())))
        failed = failed or not report.ok or (args.strict and bool(report.warnings))
    return 2 if failed else 0
