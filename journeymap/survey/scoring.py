"""Answers turned into figures with intervals, and each moment of truth graded.

    scores = score(journey, "answers.csv")
    scores.moments        # per moment: CSAT top-2-box with its Wilson interval, mean, CES, grade...
    scores.items          # per rated question: n, top-2-box, mean, and the simulated standard share
    scores.nps            # {"value", "ci_low", "ci_high", "n"} on −100..100
    scores.to_dict()      # the document `journeymap survey score --json` prints

Figures (all with 95% intervals, see :mod:`journeymap.survey.intervals`): per question the top-2-box
share (4 or 5 on the 1–5 scale; Wilson), the mean (Student t); per moment the same for its overall
item ``mot_<id>_overall``, the mean effort ``ces_<id>`` (1–7), the share of those screened who did not
go through it (Wilson) and a grade against the targets (:mod:`journeymap.survey.grades`); for the cycle
NPS and overall satisfaction. Given a simulation of the same journey, each requirement with a ``wait``
standard gets the share of customers for whom the simulation met it, next to what customers said.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from journeymap.model import Journey
from journeymap.survey.designer import design
from journeymap.survey.grades import Targets, grade
from journeymap.survey.intervals import CONFIDENCE, mean_interval, nps_interval, wilson
from journeymap.survey.questionnaire import Questionnaire
from journeymap.survey.responses import Responses, read_responses
from journeymap.text.columns import column_notes

__all__ = ["ITEM_COLUMNS", "MOMENT_COLUMNS", "Scores", "score"]

ITEM_COLUMNS: dict[str, str] = column_notes("score_items")
"""The columns of :attr:`Scores.items` (index: the question code)."""

MOMENT_COLUMNS: dict[str, str] = column_notes("score_moments")
"""The columns of :attr:`Scores.moments` (index: the touchpoint id), one row per moment of truth."""


def _number(value: Any) -> float | int | None:
    """A JSON-ready number: ``None`` for NaN."""
    if value is None:
        return None
    if isinstance(value, int | np.integer):
        return int(value)
    value = float(value)
    return None if not math.isfinite(value) else value


@dataclass(eq=False, repr=False)
class Scores:
    """Satisfaction measured by a survey, per question and per moment of truth (see the module's description).

    ``moments`` (:data:`MOMENT_COLUMNS`), ``items`` (:data:`ITEM_COLUMNS`), ``nps`` and ``overall``
    (``{"value"|"mean", "ci_low", "ci_high", "n"}``), ``respondents`` (rows kept), ``responses`` (the
    :class:`~journeymap.survey.responses.Responses` they came from, with every issue), ``targets``,
    ``date`` and ``source`` (provenance for :func:`journeymap.survey.apply`).
    """

    journey: Journey
    responses: Responses
    items: pd.DataFrame
    moments: pd.DataFrame
    nps: dict[str, Any]
    overall: dict[str, Any]
    _: KW_ONLY
    targets: Targets
    date: str
    source: str | None
    nps_method: str

    @property
    def questionnaire(self) -> Questionnaire:
        """The questionnaire the answers were given to."""
        return self.responses.questionnaire

    @property
    def respondents(self) -> int:
        return self.responses.rows_kept

    @property
    def issues(self) -> tuple[Any, ...]:
        return self.responses.issues

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``journeymap survey score --json``: ``moments`` keyed by touchpoint id
        (``csat`` as ``{"mean", "ci_low", "ci_high", "n"}`` — the top-2-box share of the overall item,
        a fraction —, ``grade``, ``requirements`` keyed by code, and more), ``nps`` ``{"value",
        "ci_low", "ci_high", "n"}`` on −100..100, ``overall``, ``respondents``, ``rows_read``, ``issues``."""
        moments = {}
        for tp_id, row in self.moments.iterrows():
            requirements = {}
            for code, item in self.items[(self.items["touchpoint"] == tp_id)
                                         & (self.items["kind"] == "requirement")].iterrows():
                requirements[str(code)] = {
                    "text": item["text"],
                    "csat": _figure(item, "top2", "top2_low", "top2_high", "n"),
                    "mean_score": _figure(item, "mean", "mean_low", "mean_high", "n"),
                    "standard": item["standard"] or None,
                    "standard_met": (None if not math.isfinite(item["standard_met"]) else {
                        "mean": _number(item["standard_met"]), "ci_low": _number(item["standard_met_low"]),
                        "ci_high": _number(item["standard_met_high"])}),
                }
            moments[str(tp_id)] = {
                "name": row["name"],
                "csat": _figure(row, "csat", "csat_low", "csat_high", "n"),
                "mean_score": _figure(row, "mean", "mean_low", "mean_high", "n"),
                "ces": _figure(row, "ces", "ces_low", "ces_high", "ces_n"),
                "not_lived": _figure(row, "not_lived", "not_lived_low", "not_lived_high", "screened"),
                "grade": row["grade"],
                "settle_n": _number(row["settle_n"]),
                "requirements": requirements,
            }
        return {
            "journey": self.journey.title,
            "source": self.source,
            "date": self.date,
            "targets": {"fail_below": self.targets.fail_below, "exceed_above": self.targets.exceed_above},
            "moments": moments,
            "nps": {key: _number(self.nps[key]) for key in ("value", "ci_low", "ci_high", "n")},
            "nps_method": self.nps_method,
            "overall": {key: _number(self.overall[key]) for key in ("mean", "ci_low", "ci_high", "n", "top2",
                                                                      "top2_low", "top2_high")},
            "respondents": self.respondents,
            "rows_read": self.responses.rows_read,
            "issues": [str(issue) for issue in self.issues],
        }

    def summary(self, language: str | None = None) -> pd.DataFrame:
        """The moments as people read them, in the journey's language (or ``language``)."""
        from journeymap.survey.report import summary_table

        return summary_table(self, language)

    def requirements_summary(self, language: str | None = None) -> pd.DataFrame:
        """The requirements as people read them: satisfied customers beside the simulated share for whom
        each standard was met (see :func:`journeymap.survey.report.requirements_table`)."""
        from journeymap.survey.report import requirements_table

        return requirements_table(self, language)

    def importance(self, target: str = "overall") -> pd.DataFrame:
        """Which moments matter most for ``target`` (``overall`` or ``nps``): see
        :func:`journeymap.survey.importance.derived_importance`."""
        from journeymap.survey.importance import derived_importance

        return derived_importance(self, target)

    def plot(self, path: str | os.PathLike[str] | None = None, *, target: str = "overall", ax: Any = None) -> Any:
        """The importance-performance matrix (see :func:`journeymap.survey.chart.plot_importance`)."""
        from journeymap.survey.chart import plot_importance

        return plot_importance(self, path, target=target, ax=ax)

    def apply(self, journey: Journey | None = None) -> Journey:
        """The journey with each moment's measured satisfaction on it (:func:`journeymap.survey.apply`)."""
        from journeymap.survey.measured import apply

        return apply(journey or self.journey, self)

    def __repr__(self) -> str:
        grades = self.moments["grade"].value_counts()
        parts = ", ".join(f"{n} {g.replace('_', ' ')}" for g, n in grades.items())
        nps = self.nps["value"]
        return (f"<Scores of {self.journey.title!r}: {self.respondents} respondents, {len(self.moments)} moments "
                f"({parts}), NPS {'—' if not math.isfinite(nps) else f'{nps:+.0f}'}>")

    def _repr_html_(self) -> str:
        return self.summary().to_html()


def _figure(row: Mapping[str, Any], value: str, low: str, high: str, n: str) -> dict[str, Any]:
    return {"mean": _number(row[value]), "ci_low": _number(row[low]), "ci_high": _number(row[high]),
            "n": _number(row[n]) or 0}


def _top2(values: np.ndarray, confidence: float) -> tuple[float, float, float, int]:
    data = values[np.isfinite(values)]
    share, low, high = wilson(float(np.sum(data >= 4)), len(data), confidence)
    return share, low, high, len(data)


def _standards(journey: Journey, simulation: Any) -> dict[tuple[str, int], dict[str, Any]]:
    """For each requirement with a ``wait`` standard: the simulated share of customers it was met for."""
    found = {}
    for tp in journey.moments_of_truth:
        for n, requirement in enumerate(tp.requirements, start=1):
            if simulation is not None and "wait" in requirement.standard:
                found[(tp.id, n)] = simulation.standard_met(tp.id, requirement.standard["wait"])
    return found


def score(
    journey: Journey,
    responses: Responses | str | os.PathLike[str] | pd.DataFrame | Sequence[Mapping[str, Any]],
    *,
    questionnaire: Questionnaire | None = None,
    targets: Targets | None = None,
    confidence: float = CONFIDENCE,
    nps_method: str = "analytic",
    seed: int = 0,
    simulation: Any = None,
    date: str | dt.date | None = None,
    source: str | None = None,
) -> Scores:
    """Score the answers to ``journey``'s survey (see the module's description).

    ``responses``: a file (CSV, XLSX, SurveyJS JSON, LimeSurvey CSV), a DataFrame, SurveyJS result
    objects, or :class:`~journeymap.survey.responses.Responses` already read. ``questionnaire``: the
    design the answers follow (default ``design(journey)``; pass it when it had ``segments``).
    ``targets``: the grades' thresholds (default 70% and 85%); ``nps_method``: ``analytic`` or
    ``bootstrap`` (resampled with ``seed``); ``simulation``: a
    :class:`~journeymap.simulation.SimulationResult` of the same journey, for the standards' shares;
    ``date`` and ``source``: the provenance :func:`journeymap.survey.apply` writes on the map
    (default: today, and the answers' file name).
    """
    if not isinstance(journey, Journey):
        raise TypeError(f"'journey' must be a Journey (got {type(journey).__name__})")
    targets = targets or Targets()
    if not isinstance(responses, Responses):
        responses = read_responses(responses, questionnaire or design(journey))
    table = responses.table
    standards = _standards(journey, simulation)
    items = []
    for question in responses.questionnaire.questions:
        if question.kind not in ("moment", "requirement", "effort", "overall") or question.code not in table:
            continue
        values = table[question.code].to_numpy(dtype=float)
        scale = question.scale
        mean, mean_low, mean_high, n = mean_interval(values, confidence, (scale.low, scale.high))
        top2 = _top2(values, confidence)[:3] if scale.kind == "csat" else (math.nan,) * 3
        met = standards.get((question.touchpoint or "", question.requirement or 0), {})
        items.append({
            "code": question.code, "kind": question.kind, "touchpoint": question.touchpoint or "",
            "requirement": question.requirement or 0,
            "text": question.requirement_text or journey_name(journey, question.touchpoint),
            "n": n, "top2": top2[0], "top2_low": top2[1], "top2_high": top2[2],
            "mean": mean, "mean_low": mean_low, "mean_high": mean_high,
            "standard": question.standard or "",
            "standard_met": met.get("mean", math.nan), "standard_met_low": met.get("ci_low", math.nan),
            "standard_met_high": met.get("ci_high", math.nan),
        })
    item_table = pd.DataFrame(items, columns=["code", *ITEM_COLUMNS]).set_index("code")
    moments = []
    for tp in journey.moments_of_truth:
        row: dict[str, Any] = {"touchpoint": tp.id, "name": tp.label}
        lived = f"lived_{tp.id}"
        screened = table[lived].to_numpy(dtype=float) if lived in table else np.array([])
        screened = screened[np.isfinite(screened)]
        share, low, high = wilson(float(np.sum(screened == 0)), len(screened), confidence)
        row.update(screened=len(screened), not_lived=share, not_lived_low=low, not_lived_high=high)
        overall_code = f"mot_{tp.id}_overall"
        values = table[overall_code].to_numpy(dtype=float) if overall_code in table else np.array([])
        csat, csat_low, csat_high, n = _top2(values, confidence)
        mean, mean_low, mean_high, _ = mean_interval(values, confidence, (1, 5))
        effort = f"ces_{tp.id}"
        ces = mean_interval(table[effort].to_numpy(dtype=float), confidence, (1, 7)) if effort in table else \
            (math.nan, math.nan, math.nan, 0)
        verdict, settle = grade(csat, csat_low, csat_high, targets, confidence)
        row.update(n=n, csat=csat, csat_low=csat_low, csat_high=csat_high, mean=mean, mean_low=mean_low,
                   mean_high=mean_high, ces=ces[0], ces_low=ces[1], ces_high=ces[2], ces_n=ces[3], grade=verdict,
                   settle_n=np.nan if settle is None else settle)
        moments.append(row)
    moment_table = pd.DataFrame(moments, columns=["touchpoint", *MOMENT_COLUMNS]).set_index("touchpoint")
    nps_values = table["nps"].to_numpy(dtype=float) if "nps" in table else np.array([])
    value, nps_low, nps_high, nps_n = nps_interval(nps_values, confidence, method=nps_method, seed=seed)
    overall_values = table["overall"].to_numpy(dtype=float) if "overall" in table else np.array([])
    o_mean, o_low, o_high, o_n = mean_interval(overall_values, confidence, (1, 5))
    top2 = _top2(overall_values, confidence)
    when = date.isoformat() if isinstance(date, dt.date) else date or dt.date.today().isoformat()
    return Scores(
        journey, responses, item_table, moment_table,
        {"value": value, "ci_low": nps_low, "ci_high": nps_high, "n": nps_n},
        {"mean": o_mean, "ci_low": o_low, "ci_high": o_high, "n": o_n, "top2": top2[0], "top2_low": top2[1],
         "top2_high": top2[2]},
        targets=targets, date=when, source=source or (Path(responses.source).name if responses.source else None),
        nps_method=nps_method,
    )


def journey_name(journey: Journey, touchpoint: str | None) -> str:
    """The name of ``touchpoint`` (empty for none)."""
    return journey.touchpoint(touchpoint).label if touchpoint else ""
