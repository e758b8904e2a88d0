"""The optional event log: one row per queue join, start, completion or abandonment, for process mining.

Columns follow the XES naming that pm4py, Disco, Celonis and ProM read without mapping:
``case:concept:name`` (the customer), ``concept:name`` (the touchpoint's name),
``lifecycle:transition`` (``enqueue`` when a customer joins a touchpoint with servers, whether or
not they wait; ``start``; ``complete``; ``abandon``), ``time:timestamp`` and ``org:resource`` (the
touchpoint's owner). journeymap adds ``touchpoint`` (the id), ``time`` (in the journey's time unit)
and ``replication``. The ``enqueue`` rows let a process-mining tool rebuild every wait, including
the waits of customers who gave up.

A small log is kept in memory (``events=True``). A large one is streamed to a file as the run goes
(``events="log.csv"`` or ``"log.parquet"``): each replication writes its rows in chunks of
:data:`CHUNK` to a part file beside the target, and the parts are joined chunk by chunk at the end,
so memory stays flat whatever the size of the log.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from journeymap.io.writers import CsvStream, write_csv, write_parquet
from journeymap.model import Journey
from journeymap.model.units import SECONDS

__all__ = [
    "CHUNK",
    "DEFAULT_START",
    "EVENT_COLUMNS",
    "EVENT_LOG_FORMATS",
    "FORMATS",
    "TRANSITIONS",
    "EventFile",
    "event_frame",
    "event_log",
    "join_parts",
    "log_format",
    "part_path",
    "save_event_log",
]

TRANSITIONS = ("start", "complete", "abandon", "enqueue")
"""``lifecycle:transition`` by the engine's code (0, 1, 2, 3)."""

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

CHUNK = 10_000
"""Rows a streamed log holds in memory before writing them out (about 1 KB each on their way to the file)."""

STATISTICS = ["time", "replication"]
"""The columns whose minimum and maximum a Parquet log keeps per row group (the numbers a reader filters
on). A writer holds every row group's metadata until it closes, and this keeps that metadata small."""

FORMATS = tuple(EVENT_LOG_FORMATS)
"""The file types an event log is written as."""

TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%f"


def log_format(path: str | os.PathLike[str]) -> str:
    """``".csv"`` or ``".parquet"`` from the file's name; ``ValueError`` for any other."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"'events' must be True, False or a file ending in .csv or .parquet (got {str(path)!r})")
    return suffix


def event_frame(rows: Sequence[tuple[int, int, int, float]], touchpoint_ids: Sequence[str]) -> pd.DataFrame:
    """One replication's raw log (``(customer, station, transition code, time)`` rows, in time order as
    the engine writes them) as a compact DataFrame with columns ``case``, ``touchpoint`` and
    ``lifecycle`` (categoricals) and ``time``."""
    frame = pd.DataFrame(rows, columns=["case", "station", "code", "time"])
    frame["touchpoint"] = pd.Categorical.from_codes(frame["station"].to_numpy(), categories=list(touchpoint_ids))
    frame["lifecycle"] = pd.Categorical.from_codes(frame["code"].to_numpy(), categories=list(TRANSITIONS))
    return frame[["case", "touchpoint", "lifecycle", "time"]].reset_index(drop=True)


def _process_mining(journey: Journey, frame: pd.DataFrame, prefix: str, origin: pd.Timestamp,
                    replication: int) -> pd.DataFrame:
    """A compact frame in the process-mining convention (:data:`EVENT_COLUMNS`)."""
    unit_seconds = SECONDS[journey.time_unit]
    names = {tp.id: tp.label for tp in journey.touchpoints}
    owners = {tp.id: tp.owner or "" for tp in journey.touchpoints}
    touchpoint = frame["touchpoint"].astype(str)
    return pd.DataFrame(
        {
            "case:concept:name": prefix + "C" + frame["case"].astype(str),
            "concept:name": touchpoint.map(names),
            "lifecycle:transition": frame["lifecycle"].astype(str),
            "time:timestamp": (origin + pd.to_timedelta(frame["time"] * unit_seconds, unit="s")).dt.round("us"),
            "org:resource": touchpoint.map(owners),
            "touchpoint": touchpoint,
            "time": frame["time"],
            "replication": replication,
        }
    )[list(EVENT_COLUMNS)]


def _origin(start: dt.datetime | str | None) -> pd.Timestamp:
    return pd.Timestamp(DEFAULT_START if start is None else start)


def _prefix(replication: int, replications: int) -> str:
    """Customers are ``C<n>`` in a single replication and ``R<r>-C<n>`` across several."""
    return f"R{replication}-" if replications > 1 else ""


def event_log(
    journey: Journey,
    frames: Sequence[pd.DataFrame | None],
    start: dt.datetime | str | None = None,
) -> pd.DataFrame:
    """The event log of several replications in the process-mining convention (:data:`EVENT_COLUMNS`).

    Customers are named ``C<n>`` in a single replication and ``R<r>-C<n>`` across several, so that
    every case is unique; timestamps count from ``start`` (default :data:`DEFAULT_START`).
    """
    origin = _origin(start)
    parts = [_process_mining(journey, frame, _prefix(number, len(frames)), origin, number)
             for number, frame in enumerate(frames, start=1) if frame is not None]
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
    return write_csv(path, log, date_format=TIMESTAMP_FORMAT)


def part_path(path: str | os.PathLike[str], replication: int) -> Path:
    """Where replication ``replication`` streams its part of the log ``path`` (beside it, hidden)."""
    target = Path(path)
    return target.with_name(f".{target.name}.r{replication}.part")


class EventFile:
    """One replication's log streamed to its part file in chunks of :data:`CHUNK` rows, as ``kind``
    (``".csv"`` or ``".parquet"``).

    :meth:`record` is what the engine calls for every row; :meth:`close` writes what is left and
    returns how many rows were written."""

    def __init__(self, path: str | os.PathLike[str], journey: Journey, *, kind: str, replication: int,
                 replications: int, start: dt.datetime | str | None) -> None:
        self.path = Path(path)
        self.format = kind
        self.journey = journey
        self.ids = journey.touchpoint_ids
        self.prefix = _prefix(replication, replications)
        self.origin = _origin(start)
        self.replication = replication
        self.rows: list[tuple[int, int, int, float]] = []
        self.written = 0
        self._writer: Any = None
        self._handle: TextIO | None = None
        self._csv: Any = None

    def record(self, row: tuple[int, int, int, float]) -> None:
        """Keep one row; write the chunk out when it is full."""
        rows = self.rows
        rows.append(row)
        if len(rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Write the rows held so far."""
        if not self.rows and self.written:
            return
        frame = _process_mining(self.journey, event_frame(self.rows, self.ids), self.prefix, self.origin,
                                self.replication)
        self.rows = []
        if self.format == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(frame, preserve_index=False)
            if self._writer is None:
                self._writer = pq.ParquetWriter(self.path, table.schema, write_statistics=STATISTICS)
            self._writer.write_table(table)
        else:
            if self._handle is None:
                self._handle = open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115 (kept open across chunks)
                self._csv = CsvStream(self._handle, index=False, float_format=None,  # type: ignore[arg-type]
                                      date_format=TIMESTAMP_FORMAT)
            self._csv.write(frame)  # the safe CSV writer: user text that looks like a formula stays text
        self.written += len(frame)

    def close(self) -> int:
        """Write what is left, close the part file and return the rows written."""
        self.flush()
        if self._writer is not None:
            self._writer.close()
        if self._handle is not None:
            self._handle.close()
        return self.written


def join_parts(parts: Sequence[Path], path: str | os.PathLike[str]) -> Path:
    """Join the part files of a streamed log into ``path`` (atomically), a chunk at a time, and remove
    the parts."""
    from journeymap.io.atomic import atomic_path

    target = Path(path)
    try:
        with atomic_path(target) as temporary:
            if log_format(target) == ".parquet":
                import pyarrow.parquet as pq

                writer = None
                for part in parts:
                    source = pq.ParquetFile(part)
                    for group in range(source.num_row_groups):
                        table = source.read_row_group(group)
                        if writer is None:
                            writer = pq.ParquetWriter(temporary, table.schema, write_statistics=STATISTICS)
                        writer.write_table(table)
                if writer is not None:
                    writer.close()
            else:
                with open(temporary, "wb") as out:
                    for number, part in enumerate(parts):
                        with open(part, "rb") as source:
                            if number:
                                source.readline()  # each part has its header; keep the first only
                            while block := source.read(1 << 20):
                                out.write(block)
    finally:
        for part in parts:
            part.unlink(missing_ok=True)
    return target
