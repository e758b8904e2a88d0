"""Times and rates as people write them, and back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap.model.units import (
    UnitError,
    format_duration,
    format_rate,
    parse_duration,
    parse_rate,
    parse_time_of_day,
    unit_name,
)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("90 s", "minute", 1.5),
        ("6 min", "minute", 6.0),
        ("2 h", "minute", 120.0),
        ("3 d", "hour", 72.0),
        ("1 w", "day", 7.0),
        ("1.5h", "minute", 90.0),
        ("2 horas", "minute", 120.0),
        ("1 día", "hour", 24.0),
        (6, "minute", 6.0),
        (0.25, "hour", 0.25),
        ("4", "minute", 4.0),
    ],
)
def test_durations(text: object, unit: str, expected: float) -> None:
    assert parse_duration(text, unit) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("30/h", "minute", 0.5),
        ("120 per day", "hour", 5.0),
        ("2 por hora", "minute", 2 / 60),
        ("10 / min", "hour", 600.0),
        (3, "minute", 3.0),
        ("3", "minute", 3.0),
    ],
)
def test_rates(text: object, unit: str, expected: float) -> None:
    assert parse_rate(text, unit) == pytest.approx(expected)


def test_time_of_day_accepts_clock_and_durations() -> None:
    assert parse_time_of_day("09:30", "hour") == pytest.approx(9.5)
    assert parse_time_of_day("24:00", "minute") == pytest.approx(1440)
    assert parse_time_of_day("18 h", "minute") == pytest.approx(1080)
    with pytest.raises(UnitError, match="not a time of day"):
        parse_time_of_day("25:00", "hour")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("six minutes", "expected a time such as '6 min'"),
        ("6 parsecs", "unknown time unit 'parsecs'"),
        (True, "expected a number"),
        (float("nan"), "finite"),
    ],
)
def test_bad_durations_say_what_was_expected(bad: object, message: str) -> None:
    with pytest.raises(UnitError, match=message):
        parse_duration(bad, "minute")


def test_bad_rate_says_what_was_expected() -> None:
    with pytest.raises(UnitError, match="expected a rate such as '30/h'"):
        parse_rate("thirty an hour", "minute")
    with pytest.raises(UnitError, match="unknown time unit"):
        unit_name("fortnight")


def test_formatting_picks_the_readable_unit() -> None:
    assert format_duration(1440, "minute") == "1 d"
    assert format_duration(6, "minute") == 6
    assert format_duration(90, "minute") == 90
    assert format_duration(10080, "minute") == "1 w"
    assert format_rate(0.5, "minute") == "30/h"
    assert format_rate(2, "minute") == 2
    assert format_rate(5 / 1440, "minute") == "5/d"


@given(st.floats(min_value=1e-6, max_value=1e7, allow_nan=False), st.sampled_from(["second", "minute", "hour", "day"]))
def test_formatted_durations_parse_back_exactly(value: float, unit: str) -> None:
    assert parse_duration(format_duration(value, unit), unit) == value


@given(st.floats(min_value=1e-6, max_value=1e7, allow_nan=False), st.sampled_from(["second", "minute", "hour", "day"]))
def test_formatted_rates_parse_back_exactly(value: float, unit: str) -> None:
    assert parse_rate(format_rate(value, unit), unit) == value
