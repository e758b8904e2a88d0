"""The survey's figures as people read them, in the journey's language: tables for notebooks and the CLI."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from journeymap.text import N_, count, interval, language_of, number, percent, translator

if TYPE_CHECKING:
    from journeymap.survey.sampling import SamplingPlan
    from journeymap.survey.scoring import Scores

__all__ = ["GRADE_NAMES", "grade_name", "plan_table", "requirements_table", "summary_table"]

GRADE_NAMES = {
    "fails": N_("fails"),
    "meets": N_("meets"),
    "exceeds": N_("exceeds"),
    "not_distinguishable": N_("not distinguishable"),
}
"""The grades as people read them (message ids)."""


def grade_name(grade: str, language: str) -> str:
    """A grade in ``language`` (``not_distinguishable`` → "not distinguishable" / "no distinguible")."""
    return translator(language).gettext(GRADE_NAMES[grade])


def _between(low: float, high: float, kind: str, language: str, scale: float = 1.0) -> str:
    if not (math.isfinite(low) and math.isfinite(high)):
        return ""
    if kind == "share":
        return interval(low, high, "share", language=language)
    return f"{number(low * scale, language)}–{number(high * scale, language)}"


def summary_table(scores: Scores, language: str | None = None) -> pd.DataFrame:
    """One row per moment of truth: satisfied customers (top-2-box) with its interval and n, the grade
    (with the answers that would settle it), the mean score and effort, the share who did not live it."""
    lang = language_of(language or scores.journey.language)
    words = translator(lang)
    rows = []
    for _, row in scores.moments.iterrows():
        verdict = grade_name(row["grade"], lang)
        if row["grade"] == "not_distinguishable" and math.isfinite(row["settle_n"]):
            verdict = words.gettext("{grade} (about {n} answers would settle it)", grade=verdict,
                                    n=count(row["settle_n"], lang))
        rows.append({
            words.gettext("Moment of truth"): row["name"],
            words.gettext("Satisfied (top-2-box)"): percent(row["csat"], lang),
            words.gettext("95% interval"): _between(row["csat_low"], row["csat_high"], "share", lang),
            words.gettext("Answers"): count(row["n"], lang),
            words.gettext("Grade"): verdict,
            words.gettext("Mean (1-5)"): number(row["mean"], lang),
            words.gettext("Effort (1-7, 7 easiest)"): number(row["ces"], lang) if math.isfinite(row["ces"]) else "",
            words.gettext("Did not go through it"): percent(row["not_lived"], lang),
        })
    return pd.DataFrame(rows, index=pd.Index(list(scores.moments.index), name="touchpoint"))


def requirements_table(scores: Scores, language: str | None = None) -> pd.DataFrame:
    """One row per requirement: satisfied customers with its interval and, for a requirement with a
    measurable standard scored with a simulation, the share of customers for whom the simulation met it:
    what operations achieve beside what customers feel."""
    lang = language_of(language or scores.journey.language)
    words = translator(lang)
    items = scores.items[scores.items["kind"] == "requirement"]
    columns = [words.gettext("Moment of truth"), words.gettext("Requirement"), words.gettext("Satisfied (top-2-box)"),
               words.gettext("95% interval"), words.gettext("Standard"), words.gettext("Met in the simulation")]
    rows = []
    for _, item in items.iterrows():
        met = item["standard_met"]
        rows.append([scores.moments.loc[item["touchpoint"], "name"], item["text"], percent(item["top2"], lang),
                     _between(item["top2_low"], item["top2_high"], "share", lang), item["standard"],
                     percent(met, lang) if math.isfinite(met) else ""])
    return pd.DataFrame(rows, columns=columns, index=pd.Index(list(items.index), name="code"))


def plan_table(plan: SamplingPlan, language: str | None = None) -> pd.DataFrame:
    """One row per moment of truth: customers per week, answers needed, invitations, days of fieldwork."""
    lang = language_of(language or plan.journey.language)
    words = translator(lang)
    rows = []
    for _, row in plan.table.iterrows():
        days = row["days"]
        shown = words.gettext("never (nobody passes)") if not math.isfinite(days) else count(math.ceil(days), lang)
        if not row["reachable"]:
            shown = words.gettext("not reachable: the population is too small")
        rows.append({
            words.gettext("Moment of truth"): row["name"],
            words.gettext("Customers per week"): number(row["customers_per_week"], lang),
            words.gettext("Answers needed"): count(row["answers"], lang),
            words.gettext("Customers to invite"): count(row["invitations"], lang),
            words.gettext("Days of fieldwork"): shown,
        })
    return pd.DataFrame(rows, index=pd.Index(list(plan.table.index), name="touchpoint"))
