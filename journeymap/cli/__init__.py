"""The ``journeymap`` command: a thin front end over the public API.

The commands, their help lines and descriptions are listed in :data:`~journeymap.cli.commands.COMMANDS`. Each
lives in its own module ``journeymap/cli/<name>.py`` exposing ``add_parser(subparsers)``, which registers the
command with its options and sets ``func`` to a ``run(args) -> int``.

Errors a user can fix (every :class:`~journeymap.errors.JourneyError`: a bad file, an unknown name,
a bad unit, an impossible change; a missing file; any :class:`OSError` on writing, named by the output
path) are printed as one clear message each and exit with status 2, never as a traceback. SIGTERM or
SIGHUP during a write removes the temporary file before the command exits (status 143 or 129).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from journeymap.cli.commands import COMMANDS, top_level
from journeymap.cli.common import use_study
from journeymap.cli.parser import Parser, help_language
from journeymap.errors import JourneyError
from journeymap.io.atomic import cleanup_on_termination, write_failure
from journeymap.text import Translator, translator

__all__ = ["COMMANDS", "build_parser", "main"]


def build_parser(language: str | None = None) -> Parser:
    """The argument parser with every sub-command that is installed, its help in ``language`` (by default
    the environment's: see :func:`~journeymap.cli.parser.help_language`)."""
    from journeymap import __version__

    words = translator(language or help_language())
    parser = Parser(prog="journeymap", words=words,
                    description=words.gettext("Map, draw, simulate and prioritise a customer service cycle."))
    parser.add_argument("--version", action="version", version=f"journeymap {__version__}",
                        help=words.gettext("show the version and exit"))
    subparsers = parser.add_subparsers(dest="command", metavar=words.gettext("COMMAND"))
    for name in top_level():
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
    words = parser.words
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        with cleanup_on_termination():
            use_study(args)  # a study folder where a journey file is expected: its journey and inputs
            return int(args.func(args) or 0)
    except JourneyError as exc:  # every error a user can fix: NotFound, EditError, UnitError, ScenarioError...
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file that cannot be read or written (missing, full disk, a file in the way...)
        print(words.gettext("journeymap: error: {message}", message=_file_problem(exc, words)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(words.gettext("journeymap: interrupted"), file=sys.stderr)
        return 130


def _file_problem(exc: OSError, words: Translator) -> str:
    """What went wrong with a file, in the reader's language (the system's own words say it in English); a
    failed write, or a problem without a simple wording, as :func:`~journeymap.io.atomic.write_failure` says it."""
    if exc.filename is None or getattr(exc, "output", False) or not isinstance(
            exc, FileNotFoundError | IsADirectoryError | PermissionError):
        return write_failure(exc)
    if isinstance(exc, FileNotFoundError):
        return words.gettext("{file}: no such file", file=exc.filename)
    if isinstance(exc, IsADirectoryError):
        return words.gettext("{file} is a folder, not a file", file=exc.filename)
    return words.gettext("not allowed to read or write {file}", file=exc.filename)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
