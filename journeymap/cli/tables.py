"""Tables for people on a terminal: a DataFrame of words and numbers already written for people, as aligned
text (names to the left, figures to the right), and a section heading."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import pandas as pd

__all__ = ["table_text", "width"]


def width(text: str) -> int:
    """How many terminal columns ``text`` takes (wide characters count twice, combining marks not at all)."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, size: int, left: bool) -> str:
    space = " " * max(0, size - width(text))
    return text + space if left else space + text


def table_text(frame: pd.DataFrame, *, left: Sequence[str] | None = None, index: bool = False,
               indent: str = "", group: str | None = None) -> str:
    """``frame`` (cells already written for people) as aligned lines under its column headings.

    The columns named in ``left`` (by default the first) are aligned left, the others right; with
    ``index`` the index comes first, as a column headed by its name. With ``group``, that column is not
    shown: its value heads each run of rows that share it, and those rows are indented."""
    shown = frame.reset_index() if index else frame
    groups = list(shown[group]) if group else None
    if group:
        shown = shown.drop(columns=group)
    columns = [str(c) for c in shown.columns]
    aligned_left = set(columns[:1] if left is None else left)
    cells = [["" if value is None else str(value) for value in row] for row in shown.itertuples(index=False)]
    sizes = [max([width(name), *(width(row[k]) for row in cells)]) for k, name in enumerate(columns)]
    inner = indent + ("  " if group else "")

    def line(row: list[str]) -> str:
        parts = [_pad(cell, size, name in aligned_left) for cell, size, name in zip(row, sizes, columns, strict=True)]
        return (inner + "  ".join(parts)).rstrip()

    lines = [line(columns)]
    current: object = object()
    for number, row in enumerate(cells):
        if groups is not None and groups[number] != current:
            current = groups[number]
            lines.append((indent + str(current)).rstrip())
        lines.append(line(row))
    return "\n".join(lines)
