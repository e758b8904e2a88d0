"""The simulation's building blocks: bounded accumulators, random streams, daily schedules, intervals."""

from __future__ import annotations

import math
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as scipy_stats

from journeymap.model import Arrival, Exponential, Journey, RatePeriod, Stage, Touchpoint, mean_arrival_rate
from journeymap.simulation.arrivals import DailyRate
from journeymap.simulation.result import confidence_interval
from journeymap.simulation.stats import MAX_PATH_LENGTH, Histogram, PathCounter, rebin
from journeymap.simulation.streams import Streams, block_stream, choice_stream, stable_key


# -- Histogram -------------------------------------------------------------------------------------
@pytest.mark.parametrize("q", [0.1, 0.5, 0.9, 0.99])
def test_histogram_quantiles_are_within_two_percent_of_exact(q: float) -> None:
    values = np.random.default_rng(3).lognormal(1.0, 1.5, 50_000)
    histogram = Histogram()
    for value in values:
        histogram.add(float(value))
    assert histogram.total == len(values)
    assert histogram.quantile(q) == pytest.approx(np.quantile(values, q), rel=0.02)


def test_histogram_counts_zeros_exactly() -> None:
    histogram = Histogram()
    for value in [0.0] * 70 + [5.0] * 30:
        histogram.add(value)
    assert histogram.zeros == 70
    assert histogram.quantile(0.5) == 0.0
    assert histogram.quantile(0.7) == 0.0
    assert histogram.quantile(0.9) == pytest.approx(5.0)  # clamped to the exact range seen


def test_histogram_memory_is_bounded() -> None:
    histogram = Histogram()
    for value in np.random.default_rng(1).exponential(2.0, 3 * Histogram.FLUSH + 5):
        histogram.add(float(value))
        assert len(histogram.buffer) < Histogram.FLUSH
    assert histogram.counts.shape == (Histogram.BINS + 2,)


def test_empty_histogram_has_no_quantile() -> None:
    assert math.isnan(Histogram().quantile(0.9))


def test_rebin_keeps_every_count() -> None:
    histogram = Histogram()
    for value in [0.0, 0.0, 1.5, 2.5, 7.0]:
        histogram.add(value)
    counts, zeros = histogram.snapshot()
    linear = rebin(counts, zeros, np.linspace(0, 10, 11))
    assert linear.tolist() == [2, 1, 1, 0, 0, 0, 0, 1, 0, 0]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=1e-3, max_value=1e5), min_size=1, max_size=300))
def test_histogram_quantile_stays_inside_the_data(values: list[float]) -> None:
    histogram = Histogram()
    for value in values:
        histogram.add(value)
    for q in (0.0, 0.5, 1.0):
        assert min(values) <= histogram.quantile(q) <= max(values)


# -- PathCounter -----------------------------------------------------------------------------------
def _code(indices: list[int], base: int) -> int:
    code = 0
    for index in indices[:MAX_PATH_LENGTH]:
        code = code * base + index + 1
    return -code if len(indices) > MAX_PATH_LENGTH else code


def test_path_counter_decodes_paths_and_marks_long_ones() -> None:
    names = ["a", "b", "c"]
    counter = PathCounter(base=4)
    counter.add(_code([0, 1, 2], 4))
    counter.add(_code([0, 1, 2], 4))
    counter.add(_code([0, 2], 4))
    counter.add(_code([0, 1] * 10, 4))
    assert counter.most_common(names) == {
        ("a", "b", "c"): 2,
        ("a", "c"): 1,
        ("a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "…"): 1,
    }


def test_path_counter_counts_exactly_up_to_its_limit_and_says_how_many_were_beyond() -> None:
    """Rare paths are never pruned (pruning biased their shares low): the first ``limit`` distinct
    paths keep exact counts, rare ones included; customers on later new paths are counted apart."""
    counter = PathCounter(base=1000, limit=10)
    for rare in range(2, 11):
        counter.add(rare)  # nine paths taken once, early
    for _ in range(50):
        counter.add(1)  # a frequent path
    for rare in range(11, 500):
        counter.add(rare)  # paths first seen once the limit is reached
    counter.add(5)  # a path already counted keeps being counted
    assert len(counter.counts) == 10
    assert counter.counts[1] == 50 and counter.counts[5] == 2
    assert all(counter.counts[rare] == 1 for rare in (2, 3, 4, 6, 7, 8, 9, 10))
    assert counter.beyond == 489
    assert counter.beyond + sum(counter.counts.values()) == 9 + 50 + 489 + 1


# -- streams ---------------------------------------------------------------------------------------
def test_streams_depend_on_seed_and_key_only() -> None:
    first = Streams(np.random.SeedSequence(7)).generator(0, stable_key("call"), 0).random(5)
    again = Streams(np.random.SeedSequence(7)).generator(0, stable_key("call"), 0).random(5)
    other = Streams(np.random.SeedSequence(7)).generator(0, stable_key("chat"), 0).random(5)
    assert first.tolist() == again.tolist()
    assert first.tolist() != other.tolist()


def test_stable_key_does_not_depend_on_the_process() -> None:
    assert stable_key("call") == zlib.crc32(b"call")  # unlike hash(), which is salted per process
    assert stable_key("llamada") != stable_key("call")


def test_block_stream_gives_the_same_numbers_as_one_big_draw() -> None:
    rng = np.random.default_rng(4)
    stream = block_stream(lambda size: Exponential(2.0).sample(rng, size), block=16)
    drawn = [next(stream) for _ in range(40)]
    assert drawn == np.random.default_rng(4).exponential(2.0, 48)[:40].tolist()


def test_choice_stream_follows_the_probabilities() -> None:
    stream = choice_stream(np.random.default_rng(9), [0.2, 0.5, 0.3])
    draws = np.array([next(stream) for _ in range(30_000)])
    shares = np.bincount(draws, minlength=3) / len(draws)
    assert shares == pytest.approx([0.2, 0.5, 0.3], abs=0.01)


# -- daily schedules -------------------------------------------------------------------------------
def test_daily_rate_steps_and_wraps_to_the_first_period() -> None:
    rate = DailyRate([RatePeriod(8 * 60, 1.0), RatePeriod(18 * 60, 5.0), RatePeriod(22 * 60, 2.0)], day=1440)
    assert [rate(t) for t in (0, 479.9, 480, 1079, 1080, 1319, 1320, 1439, 1440 + 600)] == [
        1.0, 1.0, 5.0, 5.0, 2.0, 2.0, 1.0, 1.0, 5.0,
    ]
    assert rate.peak == 5.0


def test_daily_rate_averages_to_what_the_analysis_reports() -> None:
    schedule = (RatePeriod(8 * 60, 1.0), RatePeriod(18 * 60, 5.0), RatePeriod(22 * 60, 2.0))
    journey = Journey("j", time_unit="minute", stages=(Stage("s"),), touchpoints=(Touchpoint("t", stage="s"),),
                      arrivals=(Arrival("t", schedule=schedule),))
    rate = DailyRate(schedule, day=1440)
    over_the_day = np.mean([rate(t) for t in np.arange(0.0, 1440.0, 0.5)])  # exact: the steps fall on whole minutes
    assert over_the_day == pytest.approx((480 * 1 + 600 * 5 + 240 * 2 + 120 * 1) / 1440)
    assert mean_arrival_rate(journey)["t"] == pytest.approx(over_the_day)


# -- confidence intervals --------------------------------------------------------------------------
def test_confidence_interval_is_student_t() -> None:
    values = np.array([[1.0, 10.0], [2.0, np.nan], [4.0, 12.0]])
    ci = confidence_interval(values)
    half = scipy_stats.t.ppf(0.975, 2) * np.std([1, 2, 4], ddof=1) / math.sqrt(3)
    assert ci["mean"][0] == pytest.approx(7 / 3)
    assert ci["ci_low"][0] == pytest.approx(7 / 3 - half)
    assert ci["ci_high"][0] == pytest.approx(7 / 3 + half)
    assert ci["n"].tolist() == [3, 2]
    assert ci["mean"][1] == pytest.approx(11.0)


def test_one_value_gives_no_interval() -> None:
    ci = confidence_interval(np.array([[3.0]]))
    assert ci["mean"][0] == 3.0
    assert math.isnan(ci["ci_low"][0]) and math.isnan(ci["ci_high"][0])
