"""The simulation a command runs: the options that say how much to simulate and where, the
:class:`~journeymap.simulation.RunSettings` they ask for, and the block that does the work, printing its
warnings as they come and saying a library's refusal as the command's error."""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import warnings
from collections.abc import Iterator
from typing import Any

from journeymap.cli.argtypes import share, whole_number
from journeymap.cli.parser import Parser
from journeymap.errors import JourneyError
from journeymap.text import Translator

__all__ = ["add_run_options", "named", "refusing", "run_settings_from", "running", "warnings_printed"]


def add_run_options(parser: Parser, *, replications: int = 20, meaning: str | None = None,
                    precision: bool = False) -> None:
    """The options that say how much to simulate and where (read back by :func:`run_settings_from`);
    ``precision`` adds ``--precision`` (sequential stopping, for a single journey)."""
    words = parser.words
    stop = parser.add_mutually_exclusive_group()
    stop.add_argument("--customers", type=whole_number(parser, 1), metavar="N",
                      help=words.gettext("follow the first N customers who arrive after the warm-up until every one "
                                         "has left the cycle (default 10,000; a journey with a horizon runs one "
                                         "working day instead)"))
    stop.add_argument("--until", metavar="T",
                      help=words.gettext("each replication stops at time T, e.g. '8 h' or '30 d' (figures per "
                                         "customer cover those who left; the share still inside is reported)"))
    parser.add_argument("--warmup", default="auto", metavar="T",
                        help=words.gettext("leave out customers who arrived before T, e.g. '2 h'; 'auto' (the "
                                           "default) detects it (MSER-5 and the queues' relaxation times) and "
                                           "reports it"))
    parser.add_argument("--replications", type=whole_number(parser, 1), default=replications, metavar="R",
                        help=words.gettext("{meaning} (default {n})", n=replications,
                                           meaning=meaning or words.gettext("paired replications per scenario")))
    if precision:
        parser.add_argument("--precision", type=share(parser), metavar="P",
                            help=words.gettext("add replications until every headline figure's 95% interval is "
                                               "within P of its mean, e.g. 0.05 or 5% (at most 200 replications)"))
    parser.add_argument("--max-events", type=whole_number(parser, 1), metavar="N", dest="max_events",
                        help=words.gettext("the run's budget in visits to touchpoints (default 100,000,000, about "
                                           "ten minutes of work on one core): a run estimated above it is refused"))
    parser.add_argument("--seed", type=whole_number(parser, 0), default=0, metavar="S",
                        help=words.gettext("random seed (default 0)"))
    parser.add_argument("--workers", type=whole_number(parser, 1), metavar="W",
                        help=words.gettext("worker processes (default: all cores; 1 runs everything in this "
                                           "process)"))


def run_settings_from(args: argparse.Namespace, *, events: bool | str = False) -> Any:
    """The :class:`~journeymap.simulation.RunSettings` the run options ask for: on ``--workers``
    processes (every core by default), with a progress bar when stderr is a terminal."""
    from journeymap.simulation import DEFAULT_MAX_EVENTS, ProgressBar, RunSettings

    return RunSettings(customers=args.customers, until=args.until, warmup=args.warmup,
                       replications=args.replications, seed=args.seed, events=events,
                       precision=getattr(args, "precision", None), max_events=args.max_events or DEFAULT_MAX_EVENTS,
                       executor=args.workers or "processes", progress=ProgressBar(args.command, terminal_only=True))



@contextlib.contextmanager
def refusing(command: str, words: Translator) -> Iterator[None]:
    """Refuse a plain ``ValueError`` or a ``KeyError`` raised inside the block (a library saying no to the
    command's input) as a :class:`~journeymap.errors.JourneyError` saying ``journeymap COMMAND: error: ...``
    in ``words``' language; journeymap's own errors (``JourneyError``, ``UnitError``...) go on as they are.
    The dispatcher prints each of their issues and exits with status 2."""
    try:
        yield
    except (ValueError, KeyError) as exc:
        if isinstance(exc, ValueError) and type(exc) is not ValueError:
            raise
        raise JourneyError(words.gettext("{prog}: error: {message}", prog=f"journeymap {command}",
                                         message=exc.args[0] if exc.args else exc)) from None


@contextlib.contextmanager
def running(command: str, file: str, journey: Any, words: Translator) -> Iterator[None]:
    """The block that does a command's work on ``journey``: its warnings printed as they are raised
    (:func:`warnings_printed`), a library's refusal said as the command's error (:func:`refusing`)."""
    with warnings_printed(file, journey, words), refusing(command, words):
        yield


def named(message: str, journey: Any) -> str:
    """``message`` with each quoted touchpoint or stage id of ``journey`` replaced by its quoted name, so a
    warning raised with ids (for code) reads with the names people gave: ``'call'`` → ``'Calls the line'``."""
    names = {tp.id: tp.name for tp in journey.touchpoints} | {stage.id: stage.name for stage in journey.stages}
    return re.sub(r"'([^'\s]+)'", lambda found: f"'{names.get(found[1], found[1])}'", message)


@contextlib.contextmanager
def warnings_printed(file: str, journey: Any, words: Translator) -> Iterator[None]:
    """Print every warning raised inside the block on stderr the moment it is raised (a warning about a
    long run comes before the run, not after it), one line each, prefixed with the journey's file and with
    its touchpoints and stages called by their names."""
    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int, handle: Any = None,
             line: str | None = None) -> None:
        print(words.gettext("{file}: warning: {message}", file=file, message=named(str(message), journey)),
              file=sys.stderr, flush=True)

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = show
        yield
