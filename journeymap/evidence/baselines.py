"""Baseline indicators of a cycle at a date, and their change between two baselines.

The managing-the-cycle steps ask to segment customers by the stage they are in, count how many
are in the first and last stages, measure how long a cycle takes, set these indicators as a
baseline, act, and later measure again. :func:`baseline` computes from a log, at a date ``at``
(default: the log's last event):

- ``in_stage:<stage>``: open cases (arrived by ``at`` and not yet ended) by the latest stage
  reached, with ``first_stage`` and ``last_stage`` for the first and last stage of the journey;
- ``cases`` (arrived by ``at``), ``cycle_mean``, ``cycle_median``, ``cycle_p90`` (cases ended by ``at``);
- ``goal_share`` and ``drop_off:<stage>`` (ended cases that left without a goal, by their last stage);
- ``return_share``: customers who start another cycle within ``period`` of ending one (needs a
  customer column);
- ``volume:<channel>``: visits per channel (touchpoints without a channel under ``(none)``);
- ``cost_per_case``: mean cost of a case, from the log's cost column or touchpoints' ``meta.cost``.

Each indicator has a 95% interval. :func:`compare` gives each one's change with an interval
(normal approximation from the two intervals) and whether it is distinguishable from no change.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from journeymap.errors import Issue, JourneyError
from journeymap.evidence.intervals import mean_interval, poisson_interval, quantile_interval, wilson
from journeymap.evidence.reading import read_log, read_notes
from journeymap.evidence.visits import Pieces
from journeymap.model import Journey
from journeymap.model.units import SECONDS, parse_duration

__all__ = ["FORMAT", "Baseline", "BaselineComparison", "baseline", "compare_baselines", "load_baseline"]

FORMAT = "journeymap-baseline/1"
Z = float(stats.norm.ppf(0.975))
COLUMNS = ["indicator", "kind", "value", "ci_low", "ci_high", "n"]


@dataclass
class Baseline:
    """Indicators at a date: ``indicators`` (columns :data:`COLUMNS`; times in ``time_unit``), the date ``at``,
    the log's ``span`` and ``source``, and the ``stages`` and ``language`` they are read with."""

    indicators: pd.DataFrame
    at: str
    span: tuple[str, str]
    source: str = ""
    time_unit: str = "day"
    language: str = "en"
    stages: dict[str, str] = field(default_factory=dict)
    created: str = field(default_factory=lambda: dt.date.today().isoformat())
    notes: list[str] = field(default_factory=list)

    def value(self, indicator: str) -> float:
        """One indicator's value; :class:`~journeymap.errors.NotFound` with a did-you-mean when absent."""
        table = self.indicators.set_index("indicator")
        if indicator not in table.index:
            from journeymap.errors import NotFound

            raise NotFound("indicator", indicator, table.index)
        return float(table.loc[indicator, "value"])

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document (``format``, dates, ``indicators`` as a list of records; NaN as null)."""
        records = [{k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in row.items()}
                   for row in self.indicators.to_dict(orient="records")]
        return {"format": FORMAT, "at": self.at, "span": list(self.span), "source": self.source,
                "created": self.created, "time_unit": self.time_unit, "language": self.language,
                "stages": self.stages, "notes": self.notes, "indicators": records}

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the baseline as JSON, atomically."""
        from journeymap.io.atomic import write_text

        return write_text(path, json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n")

    def table(self) -> pd.DataFrame:
        """The indicators for people, in the baseline's language."""
        from journeymap.evidence.tables import baseline_table

        return baseline_table(self)

    def compare(self, after: Baseline) -> BaselineComparison:
        """This baseline against a later one (see :func:`compare_baselines`)."""
        return compare_baselines(self, after)

    def __repr__(self) -> str:
        return f"<Baseline at {self.at}: {len(self.indicators)} indicators from {self.source or 'a log'}>"


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """A baseline written by :meth:`Baseline.save`; :class:`JourneyError` naming the file when it is not one."""
    where = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise JourneyError(Issue(f"not a JSON file: {exc.msg}", file=where, line=exc.lineno)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise JourneyError(Issue(f"not a journeymap baseline (expected \"format\": \"{FORMAT}\")", file=where))
    frame = pd.DataFrame(data.get("indicators", []), columns=COLUMNS).astype(
        {"value": float, "ci_low": float, "ci_high": float})
    return Baseline(frame, data["at"], tuple(data["span"]), data.get("source", ""), data.get("time_unit", "day"),
                    data.get("language", "en"), data.get("stages", {}), data.get("created", ""),
                    data.get("notes", []))


def _date(value: Any, zone: Any) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ValueError(f"'at' must be a date such as 2024-06-30 or 2024-06-30T18:00 (got {value!r})") from None
    return stamp.tz_localize(zone) if stamp.tzinfo is None else stamp.tz_convert(zone)


def baseline(log: Any, journey: Journey | str | os.PathLike[str] | None = None,
             mapping: Mapping[str, Any] | str | os.PathLike[str] | None = None, *, at: Any = None,
             goals: Iterable[str] | None = None, period: float | str = "90 d", language: str | None = None,
             time_unit: str | None = None) -> Baseline:
    """The baseline indicators of ``log`` at ``at`` (see the module); the journey (given, or drafted from the
    log as in :func:`~journeymap.evidence.calibrate`) gives the stages, goals and channels."""
    from journeymap.evidence.calibration import pieces_of, resolve_model

    if isinstance(log, str | os.PathLike) or (isinstance(log, pd.DataFrame) and not read_notes(log)):
        log = read_log(log)
    model, table, _ = resolve_model(log, journey, mapping, goals=goals, language=language, time_unit=time_unit)
    pieces, reading = pieces_of(log, model, table)
    return indicators(pieces, model, at=at, period=period, source=str(reading.get("source", "")))


def indicators(pieces: Pieces, journey: Journey, *, at: Any = None, period: float | str = "90 d",
               source: str = "") -> Baseline:
    """The :class:`Baseline` of the cases in ``pieces`` read with ``journey``'s stages, goals and channels."""
    cases = pieces.cases
    if cases.empty:
        raise JourneyError(Issue("no case in the log maps to the journey: no baseline"))
    histories = int(cases["replication"].nunique()) if "replication" in cases else 1
    if histories > 1:
        raise JourneyError(Issue(
            f"the log holds {histories} replications (column 'replication'): a baseline counts the customers of "
            "one history at a date, so take one replication (log[log['replication'] == 1]) or read the log "
            "with replication=None if its cases really are one history"))
    zone = cases["arrival"].dt.tz
    moment = cases["end"].max() if at is None else _date(at, zone)
    unit = SECONDS[journey.time_unit]
    window = parse_duration(period, "day") * 86400.0
    rows: list[list[Any]] = []
    notes: list[str] = []

    def add(name: str, kind: str, value: float, interval: tuple[float, float], n: int) -> None:
        rows.append([name, kind, float(value), float(interval[0]), float(interval[1]), int(n)])

    arrived = cases[cases["arrival"] <= moment]
    open_cases = arrived[arrived["end"] > moment]
    ended = arrived[arrived["end"] <= moment]
    add("cases", "count", len(arrived), poisson_interval(len(arrived)), len(arrived))
    entries = pieces.stages[pieces.stages["entered"] <= moment]
    latest = entries.sort_values("entered").groupby("case").last()["stage"]
    in_stage = latest.reindex(open_cases["case"]).value_counts()
    order = [s.id for s in journey.stages]
    for stage in order:
        k = int(in_stage.get(stage, 0))
        add(f"in_stage:{stage}", "count", k, poisson_interval(k), len(open_cases))
    if order:
        for name, stage in (("first_stage", order[0]), ("last_stage", order[-1])):
            k = int(in_stage.get(stage, 0))
            add(name, "count", k, poisson_interval(k), len(open_cases))
    durations = ((ended["end"] - ended["arrival"]).dt.total_seconds() / unit).to_numpy()
    if len(durations):
        add("cycle_mean", "time", float(np.mean(durations)), _clipped(mean_interval(durations)), len(durations))
        add("cycle_median", "time", float(np.median(durations)), quantile_interval(durations, 0.5), len(durations))
        add("cycle_p90", "time", float(np.quantile(durations, 0.9)), quantile_interval(durations, 0.9),
            len(durations))
        goals = int(ended["goal"].sum())
        add("goal_share", "share", goals / len(ended), wilson(goals, len(ended)), len(ended))
        dropped = ended[~ended["goal"]]
        for stage in order:
            k = int((dropped["last_stage"] == stage).sum())
            add(f"drop_off:{stage}", "share", k / len(ended), wilson(k, len(ended)), len(ended))
    _returns(ended, cases, moment, window, add, notes)
    _volumes(pieces, journey, add)
    _costs(ended, pieces, journey, add)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    span = (cases["arrival"].min().isoformat(), cases["end"].max().isoformat())
    names = {s.id: s.label for s in journey.stages}
    return Baseline(frame, moment.isoformat(), span, source, journey.time_unit, journey.language, names,
                    notes=notes)


def _clipped(interval: tuple[float, float]) -> tuple[float, float]:
    return (max(0.0, interval[0]) if math.isfinite(interval[0]) else interval[0], interval[1])


def _returns(ended: pd.DataFrame, cases: pd.DataFrame, moment: pd.Timestamp, window: float, add: Any,
             notes: list[str]) -> None:
    if cases["customer"].isna().all():
        notes.append("no customer column: the share of customers who come back is not measured")
        return
    closed = ended[ended["end"] <= moment - pd.Timedelta(seconds=window)].dropna(subset=["customer"])
    if closed.empty:
        notes.append("no cycle ended a whole period before the date: returns are not measured")
        return
    starts = cases.dropna(subset=["customer"])[["customer", "arrival"]]
    merged = closed[["case", "customer", "end"]].merge(starts, on="customer")
    later = merged[(merged["arrival"] > merged["end"]) &
                   (merged["arrival"] <= merged["end"] + pd.Timedelta(seconds=window))]
    back = closed["customer"].isin(set(later["customer"]))
    customers = closed.groupby("customer")["case"].size().index
    came_back = int(closed[back]["customer"].nunique())
    add("return_share", "share", came_back / len(customers), wilson(came_back, len(customers)), len(customers))


def _volumes(pieces: Pieces, journey: Journey, add: Any) -> None:
    channels = {tp.id: tp.channel or "(none)" for tp in journey.touchpoints}
    if not any(tp.channel for tp in journey.touchpoints):
        return
    per = pieces.visits.assign(channel=pieces.visits["touchpoint"].map(channels)).groupby("channel")["visits"].sum()
    for channel, k in per.items():
        add(f"volume:{channel}", "count", int(k), poisson_interval(int(k)), int(per.sum()))


def _costs(ended: pd.DataFrame, pieces: Pieces, journey: Journey, add: Any) -> None:
    costs = ended["cost"].astype(float)
    if costs.isna().all():
        unit_costs = {tp.id: tp.meta.get("cost") for tp in journey.touchpoints
                      if isinstance(tp.meta.get("cost"), int | float)}
        if not unit_costs:
            return
        total = sum(unit_costs.get(tp, 0) * n for tp, n in zip(pieces.visits["touchpoint"], pieces.visits["visits"],
                                                                strict=True))
        mean = total / len(pieces.cases)
        add("cost_per_case", "number", mean, (math.nan, math.nan), len(pieces.cases))
        return
    values = costs.dropna().to_numpy()
    add("cost_per_case", "number", float(np.mean(values)), mean_interval(values), len(values))


@dataclass(frozen=True)
class BaselineComparison:
    """Two baselines side by side: ``table`` has one row per indicator both hold, with ``before``,
    ``after``, ``change`` and its 95% interval (``ci_low``, ``ci_high``; normal approximation, each side's
    standard error read from its interval) and ``distinguishable`` (the interval leaves out zero)."""

    before: Baseline
    after: Baseline
    table: pd.DataFrame

    def summary(self) -> pd.DataFrame:
        """The changes for people, in the first baseline's language, with a plain verdict per indicator."""
        from journeymap.evidence.tables import comparison_table

        return comparison_table(self.table, self.before)

    def plot(self, ax: Any = None) -> Any:
        """Each indicator's change with its interval, as a matplotlib figure."""
        from journeymap.evidence.plots import plot_comparison

        return plot_comparison(self.table, self.before, ax=ax)

    def __repr__(self) -> str:
        real = int(self.table["distinguishable"].sum()) if len(self.table) else 0
        return (f"<BaselineComparison {self.before.at} -> {self.after.at}: {len(self.table)} indicators, "
                f"{real} changed beyond doubt>")


def compare_baselines(before: Baseline, after: Baseline) -> BaselineComparison:
    """Each indicator of both baselines and its change, with whether the change is distinguishable
    from no change (see :class:`BaselineComparison`)."""
    left = before.indicators.set_index("indicator")
    right = after.indicators.set_index("indicator")
    rows = []
    for name in [i for i in left.index if i in right.index]:
        a, b = left.loc[name], right.loc[name]
        se = math.hypot(_se(a), _se(b))
        delta = float(b["value"] - a["value"])
        low, high = (delta - Z * se, delta + Z * se) if math.isfinite(se) else (math.nan, math.nan)
        rows.append({"indicator": name, "kind": a["kind"], "before": float(a["value"]), "after": float(b["value"]),
                     "change": delta, "ci_low": low, "ci_high": high,
                     "distinguishable": bool(math.isfinite(se) and (low > 0 or high < 0))})
    table = pd.DataFrame(rows, columns=["indicator", "kind", "before", "after", "change", "ci_low", "ci_high",
                                        "distinguishable"])
    return BaselineComparison(before, after, table)


def _se(row: pd.Series) -> float:
    low, high = float(row["ci_low"]), float(row["ci_high"])
    return (high - low) / (2 * Z) if math.isfinite(low) and math.isfinite(high) else math.nan
