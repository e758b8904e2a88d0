"""What the commands share: languages, reading the journey, files beside it, the run options (the argument
types are :mod:`journeymap.cli.argtypes`'s)."""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from journeymap.cli.argtypes import positive_number, share, whole_number
from journeymap.cli.commands import COMMANDS
from journeymap.cli.outputs import Output, check_outputs
from journeymap.cli.parser import Parser, help_language
from journeymap.errors import JourneyError
from journeymap.text import LANGUAGES, N_, Translator, translator

__all__ = ["add_command", "add_journey_argument", "add_json_option", "add_lang_option", "add_run_options",
           "add_steps", "beside", "load_journey", "open_journey", "open_journey_and", "output_language",
           "positive_number", "refusing", "run_settings_from", "running", "share", "use_study", "warnings_printed",
           "whole_number", "words_for"]

STUDY_INPUTS: tuple[str, ...] = ("scenarios", "interventions", "responses", "log")
"""The options a study folder fills in when a command has them and they were not given."""


def add_command(subparsers: argparse._SubParsersAction, name: str, *, journey: bool = False) -> Parser:
    """Register the command ``name`` (a step as ``"survey plan"``) and return its parser, with its help line and
    description from :data:`~journeymap.cli.commands.COMMANDS` in the reader's language. ``journey`` adds the
    positional ``file`` it reads (:func:`add_journey_argument`)."""
    words = subparsers.words  # type: ignore[attr-defined]
    texts = COMMANDS[name]
    parser: Parser = subparsers.add_parser(name.split()[-1], help=words.gettext(texts.help),
                                           description=words.gettext(texts.description))
    if journey:
        add_journey_argument(parser)
    return parser


def add_steps(parser: Parser, dest: str) -> Any:
    """The steps of a command (``survey design``, ``study init``...): the sub-parsers to add them to with
    :func:`add_command`, the chosen one's name in ``args.<dest>``; the command without a step prints its help
    and exits with status 2."""
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])
    return parser.add_subparsers(dest=dest, metavar=parser.words.gettext("STEP"))


def add_journey_argument(parser: Parser) -> None:
    """The positional ``file``: the journey the command reads (or a study folder: see :func:`use_study`)."""
    parser.add_argument("file", help=parser.words.gettext("a journey in YAML or JSON"))


def add_json_option(parser: Parser, what: str = N_("print one JSON document instead of tables")) -> None:
    """``--json``: print one JSON document instead of the tables for people (``what`` is its help's message id)."""
    parser.add_argument("--json", action="store_true", help=parser.words.gettext(what))


def add_lang_option(parser: Parser, what: str | None = None) -> None:
    """``--lang es|en``: the language of the command's output (by default the journey's)."""
    words = parser.words
    parser.add_argument("--lang", choices=LANGUAGES, metavar="{en,es}",
                        help=what or words.gettext("language of the output: en or es (default: the journey's)"))


def output_language(args: argparse.Namespace, journey: Any = None) -> str:
    """The language a command writes in: ``--lang`` when given, else the journey's, else the help's."""
    given = getattr(args, "lang", None)
    if given:
        return str(given)
    if journey is not None:
        return str(journey.language)
    return help_language()


def words_for(args: argparse.Namespace, journey: Any = None) -> Translator:
    """The words of :func:`output_language`."""
    return translator(output_language(args, journey))


def use_study(args: argparse.Namespace) -> None:
    """When a command's journey ``file`` (or, for the commands that read an event log, its ``log``) is a
    study folder (:mod:`journeymap.io.study`), read its parts: ``args.file`` becomes the study's journey
    (``args.log`` its newest event log, and ``args.journey`` its journey), ``args.study`` the
    :class:`~journeymap.io.study.Study`, and each of :data:`STUDY_INPUTS` the command takes but was not
    given is filled from the folder (its scenarios, interventions, newest survey answers and event log).
    Every command goes through here once (``journeymap.cli.main``), so each takes a study folder wherever
    it takes a journey file."""
    from journeymap.io.study import JOURNEY_FILES, open_study

    file, log = getattr(args, "file", None), getattr(args, "log", None)
    if isinstance(file, str) and Path(file).is_dir():
        study = open_study(file)
        args.file = str(study.journey)
    elif isinstance(log, str) and any((Path(log) / name).is_file() for name in JOURNEY_FILES):
        study = open_study(log)  # a folder of Parquet partitions holds no journey: it stays a log
        if study.log is None:
            raise JourneyError(f"{study.root}: the study has no event log in logs/ (CSV, Parquet, XES)")
        args.log = str(study.log)
        if hasattr(args, "journey") and args.journey is None:
            args.journey = str(study.journey)
    else:
        return
    args.study = study
    found = {"scenarios": study.scenarios, "interventions": study.interventions, "responses": study.response,
             "log": study.log}
    for option in STUDY_INPUTS:
        if hasattr(args, option) and getattr(args, option) is None and found[option] is not None:
            setattr(args, option, str(found[option]))


def load_journey(file: str) -> Any:
    """The journey in ``file`` with its warnings printed; ``None`` (errors printed) when it is invalid."""
    from journeymap.io import check

    report = check(file)
    for issue in report.warnings:
        print(issue, file=sys.stderr)
    if not report.ok or report.journey is None:
        for issue in report.errors:
            print(issue, file=sys.stderr)
        return None
    return report.journey


def open_journey(args: argparse.Namespace, command: str, outputs: Iterable[Output] = (),
                 inputs: Iterable[str | None] = ()) -> tuple[Any, str, Translator]:
    """What a command that reads a journey does first: check the files it is asked to write against its
    inputs (``args.file`` and ``inputs``), read the journey with its warnings printed, and pick the language
    of the output. Returns ``(journey, language, words)``; raises a
    :class:`~journeymap.errors.JourneyError` (printed by the dispatcher, exit status 2) on a bad output or
    an invalid journey."""
    from journeymap.io import check

    problem = check_outputs(command, [args.file, *inputs], outputs, language=getattr(args, "lang", None))
    if problem:
        raise JourneyError(problem)
    report = check(args.file)
    for issue in report.warnings:
        print(issue, file=sys.stderr)
    if not report.ok or report.journey is None:
        raise JourneyError(report.errors)
    journey = report.journey
    language = output_language(args, journey)
    return journey, language, translator(language)


def open_journey_and(args: argparse.Namespace, command: str, kind: str,
                     outputs: Iterable[Output] = ()) -> tuple[Any, str, Translator, str]:
    """:func:`open_journey` for a command that also reads a file about the journey: the one given as
    ``--<kind>`` (checked against the outputs with the journey), else the one beside it (:func:`beside`).
    Returns ``(journey, language, words, that file)``."""
    given = getattr(args, kind)
    journey, language, words = open_journey(args, command, outputs, [given])
    return journey, language, words, beside(args.file, given, kind, words)


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


def beside(file: str, option: str | None, kind: str, words: Translator) -> str:
    """The file given for ``--<kind>``, else ``<journey stem>.<kind>.yaml`` next to the journey."""
    if option:
        return option
    source = Path(file)
    default = source.with_name(f"{source.name.split('.')[0]}.{kind}.yaml")
    if default.exists():
        return str(default)
    raise FileNotFoundError(words.gettext("give --{kind} FILE (there is no {file} next to the journey)", kind=kind,
                                          file=default))


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
