"""The argument types of the commands: text from the command line made into a checked value, or refused in
the reader's language (``journeymap simulate: error: argument --replications: expected a positive whole
number, got 0``). Each takes the command's parser, whose words say the refusal."""

from __future__ import annotations

import math
from collections.abc import Callable

from journeymap.cli.parser import Parser
from journeymap.text import N_

__all__ = ["positive_number", "share", "whole_number"]


def whole_number(parser: Parser, least: int) -> Callable[[str], int]:
    """An argparse type for ``parser``: a whole number of at least ``least`` (1: positive, 0: not negative),
    refused in the reader's language."""

    def read(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise parser.type_error(N_("expected a whole number, got '{text}'"), text=text) from None
        if value < least:
            wanted = (N_("expected a positive whole number, got {value}") if least >= 1 else
                      N_("expected a whole number of at least 0, got {value}"))
            raise parser.type_error(wanted, value=value)
        return value

    return read


def positive_number(parser: Parser, *, most: float | None = None,
                    too_large: str = N_("expected at most {most}, got {text}")) -> Callable[[str], float]:
    """An argparse type for ``parser``: a finite number above zero, and at most ``most`` when given; a larger
    one is refused with ``too_large``, a message id with the placeholders ``{most}`` and ``{text}`` (the place
    to say why the limit is there and what to do instead)."""

    def read(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise parser.type_error(N_("expected a number, got '{text}'"), text=text) from None
        if not math.isfinite(value) or value <= 0:
            raise parser.type_error(N_("expected a positive number, got {text}"), text=text)
        if most is not None and value > most:
            raise parser.type_error(too_large, most=format(most, "g"), text=text)
        return value

    return read


def share(parser: Parser) -> Callable[[str], float]:
    """An argparse type for ``parser``: a share above 0 and below 1, as ``0.05`` or ``5%``."""

    def read(text: str) -> float:
        try:
            value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
        except ValueError:
            raise parser.type_error(N_("expected a share such as 0.05 or 5%, got '{text}'"), text=text) from None
        if not 0 < value < 1:
            raise parser.type_error(N_("expected a share between 0 and 1 (exclusive), got {text}"), text=text)
        return value

    return read
