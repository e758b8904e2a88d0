"""Logs larger than memory: a folder of Parquet partitions read with Dask DataFrame, case by case.

:func:`read_partitions` opens the folder lazily (only the schema is read) and returns a
:class:`PartitionedLog`. Estimating from it shuffles the events so that each case lies whole in one
partition, normalises and summarises every partition on its own (:func:`~journeymap.evidence.visits.summarise`)
and adds the pieces up (:func:`~journeymap.evidence.visits.combine`): the numbers are those of the same
log read into memory, while only one partition and the pieces are held at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from journeymap.evidence.columns import CASE, ROLES, resolve
from journeymap.evidence.mapping import activity_parts
from journeymap.evidence.reading import normalise, read_notes
from journeymap.evidence.timestamps import parse
from journeymap.evidence.visits import Pieces, combine, summarise

__all__ = ["PartitionedLog", "activity_parts_of", "median_case_seconds", "read_partitions", "summarise_lazy"]


@dataclass
class PartitionedLog:
    """A partitioned log not yet read: ``frame`` (a Dask DataFrame with the process-mining column names),
    the ``zone`` its times are read in, and where it came from."""

    frame: Any
    zone: Any
    source: str

    def partitions(self) -> list[Any]:
        """One delayed normalised pandas table per partition, each holding whole cases."""
        import dask

        shuffled = self.frame.shuffle(on=CASE)
        roles = {role: name for role, name in ROLES.items() if name in self.frame.columns}
        normalise_part = dask.delayed(_normalise_part)
        return [normalise_part(part, roles, self.zone, self.source) for part in shuffled.to_delayed()]

    def compute(self) -> pd.DataFrame:
        """The whole log in memory, as :func:`~journeymap.evidence.read_log` reads a file."""
        return normalise(self.frame.compute().reset_index(drop=True),
                         {role: name for role, name in ROLES.items() if name in self.frame.columns},
                         source=self.source, timezone=self.zone)


def _normalise_part(part: pd.DataFrame, roles: dict[str, str], zone: Any, source: str) -> pd.DataFrame | None:
    if part.empty:
        return None
    return normalise(part.reset_index(drop=True), roles, source=source, timezone=zone)


def read_partitions(path: str | os.PathLike[str], *, timezone: Any = None, **columns: str | None) -> PartitionedLog:
    """A folder of Parquet files as a :class:`PartitionedLog` (columns named by role, as in ``read_log``)."""
    import dask.dataframe as dd

    frame = dd.read_parquet(str(path))
    roles = resolve(frame.columns, columns, source=str(path))
    frame = frame[list(dict.fromkeys(roles.values()))].rename(columns={v: ROLES[k] for k, v in roles.items()})
    zone = timezone
    if zone is None:
        head = frame.head(2000, npartitions=-1)
        zone = parse(head[ROLES["timestamp"]]).zone
    return PartitionedLog(frame, zone, str(Path(path)))


def _compute(tasks: list[Any]) -> list[Any]:
    import dask

    return list(dask.compute(*tasks))


def summarise_lazy(log: PartitionedLog, mapping: Mapping[str, str], *, goals: Iterable[str] = (),
                   stages: Mapping[str, str] | None = None) -> tuple[Pieces, dict[str, Any]]:
    """The pieces of every partition added up, and what reading found (counts summed over partitions)."""
    import dask

    goals = list(goals)

    def part_pieces(frame: pd.DataFrame | None) -> tuple[Pieces, dict[str, Any]] | None:
        if frame is None:
            return None
        return summarise(frame, mapping, goals=goals, stages=stages), read_notes(frame)

    results = [r for r in _compute([dask.delayed(part_pieces)(p) for p in log.partitions()]) if r is not None]
    pieces = combine(r[0] for r in results)
    counts: dict[str, int] = {}
    notes: list[str] = []
    for _, reading in results:
        for key, value in reading.get("counts", {}).items():
            counts[key] = counts.get(key, 0) + value
        notes.extend(n for n in reading.get("notes", []) if n not in notes and not n[:1].isdigit())
    notes.extend(f"{value} {key}" for key, value in counts.items() if key not in ("rows", "events", "cases"))
    reading = {"source": log.source, "timezone": str(log.zone), "counts": counts, "notes": notes,
               "has_start": any(r[1].get("has_start") for r in results)}
    return pieces, reading


def activity_parts_of(log: PartitionedLog) -> pd.DataFrame:
    """:func:`~journeymap.evidence.mapping.activity_parts` of every partition, summed."""
    import dask

    parts = _compute([dask.delayed(lambda f: None if f is None else activity_parts(f))(p) for p in log.partitions()])
    return pd.concat([p for p in parts if p is not None]).groupby(level=0).sum()


def median_case_seconds(log: PartitionedLog) -> float:
    """The median time from a case's first to its last event, over every partition."""
    import dask

    from journeymap.evidence.columns import END, START

    def spans(frame: pd.DataFrame | None) -> np.ndarray:
        if frame is None:
            return np.array([])
        at = frame[START].fillna(frame[END])
        table = frame.assign(_at=at).groupby(CASE, sort=False).agg(first=("_at", "min"), last=(END, "max"))
        return (table["last"] - table["first"]).dt.total_seconds().to_numpy()

    return float(np.median(np.concatenate(_compute([dask.delayed(spans)(p) for p in log.partitions()]))))
