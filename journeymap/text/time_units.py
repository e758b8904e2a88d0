"""The time units a journey counts in, and how long each is: the facts that durations and rates are
converted and printed with (the model's file format and the words for people both use them)."""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["SECONDS", "TIME_UNITS", "TimeUnit"]

TimeUnit = Literal["second", "minute", "hour", "day", "week"]
TIME_UNITS: tuple[str, ...] = get_args(TimeUnit)
"""The time units, shortest first."""

SECONDS: dict[str, float] = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 604800.0}
"""How many seconds each time unit lasts."""
