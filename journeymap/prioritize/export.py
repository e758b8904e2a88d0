"""The action plan written out: CSV (machine columns), XLSX, Markdown and Mermaid (for people).

The CSV keeps the :data:`~journeymap.prioritize.plan.PLAN_COLUMNS` as they are, one row per
intervention, at full precision, so that other tools can read it (``quadrant`` holds ``quick_win``...;
the localised name is in ``quadrant_label``). The XLSX a consultant sends
(:mod:`journeymap.prioritize.spreadsheet`), the Markdown, the Mermaid ``quadrantChart`` and the chart
speak the journey's language. Every file goes through the safe writers of :mod:`journeymap.io.writers`
(hostile names stay inert text) and is written atomically.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from journeymap.experiment.metrics import metric_kind, metric_name
from journeymap.io.atomic import write_text
from journeymap.io.writers import csv_text, markdown_table, markdown_text, write_csv, write_markdown
from journeymap.prioritize.words import quadrant_label
from journeymap.text import N_, change, number, translator, unit_label

if TYPE_CHECKING:
    from journeymap.prioritize.plan import ActionPlan

__all__ = ["CHART_TITLE", "EVIDENCE", "distinguishable", "evidence", "has_payback", "impact_text", "impact_unit",
           "markdown_frame", "notes", "payback_text", "save", "stage_label", "title", "to_csv", "to_excel",
           "to_markdown", "to_mermaid"]

CHART_TITLE = N_("Where to act first: impact against effort")
"""The title of the quadrant chart (translated where it is drawn)."""

EVIDENCE: dict[str, str] = {
    "better": N_("clear improvement"),
    "worse": N_("clear worsening"),
    "unclear": N_("not distinguishable from no change"),
    "heuristic": N_("heuristic estimate"),
}
"""What the impact's 95% interval says of each intervention (translated where it is shown)."""


def distinguishable(plan: ActionPlan) -> list[bool | None]:
    """For each row of the plan, whether its impact is distinguishable from no change: ``False`` when the
    95% interval includes zero, ``True`` when it lies on one side, ``None`` without an interval (a
    heuristic impact)."""
    flags: list[bool | None] = []
    for low, high in zip(plan.table["impact_low"].astype(float), plan.table["impact_high"].astype(float),
                         strict=True):
        flags.append(None if not (math.isfinite(low) and math.isfinite(high)) else bool(low > 0 or high < 0))
    return flags


def evidence(plan: ActionPlan) -> list[str]:
    """Each row's :data:`EVIDENCE` key: ``better``, ``worse``, ``unclear`` (not distinguishable from no
    change) or ``heuristic``."""
    keys = []
    for flag, impact in zip(distinguishable(plan), plan.table["impact"].astype(float), strict=True):
        keys.append("heuristic" if flag is None else "unclear" if not flag else "better" if impact > 0 else "worse")
    return keys


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


def has_payback(plan: ActionPlan) -> bool:
    """Whether the plan has money to show beyond the cost: a running cost or a value per week (a payback)."""
    return bool(plan.table["value_per_week"].notna().any() or plan.table["running_cost"].notna().any())


def payback_text(weeks: float, language: str) -> str:
    """A payback for people: ``7.5`` (weeks), ``never`` when the net gain is not positive, empty when unknown."""
    if isinstance(weeks, float) and math.isnan(weeks):
        return ""
    if not math.isfinite(weeks):
        return translator(language).gettext("never")
    return number(weeks, language)


def markdown_frame(plan: ActionPlan) -> pd.DataFrame:
    """The plan as people read it, headings and numbers in the journey's language."""
    lang = plan.language
    words = translator(lang)
    basis = plan.effort_basis
    simulated = plan.impact_source != "heuristic"
    rows = []
    for (_, row), verdict in zip(plan.table.iterrows(), evidence(plan), strict=True):
        effort = row[basis]
        rows.append({
            "#": int(row["rank"]),
            words.gettext("Intervention"): row["intervention"],
            words.gettext("Owner"): row["owner"],
            words.gettext("Stage"): stage_label(plan, row["stage"]),
            words.gettext("Moments of truth"): row["moments_of_truth"],
            words.gettext("Impact"): impact_text(plan, row),
            **({words.gettext("Evidence"): words.gettext(EVIDENCE[verdict])} if simulated else {}),
            words.gettext("Cost") if basis == "cost" else words.gettext("Effort"):
                "" if effort is None or (isinstance(effort, float) and math.isnan(effort)) else number(effort, lang),
            **(_money_cells(plan, row) if has_payback(plan) else {}),
            words.gettext("Score"): number(row["score"], lang),
            words.gettext("Quadrant"): row["quadrant_label"],
        })
    return pd.DataFrame(rows)


def _money_cells(plan: ActionPlan, row: pd.Series) -> dict[str, str]:
    """The cost, running cost, value per week and payback of one row, for people."""
    from journeymap.text import money

    lang = plan.language
    words = translator(lang)

    def amount(value: float) -> str:
        return "" if isinstance(value, float) and math.isnan(value) else money(value, lang)

    cells = {} if plan.effort_basis == "cost" else {words.gettext("Cost"): amount(row["cost"])}
    return {**cells, words.gettext("Running cost per week"): amount(row["running_cost"]),
            words.gettext("Value per week"): amount(row["value_per_week"]),
            words.gettext("Payback (weeks)"): payback_text(row["payback_weeks"], lang)}


def stage_label(plan: ActionPlan, stage: str) -> str:
    """The name of stage ``stage`` (its id when the journey has no such stage)."""
    return plan.journey.stage(stage).label if stage in plan.journey.stage_ids else stage


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
    lines.append(plan.rule(lang) + ".")
    return lines


def title(plan: ActionPlan) -> str:
    """``Action plan: <journey title>`` in the journey's language."""
    return translator(plan.language).gettext("Action plan: {journey}", journey=plan.journey.title)


def to_markdown(plan: ActionPlan, path: str | os.PathLike[str] | None = None) -> str | Path:
    """The plan as a Markdown document: a heading, the ranked table and how it was made; every piece of
    text escaped by :func:`~journeymap.io.writers.markdown_text`."""
    frame = markdown_frame(plan)
    table = markdown_table(list(frame.columns), frame.itertuples(index=False), right=[0])
    text = "\n".join([f"## {markdown_text(title(plan))}", "", table, "",
                      *[f"- {markdown_text(line)}" for line in notes(plan)], ""])
    return write_markdown(path, text) if path is not None else text


def to_csv(plan: ActionPlan, path: str | os.PathLike[str] | None = None) -> str | Path:
    """The plan table as CSV (UTF-8, machine column names, one row per intervention, full precision),
    every text field neutralised against formula injection."""
    if path is not None:
        return write_csv(path, plan.table, float_format="%.10g")
    return csv_text(plan.table, float_format="%.10g")


def to_excel(plan: ActionPlan, path: str | os.PathLike[str]) -> Path:
    """The plan as the XLSX workbook a consultant sends (see :func:`journeymap.prioritize.spreadsheet.to_excel`)."""
    from journeymap.prioritize.spreadsheet import to_excel

    return to_excel(plan, path)


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
