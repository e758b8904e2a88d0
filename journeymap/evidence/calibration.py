"""``calibrate(log, journey=None, mapping=None)``: a journey whose numbers come from an event log.

The log's activities are mapped to touchpoints (a mapping, the journey's own ids and names, or a
new journey with one touchpoint per activity); routing probabilities, service times, delays,
capacity, abandonment and arrivals are estimated from the visits (see
:mod:`journeymap.evidence.estimates`). The result, a :class:`Calibration`, holds the journey and
the evidence for every figure; the journey's ``meta["evidence"]`` keeps the same provenance, so
that a saved file says which numbers were estimated and from what:

- ``journey.meta["evidence"]``: ``source``, ``span`` (first and last event, ISO 8601), ``timezone``,
  ``cases``, ``events``, ``calibrated`` (date), ``unmapped`` activities, the reading ``notes``;
- ``touchpoint.meta["evidence"]``: ``estimated: true``, ``visits``, ``service_time`` (``n``, ``mean``,
  ``ci``, ``chosen``, ``aic`` by distribution, ``ks``, ``ks_p`` and ``ks_method`` (``exact``, or
  ``asymptotic`` above 10,000 times), ``method``), ``capacity`` (``value``,
  ``median``, ``p90``, ``max``, ``resources``, ``applied``), ``abandonment``; for a drafted journey the
  guessed ``stage`` and ``goal``;
- ``transition.meta["evidence"]``: ``count`` of ``of`` served visits, ``ci`` of the probability, ``delay``;
- ``arrival.meta["evidence"]``: ``arrivals``, ``span``, ``days``, ``rate_ci``, ``method``, and ``replications``
  when the log holds several (span and days are then summed over them, the rate is per replication);
- ``stage.meta["evidence"]``: ``guessed`` for stages of a drafted journey.

Times in ``meta`` are in the journey's time unit. A value with no ``evidence`` entry is the map's own.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from journeymap.errors import Issue, JourneyError
from journeymap.evidence.arrivals import ArrivalEstimate, estimate_arrivals
from journeymap.evidence.estimates import EVIDENCE_COLUMNS, Estimator
from journeymap.evidence.mapping import activity_order, activity_parts, check_mapping, draft_journey, read_mapping
from journeymap.evidence.reading import is_lazy, read_log, read_notes
from journeymap.evidence.visits import LEAVE, Pieces, summarise
from journeymap.model import Journey, validate
from journeymap.text import translator

__all__ = ["Calibration", "calibrate", "identity_mapping", "pieces_of", "resolve_model"]


@dataclass
class Calibration:
    """A calibrated journey and the evidence behind it.

    ``journey`` validates, saves, draws and simulates like any other; ``evidence`` has one row per
    estimated figure (:data:`~journeymap.evidence.estimates.EVIDENCE_COLUMNS`); ``routing`` the
    directly-follows counts with probabilities and intervals; ``fits`` the AIC of each candidate
    distribution per touchpoint (and per route, for delays) with the Kolmogorov-Smirnov distance;
    ``unmapped`` the activities no touchpoint took; ``notes`` what the reader and the estimator had to
    say (read them: they name the assumptions).
    """

    journey: Journey
    evidence: pd.DataFrame
    routing: pd.DataFrame
    fits: pd.DataFrame
    capacity: pd.DataFrame
    arrivals: ArrivalEstimate
    mapping: dict[str, str]
    unmapped: pd.DataFrame
    pieces: Pieces
    notes: list[str] = field(default_factory=list)
    span: tuple[pd.Timestamp, pd.Timestamp] | None = None
    source: str = ""
    has_start: bool = False

    def check(self, *, replications: int = 20, seed: int = 0, executor: Any = None) -> Any:
        """Back-test: simulate this journey over the log's span and set the log beside the simulation
        (see :class:`~journeymap.evidence.backtest.BackTest`)."""
        from journeymap.evidence.backtest import back_test

        return back_test(self, replications=replications, seed=seed, executor=executor)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the calibrated journey (YAML or JSON, by the extension), atomically."""
        from journeymap.io import save

        return save(self.journey, path)

    def summary(self) -> pd.DataFrame:
        """The evidence for people, in the journey's language: what was estimated, the value and its interval."""
        from journeymap.evidence.tables import evidence_table

        return evidence_table(self)

    def __repr__(self) -> str:
        return (f"<Calibration of {self.journey.title!r}: {len(self.evidence)} estimated figures from "
                f"{self.pieces.cases.shape[0]:,} cases; {len(self.notes)} notes>")

    def _repr_html_(self) -> str:
        notes = "".join(f"<li>{n}</li>" for n in self.notes)
        return f"<p><b>{self.journey.title}</b></p>{self.summary().to_html()}<ul>{notes}</ul>"


def identity_mapping(activities: Iterable[str], journey: Journey) -> dict[str, str]:
    """Each activity that is a touchpoint's id or name (ignoring case and spaces) mapped to it."""
    def key(text: str) -> str:
        return "".join(str(text).lower().split())

    known: dict[str, str] = {}
    for tp in journey.touchpoints:
        known.setdefault(key(tp.id), tp.id)
        known.setdefault(key(tp.label), tp.id)
    return {a: known[key(a)] for a in activities if key(a) in known}


def resolve_model(log: Any, journey: Journey | str | os.PathLike[str] | None,
                  mapping: Mapping[str, Any] | str | os.PathLike[str] | None, *, goals: Iterable[str] | None,
                  title: str | None = None, language: str | None = None,
                  time_unit: str | None = None) -> tuple[Journey, dict[str, str], bool]:
    """The journey, the activity → touchpoint mapping and whether the journey was drafted from the log."""
    from journeymap.io import load

    if isinstance(journey, str | os.PathLike):
        journey = load(journey)
    parts = _activity_parts(log)
    activities = [str(a) for a in parts.index]
    goal_list = list(goals or [])
    if journey is None:
        if mapping is not None:
            raise JourneyError(Issue("a mapping needs the journey whose touchpoints it names (give --journey)"))
        order = activity_order(parts)
        drafted, table = draft_journey(order, title=title or "Calibrated journey", language=language or "en",
                                       time_unit=time_unit or _time_unit(log), goals=goal_list)
        return drafted, table, True
    if mapping is None:
        table = identity_mapping(activities, journey)
        if not table:
            raise JourneyError(Issue(
                "no activity of the log is a touchpoint's id or name: give a mapping (activity: touchpoint id); "
                f"activities: {', '.join(activities[:10])}"))
    else:
        raw = read_mapping(mapping)
        check_mapping(raw, journey, source=str(mapping) if not isinstance(mapping, Mapping) else "mapping")
        table = {a: t for a, t in raw.items() if t is not None}
    if goal_list:
        goal_ids = {table.get(g, g) for g in goal_list}
        unknown = sorted(goal_ids - set(journey.touchpoint_ids))
        if unknown:
            from journeymap.errors import NotFound

            raise NotFound("goal", unknown[0], journey.touchpoint_ids + tuple(table))
        journey = journey.replace(touchpoints=tuple(tp.replace(goal=tp.id in goal_ids) for tp in journey.touchpoints))
    return journey, table, False


def _activity_parts(log: Any) -> pd.DataFrame:
    if is_lazy(log):
        from journeymap.evidence.lazy import activity_parts_of

        return activity_parts_of(log)
    return activity_parts(log)


def _time_unit(log: Any) -> str:
    """The time unit for a drafted journey: minutes for cycles under a day, hours under a month, else days."""
    if is_lazy(log):
        from journeymap.evidence.lazy import median_case_seconds

        seconds = median_case_seconds(log)
    else:
        from journeymap.evidence.columns import CASE, END, START

        at = log[START].fillna(log[END])
        spans = log.assign(_at=at).groupby(CASE, sort=False).agg(first=("_at", "min"), last=(END, "max"))
        seconds = float((spans["last"] - spans["first"]).dt.total_seconds().median())
    return "minute" if seconds < 86400 else "hour" if seconds < 30 * 86400 else "day"


def calibrate(log: Any, journey: Journey | str | os.PathLike[str] | None = None,
              mapping: Mapping[str, Any] | str | os.PathLike[str] | None = None, *,
              goals: Iterable[str] | None = None, title: str | None = None, language: str | None = None,
              time_unit: str | None = None) -> Calibration:
    """Calibrate ``journey`` (or a journey drafted from the log) from ``log``.

    ``log`` is what :func:`~journeymap.evidence.read_log` returns (or a path, read with the default
    column names). ``mapping`` maps activities to touchpoint ids (a dict or a YAML/JSON/CSV file); with
    none, activities match touchpoints by id or name. ``goals`` names the goal activities or
    touchpoints (default: the journey's goals; for a drafted journey, the activity that ends most
    cases). ``title``, ``language`` and ``time_unit`` are for a drafted journey.
    """
    if isinstance(log, str | os.PathLike) or (isinstance(log, pd.DataFrame) and not read_notes(log)):
        log = read_log(log)
    model, table, drafted = resolve_model(log, journey, mapping, goals=goals, title=title, language=language,
                                          time_unit=time_unit)
    pieces, reading = pieces_of(log, model, table)
    if pieces.cases.empty:
        raise JourneyError(Issue("no event of the log maps to a touchpoint of the journey"))
    has_start = bool(reading.get("has_start")) or len(pieces.service) > 0
    estimator = Estimator(model, pieces, has_start=has_start, language=language)
    calibrated = estimator.run()
    arrivals = estimate_arrivals(pieces.cases, calibrated.time_unit, language=language or calibrated.language)
    if arrivals.arrivals:
        calibrated = calibrated.replace(arrivals=tuple(arrivals.arrivals))
        for arrival in arrivals.arrivals:
            ev = arrival.meta["evidence"]
            rate = arrival.rate if arrival.rate is not None else ev["rate"]
            estimator.row("arrival", arrival.touchpoint, "rate", rate, *ev["rate_ci"], ev["arrivals"], ev["method"])
    unmapped = pieces.activities[pieces.activities["touchpoint"] == LEAVE][["activity", "events"]]
    unmapped = unmapped.sort_values("events", ascending=False).reset_index(drop=True)
    notes = list(reading.get("notes", [])) + arrivals.notes + estimator.notes
    if len(unmapped):
        words = translator(language or calibrated.language)
        listed = ", ".join(f"{a} ({n})" for a, n in unmapped.head(10).itertuples(index=False))
        notes.insert(0, words.ngettext("{events} events of {n} unmapped activity left out: {listed}",
                                       "{events} events of {n} unmapped activities left out: {listed}",
                                       len(unmapped), events=int(unmapped["events"].sum()), n=len(unmapped),
                                       listed=listed))
    start, end = pieces.cases["arrival"].min(), pieces.cases["end"].max()
    calibrated = calibrated.replace(meta={**calibrated.meta, "evidence": {
        "estimated": True, "source": str(reading.get("source", "")), "span": [start.isoformat(), end.isoformat()],
        "timezone": str(reading.get("timezone", "")), "cases": len(pieces.cases),
        "events": int(pieces.activities["events"].sum()), "calibrated": dt.date.today().isoformat(),
        "drafted": drafted, "unmapped": [str(a) for a in unmapped["activity"]], "notes": notes}})
    errors = [issue for issue in validate(calibrated) if issue.is_error]
    if errors:
        raise JourneyError(errors)
    evidence = pd.DataFrame(estimator.rows, columns=EVIDENCE_COLUMNS)
    fits = _fits_table(estimator)
    return Calibration(calibrated, evidence, estimator.routing, fits, estimator.capacity, arrivals, table, unmapped,
                       pieces, notes, (start, end), str(reading.get("source", "")), has_start)


def pieces_of(log: Any, journey: Journey, mapping: Mapping[str, str]) -> tuple[Pieces, dict[str, Any]]:
    """The :class:`~journeymap.evidence.visits.Pieces` of a read log (in memory or partitioned) mapped onto
    ``journey``, and what reading it found."""
    stages = {tp.id: tp.stage for tp in journey.touchpoints}
    goal_ids = [tp.id for tp in journey.goals]
    if is_lazy(log):
        from journeymap.evidence.lazy import summarise_lazy

        return summarise_lazy(log, mapping, goals=goal_ids, stages=stages)
    return summarise(log, mapping, goals=goal_ids, stages=stages), read_notes(log)


def _fits_table(estimator: Estimator) -> pd.DataFrame:
    rows = []
    for key, fit in estimator.fits.items():
        source, _, target = key.partition(">")
        chosen = fit.distribution.kind if fit.distribution else None
        row = {"touchpoint": source, "route_to": target or None, "n": fit.n, "chosen": chosen, "ks": fit.ks,
               "ks_p": fit.ks_p, **{f"aic_{k}": v for k, v in fit.aic.items()}}
        rows.append(row)
    return pd.DataFrame(rows)
