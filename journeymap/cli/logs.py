"""The options every command that reads an event log shares: the log, the columns, the journey and mapping."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from journeymap.cli.parser import Parser
from journeymap.text import LANGUAGES, N_, Translator

ROLES = {
    "case": N_("the column that holds the case"),
    "activity": N_("the column that holds the activity"),
    "timestamp": N_("the column that holds the timestamp"),
    "start": N_("the column that holds the start"),
    "resource": N_("the column that holds the resource"),
    "customer": N_("the column that holds the customer"),
}
"""The columns of a log that ``--<role> COLUMN`` names, with their help."""


def add_log_options(parser: Parser) -> None:
    """``LOG`` plus ``--case --activity --timestamp --start --resource --customer --cost --timezone``,
    ``--journey --map --goal --lang``."""
    words = parser.words
    parser.add_argument("log", help=words.gettext("the event log: CSV, Parquet (a file or a folder of partitions), "
                                                  "XES or XES.gz"))
    columns = parser.add_argument_group(words.gettext("columns of the log (default: the process-mining names)"))
    for role in ROLES:
        columns.add_argument(f"--{role}", metavar="COLUMN", help=words.gettext(ROLES[role]))
    columns.add_argument("--cost", metavar="COLUMN", help=words.gettext("the column that holds each event's cost"))
    columns.add_argument("--timezone", metavar="ZONE",
                         help=words.gettext("zone of times written without one, and of clock times (e.g. "
                                            "Europe/Madrid)"))
    parser.add_argument("--journey", metavar="FILE",
                        help=words.gettext("the journey to calibrate (default: one drafted from the log)"))
    parser.add_argument("--map", metavar="MAP", help=words.gettext("activity -> touchpoint id (YAML, JSON or CSV)"))
    parser.add_argument("--goal", action="append", metavar="NAME",
                        help=words.gettext("a goal activity or touchpoint (repeat for several)"))
    parser.add_argument("--lang", choices=LANGUAGES, metavar="{en,es}",
                        help=words.gettext("language of a drafted journey and of the output (default: the journey's, "
                                           "else en)"))


def read_log_from(args: argparse.Namespace) -> Any:
    """The log named by the options, read with the columns they name."""
    from journeymap.evidence import read_log

    columns = {role: getattr(args, role) for role in (*ROLES, "cost") if getattr(args, role)}
    return read_log(args.log, timezone=args.timezone, **columns)


def print_notes(notes: list[str], source: str, words: Translator) -> None:
    """Each note of the reader and the estimator on stderr, as ``LOG: note: ...``."""
    for note in notes:
        print(words.gettext("{file}: note: {message}", file=source, message=note), file=sys.stderr)
