"""The command table (one help line and description per command and step, in the overview's order) and the
argument types the commands share, refusing bad values in the reader's language."""

from __future__ import annotations

import argparse

import pytest

from journeymap.cli import build_parser
from journeymap.cli.argtypes import positive_number
from journeymap.cli.commands import COMMANDS, top_level
from journeymap.cli.parser import Parser
from journeymap.text import N_, translator


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The sub-parsers of ``parser`` by name, in the order it lists them."""
    return {name: sub for action in parser._subparsers._group_actions  # type: ignore[union-attr]
            for name, sub in action.choices.items()}  # type: ignore[union-attr]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_command_and_step_takes_its_texts_from_the_table(language: str) -> None:
    words = translator(language)
    parser = build_parser(language)
    commands = _commands(parser)
    assert tuple(commands) == top_level()
    listed = {action.dest: action.help for action in parser._subparsers._group_actions[0]._choices_actions}
    found = set()
    for name, command in commands.items():
        assert listed[name] == words.gettext(COMMANDS[name].help).replace("%", "%%"), name
        assert command.description == words.gettext(COMMANDS[name].description), name
        found.add(name)
        if command._subparsers is not None:
            for step, sub in _commands(command).items():
                assert sub.description == words.gettext(COMMANDS[f"{name} {step}"].description)
                found.add(f"{name} {step}")
    assert found == set(COMMANDS)


def test_the_overview_lists_the_commands_in_the_tables_order(capsys: pytest.CaptureFixture[str]) -> None:
    build_parser("en").print_help()
    text = capsys.readouterr().out
    places = [text.index(f"\n    {name} ") if f"\n    {name} " in text else text.index(f"\n    {name}\n")
              for name in top_level()]
    assert places == sorted(places)
    assert "\n    simulate  simulate customer flows: waits, abandonment" in text


def _refusal(read: object, text: str) -> str:
    with pytest.raises(argparse.ArgumentTypeError) as refused:
        read(text)  # type: ignore[operator]
    return str(refused.value)


def test_a_positive_number_is_finite_above_zero_and_within_its_bound() -> None:
    parser = Parser(prog="x", words=translator("en"))
    read = positive_number(parser)
    assert read("2.5") == 2.5
    assert read("1e9") == 1e9
    assert _refusal(read, "abc") == "expected a number, got 'abc'"
    for text in ("0", "-3", "inf", "nan"):
        assert _refusal(read, text) == f"expected a positive number, got {text}"
    bounded = positive_number(parser, most=300)
    assert bounded("300") == 300
    assert _refusal(bounded, "300.5") == "expected at most 300, got 300.5"
    assert _refusal(bounded, "-1") == "expected a positive number, got -1"
    why = positive_number(parser, most=1.5, too_large=N_("expected at most {most} (print needs 300), got {text}; "
                                                         "for larger posters use SVG or PDF, which scale without "
                                                         "loss"))
    assert _refusal(why, "2").startswith("expected at most 1.5 (print needs 300), got 2; for larger posters")


def test_a_positive_number_is_refused_in_the_readers_language() -> None:
    parser = Parser(prog="x", words=translator("es"))
    assert _refusal(positive_number(parser), "0") == "se esperaba un número positivo, se recibió 0"
    assert _refusal(positive_number(parser, most=600), "700") == "se esperaba como máximo 600, se recibió 700"
