"""Customers entering the cycle: rates per hour of day and weekday, and the arrivals of a calibrated journey.

A case arrives when its first visit begins (its queue join, else its start, else its end). The
rate over the log's span is counted with an exact Poisson interval; when the hourly counts differ
materially (a chi-square test at :data:`LEVEL` and a peak at least :data:`PEAK` times the mean),
the arrival gets a daily ``schedule`` of hourly rates, otherwise a constant ``rate``. A journey has
one daily schedule for every day: a material difference between weekdays is reported, not modelled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from journeymap.evidence.intervals import poisson_interval
from journeymap.model import Arrival, RatePeriod
from journeymap.model.units import SECONDS
from journeymap.text import N_, number, translator

__all__ = ["LEVEL", "PEAK", "ArrivalEstimate", "estimate_arrivals"]

LEVEL = 0.001
PEAK = 1.5
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_NAMES = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
                 N_("Sunday"))
"""The weekdays for people (:data:`WEEKDAYS` stay English in the tables programs read)."""


@dataclass
class ArrivalEstimate:
    """The arrivals of a calibrated journey and what they rest on."""

    arrivals: list[Arrival]
    hourly: pd.DataFrame          # hour, arrivals, rate (per time unit)
    weekdays: pd.DataFrame        # weekday, days, arrivals, rate (per day)
    span: float                   # time units from the first to the last arrival (summed over replications)
    days: int
    scheduled: bool
    notes: list[str] = field(default_factory=list)


def _p_value(p: float, language: str = "en") -> str:
    """A test's p-value as a report writes it, never in scientific notation: ``p = 0.012``, ``p < 0.001``."""
    return f"p < {number(0.001, language)}" if p < 0.001 else f"p = {number(round(p, 3), language, digits=3)}"


def _clock_known(times: pd.Series) -> bool:
    """False when every time is midnight to the second: the log holds dates, not clock times."""
    return bool(((times.dt.hour != 0) | (times.dt.minute != 0) | (times.dt.second != 0)).any())


def estimate_arrivals(cases: pd.DataFrame, time_unit: str, *, language: str = "en") -> ArrivalEstimate:
    """Arrivals at each entry touchpoint from the cases' ``arrival`` times (tz-aware) and ``entry``.

    When ``cases`` has a ``replication`` column with several values, each replication is a history of
    its own over the same calendar: spans and days add up over the replications, so that every rate is
    the average of the replications' rates (not their sum). The notes are in ``language``."""
    words = translator(language)
    times = cases["arrival"].dropna()
    unit = SECONDS[time_unit]
    notes: list[str] = []
    history = (cases.loc[times.index, "replication"].to_numpy() if "replication" in cases
               else np.zeros(len(times), dtype=int))
    histories = [times[history == h] for h in pd.unique(history)] if len(times) else []
    replications = max(len(histories), 1)
    span = sum((h.max() - h.min()).total_seconds() for h in histories) / unit
    day = 86400 / unit
    days = sum(int((h.dt.normalize().max() - h.dt.normalize().min()).days) + 1 for h in histories)
    hours = times.dt.hour.value_counts().reindex(range(24), fill_value=0).sort_index()
    hourly = pd.DataFrame({"hour": range(24), "arrivals": hours.to_numpy(),
                           "rate": hours.to_numpy() / max(days, 1) / (3600 / unit)})
    weekdays = _weekdays(times, [h.dt.normalize() for h in histories])
    if replications > 1:
        notes.append(words.gettext("arrivals: the log holds {n} replications of the same period: rates are per "
                                   "replication, averaged", n=replications))
    if span <= 0:
        notes.append(words.gettext("arrivals: a single arrival time, so no rate can be estimated; give the "
                                   "arrivals by hand"))
        return ArrivalEstimate([], hourly, weekdays, span, days, False, notes)
    scheduled = False
    if not _clock_known(times):
        notes.append(words.gettext("arrivals: the log holds dates without clock times, so a constant rate is used"))
    elif days >= 2:
        counts = hourly["arrivals"].to_numpy()
        p = stats.chisquare(counts).pvalue if counts.sum() else 1.0
        peak = counts.max() / counts.mean() if counts.sum() else 0.0
        scheduled = bool(p < LEVEL and peak >= PEAK)
        if scheduled:
            notes.append(words.gettext("arrivals: the rate changes over the day (peak {peak} times the mean, "
                                       "chi-square {p}): a daily schedule of hourly rates",
                                       peak=number(round(float(peak), 1), language), p=_p_value(p, language)))
    if len(weekdays) and weekdays["days"].min() > 0 and days >= 14:
        expected = weekdays["days"] / weekdays["days"].sum() * weekdays["arrivals"].sum()
        p = stats.chisquare(weekdays["arrivals"], expected).pvalue
        rates = weekdays.set_index("weekday")["rate"]
        if p < LEVEL and rates.max() >= PEAK * rates.mean():
            names = dict(zip(WEEKDAYS, WEEKDAY_NAMES, strict=True))
            notes.append(words.gettext("arrivals vary by weekday (busiest {busiest}, quietest {quietest}): the "
                                       "journey holds one daily schedule, the average day",
                                       busiest=words.gettext(names[rates.idxmax()]),
                                       quietest=words.gettext(names[rates.idxmin()])))
    arrivals = []
    total = len(times)
    for entry, n in cases.loc[times.index, "entry"].value_counts(sort=False).items():
        # (n - 1) / span in each replication: unbiased between its first and its last arrival
        rate = (total - replications) / span * n / total
        low, high = (v / span for v in poisson_interval(n))
        evidence: dict[str, Any] = {"estimated": True, "arrivals": int(n), "span": _r(span),
                                    "rate_ci": [_r(low), _r(high)], "days": days}
        if replications > 1:
            evidence["replications"] = replications
        if scheduled:
            share = n / total
            periods = [RatePeriod(until=(h + 1) * 3600 / unit, rate=_r(share * r))
                       for h, r in zip(hourly["hour"], hourly["rate"], strict=True)]
            arrivals.append(Arrival(str(entry), schedule=tuple(_merged(periods, day)),
                                    meta={"evidence": {**evidence, "rate": _r(rate), "method": "hourly rates"}}))
        else:
            arrivals.append(Arrival(str(entry), rate=_r(rate),
                                    meta={"evidence": {**evidence, "method": "cases over the span"}}))
    return ArrivalEstimate(arrivals, hourly, weekdays, span, days, scheduled, notes)


def _merged(periods: list[RatePeriod], day: float) -> list[RatePeriod]:
    """Consecutive hours with the same rate as one period; the last period ends the day."""
    out: list[RatePeriod] = []
    for period in periods:
        if out and out[-1].rate == period.rate:
            out[-1] = out[-1].replace(until=period.until)
        else:
            out.append(period)
    if len(out) > 1 and out[-1].rate == out[0].rate:
        out.pop()  # after the last period the first rate holds again until midnight
    return [p.replace(until=min(p.until, day)) for p in out]


def _weekdays(times: pd.Series, histories: list[pd.Series]) -> pd.DataFrame:
    """Arrivals and calendar days per weekday (the days of every history, or replication, added up)."""
    if times.empty:
        return pd.DataFrame(columns=["weekday", "days", "arrivals", "rate"])
    days = pd.Series(0, index=range(7))
    for dates in histories:
        calendar = pd.date_range(dates.min(), dates.max(), freq="D")
        days = days + pd.Series(calendar.day_of_week).value_counts().reindex(range(7), fill_value=0)
    counts = times.dt.day_of_week.value_counts().reindex(range(7), fill_value=0)
    rate = np.where(days > 0, counts / days.where(days > 0, 1), math.nan)
    return pd.DataFrame({"weekday": WEEKDAYS, "days": days.to_numpy(), "arrivals": counts.to_numpy(), "rate": rate})


def _r(value: float) -> float:
    return float(f"{value:.4g}") if math.isfinite(value) and value else float(value)
