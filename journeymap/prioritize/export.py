"""The action plan written out: CSV and XLSX (machine columns), Markdown and Mermaid (for people).

CSV and XLSX keep the :data:`~journeymap.prioritize.plan.PLAN_COLUMNS` as they are, one row per
intervention, so that other tools can read them (``quadrant`` holds ``quick_win``...; the localised name
is in ``quadrant_label``). Markdown, the Mermaid ``quadrantChart`` and the chart speak the journey's
language. Every file is written atomically.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from journeymap.io.atomic import atomic_path, write_text
from journeymap.prioritize.plan import PLAN_COLUMNS
from journeymap.prioritize.words import word

if TYPE_CHECKING:
    from journeymap.prioritize.plan import ActionPlan

__all__ = ["impact_text", "impact_unit", "markdown_frame", "save", "to_csv", "to_excel", "to_markdown",
           "to_mermaid"]

_SHARES = {"goal_rate", "abandonment_rate", "drop_off_rate"}
_TIMES = {"mot_mean_wait", "mean_time_in_cycle", "p90_time_in_cycle"}
_SHORT_UNITS = {"second": "s", "minute": "min", "hour": "h", "day": "d", "week": "w"}


def impact_unit(plan: ActionPlan) -> tuple[float, str]:
    """How impacts are shown: the factor to multiply them by and the unit's name (percentage points for
    shares, the time unit for times, nothing for a heuristic score)."""
    if plan.impact_source == "heuristic":
        return 1.0, ""
    if plan.objective in _SHARES:
        return 100.0, word("percentage_points", plan.language)
    if plan.objective in _TIMES:
        return 1.0, _SHORT_UNITS.get(plan.journey.time_unit, plan.journey.time_unit)
    return 1.0, ""


def _number(value: float, digits: int = 3) -> str:
    return f"{value:+.{digits}g}" if math.isfinite(value) else "—"


def impact_text(plan: ActionPlan, row: pd.Series) -> str:
    """An impact as people read it: ``+8.3 pp [+6.8, +9.7]`` (heuristic scores: ``0.42``)."""
    factor, unit = impact_unit(plan)
    if row["impact_source"] == "heuristic":
        return f"{row['impact']:.3g}"
    shares = plan.objective in _SHARES

    def shown(value: float) -> str:
        return (f"{value * factor:+.2f}" if shares else _number(value * factor)) if math.isfinite(value) else "—"

    text = f"{shown(row['impact'])} {'pp' if shares else unit}".strip()
    if math.isfinite(row["impact_low"]):
        text += f" [{shown(row['impact_low'])}, {shown(row['impact_high'])}]"
    return text


def _effort_text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:g}"


def markdown_frame(plan: ActionPlan) -> pd.DataFrame:
    """The plan as people read it, headings in the journey's language."""
    lang = plan.language
    basis = plan.effort_basis
    rows = []
    for _, row in plan.table.iterrows():
        rows.append({
            word("rank", lang): int(row["rank"]),
            word("intervention", lang): row["intervention"],
            word("owner", lang): row["owner"],
            word("stage", lang): _stage_label(plan, row["stage"]),
            word("moments_of_truth", lang): row["moments_of_truth"],
            word("impact", lang): impact_text(plan, row),
            word(basis if basis == "cost" else "effort", lang): _effort_text(row[basis]),
            word("score", lang): f"{row['score']:.3g}" if math.isfinite(row["score"]) else "—",
            word("quadrant", lang): row["quadrant_label"],
        })
    return pd.DataFrame(rows)


def _stage_label(plan: ActionPlan, stage: str) -> str:
    return plan.journey.stage(stage).label if stage in plan.journey.stage_ids else stage


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def notes(plan: ActionPlan) -> list[str]:
    """The sentences that say how the plan was made (objective, impact source, thresholds)."""
    lang = plan.language
    objective = word(plan.objective, lang)
    if plan.impact_source == "heuristic":
        lines = [word("heuristic_note", lang)]
    else:
        lines = [f"{word('objective', lang)}: {objective}."]
        lines.append(word("simulation_note", lang, objective=objective, replications=plan.settings["replications"],
                          seed=plan.settings["seed"]))
    factor, _ = impact_unit(plan)
    lines.append(word("threshold_note", lang, impact=f"{plan.impact_threshold * factor:.3g}",
                      effort=f"{plan.effort_threshold:.3g}", how=word("given" if plan.thresholds_given else
                                                                       "medians", lang)))
    return lines


def to_markdown(plan: ActionPlan, path: str | os.PathLike[str] | None = None) -> str | Path:
    """The plan as a Markdown document: a heading, the ranked table and how it was made."""
    frame = markdown_frame(plan)
    header = "| " + " | ".join(_cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---:" if c in (frame.columns[0],) else "---" for c in frame.columns) + "|"
    body = ["| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    text = "\n".join([f"## {word('title', plan.language)}: {plan.journey.title}", "", header, rule, *body, "",
                      *[f"- {line}" for line in notes(plan)], ""])
    return write_text(path, text) if path is not None else text


def to_csv(plan: ActionPlan, path: str | os.PathLike[str] | None = None) -> str | Path:
    """The plan table as CSV (UTF-8, machine column names, one row per intervention)."""
    text = plan.table.to_csv(index=False, lineterminator="\n", float_format="%.10g")
    return write_text(path, text) if path is not None else text


def to_excel(plan: ActionPlan, path: str | os.PathLike[str]) -> Path:
    """The plan as an XLSX workbook: sheet ``plan`` with a styled, frozen header row, fitted column
    widths and number formats; sheet ``about`` with what each column means and how the plan was made."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "plan"
    columns = list(PLAN_COLUMNS)
    sheet.append(columns)
    for record in plan.table[columns].itertuples(index=False):
        sheet.append([None if isinstance(v, float) and not math.isfinite(v) else
                      (v.item() if hasattr(v, "item") else v) for v in record])
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E78")
    for cell in sheet[1]:
        cell.font, cell.fill = header_font, header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=False)
    formats = {"impact": "0.0000", "impact_low": "0.0000", "impact_high": "0.0000", "effort": "0.0",
               "cost": "#,##0.00", "confidence": "0%", "reach": "0.0", "score": "0.0000"}
    for index, name in enumerate(columns, 1):
        letter = get_column_letter(index)
        values = [str(name)] + [_effort_text(v) if isinstance(v, float) else str(v) for v in plan.table[name]]
        sheet.column_dimensions[letter].width = min(60, max(8, max(len(v) for v in values) + 2))
        if name in formats:
            for cell in sheet[letter][1:]:
                cell.number_format = formats[name]
        if name in ("intervention", "moments_of_truth"):
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    about = book.create_sheet("about")
    about.append(["column", "meaning"])
    for cell in about[1]:
        cell.font, cell.fill = header_font, header_fill
    for name, meaning in PLAN_COLUMNS.items():
        about.append([name, meaning])
    about.append([])
    for line in notes(plan):
        about.append([line])
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 90
    about.freeze_panes = "A2"
    with atomic_path(path) as tmp:
        book.save(tmp)
    return Path(path)


def _mermaid_text(text: str) -> str:
    """Text Mermaid accepts in a quadrant chart (no colons, brackets, quotes or line breaks)."""
    text = str(text).replace(":", " —")
    return re.sub(r"\s+", " ", re.sub(r"[\[\]{}()\"#;,<>|`]", " ", text)).strip()


def _spread(values: list[float], threshold: float, high_side: list[bool]) -> list[float]:
    """Values mapped to 0–1 with ``threshold`` at 0.5, each kept on its side of the middle."""
    finite = [v for v in values if math.isfinite(v)] or [threshold]
    low, high = min(min(finite), threshold), max(max(finite), threshold)
    out = []
    for value, upper in zip(values, high_side, strict=True):
        value = value if math.isfinite(value) else low
        if value >= threshold:
            position = 0.5 + 0.43 * ((value - threshold) / (high - threshold) if high > threshold else 0.0)
        else:
            position = 0.5 - 0.43 * ((threshold - value) / (threshold - low) if threshold > low else 0.0)
        position = max(position, 0.53) if upper else min(position, 0.47)
        out.append(round(min(0.97, max(0.03, position)), 3))
    return out


def to_mermaid(plan: ActionPlan, path: str | os.PathLike[str] | None = None) -> str | Path:
    """The plan as a Mermaid ``quadrantChart`` (effort across, impact up; thresholds at the middle lines)."""
    lang = plan.language
    table = plan.table
    effort = table[plan.effort_basis].astype(float).tolist()
    impact = table["impact"].astype(float).tolist()
    high_impact = [q in ("quick_win", "big_bet") for q in table["quadrant"]]
    high_effort = [value > plan.effort_threshold for value in effort]
    xs = _spread(effort, plan.effort_threshold, high_effort)
    ys = _spread(impact, plan.impact_threshold, high_impact)
    lines = [
        "quadrantChart",
        f"    title {_mermaid_text(word('chart_title', lang))}",
        f"    x-axis {_mermaid_text(word('low_effort', lang))} --> {_mermaid_text(word('high_effort', lang))}",
        f"    y-axis {_mermaid_text(word('low_impact', lang))} --> {_mermaid_text(word('high_impact', lang))}",
        f"    quadrant-1 {_mermaid_text(word('big_bet', lang))}",
        f"    quadrant-2 {_mermaid_text(word('quick_win', lang))}",
        f"    quadrant-3 {_mermaid_text(word('fill_in', lang))}",
        f"    quadrant-4 {_mermaid_text(word('time_sink', lang))}",
    ]
    for rank, name, x, y in zip(table["rank"], table["intervention"], xs, ys, strict=True):
        lines.append(f"    {rank}. {_mermaid_text(name)}: [{x:.3f}, {y:.3f}]")
    text = "\n".join(lines) + "\n"
    return write_text(path, text) if path is not None else text


def save(plan: ActionPlan, path: str | os.PathLike[str]) -> Path:
    """Write ``plan`` in the format named by the extension of ``path``."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return Path(to_csv(plan, path))
    if suffix == ".xlsx":
        return to_excel(plan, path)
    if suffix in (".md", ".markdown"):
        return Path(to_markdown(plan, path))
    if suffix in (".mmd", ".mermaid"):
        return Path(to_mermaid(plan, path))
    if suffix in (".png", ".svg", ".pdf"):
        import matplotlib.pyplot as plt

        from journeymap.prioritize.chart import plot_quadrants

        plt.close(plot_quadrants(plan, path))
        return Path(path)
    raise ValueError(f"cannot tell the format of '{path}': use .csv, .xlsx, .md, .mmd, .png, .svg or .pdf")
