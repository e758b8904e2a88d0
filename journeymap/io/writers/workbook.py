"""XLSX workbooks (openpyxl) in which text is always text: never a formula, an error code or a broken file.

openpyxl turns a string that starts with ``=`` into a formula (``<f>`` in the sheet) and one such as
``#N/A`` into an error value, and refuses control characters with an exception. Every cell written
through :func:`put` or :func:`append_row` holds text as a string cell (cleaned of the characters XML
cannot hold, line breaks as ``\n``, cut at Excel's 32,767 characters), numbers as numbers (not-a-number
and infinity left empty), and :func:`save_workbook` checks every cell once more before writing the file
atomically, dated by ``SOURCE_DATE_EPOCH`` when it is set.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from journeymap.io.atomic import atomic_path
from journeymap.io.writers.stamps import build_time, stamp_zip

__all__ = ["MAX_CELL_TEXT", "append_row", "cell_value", "put", "save_workbook", "sheet_text"]

MAX_CELL_TEXT = 32_767
"""The most characters Excel keeps in one cell."""

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters an XLSX (XML 1.0) cannot hold."""


def sheet_text(text: str) -> str:
    """``text`` as a cell can hold it: characters XML refuses removed, line breaks as ``\n`` (XML reads a
    carriage return as one anyway), cut at :data:`MAX_CELL_TEXT`."""
    text = _ILLEGAL.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text[:MAX_CELL_TEXT]


def cell_value(value: Any) -> Any:
    """What a cell should hold for ``value``: text cleaned, numbers as Python numbers (``None`` for NaN
    or infinity), dates and booleans kept, anything else as its text."""
    if value is None or isinstance(value, bool | dt.datetime | dt.date | dt.time):
        return value
    if isinstance(value, str):
        return sheet_text(value)
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
        if isinstance(value, bool | dt.datetime):
            return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else None
    return sheet_text(str(value))


def _as_text(cell: Any) -> None:
    """A cell holding a string is a string cell, whatever openpyxl guessed (formula, error)."""
    if isinstance(cell.value, str) and cell.data_type != "s":
        cell.data_type = "s"


def put(sheet: Any, row: int, column: int, value: Any, *, number_format: str | None = None) -> Any:
    """Write ``value`` (see :func:`cell_value`) into ``sheet`` at ``row``, ``column`` (1-based) and
    return the cell, for styling."""
    cell = sheet.cell(row=row, column=column)
    cell.value = cell_value(value)
    _as_text(cell)
    if number_format is not None:
        cell.number_format = number_format
    return cell


def append_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """Write ``values`` on the row after the last one used; returns its cells."""
    empty = sheet.calculate_dimension() == "A1:A1" and sheet["A1"].value is None
    row = 1 if empty else sheet.max_row + 1
    return [put(sheet, row, column, value) for column, value in enumerate(values, 1)]


def _check(book: Any) -> None:
    """Every string cell of every sheet is a string cell (defence in depth: no formula can get out)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                _as_text(cell)


def save_workbook(book: Any, path: str | os.PathLike[str]) -> Path:
    """Check every cell and save ``book`` to ``path`` atomically, its dates (document properties and zip
    entries) set to :func:`~journeymap.io.writers.stamps.build_time`; returns the path."""
    _check(book)
    when = build_time()
    book.properties.created = when.replace(tzinfo=None)
    book.properties.modified = when.replace(tzinfo=None)
    with atomic_path(path) as tmp:
        book.save(tmp)
        tmp.write_bytes(stamp_zip(tmp.read_bytes(), when))
    return Path(path)
