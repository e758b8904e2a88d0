"""The ``journeymap`` command: a thin front end over the public API.

Each sub-command lives in its own module ``journeymap/cli/<name>.py`` exposing
``add_parser(subparsers)``, which registers the command and sets ``func`` to a ``run(args) -> int``.
Errors a user can fix (every :class:`~journeymap.errors.JourneyError`: a bad file, an unknown name,
a bad unit, an impossible change; a missing file; any :class:`OSError` on writing, named by the output
path) are printed as one clear message each and exit with status 2, never as a traceback. SIGTERM or
SIGHUP during a write removes the temporary file before the command exits (status 143 or 129).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from journeymap.errors import JourneyError
from journeymap.io.atomic import cleanup_on_termination, write_failure

COMMANDS = ("validate", "info", "schema", "templates", "new", "render", "simulate", "compare", "quickwins",
            "calibrate", "baseline", "survey")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command that is installed."""
    from journeymap import __version__

    parser = argparse.ArgumentParser(
        prog="journeymap",
        description="Map, draw, simulate and prioritise a customer service cycle.",
    )
    parser.add_argument("--version", action="version", version=f"journeymap {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"journeymap.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"journeymap.cli.{name}":
                continue  # a command whose module is not written yet
            raise
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 invalid input, 1 failure)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        with cleanup_on_termination():
            return int(args.func(args) or 0)
    except JourneyError as exc:  # every error a user can fix: NotFound, EditError, UnitError, ScenarioError...
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file that cannot be written (full disk, name too long, a file in the way...)
        print(f"journeymap: error: {write_failure(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("journeymap: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
