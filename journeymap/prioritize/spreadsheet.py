"""The action plan as the XLSX workbook a consultant sends: readable, printable, in the journey's language.

Sheet one, the plan: a title, the date, the journey and the assumptions (objective, how impact was
measured, replications and seed, the quadrant thresholds), then one row per intervention with names
(not ids), impact as the Markdown shows it (percentage points for a share, the time unit for a time)
with its 95% interval, whether that interval tells it apart from no change, effort or cost, confidence
and reach as percentages, score and quadrant; rows tinted by quadrant, the header row frozen, columns
as wide as their text, landscape and fit to one page wide when printed. Sheet two, the quadrant chart.
Sheet three, ``data``: the machine columns of :data:`~journeymap.prioritize.plan.PLAN_COLUMNS` at full
precision, as in the CSV. Every cell goes through :mod:`journeymap.io.writers`: text is never a formula.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeymap.experiment.metrics import metric_kind, metric_name
from journeymap.io.writers import build_time, put, save_workbook, sheet_text
from journeymap.prioritize.export import EVIDENCE, evidence, has_payback, impact_unit, payback_text, stage_label, title
from journeymap.text import translator

if TYPE_CHECKING:
    from journeymap.prioritize.plan import ActionPlan

__all__ = ["to_excel"]

_HEADER_FILL = "1F4E78"
_TINT = 0.85
"""How far each quadrant's colour is mixed with white for its rows (0 the colour, 1 white)."""
_WIDEST = 40
"""The widest a text column gets (characters); longer text wraps."""
_LINE_HEIGHT = 15.0
"""Points per line of 11-point text, for the heights of rows whose text wraps."""


@dataclass(frozen=True)
class _Column:
    """One column of the plan sheet: its heading, each row's value, its number format."""

    heading: str
    value: Callable[[Any], Any]
    number_format: str | None = None
    wrap: bool = False
    impact: bool = False
    widest: int = _WIDEST


def _tint(colour: str, share: float = _TINT) -> str:
    """``colour`` (``#RRGGBB``) mixed with white: ``share`` of white."""
    rgb = [int(colour.lstrip("#")[k:k + 2], 16) for k in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * share):02X}" for c in rgb)


def _decimals(values: Any) -> int:
    """Decimals that show the largest of ``values`` with three significant digits (0 to 3)."""
    finite = [abs(float(v)) for v in values if v is not None and math.isfinite(float(v)) and v != 0]
    if not finite:
        return 1
    return min(3, max(0, 2 - math.floor(math.log10(max(finite)))))


def _signed_format(unit: str, decimals: int = 1) -> str:
    """An Excel number format showing a change with its sign and unit (``+8.3 pp``), a number still."""
    digits = "0." + "0" * decimals if decimals else "0"
    suffix = ' "' + unit.replace('"', "") + '"' if unit else ""
    return f"+{digits}{suffix};-{digits}{suffix};0{suffix}"


def _unit_of_points(language: str) -> str:
    """``pp`` / ``p. p.``: the short unit of percentage points in ``language``."""
    return translator(language).gettext("{points} pp", points="").strip()


def _columns(plan: ActionPlan) -> list[_Column]:
    """The plan sheet's columns for this plan (no interval columns for a heuristic plan, no cost column
    when no intervention has a cost)."""
    words = translator(plan.language)
    journey = plan.journey
    factor, _ = impact_unit(plan)
    simulated = plan.impact_source != "heuristic"
    if not simulated:
        unit = ""
    elif metric_kind(plan.objective) == "share":
        unit = _unit_of_points(plan.language)
    else:
        unit = impact_unit(plan)[1]
    impact_format = _signed_format(unit, _decimals(plan.table["impact"] * factor))
    names = {tp.id: tp.label for tp in journey.touchpoints}

    def scaled(key: str) -> Callable[[Any], Any]:
        return lambda row: row[key] * factor if math.isfinite(row[key]) else None

    columns = [
        _Column("#", lambda row: int(row["rank"]), "0", widest=5),
        _Column(words.gettext("Intervention"), lambda row: row["intervention"], wrap=True),
        _Column(words.gettext("Owner"), lambda row: row["owner"], wrap=True, widest=24),
        _Column(words.gettext("Stage"), lambda row: stage_label(plan, row["stage"])),
        _Column(words.gettext("Moments of truth"), lambda row: row["moments_of_truth"], wrap=True, widest=30),
        _Column(words.gettext("Touchpoints"),
                lambda row: "; ".join(names.get(t, t) for t in str(row["touchpoints"]).split(", ") if t), wrap=True,
                widest=30),
        _Column(words.gettext("Impact"), scaled("impact"), impact_format, impact=True),
    ]
    if simulated:
        columns += [
            _Column(words.gettext("Lower bound (95%)"), scaled("impact_low"), impact_format, impact=True),
            _Column(words.gettext("Upper bound (95%)"), scaled("impact_high"), impact_format, impact=True),
            _Column(words.gettext("Evidence"), lambda row: words.gettext(EVIDENCE[row["_evidence"]]), wrap=True,
                    widest=20),
        ]
    if plan.effort_basis == "cost":
        columns.append(_Column(words.gettext("Cost"), lambda row: row["cost"], "#,##0.00"))
    else:
        columns.append(_Column(words.gettext("Effort (person-days)"), lambda row: row["effort"], "0.0#"))
        if plan.table["cost"].notna().any():
            columns.append(_Column(words.gettext("Cost"), lambda row: row["cost"], "#,##0.00"))
    if has_payback(plan):
        def money(key: str) -> Callable[[Any], Any]:
            return lambda row: row[key] if math.isfinite(row[key]) else None

        columns += [
            _Column(words.gettext("Running cost per week"), money("running_cost"), "#,##0.00"),
            _Column(words.gettext("Value per week"), money("value_per_week"), "#,##0.00"),
            _Column(words.gettext("Payback (weeks)"),
                    lambda row: row["payback_weeks"] if math.isfinite(row["payback_weeks"])
                    else payback_text(row["payback_weeks"], plan.language) or None, "0.0"),
        ]
    columns += [
        _Column(words.gettext("Confidence"), lambda row: row["confidence"], "0%"),
        _Column(words.gettext("Reach"), lambda row: row["reach"] / 100.0, "0.0%"),
        _Column(words.gettext("Score"), lambda row: row["score"], "0.0##"),
        _Column(words.gettext("Quadrant"), lambda row: row["quadrant_label"]),
    ]
    return columns


def _assumptions(plan: ActionPlan) -> list[tuple[str, Any, str | None]]:
    """The lines above the table: (label, value, number format)."""
    words = translator(plan.language)
    factor, _ = impact_unit(plan)
    simulated = plan.impact_source != "heuristic"
    how = (words.pgettext("thresholds", "given") if plan.thresholds_given
           else words.pgettext("thresholds", "medians") if plan.split == "median"
           else words.pgettext("thresholds", "the rule"))
    unit = (_unit_of_points(plan.language) if simulated and metric_kind(plan.objective) == "share"
            else impact_unit(plan)[1] if simulated else "")
    effort = (words.gettext("Cost threshold") if plan.effort_basis == "cost"
              else words.gettext("Effort threshold (person-days)"))
    lines: list[tuple[str, Any, str | None]] = [
        (words.gettext("Date"), build_time().date(), "yyyy-mm-dd"),
        (words.gettext("Journey"), plan.journey.title, None),
        (words.gettext("Objective"), metric_name(plan.objective, plan.language), None),
    ]
    if simulated:
        lines += [
            (words.gettext("Impact measured by"), words.gettext("simulation, paired replications with common random "
                                                                "numbers; 95% intervals"), None),
            (words.gettext("Replications"), plan.settings.get("replications"), "0"),
            (words.gettext("Seed"), plan.settings.get("seed"), "0"),
        ]
    else:
        lines.append((words.gettext("Impact measured by"),
                      words.gettext("a heuristic score of the customers at stake, not a simulation"), None))
    lines += [
        (words.gettext("Impact threshold"), plan.impact_threshold * factor,
         _signed_format(unit, _decimals([plan.impact_threshold * factor]))),
        (effort, plan.effort_threshold, "#,##0.0#"),
        (words.gettext("Thresholds from"), how, None),
        (words.gettext("Quick win rule"), plan.rule(), None),
    ]
    return lines


def _width(value: Any, number_format: str | None) -> int:
    """Characters a cell needs (numbers as their format shows them, roughly)."""
    if value is None:
        return 0
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if isinstance(value, float | int) and number_format:
        suffix = number_format.split(";")[0].split('"')[1] if '"' in number_format else ""
        decimals = len(number_format.split(";")[0].split(".")[1].split(" ")[0]) if "." in number_format else 0
        return len(f"{value:+,.{decimals}f}") + len(suffix) + 1
    return len(str(value))


def _plan_sheet(plan: ActionPlan, sheet: Any) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    from journeymap.prioritize.chart import COLOURS

    columns = _columns(plan)
    put(sheet, 1, 1, title(plan)).font = Font(bold=True, size=14)
    row = 2
    for label, value, number_format in _assumptions(plan):  # labels under "Intervention", values beside them
        put(sheet, row, 2, label).font = Font(bold=True, color="595959")
        cell = put(sheet, row, 3, value, number_format=number_format)
        cell.alignment = Alignment(horizontal="left")
        sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=len(columns))
        row += 1
    header = row + 1
    line = Side(style="thin", color="BFBFBF")
    for k, column in enumerate(columns, 1):
        cell = put(sheet, header, k, column.heading)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    table = plan.table.assign(_evidence=evidence(plan))
    widths = [max(len(word) for word in column.heading.split()) for column in columns]  # headings wrap
    for offset, (_, record) in enumerate(table.iterrows(), 1):
        fill = PatternFill("solid", fgColor=_tint(COLOURS[record["quadrant"]]))
        unclear = record["_evidence"] == "unclear"
        for k, column in enumerate(columns, 1):
            value = column.value(record)
            cell = put(sheet, header + offset, k, value, number_format=column.number_format)
            cell.fill = fill
            cell.border = Border(bottom=line)
            cell.alignment = Alignment(vertical="top", wrap_text=column.wrap)
            if unclear and column.impact:  # greyed: an impact not told apart from no change
                cell.font = Font(italic=True, color="7F7F7F")
            widths[k - 1] = max(widths[k - 1], _width(cell.value, column.number_format))
    for k in range(1, len(columns) + 1):
        letter = sheet.cell(header, k).column_letter
        sheet.column_dimensions[letter].width = min(columns[k - 1].widest, max(5, widths[k - 1] + 2))
    _fit_heights(sheet, range(header, header + len(table) + 1), len(columns))
    sheet.column_dimensions["B"].width = max(sheet.column_dimensions["B"].width,
                                             *(len(label) + 2 for label, _, _ in _assumptions(plan)))
    last = header + len(table)
    end = sheet.cell(header, len(columns)).column_letter
    sheet.freeze_panes = sheet.cell(header + 1, 3).coordinate
    sheet.auto_filter.ref = f"A{header}:{end}{max(last, header)}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.print_area = f"A1:{end}{max(last, header)}"
    _landscape(sheet)


def _fit_heights(sheet: Any, rows: range, columns: int) -> None:
    """Rows tall enough for their wrapped text (spreadsheets do not always grow them when opening)."""
    for row in rows:
        lines = 1
        for k in range(1, columns + 1):
            cell = sheet.cell(row, k)
            if isinstance(cell.value, str) and cell.alignment.wrap_text:
                width = max(1.0, (sheet.column_dimensions[cell.column_letter].width or 10) - 1)
                needed = sum(max(1, math.ceil(len(part) / width)) for part in cell.value.splitlines() or [""])
                lines = max(lines, needed)
        if lines > 1:
            sheet.row_dimensions[row].height = _LINE_HEIGHT * lines


def _landscape(sheet: Any) -> None:
    """Printed landscape, one page wide (as many pages tall as it takes)."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5


def _chart_sheet(plan: ActionPlan, sheet: Any) -> None:
    import matplotlib.pyplot as plt
    from openpyxl.drawing.image import Image

    from journeymap.prioritize.chart import plot_quadrants

    figure = plot_quadrants(plan)
    image = io.BytesIO()
    try:
        figure.savefig(image, format="png", dpi=100)
    finally:
        plt.close(figure)
    image.seek(0)
    sheet.add_image(Image(image), "A1")
    _landscape(sheet)
    sheet.page_setup.fitToHeight = 1


def _data_sheet(plan: ActionPlan, sheet: Any) -> None:
    from openpyxl.styles import Font

    columns = list(plan.table.columns)
    for k, name in enumerate(columns, 1):
        put(sheet, 1, k, name).font = Font(bold=True)
    for offset, record in enumerate(plan.table.itertuples(index=False), 2):
        for k, value in enumerate(record, 1):
            put(sheet, offset, k, value)
    sheet.freeze_panes = "A2"


def to_excel(plan: ActionPlan, path: str | os.PathLike[str]) -> Path:
    """Write the plan as an XLSX workbook at ``path`` (atomically; dated by ``SOURCE_DATE_EPOCH`` when set):
    the plan for people, the quadrant chart, and the ``data`` sheet for tools. Returns the path."""
    from openpyxl import Workbook

    words = translator(plan.language)
    book = Workbook()
    plan_sheet = book.active
    plan_sheet.title = words.gettext("Action plan")[:31]
    _plan_sheet(plan, plan_sheet)
    _chart_sheet(plan, book.create_sheet(words.gettext("Chart")[:31]))
    _data_sheet(plan, book.create_sheet("data"))
    book.properties.title = sheet_text(title(plan))[:255]
    book.properties.creator = "journeymap"
    book.properties.language = plan.language
    return save_workbook(book, path)
