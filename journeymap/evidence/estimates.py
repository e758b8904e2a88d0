"""From :class:`~journeymap.evidence.visits.Pieces` to a journey's parameters, each with its evidence.

Every function here takes the pieces (and the journey being calibrated) and returns the new values
plus rows for the evidence table: what was estimated, from how many observations, with which
interval and method. Times are converted to the journey's time unit.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from journeymap.evidence.capacity import concurrency
from journeymap.evidence.fitting import Fit, fit_times
from journeymap.evidence.intervals import wilson
from journeymap.evidence.visits import LEAVE, Pieces
from journeymap.model import Exponential, Journey, Touchpoint, Transition
from journeymap.model.units import SECONDS
from journeymap.text import count, translator

__all__ = ["EVIDENCE_COLUMNS", "Estimator"]

EVIDENCE_COLUMNS = ["object", "id", "parameter", "value", "ci_low", "ci_high", "n", "method", "note"]
"""The columns of :attr:`Calibration.evidence`: one row per estimated figure, in the journey's time unit."""

DIGITS = 4
"""Decimal places of an estimated routing probability."""

MIN_FIT = 2
"""Fewer observed times than this leave the journey's own value in place."""


def _r(value: float) -> float:
    return float(f"{value:.4g}") if isinstance(value, float | int) and math.isfinite(value) and value else value


class Estimator:
    """Calibrates one journey from pieces: ``run()`` returns the new journey; ``rows`` and ``notes`` say how."""

    def __init__(self, journey: Journey, pieces: Pieces, *, has_start: bool, language: str | None = None) -> None:
        self.journey = journey
        self.language = language or journey.language
        self.words = translator(self.language)
        self.pieces = pieces
        self.unit = SECONDS[journey.time_unit]
        self.has_start = has_start
        self.rows: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self.fits: dict[str, Fit] = {}
        self.routing = pd.DataFrame()
        self.capacity = pd.DataFrame()

    def row(self, obj: str, id: str, parameter: str, value: float, low: float = math.nan, high: float = math.nan,
            n: int = 0, method: str = "", note: str = "") -> None:
        self.rows.append(dict(zip(EVIDENCE_COLUMNS, [obj, id, parameter, value, low, high, n, method, note],
                                  strict=True)))

    def run(self) -> Journey:
        touchpoints = {tp.id: tp for tp in self.journey.touchpoints}
        self.capacity = concurrency(self.pieces.busy) if len(self.pieces.busy) else self.capacity
        visits = self.pieces.visits.set_index("touchpoint")
        for tp_id, tp in touchpoints.items():
            if tp_id not in visits.index:
                self.notes.append(self.words.gettext(
                    "touchpoint '{touchpoint}': no event maps to it, its parameters are left as they were",
                    touchpoint=tp_id))
                continue
            tp = self._service(tp)
            tp = self._capacity(tp)
            tp = self._abandonment(tp, int(visits.loc[tp_id, "visits"]), int(visits.loc[tp_id, "abandoned"]))
            touchpoints[tp_id] = tp
        touchpoints = self._routing(touchpoints)
        return self.journey.replace(touchpoints=tuple(touchpoints.values()))

    # -- service times ---------------------------------------------------------------------------------
    def _service(self, tp: Touchpoint) -> Touchpoint:
        times = self.pieces.service[self.pieces.service["touchpoint"] == tp.id]
        if len(times) < MIN_FIT:
            if not self.has_start:
                self.notes.append(self.words.gettext(
                    "touchpoint '{touchpoint}': the log has completion times only and no resources to tell service "
                    "from waiting, so its service time is not estimated (the time between events, waiting "
                    "included, goes into the delays between touchpoints)", touchpoint=tp.id))
            return tp
        estimated = bool(times["estimated"].any())
        fit = fit_times(times["seconds"].to_numpy() / self.unit, language=self.language)
        self.fits[tp.id] = fit
        method = ("completion minus the later of the case's previous completion and the resource's "
                  "(an estimated start)" if estimated else "start/complete pairs")
        self.row("touchpoint", tp.id, "service_time", fit.mean, *fit.ci, fit.n, method,
                 fit.reason + (f"; {fit.distribution}" if fit.distribution else ""))
        evidence = {**fit.document(), "method": method}
        meta = _with_evidence(tp.meta, "service_time", evidence)
        return tp.replace(service_time=fit.distribution, meta=meta)

    # -- capacity ----------------------------------------------------------------------------------------
    def _capacity(self, tp: Touchpoint) -> Touchpoint:
        if self.capacity.empty or tp.id not in set(self.capacity["touchpoint"]):
            return tp
        row = self.capacity.set_index("touchpoint").loc[tp.id]
        estimate = int(row["capacity"])
        kept = tp.capacity is not None
        words = self.words
        note = (words.gettext("the journey's capacity {capacity} is kept (the estimate is for comparison)",
                              capacity=tp.capacity) if kept
                else words.gettext("distinct resources busy at once (median while any is busy), an estimate"))
        self.row("touchpoint", tp.id, "capacity", estimate, float(row["median"]), float(row["p90"]),
                 int(row["resources"]), "concurrent busy resources", note)
        evidence = {"estimated": True, "value": estimate, "median": _r(float(row["median"])),
                    "p90": _r(float(row["p90"])), "max": int(row["max"]), "resources": int(row["resources"]),
                    "applied": not kept}
        meta = _with_evidence(tp.meta, "capacity", evidence)
        return tp.replace(capacity=tp.capacity if kept else estimate, meta=meta)

    # -- abandonment and patience ------------------------------------------------------------------------
    def _abandonment(self, tp: Touchpoint, visits: int, abandoned: int) -> Touchpoint:
        meta = _with_evidence(tp.meta, "visits", visits)
        if abandoned == 0:
            return tp.replace(meta=meta)
        low, high = wilson(abandoned, visits)
        self.row("touchpoint", tp.id, "abandonment", abandoned / visits, low, high, visits, "abandon events")
        evidence: dict[str, Any] = {"abandoned": abandoned, "share": _r(abandoned / visits), "ci": [_r(low), _r(high)]}
        waits = self.pieces.waits[self.pieces.waits["touchpoint"] == tp.id]
        lost = int(waits["abandoned"].sum())
        patience = tp.patience
        if lost:
            mean = float(waits["seconds"].sum()) / lost / self.unit  # exponential MLE with censored waits
            patience = Exponential(_r(mean))
            evidence["patience"] = {"mean": _r(mean), "method": "exponential, waits of those served counted as "
                                    "censored", "n": len(waits)}
            self.row("touchpoint", tp.id, "patience", mean, n=len(waits), method="censored exponential")
        else:
            self.notes.append(self.words.ngettext(
                "touchpoint '{touchpoint}': {n} abandonment but no queue-join times, so patience is not estimated",
                "touchpoint '{touchpoint}': {n} abandonments but no queue-join times, so patience is not estimated",
                abandoned, touchpoint=tp.id, n=count(abandoned, self.language)))
        return tp.replace(patience=patience, meta=_with_evidence(meta, "abandonment", evidence))

    # -- routing and delays ------------------------------------------------------------------------------
    def _routing(self, touchpoints: dict[str, Touchpoint]) -> dict[str, Touchpoint]:
        routes = self.pieces.routes
        totals = routes.groupby("source")["count"].sum()
        table = routes.assign(total=routes["source"].map(totals))
        table["p"] = table["count"] / table["total"]
        bounds = [wilson(c, t) for c, t in zip(table["count"], table["total"], strict=True)]
        table["ci_low"] = [b[0] for b in bounds]
        table["ci_high"] = [b[1] for b in bounds]
        self.routing = table.sort_values(["source", "count"], ascending=[True, False]).reset_index(drop=True)
        for source, group in self.routing.groupby("source", sort=False):
            if source not in touchpoints:
                continue
            tp = touchpoints[source]
            old = {t.target: t for t in tp.next}
            new = []
            for row in group.itertuples():
                label = f"{source} → {row.target or '(leave)'}"
                self.row("route", label, "p", row.p, row.ci_low, row.ci_high, int(row.total), "directly-follows counts",
                         self.words.gettext("{count} of {total}", count=count(row.count, self.language),
                                            total=count(row.total, self.language)))
                if row.target == LEAVE:
                    continue
                delay = self._delay(source, row.target, old.get(row.target), touchpoints)
                evidence: dict[str, Any] = {"estimated": True, "count": int(row.count), "of": int(row.total),
                                            "ci": [_r(row.ci_low), _r(row.ci_high)]}
                transition = old.get(row.target) or Transition(row.target, 0.0)
                meta = {**transition.meta, "evidence": {**evidence, **self._delay_evidence(source, row.target)}}
                new.append(transition.replace(p=round(float(row.p), DIGITS), delay=delay, meta=meta))
            for target in old.keys() - set(group["target"]):
                self.notes.append(self.words.gettext("route {source} → {target} is never taken in the log: removed",
                                                     source=source, target=target))
            touchpoints[source] = tp.replace(next=_within_one(new))
        return touchpoints

    def _delay_evidence(self, source: str, target: str) -> dict[str, Any]:
        fit = self.fits.get(f"{source}>{target}")
        return {"delay": fit.document()} if fit is not None else {}

    def _delay(self, source: str, target: str, old: Transition | None,
               touchpoints: dict[str, Touchpoint]) -> Any:
        gaps = self.pieces.gaps
        gaps = gaps[(gaps["source"] == source) & (gaps["target"] == target)]
        current = old.delay if old is not None else None
        if len(gaps) < MIN_FIT:
            return current
        exact = bool((gaps["kind"] == "enqueue").all())
        queues = touchpoints[target].capacity is not None
        if not exact and queues:
            mean = float(np.mean(gaps["seconds"])) / self.unit
            self.row("route", f"{source} → {target}", "wait", mean, n=len(gaps), method="next start minus end",
                     note=self.words.gettext("counted as waiting in the queue of the target, which has a capacity: "
                                             "no delay is set"))
            return current
        fit = fit_times(np.clip(gaps["seconds"].to_numpy(), 0, None) / self.unit, language=self.language)
        self.fits[f"{source}>{target}"] = fit
        method = {"enqueue": "queue join minus end", "start": "next start minus end",
                  "end": "next completion minus completion (includes the next service and any wait)"}
        kind = str(gaps["kind"].mode().iloc[0])
        self.row("route", f"{source} → {target}", "delay", fit.mean, *fit.ci, fit.n, method[kind], fit.reason)
        return fit.distribution


def _within_one(routes: list[Transition]) -> tuple[Transition, ...]:
    """Rounded probabilities whose sum stays at most 1 (the excess taken from the largest)."""
    excess = round(sum(t.p for t in routes) - 1.0, DIGITS)
    if excess > 0 and routes:
        k = max(range(len(routes)), key=lambda i: routes[i].p)
        routes[k] = routes[k].replace(p=round(routes[k].p - excess, DIGITS))
    return tuple(routes)


def _with_evidence(meta: Any, key: str, value: Any) -> dict[str, Any]:
    """``meta`` with ``meta["evidence"][key] = value`` and ``estimated: true`` (a new dict)."""
    evidence = dict((meta or {}).get("evidence", {}))
    evidence["estimated"] = True
    evidence[key] = value
    return {**(meta or {}), "evidence": evidence}
