"""What the commands share: registering a command, the language of its output, reading the journey (or a study
folder) and the files beside it. The argument types are :mod:`journeymap.cli.argtypes`'s, the simulation
options :mod:`journeymap.cli.runs`'."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from journeymap.cli.commands import COMMANDS
from journeymap.cli.outputs import Output, check_outputs
from journeymap.cli.parser import Parser, help_language
from journeymap.errors import JourneyError
from journeymap.text import LANGUAGES, N_, Translator, translator

__all__ = ["add_beside_option", "add_command", "add_journey_argument", "add_json_option", "add_lang_option",
           "add_steps", "beside", "open_journey", "open_journey_and", "output_language", "use_study", "words_for"]

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


BESIDE_HELP: dict[str, str] = {
    "scenarios": N_("the scenarios file (default: <journey>.scenarios.yaml next to the journey)"),
    "interventions": N_("the interventions file (default: <journey>.interventions.yaml next to the journey)"),
}
"""The help of ``--<kind>``, a file about the journey found beside it when not given (see :func:`beside`)."""


def add_beside_option(parser: Parser, kind: str, metavar: str) -> None:
    """``--<kind> FILE``: a file about the journey (``scenarios``, ``interventions``), by default the one beside
    it; :func:`open_journey_and` reads it back."""
    parser.add_argument(f"--{kind}", metavar=metavar, help=parser.words.gettext(BESIDE_HELP[kind]))


def open_journey_and(args: argparse.Namespace, command: str, kind: str,
                     outputs: Iterable[Output] = ()) -> tuple[Any, str, Translator, str]:
    """:func:`open_journey` for a command that also reads a file about the journey: the one given as
    ``--<kind>`` (checked against the outputs with the journey), else the one beside it (:func:`beside`).
    Returns ``(journey, language, words, that file)``."""
    given = getattr(args, kind)
    journey, language, words = open_journey(args, command, outputs, [given])
    return journey, language, words, beside(args.file, given, kind, words)


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
