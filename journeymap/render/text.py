"""People's text made safe for Graphviz HTML-like labels, wrapped, and measured.

Names, owners and requirements are typed by people: quotes, ``<script>``, braces, backslashes,
newlines, emoji. Every piece goes through :func:`esc` before it enters a label: XML-escaped, control
characters dropped, and backslashes doubled (Graphviz would otherwise read ``\\N`` or ``\\G`` in a
label as "this node's name" or "the graph's name").

:func:`text_width` estimates how wide a line prints, from DejaVu Sans advance widths, the widest of
the sans-serif fonts Graphviz falls back to, so that layouts computed here leave room rather than
overlap. It is only used to space things out; Graphviz measures the real text itself.
"""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata

__all__ = ["clean", "esc", "esc_tooltip", "text_width", "wrap"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# DejaVu Sans advance widths of the printable ASCII characters (32–126), in hundredths of an em.
_REGULAR = (
    32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34,
    84, 84, 84, 53, 100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99,
    69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52,
    39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
)
_BOLD = (
    35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40,
    84, 84, 84, 58, 100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 37, 77, 64, 100, 84, 85, 73, 85, 77, 72, 68, 81, 77, 110,
    77, 72, 73, 46, 37, 46, 84, 50, 50, 67, 72, 59, 72, 68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69, 72, 72, 49, 60,
    48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84,
)


def clean(text: object) -> str:
    """``text`` as one line: control characters dropped, runs of whitespace (newlines too) made one space."""
    return " ".join(_CONTROL.sub("", str(text)).split())


def esc(text: object) -> str:
    """``text`` cleaned and escaped for a Graphviz HTML-like label (safe inside ``<...>``)."""
    return html.escape(clean(text), quote=True).replace("\\", "\\\\")


def esc_tooltip(lines: list[str]) -> str:
    """Several lines escaped for an HTML-like label's ``TOOLTIP="..."`` attribute (kept as lines in SVG)."""
    return "&#10;".join(esc(line) for line in lines if clean(line))


def wrap(text: object, width: int) -> list[str]:
    """``text`` cleaned and wrapped into lines of at most ``width`` characters; long words are broken,
    never cut, so the lines joined again hold every character."""
    line = clean(text)
    if not line:
        return [""]
    return textwrap.wrap(line, width=max(4, width), break_long_words=True, break_on_hyphens=True) or [line]


def _char_width(char: str, bold: bool) -> float:
    code = ord(char)
    if 32 <= code <= 126:
        return (_BOLD if bold else _REGULAR)[code - 32] / 100
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and 32 <= ord(base) <= 126:
        return _char_width(base, bold)
    if unicodedata.combining(char):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F") or code >= 0x1F000:
        return 1.05
    return 0.75


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated printed width in points of one line of ``text`` at ``size`` points (a little generous)."""
    return sum(_char_width(char, bold) for char in text) * size
