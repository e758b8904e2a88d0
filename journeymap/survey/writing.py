"""Writing the survey's files safely: one function per format, every file written atomically.

The interim home of the safe writers until ``journeymap.io.writers`` (issue 12) lands: the survey
exports call only these functions, so switching them over is done here, in one place.

- :func:`write_csv` (also tab-separated): every text cell that a spreadsheet would run as a formula
  (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading ``'``, as
  OWASP recommends; numbers stay numbers; cells are quoted as CSV quotes them (also in tab-separated
  files, as LimeSurvey reads them), and line breaks inside a tab-separated cell become spaces.
- :func:`write_xlsx`: every text cell is written as a string, never as a formula.
- :func:`markdown_text` and :func:`html_text`: text made inert for Markdown (one escaping for block
  text and table cells: HTML escaped, Markdown punctuation and ``|`` escaped once, line breaks folded)
  and for HTML.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from journeymap.io.atomic import atomic_path, write_text

__all__ = ["csv_text", "html_text", "markdown_text", "neutralised", "write_csv", "write_text", "write_xlsx"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])")


def neutralised(value: Any) -> Any:
    """A cell value a spreadsheet will not run: text starting like a formula gets a leading ``'``;
    numbers, booleans and empty cells are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]], *, delimiter: str = ",") -> str:
    """Rows as CSV (or TSV with ``delimiter="\\t"``) text, every cell neutralised."""
    buffer = io.StringIO()
    tab = delimiter == "\t"
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for row in [header, *rows]:
        cells = []
        for cell in row:
            value = "" if cell is None else neutralised(cell)
            if tab and isinstance(value, str):
                value = re.sub(r"[\t\r\n]+", " ", value)
            cells.append(value)
        writer.writerow(cells)
    return buffer.getvalue()


def write_csv(path: str | os.PathLike[str], header: Sequence[str], rows: Iterable[Sequence[Any]], *,
              delimiter: str = ",", bom: bool = False) -> Path:
    """Write rows as CSV/TSV (UTF-8, with a byte-order mark when ``bom``: Excel and LimeSurvey read it)."""
    text = csv_text(header, rows, delimiter=delimiter)
    return write_text(path, ("\ufeff" if bom else "") + text)


def write_xlsx(path: str | os.PathLike[str], sheets: Mapping[str, Sequence[Sequence[Any]]], *,
               widths: Mapping[str, Sequence[float]] | None = None) -> Path:
    """Write an XLSX workbook, one sheet per entry (first row: the header, in bold), every text cell a
    string (never a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None or value == "":
                    continue
                cell = sheet.cell(row=r, column=c)
                if isinstance(value, str):
                    # openpyxl takes any str starting with "=" for a formula; set the text and its type directly
                    cell._value = value
                    cell.data_type = "s"
                else:
                    cell.value = value
                if r == 1:
                    cell.font = Font(bold=True)
        for c, width in enumerate((widths or {}).get(name, ()), start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = width
        sheet.freeze_panes = "A2"
    with atomic_path(path) as tmp:
        workbook.save(tmp)
    return Path(path)


def markdown_text(text: Any) -> str:
    """Text that Markdown shows literally, in a paragraph or a table cell: HTML escaped (``<script>``
    stays text), emphasis, code, link and table marks (``*_`[]|~`` and ``\\``) escaped once, a heading,
    quote, list or numbered-list mark at the start escaped, line breaks folded into spaces."""
    folded = re.sub(r"\s*[\r\n]+\s*", " ", str(text)).strip()
    inline = _MARKDOWN_INLINE.sub(r"\\\1", html.escape(folded, quote=False))
    return _MARKDOWN_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], inline)


def html_text(text: Any) -> str:
    """Text that HTML shows literally (quotes escaped too, for attributes)."""
    return html.escape(str(text), quote=True)
