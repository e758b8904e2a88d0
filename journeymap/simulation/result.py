"""The result of a simulation: tidy tables with 95% confidence intervals across replications.

Every figure is computed in each replication and summarised by its mean and a Student-t interval
over the replications (no interval with a single replication), kept within the range the figure can
take (a share within 0–1, counts and times at or above 0). Tables:

- ``kpis``: one row per journey-level figure (:data:`~journeymap.simulation.replication.KPIS`),
  columns ``mean``, ``ci_low``, ``ci_high``, ``sd``, ``n``, ``unstable``;
- ``replications``: one row per replication, one column per KPI (for paired comparisons);
- ``touchpoints`` / ``stages``: the means, one row per touchpoint / stage, and ``unstable``; their
  intervals in ``touchpoints_ci`` / ``stages_ci`` (index ``(id, metric)``);
- ``economics``: cost to serve per customer and per goal, value created per customer and in total, when
  the journey has costs or a value (:mod:`journeymap.simulation.economics`), columns as ``kpis``;
- ``teams``: the means per team (utilisation, scheduled hours, cost: see
  :data:`~journeymap.simulation.team_results.TEAM_METRICS`), intervals in ``teams_ci``, and the
  utilisation by hour of day in :meth:`SimulationResult.team_utilization_by_hour`;
- ``segments``: by segment id, a :class:`~journeymap.simulation.segment_results.SegmentFigures` with the
  segment's ``kpis`` and ``touchpoints_ci`` shaped like the journey's (:meth:`SimulationResult.segment_difference`
  compares two segments);
- ``paths``: the most frequent paths and the exact share of customers taking each;
- ``events``: the event log, when it was kept in memory (``events_file`` when it was streamed).

``unstable`` flags the figures that are not meaningful because a queue upstream has no steady state
(:mod:`journeymap.analysis.steady_state`): a touchpoint downstream of an overloaded queue without
patience, the stages holding one, and every per-customer figure of the journey.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import stdtrit  # Student t quantiles, without loading all of scipy.stats

from journeymap.analysis.steady_state import Stability
from journeymap.errors import did_you_mean
from journeymap.model import Journey
from journeymap.simulation.replication import KPIS, TOUCHPOINT_METRICS, ReplicationStats, time_histogram
from journeymap.simulation.segment_results import SegmentFigures, segment_difference, segment_figures
from journeymap.simulation.settings import RunSettings
from journeymap.simulation.stats import Histogram
from journeymap.simulation.team_results import hourly_utilization, team_metrics
from journeymap.simulation.warmup import WarmupChoice

__all__ = ["CONFIDENCE", "PrecisionReport", "SegmentFigures", "SimulationResult", "confidence_interval"]

CONFIDENCE = 0.95

STEADY_KPIS = frozenset({"arrived"})
"""Journey figures that stay meaningful when a queue has no steady state (everything else is flagged)."""


@dataclass(frozen=True)
class PrecisionReport:
    """How sequential stopping went: the ``target`` relative half-width, whether it was ``reached``,
    the ``replications`` made of at most ``most``, and the headline figure with the widest relative
    half-width (``widest``) and its value (``relative``)."""

    target: float
    reached: bool
    replications: int
    most: int
    widest: str
    relative: float

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "reached": self.reached, "replications": self.replications,
                "max_replications": self.most, "widest": self.widest,
                "relative_half_width": self.relative if math.isfinite(self.relative) else None}


def _clipped(ci: dict[str, np.ndarray], kinds: Sequence[str]) -> dict[str, np.ndarray]:
    """The interval bounds kept within each figure's range (``kinds``: one kind per column)."""
    from journeymap.text import BOUNDS

    low = np.array([BOUNDS[kind][0] for kind in kinds])
    high = np.array([BOUNDS[kind][1] for kind in kinds])
    with np.errstate(invalid="ignore"):
        return {**ci, "ci_low": np.clip(ci["ci_low"], low, high), "ci_high": np.clip(ci["ci_high"], low, high)}


def confidence_interval(values: np.ndarray, confidence: float = CONFIDENCE) -> dict[str, np.ndarray]:
    """Mean, Student-t interval, standard deviation and count over axis 0, ignoring NaNs.

    The interval is NaN where fewer than two values are present."""
    values = np.asarray(values, dtype=float)
    n = np.sum(np.isfinite(values), axis=0)
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN cell is simply NaN
        mean = np.nanmean(values, axis=0)
        sd = np.nanstd(values, axis=0, ddof=1)
        t = stdtrit(np.maximum(n - 1, 1), 0.5 + confidence / 2)
        half = np.where(n >= 2, t * sd / np.sqrt(np.maximum(n, 1)), np.nan)
    return {"mean": mean, "ci_low": mean - half, "ci_high": mean + half, "sd": np.where(n >= 2, sd, np.nan), "n": n}


def _summarise(frames: Sequence[pd.DataFrame], index_name: str,
               flagged: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Means (wide, with ``unstable``) and intervals (long, index ``(id, metric)``) of per-replication
    tables; the rows whose id is in ``flagged`` are marked ``unstable``."""
    from journeymap.simulation.formatting import kind

    cube = np.stack([frame.to_numpy(dtype=float) for frame in frames])
    template = frames[0]
    ci = _clipped(confidence_interval(cube), [kind(str(column)) for column in template.columns])
    means = pd.DataFrame(ci["mean"], index=template.index, columns=template.columns)
    unstable = np.array([str(key) in flagged for key in template.index], dtype=bool)
    means["unstable"] = unstable
    long = {
        key: pd.DataFrame(ci[key], index=template.index, columns=template.columns).stack(future_stack=True)
        for key in ("mean", "ci_low", "ci_high", "sd", "n")
    }
    intervals = pd.DataFrame(long)
    intervals.index.names = [index_name, "metric"]
    intervals["n"] = intervals["n"].astype(int)
    intervals["unstable"] = np.repeat(unstable, len(template.columns))
    return means, intervals


class SimulationResult:
    """What :func:`journeymap.simulate` returns: tables with intervals, a summary, plots, the event log.

    Built from the replications' raw statistics (``stats`` keeps them, in seed order) and the
    :class:`~journeymap.simulation.settings.RunSettings` they ran with (``settings``, resolved for the
    journey: times in its ``time_unit``, like every figure here). ``warmup_choice`` is what the warm-up
    detection chose (``None`` when the warm-up was given), ``precision`` how sequential stopping went
    (``None`` without a ``precision``), ``events_file`` where a streamed event log was written, and
    ``stability`` the judgement of the journey's queues that flags figures (see the module).
    """

    def __init__(
        self, journey: Journey, stats: Sequence[ReplicationStats], settings: RunSettings | None = None, *,
        warmup: WarmupChoice | None = None, precision: PrecisionReport | None = None,
        events_file: Path | None = None, stability: Stability | None = None,
    ) -> None:
        if not stats:
            raise ValueError("a simulation result needs at least one replication")
        self.journey = journey
        self.stats = tuple(stats)
        settings = (settings or RunSettings(warmup=0.0)).resolve(journey, replications=len(self.stats))
        if settings.warmup == "auto":
            settings = settings.replace(warmup=self.stats[0].start)
        self.settings = settings
        self.warmup_choice = warmup
        self.precision = precision
        self.events_file = events_file
        if stability is None:
            from journeymap.analysis import stability as judge

            stability = judge(journey)
        self.stability = stability
        steady = not settings.terminating and not stability.is_stable
        flagged_touchpoints = set(stability.downstream) if steady else set()
        flagged_stages = set(stability.stages) if steady else set()
        self.replications = pd.DataFrame(
            [s.kpis() for s in self.stats], columns=list(KPIS),
            index=pd.RangeIndex(1, len(self.stats) + 1, name="replication"),
        )
        from journeymap.simulation.formatting import kind

        ci = _clipped(confidence_interval(self.replications.to_numpy()), [kind(name) for name in KPIS])
        self.kpis = pd.DataFrame({key: ci[key] for key in ("mean", "ci_low", "ci_high", "sd", "n")},
                                 index=pd.Index(list(KPIS), name="kpi"))
        self.kpis["unstable"] = [steady and name not in STEADY_KPIS for name in KPIS]
        self.touchpoints, self.touchpoints_ci = _summarise([s.touchpoint_metrics() for s in self.stats], "touchpoint",
                                                           flagged_touchpoints)
        self.stages, self.stages_ci = _summarise([s.stage_metrics() for s in self.stats], "stage", flagged_stages)
        team_figures = [team_metrics(journey, s) for s in self.stats]
        self.teams, self.teams_ci = _summarise(team_figures, "team", set())
        self.segments = segment_figures(self.stats, confidence_interval)
        self.paths = self._paths()
        self._events: pd.DataFrame | None = None
        from journeymap.simulation.economics import staffing_costs

        self.economics = self._economics(staffing_costs(journey, self.stats, team_figures), unstable=steady)

    def _economics(self, staffing: Sequence[float] | None = None, *, unstable: bool = False) -> pd.DataFrame:
        """The journey's economics (:data:`~journeymap.simulation.economics.ECONOMICS`): one row per figure
        the journey has amounts for (none without costs or value), columns ``mean``, ``ci_low``, ``ci_high``,
        ``sd``, ``n``, ``unstable`` (as the KPIs: a queue without a steady state); ``staffing`` is each
        replication's staffing cost."""
        from journeymap.simulation.economics import economics_values

        names, values = economics_values(self.journey, self.stats, staffing)
        ci = _clipped(confidence_interval(values), ["money"] * len(names))
        table = pd.DataFrame({key: ci[key] for key in ("mean", "ci_low", "ci_high", "sd", "n")},
                             index=pd.Index(names, name="figure"))
        table["unstable"] = unstable
        return table

    # -- the settings it ran with -----------------------------------------------------------------
    @property
    def seed(self) -> int | np.random.SeedSequence:
        """The seed the replications were spawned from (the fresh entropy when none was given)."""
        return self.settings.seed  # type: ignore[return-value]

    @property
    def customers(self) -> int | None:
        """The customers each replication let through (``None`` when it ran until a time)."""
        return self.settings.customers

    @property
    def until(self) -> float | None:
        """The time each replication stopped at, if it ran until a time."""
        return self.settings.until  # type: ignore[return-value]

    @property
    def warmup(self) -> float:
        """The end of the warm-up."""
        return self.settings.warmup  # type: ignore[return-value]

    @property
    def start(self) -> dt.datetime | str | None:
        """Time zero of the event log."""
        return self.settings.start

    @property
    def unstable(self) -> list[str]:
        """Ids of the touchpoints whose figures are flagged as not meaningful in this run."""
        return [str(tp_id) for tp_id in self.touchpoints.index[self.touchpoints["unstable"]]]

    @property
    def paths_beyond(self) -> int:
        """Customers, over every replication, on paths first seen after the
        :data:`~journeymap.simulation.stats.PATH_LIMIT` distinct paths a replication counts exactly
        (0 when every path was counted)."""
        return sum(s.paths_beyond for s in self.stats)

    # -- tables ----------------------------------------------------------------------------------
    def path_shares(self, top: int | None = None) -> pd.DataFrame:
        """The paths customers took, most frequent first (``top``: that many; ``None``: all), with the
        exact share of the customers who left the cycle taking each and its interval: columns
        ``path``, ``customers``, ``share``, ``ci_low``, ``ci_high``, ``length``."""
        return self._paths(top)

    def _paths(self, top: int | None = 20) -> pd.DataFrame:
        keys = list(dict.fromkeys(path for s in self.stats for path in s.paths))
        shares = np.array([[s.paths.get(path, 0) / s.completed if s.completed else np.nan for path in keys]
                           for s in self.stats]).reshape(len(self.stats), len(keys))
        ci = _clipped(confidence_interval(shares), ["share"] * len(keys))
        frame = pd.DataFrame({
            "path": [" → ".join(path) for path in keys],
            "customers": [sum(s.paths.get(path, 0) for s in self.stats) for path in keys],
            "share": ci["mean"], "ci_low": ci["ci_low"], "ci_high": ci["ci_high"],
            "length": [len(path) for path in keys],
        })
        frame = frame.sort_values(["customers", "path"], ascending=[False, True])
        return (frame if top is None else frame.head(top)).reset_index(drop=True)

    @property
    def events(self) -> pd.DataFrame | None:
        """The event log of every replication kept in memory (``None`` unless the run kept it; a log
        streamed to a file is in :attr:`events_file`): see :mod:`journeymap.simulation.events`."""
        if self._events is None and any(s.events is not None for s in self.stats):
            from journeymap.simulation.events import event_log

            self._events = event_log(self.journey, [s.events for s in self.stats], self.start)
        return self._events

    def save_events(self, path: str | os.PathLike[str]) -> Path:
        """Write the event log as CSV for process-mining tools; ``ValueError`` when it was not kept."""
        from journeymap.simulation.events import save_event_log

        if self.events is None:
            if self.events_file is not None:
                raise ValueError(f"the event log was streamed to {self.events_file}: copy that file")
            raise ValueError("no event log: simulate with events=True to keep one")
        return save_event_log(self.events, path)

    def metric(self, name: str) -> dict[str, float]:
        """One touchpoint figure as ``{touchpoint id: mean}``, the mapping ``draw(journey, metric=...)``
        paints; touchpoints where it is undefined (utilisation without capacity) are left out."""
        if name not in TOUCHPOINT_METRICS:
            choices = list(TOUCHPOINT_METRICS)
            raise KeyError(f"unknown metric '{name}'{did_you_mean(name, choices)}; choose one of: {', '.join(choices)}")
        return {str(k): float(v) for k, v in self.touchpoints[name].items() if math.isfinite(v)}

    def segment_difference(self, first: str, second: str) -> pd.DataFrame:
        """Segment ``first`` − segment ``second`` for every KPI with its 95% interval, paired by replication
        (both lived the same queues): index KPI, columns ``mean``, ``ci_low``, ``ci_high``, ``sd``, ``n``."""
        return segment_difference(self.segments, first, second, confidence_interval)

    def team_utilization_by_hour(self) -> pd.DataFrame:
        """Each team's utilisation by hour of day (0–23) with its 95% interval: index ``(team, hour)``,
        columns ``mean``, ``ci_low``, ``ci_high``, ``n``; empty in the hours nobody is scheduled."""
        return hourly_utilization(self.stats, confidence_interval)

    def interval(self, name: str) -> pd.DataFrame:
        """One touchpoint figure with its interval: index touchpoint id, columns ``mean``, ``ci_low``, ``ci_high``."""
        self.metric(name)
        return self.touchpoints_ci.xs(name, level="metric")[["mean", "ci_low", "ci_high"]]

    def standard_met(self, touchpoint: str, wait: float) -> dict[str, Any]:
        """The share of customers served at ``touchpoint`` after waiting at most ``wait`` (time unit of the
        journey), out of every customer whose wait there ended (served or abandoned): how often a
        requirement's ``wait`` standard is met. ``{"mean", "ci_low", "ci_high", "n"}`` over the
        replications (``n``: replications with customers there); from the wait histograms (bins 3.7%
        wide, interpolated inside the bin holding ``wait``)."""
        from journeymap.simulation.stats import count_at_most

        index = self.journey.touchpoint_ids.index(self.journey.touchpoint(touchpoint).id)
        shares = []
        for stats in self.stats:
            if not stats.waits:
                raise ValueError("these results keep no wait histograms: simulate again with this version")
            ended, lost = stats.waits[index]
            total = float(ended[1].sum()) + ended[2]
            met = count_at_most(*ended, wait) - count_at_most(*lost, wait)
            shares.append(met / total if total else np.nan)
        ci = confidence_interval(np.array(shares)[:, None])
        found = {key: float(np.clip(ci[key][0], 0.0, 1.0)) for key in ("mean", "ci_low", "ci_high")}
        return {**found, "n": int(ci["n"][0])}

    def time_histogram(self) -> Histogram:
        """The times in the cycle of every replication pooled (for plots)."""
        return time_histogram(list(self.stats))

    # -- for people ------------------------------------------------------------------------------
    def summary(self, language: str | None = None) -> pd.DataFrame:
        """The journey-level figures as people read them, in ``language`` (by default the journey's): one row
        per figure by its name, its value and 95% interval (kept within what the figure can take: a share
        within 0–100%). :attr:`kpis` holds the same numbers for code."""
        from journeymap.simulation.formatting import summary_table

        return summary_table(self, language)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document: ``kpis`` and ``touchpoints`` (by id) with every figure as
        ``{"mean", "ci_low", "ci_high"}`` (null interval with one replication), plus ``stages`` and ``paths``."""
        from journeymap.simulation.formatting import result_document

        return result_document(self)

    def plot_waits(self, ax: Any = None, *, language: str | None = None) -> Any:
        """Bar chart of the mean wait at each touchpoint with its 95% interval; returns the figure."""
        from journeymap.simulation.plots import plot_waits

        return plot_waits(self, ax, language=language)

    def plot_time_in_cycle(self, ax: Any = None, bins: int = 40, *, language: str | None = None) -> Any:
        """Histogram of the time customers spent in the cycle, with the mean and 90th percentile marked."""
        from journeymap.simulation.plots import plot_time_in_cycle

        return plot_time_in_cycle(self, ax, bins=bins, language=language)

    def by_hour(self, touchpoint: str) -> pd.DataFrame:
        """A touchpoint's utilisation, mean wait and arrivals by hour of the day, for a journey whose arrivals
        follow a daily schedule: see :mod:`journeymap.simulation.hourly`."""
        from journeymap.simulation.hourly import by_hour

        return by_hour(self.journey, self.stats, touchpoint)

    def plot_by_hour(self, touchpoint: str, axes: Any = None, *, language: str | None = None) -> Any:
        """A touchpoint's utilisation and mean wait by hour of the day (for journeys with daily schedules);
        returns the figure."""
        from journeymap.simulation.plots import plot_by_hour

        return plot_by_hour(self, touchpoint, axes, language=language)

    def plot_funnel(self, ax: Any = None, *, language: str | None = None) -> Any:
        """Funnel of the customers entering each stage, in stage order, with the share of all customers."""
        from journeymap.simulation.plots import plot_funnel

        return plot_funnel(self, ax, language=language)

    def __repr__(self) -> str:
        kpi = self.kpis["mean"]
        return (
            f"<SimulationResult of {self.journey.title!r}: {len(self.stats)} replications, "
            f"{kpi['completed']:.0f} customers completed per replication, goal rate {kpi['goal_rate']:.1%}, "
            f"abandonment {kpi['abandonment_rate']:.1%}>"
        )

    def _repr_html_(self) -> str:
        from journeymap.simulation.formatting import touchpoint_table
        from journeymap.text import translator

        replications = translator(self.journey.language).ngettext("{n} replication", "{n} replications",
                                                                  len(self.stats))
        return (f"<p><b>{html.escape(self.journey.title)}</b>: {replications}</p>"
                + self.summary().to_html() + touchpoint_table(self).to_html(index=False))

