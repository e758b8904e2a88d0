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

from journeymap.experiment.metrics import metric_kind, metric_name
from journeymap.io.atomic import atomic_path, write_text
from journeymap.prioritize.plan import PLAN_COLUMNS
from journeymap.prioritize.words import quadrant_label
from journeymap.text import N_, change, number, translator, unit_label

if TYPE_CHECKING:
    from journeymap.prioritize.plan import ActionPlan

__all__ = ["CHART_TITLE", "impact_text", "impact_unit", "markdown_frame", "save", "to_csv", "to_excel", "to_markdown",
           "to_mermaid"]

CHART_TITLE = N_("Where to act first: impact against effort")
"""The title of the quadrant chart (translated where it is drawn)."""


def impact_unit(plan: ActionPlan) -> tuple[float, str]:
    """How impacts are shown on a scale (the chart's axis, the thresholds): the factor to multiply them
    by and the unit's name (percentage points for shares, the time unit for times, nothing for a
    heuristic score), in the journey's language."""
    if plan.impact_source == "heuristic":
        return 1.0, ""
    what = metric_kind(plan.objective)
    if what == "share":
        return 100.0, translator(plan.language).gettext("percentage points")
    return 1.0, unit_label(what, time_unit=plan.journey.time_unit, language=plan.language)


def impact_text(plan: ActionPlan, row: pd.Series) -> str:
    """An impact as people read it, with its 95% interval: ``+8.3 pp [+6.8 pp, +9.7 pp]``,
    ``-2 min 10 sec [-3 min, -1 min 20 sec]`` (heuristic scores: ``0.42``)."""
    if row["impact_source"] == "heuristic":
        return number(row["impact"], plan.language)
    what, unit, language = metric_kind(plan.objective), plan.journey.time_unit, plan.language

    def shown(value: float) -> str:
        return change(value, what, time_unit=unit, language=language, length="short")

    text = shown(row["impact"])
    if math.isfinite(row["impact_low"]):
        text += f" [{shown(row['impact_low'])}, {shown(row['impact_high'])}]"
    if bool(row.get("unstable", False)):
        from journeymap.simulation.formatting import UNSTABLE

        text += f" ({translator(language).gettext(UNSTABLE)})"
    return text


def _cell_width_text(value: Any) -> str:
    """A float as a spreadsheet shows it by default (for fitting column widths)."""
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:g}"


def markdown_frame(plan: ActionPlan) -> pd.DataFrame:
    """The plan as people read it, headings and numbers in the journey's language."""
    lang = plan.language
    words = translator(lang)
    basis = plan.effort_basis
    rows = []
    for _, row in plan.table.iterrows():
        effort = row[basis]
        rows.append({
            "#": int(row["rank"]),
            words.gettext("Intervention"): row["intervention"],
            words.gettext("Owner"): row["owner"],
            words.gettext("Stage"): _stage_label(plan, row["stage"]),
            words.gettext("Moments of truth"): row["moments_of_truth"],
            words.gettext("Impact"): impact_text(plan, row),
            words.gettext("Cost") if basis == "cost" else words.gettext("Effort"):
                "" if effort is None or (isinstance(effort, float) and math.isnan(effort)) else number(effort, lang),
            words.gettext("Score"): number(row["score"], lang),
            words.gettext("Quadrant"): row["quadrant_label"],
        })
    return pd.DataFrame(rows)


def _stage_label(plan: ActionPlan, stage: str) -> str:
    return plan.journey.stage(stage).label if stage in plan.journey.stage_ids else stage


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def notes(plan: ActionPlan) -> list[str]:
    """The sentences that say how the plan was made (objective, impact source, thresholds)."""
    lang = plan.language
    words = translator(lang)
    objective = metric_name(plan.objective, lang)
    if plan.impact_source == "heuristic":
        lines = [words.gettext("Impact is a heuristic score of the customers at stake where each intervention acts "
                               "(moment-of-truth weight × expected visits × share leaving), not a simulated change.")]
    else:
        lines = [words.gettext("Objective: {objective}.", objective=objective)]
        lines.append(words.gettext("Impact: simulated change in {objective} with its 95% interval ({replications} "
                                   "paired replications, seed {seed}).", objective=objective,
                                   replications=plan.settings["replications"], seed=plan.settings["seed"]))
    factor, _ = impact_unit(plan)
    how = words.pgettext("thresholds", "given") if plan.thresholds_given else words.pgettext("thresholds", "medians")
    lines.append(words.gettext("Thresholds: impact {impact}, effort {effort} ({how}).",
                               impact=number(plan.impact_threshold * factor, lang),
                               effort=number(plan.effort_threshold, lang), how=how))
    return lines


def to_markdown(plan: ActionPlan, path: str | os.PathLike[str] | None = None) -> str | Path:
    """The plan as a Markdown document: a heading, the ranked table and how it was made."""
    frame = markdown_frame(plan)
    header = "| " + " | ".join(_cell(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---:" if c in (frame.columns[0],) else "---" for c in frame.columns) + "|"
    body = ["| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    title = translator(plan.language).gettext("Action plan: {journey}", journey=plan.journey.title)
    text = "\n".join([f"## {title}", "", header, rule, *body, "",
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
        values = [str(name)] + [_cell_width_text(v) if isinstance(v, float) else str(v) for v in plan.table[name]]
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
    words = translator(plan.language)
    table = plan.table
    effort = table[plan.effort_basis].astype(float).tolist()
    impact = table["impact"].astype(float).tolist()
    high_impact = [q in ("quick_win", "big_bet") for q in table["quadrant"]]
    high_effort = [value > plan.effort_threshold for value in effort]
    xs = _spread(effort, plan.effort_threshold, high_effort)
    ys = _spread(impact, plan.impact_threshold, high_impact)
    lines = [
        "quadrantChart",
        f"    title {_mermaid_text(words.gettext(CHART_TITLE))}",
        "    x-axis " + " --> ".join(map(_mermaid_text, (words.gettext("Low effort"), words.gettext("High effort")))),
        "    y-axis " + " --> ".join(map(_mermaid_text, (words.gettext("Low impact"), words.gettext("High impact")))),
        *(f"    quadrant-{k} {_mermaid_text(quadrant_label(q, plan.language))}"
          for k, q in enumerate(("big_bet", "quick_win", "fill_in", "time_sink"), 1)),
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
