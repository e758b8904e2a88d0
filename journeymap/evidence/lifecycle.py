"""From events to activity instances: each start paired with its completion, queue joins and abandonments.

A log may give one row per activity with a start and an end column (``start_timestamp`` and
``time:timestamp``), or one row per lifecycle event (``lifecycle:transition`` = ``start``,
``complete``...). :func:`instances` turns the second form into the first: within a case and
activity the k-th ``start`` is paired with the k-th ``complete`` (first in, first out), the k-th
queue join (``enqueue``, ``arrive``, ``schedule``, ``assign``) with the k-th start or abandonment,
and an ``abandon`` (or ``withdraw``, ``ate_abort``, ``pi_abort``) is an activity that ended
without service. Starts that never complete are counted and left out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from journeymap.evidence.columns import ACTIVITY, CASE, END, ENQUEUE, LIFECYCLE, START

__all__ = ["ABANDON", "COMPLETE", "ENQUEUES", "STARTS", "instances", "kind_of"]

STARTS = frozenset({"start", "begin", "started", "resume"})
COMPLETE = frozenset({"complete", "completed", "end", "done", "finish", "finished"})
ABANDON = frozenset({"abandon", "abandoned", "withdraw", "ate_abort", "pi_abort", "cancel"})
ENQUEUES = frozenset({"enqueue", "arrive", "arrival", "schedule", "assign", "queue", "ready"})
_RESUME_IGNORED = frozenset({"suspend"})


def kind_of(values: pd.Series) -> pd.Series:
    """Each lifecycle value as ``start``, ``complete``, ``abandon``, ``enqueue`` or ``other`` (case-blind)."""
    text = values.astype("string").str.strip().str.lower()
    kinds = pd.Series("other", index=values.index, dtype=object)
    kinds[text.isna()] = "complete"  # no lifecycle: the event marks the activity's end
    for name, words in (("start", STARTS - {"resume"}), ("complete", COMPLETE), ("abandon", ABANDON),
                        ("enqueue", ENQUEUES)):
        kinds[text.isin(words).fillna(False).to_numpy()] = name
    return kinds


def _ranked(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["_rank"] = out.groupby([CASE, ACTIVITY], sort=False, observed=True).cumcount()
    return out


def instances(events: pd.DataFrame, kinds: pd.Series) -> tuple[pd.DataFrame, dict[str, int]]:
    """Activity instances from lifecycle events (see the module): columns as ``events`` plus ``START``,
    ``ENQUEUE`` and ``LIFECYCLE`` (``complete`` or ``abandon``); and counts of what could not be paired.

    ``events`` must be sorted by case and time."""
    counts: dict[str, int] = {}
    other = int((kinds == "other").sum())
    if other:
        counts["other lifecycle events"] = other
    starts = _ranked(events.loc[kinds == "start", [CASE, ACTIVITY, END]].rename(columns={END: START}))
    ends = events.loc[(kinds == "complete") | (kinds == "abandon")].copy()
    ends[LIFECYCLE] = kinds[ends.index].to_numpy()
    completes = _ranked(ends[ends[LIFECYCLE] == "complete"])
    paired = completes.merge(starts, on=[CASE, ACTIVITY, "_rank"], how="left", sort=False)
    paired.index = completes.index
    late = paired[START] > paired[END]
    if late.any():  # a completion before its start: the pairing is off there; keep the end alone
        counts["completions before their start (start ignored)"] = int(late.sum())
        paired.loc[late, START] = pd.NaT
    unpaired = len(starts) - int(paired[START].notna().sum())
    if unpaired > 0:
        counts["starts without a completion (left out)"] = unpaired
    abandons = ends[ends[LIFECYCLE] == "abandon"].copy()
    abandons[START] = pd.NaT
    result = pd.concat([paired.drop(columns="_rank"), abandons]).sort_index(kind="stable")
    result[ENQUEUE] = _queue_joins(events, kinds, result)
    return result, counts


def _queue_joins(events: pd.DataFrame, kinds: pd.Series, result: pd.DataFrame) -> pd.Series:
    """The time each instance joined its queue: the k-th queue join of a case's activity paired with its
    k-th start or abandonment; NaT where the log has none."""
    joins = events.loc[kinds == "enqueue", [CASE, ACTIVITY, END]].rename(columns={END: ENQUEUE})
    empty = pd.Series(pd.NaT, index=result.index, dtype=result[END].dtype)
    if joins.empty:
        return empty
    moments = pd.DataFrame({CASE: result[CASE], ACTIVITY: result[ACTIVITY],
                            "_at": result[START].fillna(result[END]) if START in result else result[END]})
    moments = moments.sort_values([CASE, "_at"], kind="stable")
    moments = _ranked(moments)
    joins = _ranked(joins)
    merged = moments.reset_index().merge(joins, on=[CASE, ACTIVITY, "_rank"], how="left").set_index("index")
    values = merged[ENQUEUE].reindex(result.index)
    too_late = values > merged["_at"].reindex(result.index)
    return values.where(~too_late.fillna(False).to_numpy(), pd.NaT).astype(empty.dtype)


def has_lifecycle(kinds: pd.Series) -> bool:
    """Whether the events carry starts or queue joins to pair (else every row is already an instance)."""
    return bool(np.isin(kinds.to_numpy(), ["start", "enqueue", "abandon"]).any())
