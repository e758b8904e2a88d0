"""Answers drawn from a known truth: for tests, demonstrations and benchmarks, never for conclusions.

    truth = answer_truth(questionnaire, seed=1)
    answers = sample_answers(questionnaire, 400, seed=2, truth=truth)   # a DataFrame, one row per respondent

The truth says, for each moment, the share of customers who go through it and how its overall item
and requirement items are answered (a distribution over 1–5), how its effort item is answered (1–7),
and how much each moment weighs in overall satisfaction. A respondent goes through each moment
independently; the answers to a moment they did not live are empty (as skip logic leaves them);
overall satisfaction is ``clip(round(3.2 + Σ weight × (moment score − 3) + noise), 1, 5)`` and the
likelihood to recommend ``clip(round(2 × overall − 1.5 + noise), 0, 10)``, so the truth of those two
is known by simulation (:meth:`Truth.overall_figures`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from journeymap.survey.questionnaire import Questionnaire

__all__ = ["Truth", "answer_truth", "sample_answers"]


@dataclass(frozen=True)
class Truth:
    """The distributions answers are drawn from (see the module's description).

    ``lived``: share of customers who go through each moment (by touchpoint id); ``items``: for each
    rated code, the probabilities of the scale's values (low to high); ``weights``: each moment's
    weight in overall satisfaction; ``noise``: the spread of the overall answer around its model.
    """

    lived: dict[str, float]
    items: dict[str, np.ndarray]
    weights: dict[str, float]
    noise: float = 0.6

    def top2(self, code: str) -> float:
        """The true share answering 4 or 5 to a 1–5 item."""
        p = self.items[code]
        return float(p[3] + p[4])

    def mean(self, code: str) -> float:
        """The true mean answer of an item."""
        p = self.items[code]
        return float(np.dot(p, np.arange(1, len(p) + 1)))

    def overall_figures(self, questionnaire: Questionnaire, respondents: int = 1_000_000, seed: int = 12345
                        ) -> dict[str, float]:
        """Overall satisfaction's mean and top-2-box share and the NPS (−100..100) of the truth, from a
        very large sample (their sampling error is a few thousandths)."""
        answers = sample_answers(questionnaire, respondents, seed=seed, truth=self)
        overall, nps = answers["overall"].to_numpy(), answers["nps"].to_numpy()
        return {"overall_mean": float(overall.mean()), "overall_top2": float(np.mean(overall >= 4)),
                "nps": float(100 * (np.mean(nps >= 9) - np.mean(nps <= 6)))}


def _distribution(rng: np.random.Generator, points: int, centre: float) -> np.ndarray:
    """A plausible single-peaked distribution over ``points`` answers, peaking near ``centre``."""
    positions = np.arange(points)
    weights = np.exp(-0.5 * ((positions - centre) / rng.uniform(0.8, 1.4)) ** 2) + 0.02
    return weights / weights.sum()


def answer_truth(questionnaire: Questionnaire, seed: int = 0) -> Truth:
    """A random but plausible truth for ``questionnaire``'s moments and items (fixed by ``seed``)."""
    rng = np.random.default_rng(seed)
    moments = [s.touchpoint for s in questionnaire.sections if s.touchpoint]
    lived = {tp: float(rng.uniform(0.45, 0.95)) for tp in moments}
    items: dict[str, np.ndarray] = {}
    for question in questionnaire.questions:
        if question.scale.kind == "csat" and question.touchpoint:
            items[question.code] = _distribution(rng, 5, rng.uniform(1.8, 4.0))
        elif question.scale.kind == "ces":
            items[question.code] = _distribution(rng, 7, rng.uniform(2.5, 5.5))
    raw = rng.uniform(0.2, 1.0, size=len(moments))
    weights = {tp: float(w) for tp, w in zip(moments, raw / raw.sum() * 1.2, strict=True)}
    return Truth(lived=lived, items=items, weights=weights)


def sample_answers(questionnaire: Questionnaire, respondents: int, *, seed: int = 0,
                   truth: Truth | None = None) -> pd.DataFrame:
    """``respondents`` rows of answers to ``questionnaire`` drawn from ``truth`` (default:
    ``answer_truth(questionnaire, seed)``), columns named by the codes, index ``respondent`` (R1, R2...)."""
    truth = truth or answer_truth(questionnaire, seed)
    rng = np.random.default_rng(seed)
    columns: dict[str, np.ndarray] = {}
    latent = np.zeros(respondents)
    codes = set(questionnaire.codes)
    for section in questionnaire.sections:
        tp = section.touchpoint
        if tp is None:
            continue
        lived = rng.random(respondents) < truth.lived[tp]
        if f"lived_{tp}" in codes:
            columns[f"lived_{tp}"] = lived.astype(float)
        else:
            lived = np.ones(respondents, dtype=bool)  # a pulse goes to those who just lived the moment
        for question in section.questions:
            p = truth.items[question.code]
            drawn = rng.choice(np.arange(1, len(p) + 1), size=respondents, p=p).astype(float)
            columns[question.code] = np.where(lived, drawn, np.nan)
            if question.kind == "moment":
                latent += np.where(lived, truth.weights[tp] * (drawn - 3.0), 0.0)
    if "overall" in codes or "nps" in codes:
        overall = np.clip(np.round(3.2 + latent + rng.normal(0.0, truth.noise, respondents)), 1, 5)
        if "overall" in codes:
            columns["overall"] = overall
        if "nps" in codes:
            columns["nps"] = np.clip(np.round(2.0 * overall - 1.5 + rng.normal(0.0, 1.2, respondents)), 0, 10)
    frame = pd.DataFrame(columns, index=pd.Index([f"R{i + 1}" for i in range(respondents)], name="respondent"))
    return frame[[c for c in questionnaire.codes if c in frame.columns]]
