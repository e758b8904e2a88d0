"""Which touchpoint each activity of a log is: a mapping file, or a new journey guessed from the log.

A mapping file says ``activity: touchpoint id`` (YAML or JSON; several activities may map to one
touchpoint, ``null`` leaves an activity out) or holds two columns ``activity,touchpoint`` (CSV).
With no journey, :func:`draft_journey` makes one touchpoint per activity, in the order cases meet
them, with stages guessed from that order: every guess is marked in ``meta["evidence"]`` for review.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from journeymap.errors import Issue, JourneyError, NotFound
from journeymap.model import Journey, Stage, Touchpoint
from journeymap.text import translator

__all__ = ["activity_order", "activity_parts", "check_mapping", "draft_journey", "read_mapping", "slug"]


def slug(text: str, taken: Iterable[str] = ()) -> str:
    """An id made from ``text`` (``"Send Fine"`` → ``send_fine``), unique among ``taken``."""
    base = re.sub(r"[^0-9a-z]+", "_", str(text).lower()).strip("_") or "activity"
    if base[0].isdigit():
        base = f"a_{base}"
    used = set(taken)
    name, k = base, 2
    while name in used:
        name, k = f"{base}_{k}", k + 1
    return name


def read_mapping(source: str | os.PathLike[str] | Mapping[str, Any]) -> dict[str, str | None]:
    """A mapping ``{activity: touchpoint id or None}`` from a dict or a YAML, JSON or CSV file."""
    if isinstance(source, Mapping):
        data: Any = dict(source)
        where = "mapping"
    else:
        path = Path(source)
        where = str(path)
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() in (".csv", ".tsv", ".txt"):
            return _csv_mapping(text, where)
        from journeymap.io.yamlcore import compose  # safe YAML (JSON is YAML)

        try:
            data = compose(text)
        except JourneyError as exc:
            raise JourneyError([issue.located(where) for issue in exc.issues]) from None
        if hasattr(data, "data"):
            data = data.data
    if not isinstance(data, Mapping):
        raise JourneyError(Issue("a mapping must be 'activity: touchpoint id' pairs", file=where))
    problems = [Issue(f"activity '{k}' maps to {v!r}: expected a touchpoint id (text) or null", str(k), file=where)
                for k, v in data.items() if v is not None and not isinstance(v, str)]
    if problems:
        raise JourneyError(problems)
    return {str(k): (None if v is None else str(v)) for k, v in data.items()}


def _csv_mapping(text: str, where: str) -> dict[str, str | None]:
    rows = list(csv.reader(io.StringIO(text)))
    if rows and [c.strip().lower() for c in rows[0][:2]] == ["activity", "touchpoint"]:
        rows = rows[1:]
    mapping: dict[str, str | None] = {}
    for number, row in enumerate(rows, start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 2:
            raise JourneyError(Issue("expected two columns, activity and touchpoint", file=where, line=number))
        mapping[row[0].strip()] = row[1].strip() or None
    return mapping


def check_mapping(mapping: Mapping[str, str | None], journey: Journey, *, source: str = "mapping") -> None:
    """Raise :class:`NotFound` (with a did-you-mean) for every touchpoint id of ``mapping`` not in ``journey``."""
    problems = []
    for activity, tp_id in mapping.items():
        if tp_id is not None and tp_id not in journey.touchpoint_ids:
            error = NotFound("touchpoint", tp_id, journey.touchpoint_ids, path=activity,
                             text=f"activity '{activity}' maps to '{tp_id}', which is not a touchpoint of the journey")
            problems.extend(issue.located(source) for issue in error.issues)
    if problems:
        raise JourneyError(problems)


def activity_parts(log: pd.DataFrame) -> pd.DataFrame:
    """Per activity of ``log`` (whole cases, sorted by case): ``events``, ``cases``, ``position_sum`` (the
    sum over cases of the place of its first occurrence, 0 first, 1 last) and ``ends`` (cases it ends).
    Parts of different cases add up; :func:`activity_order` turns their sum into an order."""
    from journeymap.evidence.columns import ACTIVITY, CASE
    from journeymap.evidence.visits import codes_of

    case, _ = codes_of(log[CASE])
    activity, names = codes_of(log[ACTIVITY])
    n, kinds = len(case), len(names)
    new = np.ones(n, dtype=bool)
    if n > 1:
        new[1:] = case[1:] != case[:-1]
    starts = np.flatnonzero(new)
    group = np.cumsum(new) - 1
    rank = np.arange(n) - starts[group]
    length = np.append(starts[1:], n)[group] - starts[group] - 1  # the last rank of the case
    position = np.where(length > 0, rank / np.maximum(length, 1), 0.0)
    _, first = np.unique(group * kinds + activity, return_index=True)
    ends = activity[np.append(starts[1:] - 1, n - 1)] if n else activity
    events = np.bincount(activity, minlength=kinds)
    present = np.flatnonzero(events)
    table = pd.DataFrame({
        "events": events[present],
        "cases": np.bincount(activity[first], minlength=kinds)[present],
        "position_sum": np.bincount(activity[first], weights=position[first], minlength=kinds)[present],
        "ends": np.bincount(ends, minlength=kinds)[present],
    }, index=pd.Index(np.asarray(names, dtype=object)[present], dtype=object, name="activity"))
    return table


def activity_order(parts: pd.DataFrame) -> pd.DataFrame:
    """The activities in the order cases meet them: :func:`activity_parts` (summed) with ``position``, the
    mean place of an activity's first occurrence in the cases that have it."""
    table = parts.groupby(level=0).sum().sort_index()
    table["position"] = table["position_sum"] / table["cases"]
    return table.sort_values(["position", "events"], ascending=[True, False], kind="stable")


def draft_journey(order: pd.DataFrame, *, title: str, language: str = "en", time_unit: str = "minute",
                  goals: Iterable[str] = ()) -> tuple[Journey, dict[str, str]]:
    """A journey with one touchpoint per activity of ``order`` (:func:`activity_order`) and the mapping
    from activity to touchpoint id. Stages split the order in up to four equal parts; the goal is
    ``goals`` (activity names) or, when none is given, the activity that ends most cases."""
    words = translator(language)
    activities = [str(a) for a in order.index]
    goal_names = set(goals) or ({str(order["ends"].idxmax())} if len(order) else set())
    unknown = sorted(set(goals) - set(activities))
    if unknown:
        raise NotFound("activity", unknown[0], activities, text=f"goal activity '{unknown[0]}' is not in the log")
    parts = max(1, min(4, round(math.sqrt(len(activities)))))
    mapping: dict[str, str] = {}
    touchpoints, used_stages = [], []
    for activity, position in zip(activities, order["position"], strict=True):
        tp_id = slug(activity, mapping.values())
        mapping[activity] = tp_id
        stage = f"stage_{min(parts, int(position * parts) + 1)}"
        if stage not in used_stages:
            used_stages.append(stage)
        evidence: dict[str, Any] = {"estimated": True, "stage": "guessed from the order of events: review"}
        if activity in goal_names:
            evidence["goal"] = "given" if goals else "guessed: the activity that ends most cases; review"
        touchpoints.append(Touchpoint(tp_id, name=activity, stage=stage, goal=activity in goal_names,
                                      meta={"evidence": evidence}))
    stages = [Stage(s, name=words.gettext("Stage {number}", number=k + 1),
                    meta={"evidence": {"estimated": True, "guessed": "from the order of events: review"}})
              for k, s in enumerate(sorted(used_stages))]
    return Journey(title, stages=tuple(stages), touchpoints=tuple(touchpoints), language=language,  # type: ignore[arg-type]
                   time_unit=time_unit), mapping  # type: ignore[arg-type]
