"""From activity instances to visits of touchpoints, and from visits to the few tables every estimate needs.

A *visit* is a case's stay at one touchpoint: consecutive activities mapped to the same touchpoint
are one visit, unless the same activity repeats (a loop back is a new visit). :func:`summarise`
turns the visits of some cases into :class:`Pieces`: routing counts, service times, the gaps
between touchpoints, queue waits, busy periods of resources, and one row per case. Pieces of
different cases add up (:func:`combine`), so a log partitioned by case (Dask) gives the same
numbers as the whole log in memory.

Where the log has completion times only and names resources, an activity's start is estimated as
the later of the case's previous completion and the resource's previous completion (the resource
could not start before it was free); the service times that follow are marked as estimated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

from journeymap.evidence.columns import ACTIVITY, CASE, COST, CUSTOMER, END, ENQUEUE, LIFECYCLE, RESOURCE, START

__all__ = ["LEAVE", "MAX_PATH", "Pieces", "combine", "summarise", "to_visits"]

LEAVE = ""
"""The routing target that means leaving the cycle."""

MAX_PATH = 30
"""Visits kept in a case's path (a longer path is cut and ends with ``…``)."""

NS = 1e-9


@dataclass
class Pieces:
    """What the visits of some cases say, in tables that add up across cases (see :func:`combine`).

    Times are seconds, instants seconds since 1970 (UTC), except ``cases.arrival``/``cases.end``
    (timestamps in the log's zone, for clock times and dates).
    """

    routes: pd.DataFrame          # source, target, count (served visits only)
    service: pd.DataFrame         # touchpoint, seconds, estimated
    gaps: pd.DataFrame            # source, target, seconds, kind ("enqueue", "start" or "end" of the next visit)
    waits: pd.DataFrame           # touchpoint, seconds, abandoned
    busy: pd.DataFrame            # touchpoint, resource, start, end
    cases: pd.DataFrame           # case, entry, arrival, end, goal, last_stage, path, visits, customer, cost
    stages: pd.DataFrame          # case, stage, entered (first time the case reached the stage)
    visits: pd.DataFrame          # touchpoint, visits, abandoned
    activities: pd.DataFrame      # activity, touchpoint ("" unmapped), events
    counts: dict[str, int] = field(default_factory=dict)


def _estimated_starts(frame: pd.DataFrame) -> pd.Series:
    """The later of the case's previous end and the resource's previous end, per instance; NaT for a case's
    first activity (a resource's previous end, maybe days before, says nothing about when it began)."""
    same_case = frame[CASE].eq(frame[CASE].shift())
    prev_case = frame[END].shift().where(same_case)
    by_resource = frame[[RESOURCE, END]].dropna(subset=[RESOURCE]).sort_values([RESOURCE, END], kind="stable")
    same = by_resource[RESOURCE].eq(by_resource[RESOURCE].shift())
    prev_resource = by_resource[END].shift().where(same).reindex(frame.index)
    both = pd.concat([prev_case, prev_resource], axis=1).max(axis=1).astype(frame[END].dtype)
    return both.where(prev_case.notna())  # a case's first activity: nothing tells when it started


def to_visits(log: pd.DataFrame, mapping: Mapping[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The visits of ``log``'s cases to the touchpoints ``mapping`` gives each activity, and the events per
    activity with its touchpoint (``""`` when unmapped, those events are left out).

    Visit columns: ``case``, ``touchpoint``, ``start`` (NaT unknown), ``start_estimated`` (bool),
    ``end``, ``enqueue``, ``service`` (seconds, NaN unknown), ``abandoned``, ``resource``."""
    activity = log[ACTIVITY].astype(object)
    touchpoint = activity.map(dict(mapping))
    per_activity = pd.DataFrame({"activity": activity, "touchpoint": touchpoint.fillna(LEAVE)})
    activities = per_activity.value_counts(sort=False).rename("events").reset_index()
    kept = touchpoint.notna().to_numpy()
    frame = log.loc[kept].copy()
    frame["_tp"] = touchpoint[kept].to_numpy()
    start = frame[START]
    estimated = pd.Series(False, index=frame.index)
    if start.isna().all() and RESOURCE in frame and frame[RESOURCE].notna().any():
        guess = _estimated_starts(frame)
        estimated = guess.notna() & frame[RESOURCE].notna()
        start = start.where(~estimated, guess)
    frame["_start"], frame["_estimated"] = start, estimated
    frame["_service"] = (frame[END] - start).dt.total_seconds()
    case, tp, act = frame[CASE].to_numpy(), frame["_tp"].to_numpy(), frame[ACTIVITY].astype(object).to_numpy()
    new = np.ones(len(frame), dtype=bool)
    if len(frame) > 1:
        new[1:] = (case[1:] != case[:-1]) | (tp[1:] != tp[:-1]) | (act[1:] == act[:-1])
    frame["_visit"] = np.cumsum(new)
    groups = frame.groupby("_visit", sort=True)
    visits = pd.DataFrame({
        "case": groups[CASE].first(),
        "touchpoint": groups["_tp"].first(),
        "start": groups["_start"].min(),
        "start_estimated": groups["_estimated"].any(),
        "end": groups[END].max(),
        "enqueue": groups[ENQUEUE].min(),
        "service": groups["_service"].sum(min_count=1).where(groups["_service"].count() == groups.size()),
        "abandoned": groups[LIFECYCLE].last().astype(str) == "abandon",
    })
    if RESOURCE in frame:
        visits["resource"] = groups[RESOURCE].first().astype(object)
    if CUSTOMER in frame:
        visits["customer"] = groups[CUSTOMER].first().astype(object)
    if COST in log:
        costs = log.groupby(CASE, sort=False)[COST].sum(min_count=1)
        visits.attrs["costs"] = costs
    return visits.reset_index(drop=True), activities


def _seconds(values: pd.Series) -> np.ndarray:
    return values.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy("datetime64[ns]").astype("int64") * NS


def summarise(log: pd.DataFrame, mapping: Mapping[str, str], *, goals: Iterable[str] = (),
              stages: Mapping[str, str] | None = None) -> Pieces:
    """The :class:`Pieces` of the cases in ``log`` (whole cases only), visits mapped by ``mapping``;
    ``goals`` are goal touchpoints, ``stages`` gives each touchpoint's stage."""
    visits, activities = to_visits(log, mapping)
    stages = dict(stages or {})
    goal_set = set(goals)
    case = visits["case"].to_numpy()
    same_next = np.zeros(len(visits), dtype=bool)
    if len(visits) > 1:
        same_next[:-1] = case[1:] == case[:-1]
    tp = visits["touchpoint"].to_numpy(dtype=object)
    next_tp = np.where(same_next, np.roll(tp, -1), LEAVE)
    served = ~visits["abandoned"].to_numpy()
    routes = (pd.DataFrame({"source": tp[served], "target": next_tp[served]})
              .value_counts(sort=False).rename("count").reset_index())
    # gaps: from a visit's end to the next visit's queue join, else start, else end
    nxt = visits.shift(-1)
    kind = np.where(nxt["enqueue"].notna(), "enqueue", np.where(nxt["start"].notna(), "start", "end"))
    reach = nxt["enqueue"].fillna(nxt["start"]).fillna(nxt["end"])
    has_next = same_next & served
    gap_seconds = (reach - visits["end"]).dt.total_seconds().to_numpy()
    gaps = pd.DataFrame({"source": tp[has_next], "target": next_tp[has_next], "seconds": gap_seconds[has_next],
                         "kind": kind[has_next]})
    known = visits["service"].notna().to_numpy() & served
    service = pd.DataFrame({"touchpoint": tp[known], "seconds": visits["service"].to_numpy()[known],
                            "estimated": visits["start_estimated"].to_numpy()[known]})
    queued = visits["enqueue"].notna().to_numpy()
    wait_end = visits["start"].where(~visits["abandoned"], visits["end"])
    waits = pd.DataFrame({"touchpoint": tp[queued],
                          "seconds": (wait_end - visits["enqueue"]).dt.total_seconds().to_numpy()[queued],
                          "abandoned": visits["abandoned"].to_numpy()[queued]}).dropna()
    busy = pd.DataFrame(columns=["touchpoint", "resource", "start", "end"])
    if "resource" in visits:
        has = visits["resource"].notna().to_numpy() & visits["start"].notna().to_numpy()
        busy = pd.DataFrame({"touchpoint": tp[has], "resource": visits["resource"].to_numpy()[has],
                             "start": _seconds(visits["start"][has]), "end": _seconds(visits["end"][has])})
    per_visit = pd.DataFrame({"touchpoint": tp, "abandoned": visits["abandoned"].to_numpy()})
    visit_counts = per_visit.groupby("touchpoint", sort=False)["abandoned"].agg(["size", "sum"])
    visit_counts = visit_counts.rename(columns={"size": "visits", "sum": "abandoned"}).reset_index()
    return Pieces(routes, service, gaps, waits, busy, _cases(visits, log, goal_set, stages),
                  _stage_entries(visits, stages), visit_counts, activities)


def _cases(visits: pd.DataFrame, log: pd.DataFrame, goals: set[str], stages: dict[str, str]) -> pd.DataFrame:
    """One row per case with at least one visit: entry touchpoint, arrival and end, goal reached, the
    stage of its last visit, its path (touchpoint ids joined by ``>``), visits, customer and cost."""
    arrival = visits["enqueue"].fillna(visits["start"]).fillna(visits["end"])
    frame = visits.assign(_arrival=arrival, _goal=visits["touchpoint"].isin(goals),
                          _rank=visits.groupby("case", sort=False).cumcount())
    groups = frame.groupby("case", sort=False)
    first = groups.first()
    last_tp = groups["touchpoint"].last()
    n = groups.size()
    paths = pd.Series(_paths(frame, len(n)), index=n.index)
    paths = paths.where(n <= MAX_PATH, paths + ">…")
    cases = pd.DataFrame({
        "entry": first["touchpoint"],
        "arrival": groups["_arrival"].min(),
        "end": groups["end"].max(),
        "goal": groups["_goal"].any(),
        "last_stage": last_tp.map(stages).fillna(""),
        "path": paths,
        "visits": n,
    })
    cases["customer"] = first.get("customer", None)
    costs = visits.attrs.get("costs")
    cases["cost"] = costs.reindex(cases.index) if costs is not None else np.nan
    cases.index.name = "case"
    return cases.reset_index()


def _paths(frame: pd.DataFrame, cases: int) -> np.ndarray:
    """Each case's touchpoint ids joined by ``>`` (its first :data:`MAX_PATH` visits), in order of first
    appearance: built one rank at a time, so the work is vectorised over cases."""
    codes, _ = pd.factorize(frame["case"], sort=False)
    ranks = frame["_rank"].to_numpy()
    touchpoints = frame["touchpoint"].to_numpy(dtype=object)
    paths = np.full(cases, "", dtype=object)
    for k in range(min(int(ranks.max()) + 1 if len(ranks) else 0, MAX_PATH)):
        chosen = ranks == k
        where = codes[chosen]
        paths[where] = (paths[where] + (">" if k else "")) + touchpoints[chosen]
    return paths


def _stage_entries(visits: pd.DataFrame, stages: dict[str, str]) -> pd.DataFrame:
    arrival = visits["enqueue"].fillna(visits["start"]).fillna(visits["end"])
    frame = pd.DataFrame({"case": visits["case"], "stage": visits["touchpoint"].map(stages).fillna(""),
                          "entered": arrival})
    return frame.groupby(["case", "stage"], sort=False)["entered"].min().reset_index()


def combine(parts: Iterable[Pieces]) -> Pieces:
    """The pieces of disjoint sets of cases as the pieces of all of them (counts summed, rows stacked)."""
    parts = list(parts)
    if len(parts) == 1:
        return parts[0]
    tables: dict[str, pd.DataFrame] = {}
    for item in fields(Pieces):
        if item.name == "counts":
            continue
        tables[item.name] = pd.concat([getattr(p, item.name) for p in parts], ignore_index=True)
    tables["routes"] = tables["routes"].groupby(["source", "target"], sort=False)["count"].sum().reset_index()
    tables["visits"] = tables["visits"].groupby("touchpoint", sort=False)[["visits", "abandoned"]].sum().reset_index()
    tables["activities"] = (tables["activities"].groupby(["activity", "touchpoint"], sort=False)["events"].sum()
                            .reset_index())
    counts: dict[str, int] = {}
    for part in parts:
        for key, value in part.counts.items():
            counts[key] = counts.get(key, 0) + value
    return Pieces(**tables, counts=counts)
