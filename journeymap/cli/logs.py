"""The options every command that reads an event log shares: the log, the columns, the journey and mapping."""

from __future__ import annotations

import argparse
import sys
from typing import Any

ROLES = ("case", "activity", "timestamp", "start", "resource", "customer")


def add_log_options(parser: argparse.ArgumentParser) -> None:
    """``LOG`` plus ``--case --activity --timestamp --start --resource --customer --cost --timezone``,
    ``--journey --map --goal --lang``."""
    parser.add_argument("log", help="the event log: CSV, Parquet (a file or a folder of partitions), XES or XES.gz")
    columns = parser.add_argument_group("columns of the log (default: the process-mining names)")
    for role in ROLES:
        columns.add_argument(f"--{role}", metavar="COLUMN", help=f"the column that holds the {role}")
    columns.add_argument("--cost", metavar="COLUMN", help="the column that holds each event's cost")
    columns.add_argument("--timezone", metavar="ZONE",
                         help="zone of times written without one, and of clock times (e.g. Europe/Madrid)")
    parser.add_argument("--journey", metavar="FILE",
                        help="the journey to calibrate (default: one drafted from the log)")
    parser.add_argument("--map", metavar="MAP", help="activity -> touchpoint id (YAML, JSON or CSV)")
    parser.add_argument("--goal", action="append", metavar="NAME",
                        help="a goal activity or touchpoint (repeat for several)")
    parser.add_argument("--lang", choices=("en", "es"), help="language of a drafted journey (default en)")


def read_log_from(args: argparse.Namespace) -> Any:
    """The log named by the options, read with the columns they name."""
    from journeymap.evidence import read_log

    columns = {role: getattr(args, role) for role in (*ROLES, "cost") if getattr(args, role)}
    return read_log(args.log, timezone=args.timezone, **columns)


def print_notes(notes: list[str], source: str) -> None:
    """Each note of the reader and the estimator on stderr, as ``LOG: note: ...``."""
    for note in notes:
        print(f"{source}: note: {note}", file=sys.stderr)
