"""Does the calibrated journey reproduce its log? Simulate it over the log's span and compare.

:func:`back_test` runs the calibrated journey with the simulation's public API (``jm.simulate`` with
the event log on) from midnight of the log's first day until its last event, reads each
replication's event log back with the same code as the real log, and measures the same figures on
both: cases arriving in the log's window, the goal share, the median and 90th percentile of the
cycle duration (and the Kolmogorov-Smirnov distance between the two distributions), visits per
touchpoint and the share of the most frequent paths. The log's figure is *within* when it lies in
the range where 95% of simulated periods like the log's fall (a prediction interval across
replications: mean ± t·sd·√(1 + 1/n)); otherwise the verdict names the assumption most likely
responsible.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy import stats

from journeymap.evidence.columns import ACTIVITY, CASE, END, LIFECYCLE
from journeymap.evidence.reading import normalise
from journeymap.evidence.visits import Pieces, summarise
from journeymap.model.units import SECONDS
from journeymap.text import N_, quantity, translator

if TYPE_CHECKING:
    from journeymap.evidence.calibration import Calibration

__all__ = ["CAUSES", "BackTest", "back_test", "measure"]

TOP_PATHS = 5

CAUSES = {
    "arrivals": N_("arrivals vary between days, weekdays or over the span; the journey repeats one average day"),
    "routing": N_("the journey routes by the current touchpoint only; in the log the next step may depend on the "
                  "path so far, the customer or the date"),
    "waits": N_("the log has completion times only: waits are counted as delays or service, and queues as "
                "they were are not modelled"),
    "capacity": N_("capacity is estimated from resources busy at once; people also work elsewhere and by shifts"),
    "times": N_("times are drawn independently; in the log they may depend on the workload, the hour or the case"),
    "ends": N_("cases still open at the end of the log are cut short in both, but the log may hold only "
               "finished cases"),
}
"""The assumption most likely responsible when a figure is outside the simulation's range."""


@dataclass
class BackTest:
    """The log beside the simulation: ``figures`` (one row per figure: ``figure``, ``kind``, ``log``,
    ``simulated``, ``low``, ``high``, ``within``, ``cause``), the pooled cycle durations of both for
    the chart and the Kolmogorov-Smirnov test, and the simulation result itself."""

    figures: pd.DataFrame
    log_durations: np.ndarray
    sim_durations: np.ndarray
    ks: float
    ks_p: float
    result: Any
    journey: Any
    notes: list[str] = field(default_factory=list)

    def table(self) -> pd.DataFrame:
        """The figures for people, in the journey's language: log, simulation range, verdict, likely cause."""
        journey = self.journey
        words = translator(journey.language)
        unit, language = journey.time_unit, journey.language
        rows = []
        for row in self.figures.itertuples(index=False):
            def show(value: float, kind: str = row.kind) -> str:
                return quantity(value, kind, time_unit=unit, language=language)
            verdict = words.gettext("within") if row.within else words.gettext("outside")
            rows.append({
                words.gettext("figure"): _label(row.figure, journey, words),
                words.gettext("log"): show(row.log),
                words.gettext("simulation"): show(row.simulated),
                words.gettext("95% of simulated periods"): f"{show(row.low)} – {show(row.high)}",
                words.gettext("verdict"): verdict,
                words.gettext("likely cause"): "" if row.within else words.gettext(CAUSES[row.cause]),
            })
        return pd.DataFrame(rows)

    def plot(self, ax: Any = None) -> Any:
        """The cycle durations of the log and of the simulation (cumulative shares) and the figures' verdicts."""
        from journeymap.evidence.plots import plot_back_test

        return plot_back_test(self, ax)

    @property
    def within(self) -> float:
        """The share of figures within the simulation's range."""
        return float(self.figures["within"].mean()) if len(self.figures) else math.nan

    def _repr_html_(self) -> str:
        return self.table().to_html(index=False)


FIGURE_NAMES = {
    "cases": N_("cases"),
    "goal_share": N_("goal share"),
    "cycle_median": N_("cycle duration, median"),
    "cycle_p90": N_("cycle duration, 90th percentile"),
    "cycle_ks": N_("cycle duration, Kolmogorov-Smirnov distance"),
}


def _label(key: str, journey: Any, words: Any) -> str:
    if key.startswith("visits:"):
        tp = key.split(":", 1)[1]
        name = journey.touchpoint(tp).label if tp in journey.touchpoint_ids else tp
        return words.gettext("visits per case: {touchpoint}", touchpoint=name)
    if key.startswith("path:"):
        names = {tp.id: tp.label for tp in journey.touchpoints}
        steps = [names.get(s, s) for s in key.split(":", 1)[1].split(">")]
        return words.gettext("path share: {path}", path=" → ".join(steps))
    return words.gettext(FIGURE_NAMES[key])


def measure(pieces: Pieces, window: tuple[pd.Timestamp, pd.Timestamp], unit_seconds: float,
            paths: list[str] | None = None) -> tuple[dict[str, float], np.ndarray]:
    """The figures of the cases that arrived within ``window`` and the cycle durations (in the time unit)."""
    cases = pieces.cases
    inside = cases[(cases["arrival"] >= window[0]) & (cases["arrival"] <= window[1])]
    durations = ((inside["end"] - inside["arrival"]).dt.total_seconds() / unit_seconds).to_numpy()
    n = len(inside)
    histories = int(inside["replication"].nunique()) if "replication" in inside and n else 1
    figures: dict[str, float] = {
        "cases": float(n) / max(histories, 1),  # per history: a log of several replications is their average
        "goal_share": float(inside["goal"].mean()) if n else math.nan,
        "cycle_median": float(np.median(durations)) if n else math.nan,
        "cycle_p90": float(np.quantile(durations, 0.9)) if n else math.nan,
    }
    visits = pieces.visits.set_index("touchpoint")["visits"]
    total = len(cases)
    for tp, count in visits.items():
        figures[f"visits:{tp}"] = float(count) / total if total else math.nan
    shares = inside["path"].value_counts(normalize=True)
    for path in paths if paths is not None else list(shares.index[:TOP_PATHS]):
        figures[f"path:{path}"] = float(shares.get(path, 0.0))
    return figures, durations


def back_test(calibration: Calibration, *, replications: int = 20, seed: int = 0, executor: Any = None) -> BackTest:
    """Simulate ``calibration.journey`` over its log's span and compare (see the module)."""
    from journeymap.simulation import simulate

    journey = calibration.journey
    unit = SECONDS[journey.time_unit]
    cases = calibration.pieces.cases
    window = (cases["arrival"].min(), cases["arrival"].max())
    end = cases["end"].max()
    origin = window[0].normalize()
    until = max((end - origin).total_seconds() / unit, 1e-9)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = simulate(journey, until=until, warmup=0, replications=replications, seed=seed, events=True,
                          start=origin.tz_localize(None), executor=executor)  # from empty, as the log's window
    notes = [str(w.message) for w in caught]
    log_figures, log_durations = measure(calibration.pieces, window, unit)
    paths = [k.split(":", 1)[1] for k in log_figures if k.startswith("path:")]
    stages = {tp.id: tp.stage for tp in journey.touchpoints}
    goals = [tp.id for tp in journey.goals]
    mapping = {tp: tp for tp in journey.touchpoint_ids}
    runs, pooled = [], []
    events = result.events
    zone = window[0].tz
    for _, frame in events.groupby("replication", sort=True):
        roles = {"case": CASE, "activity": "touchpoint", "timestamp": END, "lifecycle": LIFECYCLE}
        log = normalise(frame.reset_index(drop=True), roles, source="simulation", timezone=zone)
        log[ACTIVITY] = log[ACTIVITY].astype(object)
        figures, durations = measure(summarise(log, mapping, goals=goals, stages=stages), window, unit, paths)
        runs.append(figures)
        pooled.append(durations)
    sim = pd.DataFrame(runs)
    sim_durations = np.concatenate(pooled) if pooled else np.array([])
    ks = stats.ks_2samp(log_durations, sim_durations) if len(log_durations) and len(sim_durations) else None
    rows = []
    for key, value in log_figures.items():
        values = sim[key].to_numpy(float) if key in sim else np.zeros(len(sim))
        values = np.nan_to_num(values, nan=0.0) if key.startswith(("visits:", "path:")) else values
        mean, low, high = _prediction(values)
        within = bool(low - 1e-12 <= value <= high + 1e-12) if math.isfinite(value) else False
        rows.append({"figure": key, "kind": _kind(key), "log": value, "simulated": mean, "low": low, "high": high,
                     "within": within, "cause": _cause(key, calibration)})
    if ks is not None:
        rows.append({"figure": "cycle_ks", "kind": "number", "log": float(ks.statistic), "simulated": 0.0,
                     "low": 0.0, "high": _ks_critical(len(log_durations), len(sim_durations)),
                     "within": bool(ks.pvalue >= 0.05), "cause": _cause("cycle_ks", calibration)})
    return BackTest(pd.DataFrame(rows), log_durations, sim_durations, float(ks.statistic) if ks else math.nan,
                    float(ks.pvalue) if ks else math.nan, result, journey, notes)


def _kind(key: str) -> str:
    if key == "cases":
        return "count"
    if key.startswith("cycle_"):
        return "time"
    if key.startswith("visits:"):
        return "number"
    return "share"


def _prediction(values: np.ndarray) -> tuple[float, float, float]:
    data = values[np.isfinite(values)]
    n = len(data)
    if n == 0:
        return math.nan, math.nan, math.nan
    mean = float(np.mean(data))
    if n < 2:
        return mean, mean, mean
    half = stats.t.ppf(0.975, n - 1) * float(np.std(data, ddof=1)) * math.sqrt(1 + 1 / n)
    return mean, max(0.0, mean - half), mean + half


def _ks_critical(n: int, m: int, level: float = 0.05) -> float:
    """The two-sample Kolmogorov-Smirnov distance above which the distributions differ at ``level``."""
    return math.sqrt(-math.log(level / 2) / 2) * math.sqrt((n + m) / (n * m)) if n and m else math.nan


def _cause(key: str, calibration: Calibration) -> str:
    if key == "cases":
        return "arrivals"
    if key.startswith(("goal", "visits:", "path:")):
        return "routing"
    if not calibration.has_start:
        return "waits"
    if "capacity" in set(calibration.evidence["parameter"]):
        return "capacity"
    return "times"
