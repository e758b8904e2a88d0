"""Words and numbers on charts: text matplotlib draws exactly as written, and axis numbers in the reader's
language.

Every label journeymap gives matplotlib (titles, axis titles, tick labels, point labels, legends) goes
through :func:`literal`, so a name is drawn as it is written: ``Refund $5 or $10`` shows both dollar
signs and ``$\\frac{1}{0$`` is text, never mathematics that fails to parse. Axis numbers go through
:func:`axis_numbers`, so a Spanish chart shows ``0,5`` and ``1.000`` like its tables::

    >>> literal("Refund $5 or $10")
    'Refund \\\\$5 or \\\\$10'
    >>> literal("Returns\\rdesk")
    'Returns desk'
    >>> numbers = axis_numbers("es")
    >>> numbers(0.5, 0), numbers(1500.0, 1), numbers(-2.0, 2)
    ('0,5', '1.500', '-2')

Nothing here imports matplotlib: :func:`axis_numbers` gives a plain function, which
``ax.xaxis.set_major_formatter`` accepts as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from journeymap.text.languages import DEFAULT_LANGUAGE
from journeymap.text.numbers import number, signed

__all__ = ["TICK_DIGITS", "axis_numbers", "literal"]

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")

TICK_DIGITS = 4
"""Significant digits of an axis number: enough to tell apart the round steps matplotlib chooses."""


def literal(text: object) -> str:
    """``text`` as matplotlib must be given it to draw it literally: each ``$`` escaped, so that no
    pair of dollar signs ever starts mathematics (matplotlib draws ``\\$`` as ``$``), and each control
    character but the line break a space (no font has a glyph for a carriage return)."""
    return _CONTROL.sub(" ", str(text)).replace("$", r"\$")


def axis_numbers(language: str = DEFAULT_LANGUAGE, *, scale: float = 1.0, sign: bool = False,
                 digits: int = TICK_DIGITS) -> Callable[[float, int | None], str]:
    """A tick formatter: each axis value (times ``scale``) written with the locale's separators and its
    minus sign, and with a ``+`` above zero when ``sign`` (an axis of changes)."""

    def write(value: float, position: int | None = None) -> str:
        shown = value * scale
        text = number(abs(shown), language, digits=digits)
        if not sign and shown > 0:
            return text
        return signed(text, shown, language)

    return write
