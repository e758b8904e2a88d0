"""The share of customers for whom a requirement's standard is met, from the simulation, beside what they said."""

from __future__ import annotations

import math

import numpy as np
import pytest

import journeymap as jm
from journeymap.io.catalog import template
from journeymap.model import Arrival, Exponential, Journey, Requirement, Stage, Touchpoint
from journeymap.simulation.stats import Histogram, count_at_most, sparse
from journeymap.survey import design, sample_answers, score


def _queue(patience: float | None = None) -> Journey:
    """M/M/1 at load 0.8 (minutes), optionally with exponential patience."""
    return Journey(
        title="Line", stages=[Stage("s")], time_unit="minute",
        touchpoints=[Touchpoint("call", stage="s", capacity=1, service_time=Exponential(1.0),
                                patience=Exponential(patience) if patience else None, moment_of_truth=True,
                                requirements=[Requirement("Answered within 2 minutes", {"wait": 2.0})])],
        arrivals=[Arrival("call", rate=0.8)],
    )


def test_counting_values_at_most_a_limit_in_a_histogram() -> None:
    histogram = Histogram()
    values = np.random.default_rng(1).exponential(3.0, 20_000)
    for value in [0.0] * 500 + list(values):
        histogram.add(value)
    bins, counts, zeros = sparse(histogram)
    assert zeros == 500 and counts.sum() == 20_000 and len(bins) < Histogram.BINS / 3
    for limit in (0.5, 2.0, 10.0):
        exact = 500 + np.sum(values <= limit)
        assert count_at_most(bins, counts, zeros, limit) == pytest.approx(exact, rel=0.01)
    assert count_at_most(bins, counts, zeros, 0.0) == 500 and count_at_most(bins, counts, zeros, 1e12) == 20_500


def test_the_share_waiting_at_most_a_standard_matches_queueing_theory() -> None:
    result = jm.simulate(_queue(), customers=20_000, replications=10, seed=3, warmup=200)
    for limit in (0.5, 2.0, 5.0):
        exact = 1 - 0.8 * math.exp(-(1.0 - 0.8) * limit)  # M/M/1: P(Wq <= t) = 1 - rho e^{-mu (1 - rho) t}
        met = result.standard_met("call", limit)
        assert met["n"] == 10
        assert met["ci_low"] - 0.01 <= exact <= met["ci_high"] + 0.01, (limit, exact, met)


def test_customers_who_give_up_never_meet_the_standard() -> None:
    result = jm.simulate(_queue(patience=3.0), customers=20_000, replications=5, seed=4)
    served = 1 - result.touchpoints.loc["call", "abandonment_rate"]
    assert result.standard_met("call", 1e9)["mean"] == pytest.approx(served, abs=1e-9)
    assert result.standard_met("call", 2.0)["mean"] < served


def test_the_survey_puts_the_simulated_share_beside_what_customers_said() -> None:
    journey = _queue()
    questionnaire = design(journey)
    simulation = jm.simulate(journey, customers=5_000, replications=5, seed=2)
    scores = score(journey, sample_answers(questionnaire, 200, seed=1), simulation=simulation)
    item = scores.items.loc["mot_call_r1"]
    assert item["standard"] == "wait: 2 min"
    met = simulation.standard_met("call", 2.0)
    assert (item["standard_met"], item["standard_met_low"], item["standard_met_high"]) == (
        met["mean"], met["ci_low"], met["ci_high"])
    document = scores.to_dict()["moments"]["call"]["requirements"]["mot_call_r1"]
    assert document["standard"] == "wait: 2 min" and document["standard_met"]["mean"] == met["mean"]
    assert math.isnan(score(journey, sample_answers(questionnaire, 50, seed=1)).items.loc["mot_call_r1",
                                                                                         "standard_met"])


def test_a_template_with_standards_runs_end_to_end() -> None:
    journey = template("software_support", "en")
    chat = journey.touchpoint("live_chat")
    first = chat.requirements[0].with_standard({"wait": 2.0 / 60 if journey.time_unit == "hour" else 2.0})
    journey = journey.update_touchpoint("live_chat", requirements=(first, *chat.requirements[1:]))
    simulation = jm.simulate(journey, customers=2_000, replications=3, seed=1)
    scores = score(journey, sample_answers(design(journey), 100, seed=1), simulation=simulation)
    assert 0 <= scores.items.loc["mot_live_chat_r1", "standard_met"] <= 1
