"""Scoring answers drawn from a known truth: every interval covers the truth as often as it says.

Answers come from :mod:`journeymap.survey.synthetic` with fixed seeds; each figure's 95% interval is
computed over many independent samples and must contain the true value in 93–97% of them (with
hundreds of intervals per kind, a correct 95% interval lands there with near certainty, and a wrong
one — too narrow, biased — does not).
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pytest

import journeymap as jm
from journeymap.io.catalog import template
from journeymap.survey import (
    Targets,
    answer_truth,
    design,
    grade,
    mean_interval,
    n_to_clear,
    nps_interval,
    sample_answers,
    score,
    wilson,
)

JOURNEY = template("service_cycle", "en")
QUESTIONNAIRE = design(JOURNEY)
TRUTH = answer_truth(QUESTIONNAIRE, seed=7)
REPLICATIONS = 200
RESPONDENTS = 200


@cache
def _coverage() -> dict[str, tuple[int, int]]:
    """(intervals holding the truth, intervals) per kind of figure, over REPLICATIONS samples."""
    big = TRUTH.overall_figures(QUESTIONNAIRE, 400_000)
    hits: dict[str, list[bool]] = {k: [] for k in ("top2", "mean", "ces", "not_lived", "nps", "nps_bootstrap",
                                                   "overall")}
    for replication in range(REPLICATIONS):
        answers = sample_answers(QUESTIONNAIRE, RESPONDENTS, seed=1000 + replication, truth=TRUTH)
        scores = score(JOURNEY, answers, nps_method="bootstrap" if replication % 2 else "analytic", seed=replication)
        for code, item in scores.items.iterrows():
            if item["kind"] == "effort":
                hits["ces"].append(item["mean_low"] <= TRUTH.mean(code) <= item["mean_high"])
            elif item["kind"] in ("moment", "requirement"):
                hits["top2"].append(item["top2_low"] <= TRUTH.top2(code) <= item["top2_high"])
                hits["mean"].append(item["mean_low"] <= TRUTH.mean(code) <= item["mean_high"])
        for tp, row in scores.moments.iterrows():
            hits["not_lived"].append(row["not_lived_low"] <= 1 - TRUTH.lived[tp] <= row["not_lived_high"])
        nps = scores.nps
        hits["nps_bootstrap" if replication % 2 else "nps"].append(nps["ci_low"] <= big["nps"] <= nps["ci_high"])
        overall = scores.overall
        hits["overall"].append(overall["ci_low"] <= big["overall_mean"] <= overall["ci_high"])
    return {kind: (sum(found), len(found)) for kind, found in hits.items()}


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "low", "high"), [
    ("top2", 0.93, 0.97), ("mean", 0.93, 0.97), ("ces", 0.925, 0.975), ("not_lived", 0.925, 0.975),
    ("nps", 0.9, 0.99), ("nps_bootstrap", 0.9, 0.99), ("overall", 0.915, 0.985),
])
def test_each_interval_covers_the_truth_as_often_as_it_claims(kind: str, low: float, high: float) -> None:
    covered, total = _coverage()[kind]
    assert total >= 100
    assert low <= covered / total <= high, f"{kind}: {covered}/{total} intervals hold the truth"


def test_the_estimates_find_the_truth_in_a_large_sample() -> None:
    scores = score(JOURNEY, sample_answers(QUESTIONNAIRE, 20_000, seed=5, truth=TRUTH))
    for code, item in scores.items.drop(index="overall").iterrows():
        assert item["mean"] == pytest.approx(TRUTH.mean(code), abs=0.05), code
    for tp, row in scores.moments.iterrows():
        assert row["csat"] == pytest.approx(TRUTH.top2(f"mot_{tp}_overall"), abs=0.02)
        assert row["not_lived"] == pytest.approx(1 - TRUTH.lived[tp], abs=0.02)


def test_interval_formulas() -> None:
    share, low, high = wilson(8, 10)
    assert (share, round(low, 4), round(high, 4)) == (0.8, 0.4902, 0.9433)
    assert wilson(0, 0)[0] != wilson(0, 0)[0]  # NaN without answers
    mean, low, high, n = mean_interval(np.array([4, 5, 3, 4, np.nan]))
    assert (mean, n) == (4.0, 4) and high - mean == pytest.approx(3.182446 * math.sqrt(2 / 3) / 2, rel=1e-5)
    value, low, high, n = nps_interval(np.array([10, 9, 8, 7, 6, 0]))
    assert value == pytest.approx(0.0) and n == 6
    assert high == pytest.approx(1.959964 * math.sqrt((2 / 6 + 2 / 6) / 6) * 100, rel=1e-5)


@pytest.mark.parametrize(("share", "low", "high", "expected"), [
    (0.60, 0.55, 0.65, ("fails", None)),
    (0.78, 0.72, 0.83, ("meets", None)),
    (0.90, 0.86, 0.93, ("exceeds", None)),
    (0.72, 0.65, 0.79, ("not_distinguishable", n_to_clear(0.72, 0.70))),
    (0.77, 0.68, 0.87, ("not_distinguishable", max(n_to_clear(0.77, 0.70), n_to_clear(0.77, 0.85)))),
    (0.70, 0.60, 0.80, ("not_distinguishable", None)),  # exactly on the target: no n settles it
])
def test_grades_only_where_the_interval_is_clear(share: float, low: float, high: float,
                                                 expected: tuple[str, int | None]) -> None:
    assert grade(share, low, high) == expected


def test_the_n_that_settles_a_grade_settles_it() -> None:
    n = n_to_clear(0.72, 0.70)
    assert n is not None and 1936 < n < 2100  # about z² p(1 - p) / (p - t)² = 1936, a little more for Wilson
    assert wilson(0.72 * n, n)[1] > 0.70 and wilson(0.72 * (n - 1), n - 1)[1] <= 0.70
    with pytest.raises(ValueError, match=r"'fail_below' \(0.9\) must be below 'exceed_above' \(0.8\)"):
        Targets(0.9, 0.8)


def test_the_json_document_has_the_keys_other_tools_read() -> None:
    scores = score(JOURNEY, sample_answers(QUESTIONNAIRE, 300, seed=1, truth=TRUTH), date="2025-03-14",
                   source="answers.csv")
    document = scores.to_dict()
    assert set(document["moments"]) == {tp.id for tp in JOURNEY.moments_of_truth}
    moment = document["moments"]["help_desk"]
    assert set(moment["csat"]) == {"mean", "ci_low", "ci_high", "n"}
    assert 0 <= moment["csat"]["ci_low"] <= moment["csat"]["mean"] <= moment["csat"]["ci_high"] <= 1
    assert moment["grade"] in ("fails", "meets", "exceeds", "not_distinguishable")
    assert list(moment["requirements"]) == ["mot_help_desk_r1", "mot_help_desk_r2", "mot_help_desk_r3"]
    assert set(document["nps"]) == {"value", "ci_low", "ci_high", "n"} and -100 <= document["nps"]["value"] <= 100
    assert document["respondents"] == 300


def test_measured_satisfaction_goes_onto_the_map_apart_from_the_estimate() -> None:
    scores = score(JOURNEY, sample_answers(QUESTIONNAIRE, 300, seed=1, truth=TRUTH), date="2025-03-14",
                   source="answers.csv")
    measured = jm.survey.apply(JOURNEY, scores)
    desk = measured.touchpoint("help_desk")
    assert desk.satisfaction == JOURNEY.touchpoint("help_desk").satisfaction  # the estimate is kept
    assert desk.measured_satisfaction.mean == pytest.approx(scores.moments.loc["help_desk", "mean"], abs=1e-4)
    assert (desk.measured_satisfaction.n, desk.measured_satisfaction.date, desk.measured_satisfaction.source) == (
        int(scores.moments.loc["help_desk", "n"]), "2025-03-14", "answers.csv")
    assert desk.shown_satisfaction == desk.measured_satisfaction.mean and desk.satisfaction_is_measured
    assert not measured.touchpoint("website").satisfaction_is_measured  # not a moment: untouched
    assert jm.loads(jm.dumps(measured)) == measured
    # the Mermaid export shows the measured score (one decimal, so the faces keep the spread)
    line = next(x for x in jm.to_mermaid(measured).splitlines() if "Asks the help desk" in x)
    assert f": {round(desk.measured_satisfaction.mean, 1):g}: " in line
    assert math.floor(desk.measured_satisfaction.mean + 0.5) != math.floor(desk.satisfaction + 0.5)


def test_the_action_plan_uses_the_measured_satisfaction() -> None:
    from journeymap.prioritize import action_plan, interventions_from_data

    scores = score(JOURNEY, sample_answers(QUESTIONNAIRE, 300, seed=1, truth=TRUTH))
    measured = scores.apply()
    [intervention] = interventions_from_data({"interventions": [{
        "name": "Chat staffing", "effort": 3, "touchpoints": ["help_desk"],
        "changes": [{"set": "help_desk.capacity", "to": 2}]}]})
    plan = action_plan(measured, [intervention], method="heuristic")
    row = plan.table.iloc[0]
    assert row["satisfaction"] == pytest.approx(measured.touchpoint("help_desk").shown_satisfaction)
    assert row["satisfaction_basis"] == f"measured (n={measured.touchpoint('help_desk').measured_satisfaction.n})"
    estimated = action_plan(JOURNEY, [intervention], method="heuristic").table.iloc[0]
    assert (estimated["satisfaction"], estimated["satisfaction_basis"]) == (3.0, "estimated")


def test_derived_importance_finds_the_moments_that_move_overall_satisfaction() -> None:
    import statsmodels.api as sm

    from journeymap.survey.importance import relative_weights, shapley_r2, subset_r2

    scores = score(JOURNEY, sample_answers(QUESTIONNAIRE, 6000, seed=11, truth=TRUTH))
    table = scores.importance()
    assert table["relative_weight"].sum() == pytest.approx(1.0) and table["shapley"].sum() == pytest.approx(1.0)
    assert table.attrs["basis"] == "complete"
    # relative weights and Shapley values agree, and the R² they split is statsmodels' own
    assert np.allclose(table["relative_weight"], table["shapley"], atol=0.02)
    complete = scores.responses.table[[f"mot_{tp}_overall" for tp in table.index] + ["overall"]].dropna()
    fit = sm.OLS(complete["overall"], sm.add_constant(complete.iloc[:, :-1])).fit()
    matrix = complete.corr().to_numpy()
    k = len(table)
    assert subset_r2(matrix[:k, :k], matrix[:k, k], tuple(range(k))) == pytest.approx(fit.rsquared)
    assert relative_weights(matrix[:k, :k], matrix[:k, k]).sum() == pytest.approx(fit.rsquared)
    assert shapley_r2(matrix[:k, :k], matrix[:k, k]).sum() == pytest.approx(fit.rsquared)
    # the moments the truth weighs most rank first (variance of the answers times the weight squared)
    spread = {tp: TRUTH.weights[tp] ** 2 * TRUTH.lived[tp] * float(np.dot(TRUTH.items[f"mot_{tp}_overall"],
              (np.arange(1, 6) - TRUTH.mean(f"mot_{tp}_overall")) ** 2)) for tp in table.index}
    assert table["importance"].idxmax() == max(spread, key=spread.__getitem__)
    critical = table.index[table["critical"]]
    assert all(table.loc[tp, "performance"] < 0.7 and table.loc[tp, "importance"] > 1 / k for tp in critical)
