"""The optional event log: one row per start, completion or abandonment, for process-mining tools.

Columns follow the XES naming that pm4py, Disco, Celonis and ProM read without mapping:
``case:concept:name`` (the customer), ``concept:name`` (the touchpoint's name),
``lifecycle:transition`` (``start``, ``complete`` or ``abandon``), ``time:timestamp`` and
``org:resource`` (the touchpoint's owner). journeymap adds ``touchpoint`` (the id), ``time`` (in the
journey's time unit) and ``replication``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from journeymap.io.writers import write_csv, write_parquet
from journeymap.model import Journey
from journeymap.model.units import SECONDS

__all__ = ["DEFAULT_START", "EVENT_COLUMNS", "EVENT_LOG_FORMATS", "TRANSITIONS", "event_frame", "event_log",
           "save_event_log"]

TRANSITIONS = ("start", "complete", "abandon")
"""``lifecycle:transition`` by the engine's code (0, 1, 2)."""

EVENT_COLUMNS = (
    "case:concept:name",
    "concept:name",
    "lifecycle:transition",
    "time:timestamp",
    "org:resource",
    "touchpoint",
    "time",
    "replication",
)
"""The columns of an event log, in order."""

EVENT_LOG_FORMATS: dict[str, str] = {".csv": "CSV", ".parquet": "Parquet (needs pyarrow)"}
"""The suffixes an event log can be written with, and what each writes."""

DEFAULT_START = dt.datetime(2025, 1, 6)
"""Time zero of the simulation when no ``start`` is given: midnight of a Monday."""


def event_frame(rows: Sequence[tuple[int, int, int, float]], touchpoint_ids: Sequence[str]) -> pd.DataFrame:
    """One replication's raw log (``(customer, station, transition code, time)`` rows) as a compact
    DataFrame with columns ``case``, ``touchpoint`` and ``lifecycle`` (categoricals) and ``time``."""
    frame = pd.DataFrame(rows, columns=["case", "station", "code", "time"])
    frame["touchpoint"] = pd.Categorical.from_codes(frame["station"].to_numpy(), categories=list(touchpoint_ids))
    frame["lifecycle"] = pd.Categorical.from_codes(frame["code"].to_numpy(), categories=list(TRANSITIONS))
    frame = frame[["case", "touchpoint", "lifecycle", "time"]]
    return frame.sort_values("time", kind="stable").reset_index(drop=True)


def event_log(
    journey: Journey,
    frames: Sequence[pd.DataFrame],
    start: dt.datetime | str | None = None,
) -> pd.DataFrame:
    """The event log of several replications in the process-mining convention (:data:`EVENT_COLUMNS`).

    Customers are named ``C<n>`` in a single replication and ``R<r>-C<n>`` across several, so that
    every case is unique; timestamps count from ``start`` (default :data:`DEFAULT_START`).
    """
    origin = pd.Timestamp(DEFAULT_START if start is None else start)
    unit_seconds = SECONDS[journey.time_unit]
    names = {tp.id: tp.label for tp in journey.touchpoints}
    owners = {tp.id: tp.owner or "" for tp in journey.touchpoints}
    parts = []
    for number, frame in enumerate(frames, start=1):
        if frame is None:
            continue
        prefix = f"R{number}-" if len(frames) > 1 else ""
        touchpoint = frame["touchpoint"].astype(str)
        parts.append(
            pd.DataFrame(
                {
                    "case:concept:name": prefix + "C" + frame["case"].astype(str),
                    "concept:name": touchpoint.map(names),
                    "lifecycle:transition": frame["lifecycle"].astype(str),
                    "time:timestamp": (origin + pd.to_timedelta(frame["time"] * unit_seconds, unit="s")).dt.round("us"),
                    "org:resource": touchpoint.map(owners),
                    "touchpoint": touchpoint,
                    "time": frame["time"],
                    "replication": number,
                }
            )
        )
    if not parts:
        return pd.DataFrame({column: [] for column in EVENT_COLUMNS})
    return pd.concat(parts, ignore_index=True)[list(EVENT_COLUMNS)]


def save_event_log(log: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write an event log as CSV (ISO 8601 timestamps; through the safe CSV writer, so that a touchpoint or
    owner named like a formula stays text) or as Parquet, by the suffix of ``path``, atomically; returns
    the path. Any other suffix is a ``ValueError`` naming the valid ones."""
    suffix = Path(path).suffix.lower()
    if suffix == ".parquet":
        return write_parquet(path, log)
    if suffix != ".csv":
        raise ValueError(f"an event log is written as {' or '.join(EVENT_LOG_FORMATS)} (got '{path}')")
    return write_csv(path, log, date_format="%Y-%m-%dT%H:%M:%S.%f")
