"""The command line's parser in the reader's language: help, usage and argparse's own errors.

Python's :mod:`argparse` speaks English through the process-wide gettext domain; journeymap does not
touch that global. Instead every parser of the ``journeymap`` command is a :class:`Parser` holding a
:class:`~journeymap.text.Translator`: its section titles, usage line, ``--help`` line and error
messages come from journeymap's catalogue, and the help texts it is given are shown as written
(a ``%`` in them is a percent sign, never an argparse placeholder, so ``95%`` never prints as ``95%%``).

The language of the help is that of the environment (:func:`help_language`: Spanish when ``LANG``
starts with ``es``); the output of a command follows the journey's language unless ``--lang`` says
otherwise (see :func:`journeymap.cli.common.output_language`).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

from journeymap.text import N_, Translator, language_of, translator

__all__ = ["Parser", "help_language", "translated_error"]


def help_language(environment: Mapping[str, str] | None = None) -> str:
    """The language of ``--help`` and of commands that read no journey: Spanish when ``LANG`` starts with
    ``es`` (``es_ES.UTF-8``, ``es_MX``), English otherwise."""
    environment = os.environ if environment is None else environment
    return language_of(environment.get("LANG"))


_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"the following arguments are required: (?P<names>.+)"),
     N_("the following arguments are required: {names}")),
    (re.compile(r"unrecognized arguments: (?P<names>.+)"), N_("unrecognized arguments: {names}")),
    (re.compile(r"one of the arguments (?P<names>.+) is required"), N_("one of the arguments {names} is required")),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)"),
     N_("ambiguous option: {option} could match {matches}")),
    (re.compile(r"argument (?P<name>\S+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)"),
     N_("argument {name}: invalid choice: {value} (choose from {choices})")),
    (re.compile(r"argument (?P<name>\S+): expected one argument"), N_("argument {name}: expected one value")),
    (re.compile(r"argument (?P<name>\S+): expected at least one argument"),
     N_("argument {name}: expected at least one value")),
    (re.compile(r"argument (?P<name>\S+): not allowed with argument (?P<other>\S+)"),
     N_("argument {name}: not allowed with argument {other}")),
    (re.compile(r"argument (?P<name>\S+): invalid (?P<type>\w+) value: (?P<value>.+)"),
     N_("argument {name}: invalid value {value}")),
    (re.compile(r"argument (?P<name>\S+): (?P<message>.+)", re.DOTALL), N_("argument {name}: {message}")),
)
"""argparse's own error messages, recognised in English and said again in the reader's language (the
message of an argument's type is already in it: see :meth:`Parser.type_error`)."""


def translated_error(message: str, words: Translator) -> str:
    """An argparse error message in ``words``' language (unchanged when it is not one argparse writes)."""
    for pattern, msgid in _ARGPARSE_ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return words.gettext(msgid, **match.groupdict())
    return message


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter with the usage line's prefix in the reader's language."""

    def __init__(self, prog: str, words: Translator) -> None:
        super().__init__(prog, max_help_position=32)
        self._words = words

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else self._words.gettext("usage: "))


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Sub-commands whose parsers speak the language of the parent and show their help as written."""

    def __init__(self, *args: Any, words: Translator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.words = words
        """The words of the parent parser, which its commands speak too."""

    def add_parser(self, name: str, **kwargs: Any) -> Parser:  # type: ignore[override]
        if "help" in kwargs:
            kwargs["help"] = _shown(kwargs["help"])
        kwargs.setdefault("words", self.words)
        return super().add_parser(name, **kwargs)  # type: ignore[no-any-return]


def _shown(text: str | None) -> str | None:
    """Help text as argparse must be given it to print it as written (its ``%`` doubled)."""
    return text.replace("%", "%%") if isinstance(text, str) else text


def _as_written(add_argument: Callable[..., argparse.Action]) -> Callable[..., argparse.Action]:
    """``add_argument`` of a group, with its help shown as written."""

    def add(*names: Any, **options: Any) -> argparse.Action:
        options["help"] = _shown(options.get("help"))
        return add_argument(*names, **options)

    return add


class Parser(argparse.ArgumentParser):
    """An argument parser whose words (titles, usage, ``--help``, errors) are in ``words``' language, and
    whose help texts are printed as written."""

    def __init__(self, *args: Any, words: Translator | None = None, **kwargs: Any) -> None:
        self.words = words or translator(help_language())
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", argparse.HelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self.register("action", "parsers", _Commands)
        self._positionals.title = self.words.gettext("positional arguments")
        self._optionals.title = self.words.gettext("options")
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help=self.words.gettext("show this help message and exit"))

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        kwargs["help"] = _shown(kwargs.get("help"))
        return super().add_argument(*args, **kwargs)

    def add_argument_group(self, *args: Any, **kwargs: Any) -> Any:
        group = super().add_argument_group(*args, **kwargs)
        group.add_argument = _as_written(group.add_argument)
        return group

    def add_mutually_exclusive_group(self, **kwargs: Any) -> Any:
        group = super().add_mutually_exclusive_group(**kwargs)
        group.add_argument = _as_written(group.add_argument)
        return group

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("words", self.words)
        return super().add_subparsers(**kwargs)

    def _get_formatter(self) -> argparse.HelpFormatter:
        return _Formatter(self.prog, self.words)

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error in the reader's language, and exit with status 2."""
        self.print_usage(sys.stderr)
        self.exit(2, self.words.gettext("{prog}: error: {message}", prog=self.prog,
                                        message=translated_error(message, self.words)) + "\n")

    def type_error(self, msgid: str, **values: Any) -> argparse.ArgumentTypeError:
        """The error an argument's type raises, in the reader's language (``msgid`` marked with ``N_``)."""
        return argparse.ArgumentTypeError(self.words.gettext(msgid, **values))
