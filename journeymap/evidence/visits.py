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

A log with a ``replication`` column holds several separate histories (the replications of a
simulation): a resource's previous completion is looked for in the same replication only, and the
busy periods carry their replication so that capacity is measured within each history.

The work is done on integer codes (cases, activities, touchpoints, resources factorised once) with
numpy, and text is put back only in the small tables people read: a million events take seconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

from journeymap.evidence import columns

__all__ = ["LEAVE", "MAX_PATH", "Pieces", "codes_of", "combine", "summarise", "to_visits"]

LEAVE = ""
"""The routing target that means leaving the cycle."""

MAX_PATH = 30
"""Visits kept in a case's path (a longer path is cut and ends with ``…``)."""

NOT_A_TIME = np.iinfo(np.int64).min
"""How numpy and pandas write NaT as an integer."""


@dataclass
class Pieces:
    """What the visits of some cases say, in tables that add up across cases (see :func:`combine`).

    Times are seconds, instants seconds since 1970 (UTC), except ``cases.arrival``/``cases.end``
    (timestamps in the log's zone, for clock times and dates). ``cases.replication`` and
    ``busy.replication`` say which history (replication) a case or a busy period belongs to (0 when
    the log has none).
    """

    routes: pd.DataFrame          # source, target, count (served visits only)
    service: pd.DataFrame         # touchpoint, seconds, estimated
    gaps: pd.DataFrame            # source, target, seconds, kind ("enqueue", "start" or "end" of the next visit)
    waits: pd.DataFrame           # touchpoint, seconds, abandoned
    busy: pd.DataFrame            # touchpoint, resource, start, end, replication
    cases: pd.DataFrame           # case, entry, arrival, end, goal, last_stage, path, visits, customer, cost,
    #                               replication
    stages: pd.DataFrame          # case, stage, entered (first time the case reached the stage)
    visits: pd.DataFrame          # touchpoint, visits, abandoned
    activities: pd.DataFrame      # activity, touchpoint ("" unmapped), events
    counts: dict[str, int] = field(default_factory=dict)


def codes_of(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``values`` as integer codes (-1 where missing) and the distinct values they index (an object array):
    a categorical's own codes, else a factorisation in order of appearance."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy().astype(np.int64), np.asarray(values.cat.categories, dtype=object)
    codes, uniques = pd.factorize(values, sort=False)
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def _text(values: np.ndarray) -> pd.Series:
    """An array of Python strings as an object column (pandas would otherwise copy it into Arrow strings)."""
    return pd.Series(values, dtype=object)


def _instants(values: pd.Series) -> tuple[np.ndarray, int]:
    """Tz-aware timestamps as int64 since 1970 UTC (:data:`NOT_A_TIME` for NaT) and the ticks per second."""
    array = values.array
    unit = getattr(values.dtype, "unit", "ns")
    return np.asarray(array.asi8, dtype=np.int64), {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[unit]


def _timestamps(ticks: np.ndarray, per_second: int, zone: object) -> pd.Series:
    """The inverse of :func:`_instants`: int64 ticks as tz-aware timestamps in ``zone`` (NaT kept)."""
    unit = {1: "s", 10**3: "ms", 10**6: "us", 10**9: "ns"}[per_second]
    naive = pd.Series(ticks.view(f"datetime64[{unit}]"))
    return naive.dt.tz_localize("UTC").dt.tz_convert(zone)


def _replications(log: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each event's history as a code, and the replication each code stands for (one history, 0, when the
    log has no replication column)."""
    if columns.REPLICATION not in log:
        return np.zeros(len(log), dtype=np.int64), np.array([0], dtype=object)
    codes, values = codes_of(log[columns.REPLICATION])
    return np.maximum(codes, 0), values if len(values) else np.array([0], dtype=object)


def _estimated_starts(case: np.ndarray, resource: np.ndarray, history: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The later of the case's previous end and the resource's previous end (in the same history), per
    instance; NaT for a case's first activity (a resource's previous end, maybe days before, says nothing
    about when it began). Arrays are sorted by case and time; ``resource`` is -1 where unknown."""
    n = len(end)
    previous_case = np.full(n, NOT_A_TIME, dtype=np.int64)
    if n > 1:
        same = case[1:] == case[:-1]
        previous_case[1:] = np.where(same, end[:-1], NOT_A_TIME)
    previous_resource = np.full(n, NOT_A_TIME, dtype=np.int64)
    known = np.flatnonzero(resource >= 0)
    if len(known) > 1:
        order = known[np.lexsort((end[known], resource[known], history[known]))]
        same = (resource[order][1:] == resource[order][:-1]) & (history[order][1:] == history[order][:-1])
        previous_resource[order[1:]] = np.where(same, end[order][:-1], NOT_A_TIME)
    both = np.maximum(previous_case, previous_resource)
    return np.where(previous_case == NOT_A_TIME, NOT_A_TIME, both)


@dataclass
class _Visits:
    """The visits of a log as codes and numbers (one entry per visit), and the names the codes index."""

    case: np.ndarray
    touchpoint: np.ndarray
    start: np.ndarray            # int64 ticks, NOT_A_TIME unknown
    estimated: np.ndarray
    end: np.ndarray
    enqueue: np.ndarray
    service: np.ndarray          # seconds, NaN unknown
    abandoned: np.ndarray
    history: np.ndarray          # codes of histories (replications)
    resource: np.ndarray | None  # codes, -1 unknown
    customer: np.ndarray | None  # values
    cases: np.ndarray            # case names
    touchpoints: np.ndarray      # touchpoint ids
    resources: np.ndarray        # resource names
    histories: np.ndarray        # the replication each history code stands for
    per_second: int
    zone: object
    costs: pd.Series | None = None

    def frame(self) -> pd.DataFrame:
        """The visits as the table :func:`to_visits` documents."""
        def when(ticks: np.ndarray) -> pd.Series:
            return _timestamps(ticks, self.per_second, self.zone)

        frame = pd.DataFrame({
            "case": _text(self.cases[self.case]), "touchpoint": _text(self.touchpoints[self.touchpoint]),
            "start": when(self.start), "start_estimated": self.estimated, "end": when(self.end),
            "enqueue": when(self.enqueue), "service": self.service, "abandoned": self.abandoned})
        if self.resource is not None:
            names = np.append(self.resources, None).astype(object)
            frame["resource"] = _text(names[self.resource])
        if self.customer is not None:
            frame["customer"] = _text(self.customer)
        if self.costs is not None:
            frame.attrs["costs"] = self.costs
        return frame


def _visits(log: pd.DataFrame, mapping: Mapping[str, str]) -> tuple[_Visits, pd.DataFrame]:
    """The visits of ``log``'s cases (see :func:`to_visits`) as codes, and the events per activity."""
    activity, activity_names = codes_of(log[columns.ACTIVITY])
    names = [str(a) for a in activity_names]
    touchpoints = np.asarray(list(dict.fromkeys(mapping[a] for a in names if a in mapping)), dtype=object)
    index = {tp: k for k, tp in enumerate(touchpoints)}
    lookup = np.array([index.get(mapping.get(a, ""), -1) for a in names] + [-1], dtype=np.int64)
    counts = np.bincount(activity[activity >= 0], minlength=len(names))
    present = np.flatnonzero(counts)
    activities = pd.DataFrame({"activity": _text(np.asarray(names, dtype=object)[present]),
                               "touchpoint": _text(np.asarray([mapping.get(names[k], LEAVE) for k in present],
                                                              dtype=object)),
                               "events": counts[present]})
    event_tp = lookup[activity]
    kept = np.flatnonzero(event_tp >= 0)
    case_codes, case_names = codes_of(log[columns.CASE])
    case, tp, act = case_codes[kept], event_tp[kept], activity[kept]
    end, per_second = _instants(log[columns.END])
    end = end[kept]
    start = _instants(log[columns.START])[0][kept]
    enqueue = _instants(log[columns.ENQUEUE])[0][kept] if columns.ENQUEUE in log else np.full(len(kept), NOT_A_TIME)
    history, histories = _replications(log)
    history = history[kept]
    resource, resource_names = (codes_of(log[columns.RESOURCE]) if columns.RESOURCE in log
                                else (np.full(len(log), -1, dtype=np.int64), np.array([], dtype=object)))
    resource = resource[kept]
    estimated = np.zeros(len(kept), dtype=bool)
    if (start == NOT_A_TIME).all() and columns.RESOURCE in log and (resource >= 0).any():
        guess = _estimated_starts(case, resource, history, end)
        estimated = (guess != NOT_A_TIME) & (resource >= 0)
        start = np.where(estimated, guess, start)
    service = np.where(start == NOT_A_TIME, np.nan, (end - start) / per_second)
    new = np.ones(len(kept), dtype=bool)
    if len(kept) > 1:
        new[1:] = (case[1:] != case[:-1]) | (tp[1:] != tp[:-1]) | (act[1:] == act[:-1])
    first = np.flatnonzero(new)
    last = np.append(first[1:] - 1, len(kept) - 1) if len(first) else first
    big = np.iinfo(np.int64).max

    def earliest(ticks: np.ndarray) -> np.ndarray:
        if not len(first):
            return ticks[:0]
        lowest = np.minimum.reduceat(np.where(ticks == NOT_A_TIME, big, ticks), first)
        return np.where(lowest == big, NOT_A_TIME, lowest)

    abandon = ((log[columns.LIFECYCLE] == "abandon").to_numpy(dtype=bool)[kept] if columns.LIFECYCLE in log
               else np.zeros(len(kept), dtype=bool))
    customer = log[columns.CUSTOMER].iloc[kept[first]].to_numpy(dtype=object) if columns.CUSTOMER in log else None
    costs = None
    if columns.COST in log:
        costs = log[columns.COST].groupby(log[columns.CASE].to_numpy(dtype=object), sort=False).sum(min_count=1)
    reduce = len(first) > 0
    visits = _Visits(
        case=case[first], touchpoint=tp[first], start=earliest(start),
        estimated=np.logical_or.reduceat(estimated, first) if reduce else estimated[:0],
        end=np.maximum.reduceat(end, first) if reduce else end[:0], enqueue=earliest(enqueue),
        service=np.add.reduceat(service, first) if reduce else service[:0], abandoned=abandon[last],
        history=history[first], resource=resource[first] if columns.RESOURCE in log else None, customer=customer,
        cases=case_names, touchpoints=touchpoints, resources=resource_names, histories=histories, per_second=per_second,
        zone=log[columns.END].dt.tz, costs=costs)
    return visits, activities


def to_visits(log: pd.DataFrame, mapping: Mapping[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The visits of ``log``'s cases to the touchpoints ``mapping`` gives each activity, and the events per
    activity with its touchpoint (``""`` when unmapped, those events are left out).

    Visit columns: ``case``, ``touchpoint``, ``start`` (NaT unknown), ``start_estimated`` (bool),
    ``end``, ``enqueue``, ``service`` (seconds, NaN unknown), ``abandoned``, ``resource``."""
    visits, activities = _visits(log, mapping)
    return visits.frame(), activities


def summarise(log: pd.DataFrame, mapping: Mapping[str, str], *, goals: Iterable[str] = (),
              stages: Mapping[str, str] | None = None) -> Pieces:
    """The :class:`Pieces` of the cases in ``log`` (whole cases only), visits mapped by ``mapping``;
    ``goals`` are goal touchpoints, ``stages`` gives each touchpoint's stage."""
    v, activities = _visits(log, mapping)
    stages = dict(stages or {})
    ids = v.touchpoints
    n = len(v.case)
    same_next = np.zeros(n, dtype=bool)
    if n > 1:
        same_next[:-1] = v.case[1:] == v.case[:-1]
    leave = len(ids)
    targets = np.append(ids, LEAVE).astype(object)  # code len(ids) means leaving
    next_tp = np.where(same_next, np.roll(v.touchpoint, -1), leave)
    served = ~v.abandoned
    pairs = v.touchpoint[served] * (leave + 1) + next_tp[served]
    found, counted = np.unique(pairs, return_counts=True)
    routes = pd.DataFrame({"source": _text(ids[found // (leave + 1)]), "target": _text(targets[found % (leave + 1)]),
                           "count": counted})
    # gaps: from a visit's end to the next visit's queue join, else start, else end
    nxt_enqueue, nxt_start, nxt_end = (np.roll(a, -1) for a in (v.enqueue, v.start, v.end))
    kind = np.where(nxt_enqueue != NOT_A_TIME, 0, np.where(nxt_start != NOT_A_TIME, 1, 2))
    reach = np.where(kind == 0, nxt_enqueue, np.where(kind == 1, nxt_start, nxt_end))
    has_next = same_next & served
    kinds = np.array(["enqueue", "start", "end"], dtype=object)
    gaps = pd.DataFrame({"source": _text(ids[v.touchpoint[has_next]]), "target": _text(targets[next_tp[has_next]]),
                         "seconds": (reach[has_next] - v.end[has_next]) / v.per_second,
                         "kind": _text(kinds[kind[has_next]])})
    known = ~np.isnan(v.service) & served
    service = pd.DataFrame({"touchpoint": _text(ids[v.touchpoint[known]]), "seconds": v.service[known],
                            "estimated": v.estimated[known]})
    queued = v.enqueue != NOT_A_TIME
    wait_end = np.where(v.abandoned, v.end, v.start)
    wait = np.where(wait_end == NOT_A_TIME, np.nan, (wait_end - v.enqueue) / v.per_second)
    waits = pd.DataFrame({"touchpoint": _text(ids[v.touchpoint[queued]]), "seconds": wait[queued],
                          "abandoned": v.abandoned[queued]}).dropna()
    busy = pd.DataFrame({"touchpoint": _text(np.array([], dtype=object)), "resource": _text(np.array([], dtype=object)),
                         "start": np.array([], dtype=float), "end": np.array([], dtype=float),
                         "replication": _text(np.array([], dtype=object))})
    if v.resource is not None:
        has = (v.resource >= 0) & (v.start != NOT_A_TIME)
        busy = pd.DataFrame({"touchpoint": _text(ids[v.touchpoint[has]]),
                             "resource": _text(v.resources[v.resource[has]]),
                             "start": v.start[has] / v.per_second, "end": v.end[has] / v.per_second,
                             "replication": _text(v.histories[v.history[has]])})
    counts_all = np.bincount(v.touchpoint, minlength=len(ids))
    counts_lost = np.bincount(v.touchpoint, weights=v.abandoned, minlength=len(ids)).astype(np.int64)
    seen = np.flatnonzero(counts_all)
    visit_counts = pd.DataFrame({"touchpoint": _text(ids[seen]), "visits": counts_all[seen],
                                 "abandoned": counts_lost[seen]})
    stage_of = np.array([stages.get(tp, "") for tp in ids] + [""], dtype=object)
    return Pieces(routes, service, gaps, waits, busy, _cases(v, set(goals), stage_of), _stage_entries(v, stage_of),
                  visit_counts, activities)


def _arrivals(v: _Visits) -> np.ndarray:
    """Each visit's arrival: its queue join, else its start, else its end (ticks)."""
    return np.where(v.enqueue != NOT_A_TIME, v.enqueue, np.where(v.start != NOT_A_TIME, v.start, v.end))


def _cases(v: _Visits, goals: set[str], stage_of: np.ndarray) -> pd.DataFrame:
    """One row per case with at least one visit: entry touchpoint, arrival and end, goal reached, the
    stage of its last visit, its path (touchpoint ids joined by ``>``), visits, customer, cost and replication."""
    n = len(v.case)
    new = np.ones(n, dtype=bool)
    if n > 1:
        new[1:] = v.case[1:] != v.case[:-1]
    first = np.flatnonzero(new)
    if not len(first):
        return pd.DataFrame(columns=["case", "entry", "arrival", "end", "goal", "last_stage", "path", "visits",
                                     "customer", "cost", "replication"])
    last = np.append(first[1:] - 1, n - 1)
    goal_codes = np.array([tp in goals for tp in v.touchpoints] + [False], dtype=bool)
    arrival = _arrivals(v)
    names = v.cases[v.case[first]]
    cases = pd.DataFrame({
        "case": _text(names),
        "entry": _text(v.touchpoints[v.touchpoint[first]]),
        "arrival": _timestamps(np.minimum.reduceat(arrival, first), v.per_second, v.zone),
        "end": _timestamps(np.maximum.reduceat(v.end, first), v.per_second, v.zone),
        "goal": np.logical_or.reduceat(goal_codes[v.touchpoint], first),
        "last_stage": _text(stage_of[v.touchpoint[last]]),
        "path": _text(_paths(v.touchpoint, first, v.touchpoints)),
        "visits": last - first + 1,
    })
    cases["customer"] = _text(v.customer[first]) if v.customer is not None else None
    cases["cost"] = v.costs.reindex(names).to_numpy(dtype=float) if v.costs is not None else np.nan
    cases["replication"] = _text(v.histories[v.history[first]])
    return cases


def _paths(touchpoint: np.ndarray, first: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Each case's touchpoint ids joined by ``>`` (its first :data:`MAX_PATH` visits, then ``…``): the paths
    are numbered one visit at a time (a path is the number of its prefix and its next touchpoint), so the
    text is built once per distinct path, not once per case."""
    cases = len(first)
    lengths = np.diff(np.append(first, len(touchpoint)))
    path = np.zeros(cases, dtype=np.int64)  # 0: the empty path
    parents: list[np.ndarray] = [np.array([-1])]
    steps: list[np.ndarray] = [np.array([-1])]
    offset = 1
    for k in range(min(int(lengths.max()), MAX_PATH)):
        going = np.flatnonzero(lengths > k)
        key = path[going] * (len(ids) + 1) + touchpoint[first[going] + k]
        unique, inverse = np.unique(key, return_inverse=True)
        parents.append(unique // (len(ids) + 1))
        steps.append(unique % (len(ids) + 1))
        path[going] = offset + inverse
        offset += len(unique)
    parent = np.concatenate(parents)
    step = np.concatenate(steps)
    text = np.empty(offset, dtype=object)
    text[0] = ""
    for number in range(1, offset):  # parents are numbered before their children
        before = text[parent[number]]
        text[number] = f"{before}>{ids[step[number]]}" if before else str(ids[step[number]])
    out = text[path]
    longer = lengths > MAX_PATH
    out[longer] = out[longer] + ">…"
    return out


def _stage_entries(v: _Visits, stage_of: np.ndarray) -> pd.DataFrame:
    """The first time each case entered each stage."""
    stage_codes, stage_names = pd.factorize(pd.Series(stage_of, dtype=object))
    code = stage_codes[v.touchpoint]
    width = len(stage_names) + 1
    key = v.case * width + code
    arrival = _arrivals(v)
    order = np.lexsort((arrival, key))
    key_sorted = key[order]
    first = np.flatnonzero(np.append(True, key_sorted[1:] != key_sorted[:-1])) if len(key) else np.array([], int)
    chosen = order[first]
    chosen = chosen[np.argsort(chosen, kind="stable")]  # in the order the cases met them
    names = np.asarray(stage_names, dtype=object)
    return pd.DataFrame({"case": _text(v.cases[v.case[chosen]]), "stage": _text(names[code[chosen]]),
                         "entered": _timestamps(arrival[chosen], v.per_second, v.zone)})


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
