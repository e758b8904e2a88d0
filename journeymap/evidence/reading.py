"""Reading an event log or a CRM export into one tidy table of activity instances.

:func:`read_log` takes CSV (any delimiter), Parquet (a file, or a folder of partitions read
lazily with Dask), XES or XES.gz (streamed), or a DataFrame already in memory, and returns one row
per activity instance, sorted by case and time, with the process-mining column names (a folder of
partitions gives a :class:`~journeymap.evidence.lazy.PartitionedLog` that estimates case by case):

==========================  ===========================================================
``case:concept:name``       the case (a ticket, an order, a customer's cycle), as text
``concept:name``            the activity, as text
``start_timestamp``         when it started (NaT when the log does not say)
``time:timestamp``          when it ended (completion, or abandonment)
``lifecycle:transition``    how it ended: ``complete`` or ``abandon``
``enqueue_timestamp``       when the customer joined its queue (NaT when unknown)
``org:resource``            who did it (when the log says)
``case:customer``           the customer (when the log says; for returns to the cycle)
``cost:total``              the cost of the event (when a cost column is named)
``replication``             the history the event belongs to, when the log holds several
                            (a simulation's replications): see below
==========================  ===========================================================

The case and the activity are categoricals (their codes are what the estimates work on). A log with a
``replication`` column (journeymap's own simulated logs have one; ``--replication``/``replication=``
names another) is several separate histories over the same calendar: a case is keyed by its
replication and its name (a name used in two replications becomes ``<replication>/<name>``), and
calibration measures rates and capacity within each replication and averages them.

Timestamps are tz-aware, in one zone (see :mod:`journeymap.evidence.timestamps`). What was wrong
and what was done about it (rows without a case or a readable time, duplicates, events out of
order, starts without completion) is in ``log.attrs["evidence"]`` (:func:`read_notes`): rows
that can be used are used and counted; a log with nothing usable is a :class:`JourneyError`.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path
from typing import Any

import pandas as pd

from journeymap.errors import Issue, JourneyError
from journeymap.evidence.columns import (
    ACTIVITY,
    CASE,
    COST,
    CUSTOMER,
    END,
    ENQUEUE,
    LIFECYCLE,
    REPLICATION,
    RESOURCE,
    ROLES,
    START,
    resolve,
)
from journeymap.evidence.lifecycle import has_lifecycle, instances, kind_of
from journeymap.evidence.timestamps import parse

__all__ = ["FORMATS", "is_lazy", "normalise", "read_log", "read_notes"]

FORMATS = ("csv", "parquet", "xes")
NOTES = "evidence"
"""The key of ``DataFrame.attrs`` that holds what reading the log found."""


def read_log(source: str | os.PathLike[str] | pd.DataFrame, *, timezone: str | dt.tzinfo | None = None,
             format: str | None = None, **columns: str | None) -> Any:
    """An event log as a table of activity instances (see the module for its columns).

    ``source`` is a file (``.csv``, ``.tsv``, ``.parquet``, ``.xes``, ``.xes.gz``; ``format`` overrides
    the extension), a folder of Parquet partitions (read lazily with Dask: a
    :class:`~journeymap.evidence.lazy.PartitionedLog` is returned, for logs larger than memory) or a
    DataFrame. ``columns`` names the log's columns by role when they differ from the process-mining
    names: ``case``, ``activity``, ``timestamp`` (the end, or the only time), ``start``, ``resource``,
    ``customer``, ``lifecycle``, ``cost``; ``None`` ignores a column. ``timezone`` is the zone of
    times written without one (default UTC) and the zone clock times are read in (default: the log's
    own offset, or the place whose summer and winter offsets the log shows).
    """
    label = "DataFrame" if isinstance(source, pd.DataFrame) else str(source)
    if isinstance(source, pd.DataFrame):
        roles = resolve(source.columns, columns, source=label)
        raw = source[list(dict.fromkeys(roles.values()))].copy()
        offset = 0
    else:
        path = Path(source)
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
        kind = _format(path, format)
        if path.is_dir():
            from journeymap.evidence.lazy import read_partitions

            return read_partitions(path, timezone=timezone, **columns)
        raw, roles, offset = _load(path, kind, columns)
    log = normalise(raw, roles, source=label, timezone=timezone, first_line=offset)
    return log


def _format(path: Path, format: str | None) -> str:
    if format is not None:
        if format not in FORMATS:
            raise ValueError(f"'format' must be one of: {', '.join(FORMATS)} (got {format!r})")
        return format
    if path.is_dir():
        return "parquet"
    name = path.name.lower()
    if name.endswith((".xes", ".xes.gz")):
        return "xes"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    return "csv"


def _load(path: Path, kind: str, columns: dict[str, str | None]) -> tuple[pd.DataFrame, dict[str, str], int]:
    """The used columns of a file, the role of each, and the file line of the first data row."""
    if kind == "xes":
        from journeymap.evidence.xes import read_xes

        frame = read_xes(path)
        return frame, resolve(frame.columns, columns, source=str(path)), 1
    if kind == "parquet":
        import pyarrow.parquet as pq

        try:
            names = pq.read_schema(path).names
        except Exception as exc:
            raise JourneyError(Issue(f"not a readable Parquet file: {exc}", file=str(path))) from None
        roles = resolve(names, columns, source=str(path))
        return pd.read_parquet(path, columns=list(dict.fromkeys(roles.values()))), roles, 1
    if path.stat().st_size == 0:
        raise JourneyError(Issue("the log is empty: no header and no events", file=str(path)))
    delimiter = _delimiter(path)
    try:
        header = pd.read_csv(path, sep=delimiter, nrows=0, encoding_errors="replace").columns
        roles = resolve(header, columns, source=str(path))
        frame = _read_csv(path, delimiter, list(dict.fromkeys(roles.values())))
    except pd.errors.ParserError as exc:
        raise JourneyError(Issue(f"not a readable CSV file: {exc}", file=str(path))) from None
    return frame, roles, 2


def _read_csv(path: Path, delimiter: str, columns: list[str]) -> pd.DataFrame:
    """The ``columns`` of a CSV file as text (empty cells missing): with pyarrow's reader, ten times faster
    than pandas' own when every column is read as text; a file it cannot read (broken UTF-8, ragged rows)
    is read again with pandas' reader, which replaces bad bytes and says where a row is wrong."""
    options = {"sep": delimiter, "usecols": columns, "keep_default_na": False, "na_values": [""]}
    try:
        return pd.read_csv(path, engine="pyarrow", dtype=pd.StringDtype("pyarrow", na_value=float("nan")),
                           **options)
    except Exception:  # pyarrow's own errors name no line: pandas' reader below says it better
        return pd.read_csv(path, dtype=str, encoding_errors="replace", **options)


def _delimiter(path: Path) -> str:
    with path.open("r", encoding="utf-8", errors="replace", newline="") as handle:
        head = handle.read(64 * 1024)
    try:
        return csv.Sniffer().sniff(head.split("\n", 1)[0], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def normalise(raw: pd.DataFrame, roles: dict[str, str], *, source: str = "", timezone: Any = None,
              first_line: int = 0) -> pd.DataFrame:
    """``raw`` (the log's own columns, whose ``roles`` say which is which) as the table of activity
    instances :func:`read_log` returns. ``first_line`` is the file line of ``raw``'s first row
    (0: say rows, not lines)."""
    notes: list[str] = []
    counts: dict[str, int] = {"rows": len(raw)}
    if raw.empty:
        raise JourneyError(Issue("the log is empty: it has a header but no events", file=source or None))
    frame = pd.DataFrame(index=raw.index)
    names = {role: ROLES[role] for role in roles}
    for role, column in roles.items():
        frame[names[role]] = raw[column]
    frame = frame.reset_index(drop=True)
    where = "line" if first_line else "row"

    def place(i: int) -> str:
        return f"{where} {i + (first_line or 1)}"

    for column, what in ((CASE, "case"), (ACTIVITY, "activity")):
        text = frame[column].astype("string").str.strip()
        missing = text.isna() | (text == "")
        if missing.any():
            counts[f"rows without {what}"] = int(missing.sum())
            first = place(int(missing.idxmax()))
            notes.append(f"{int(missing.sum())} rows without a {what} left out (first at {first})")
        frame[column] = text.astype("category")  # factorised once: the estimates work on the codes
        frame = frame[~missing.to_numpy()]
    if REPLICATION in frame:
        frame = _histories(frame, notes)
    zone = None
    for column in (END, START):
        if column not in frame:
            continue
        parsed = parse(frame[column], timezone=timezone if zone is None else zone, name=column)
        zone = parsed.zone if zone is None else zone
        notes.extend(parsed.notes)
        frame[column] = parsed.values
        if parsed.unreadable:
            examples = "; ".join(f"{place(i)}: '{v}'" for i, v in parsed.bad)
            if column == END:
                counts["rows with an unreadable time"] = parsed.unreadable
                notes.append(f"{parsed.unreadable} rows with an unreadable {column} left out ({examples})")
            else:
                notes.append(f"{parsed.unreadable} unreadable {column} values ignored ({examples})")
    bad_end = frame[END].isna()
    if bad_end.all():
        raise JourneyError(Issue(f"no readable {END} in the log (for instance {place(int(frame.index[0]))}: "
                                 f"'{raw.iloc[int(frame.index[0])][roles['timestamp']]}')", file=source or None))
    frame = frame[~bad_end.to_numpy()]
    if frame.empty:
        raise JourneyError(Issue("the log has no usable event", file=source or None))
    frame = _tidy(frame, counts, notes)
    if LIFECYCLE in frame:
        kinds = kind_of(frame[LIFECYCLE])
        if has_lifecycle(kinds):
            frame, problems = instances(frame.drop(columns=[START], errors="ignore"), kinds)
            for what, n in problems.items():
                counts[what] = n
                notes.append(f"{n} {what}")
        else:
            frame = frame[(kinds == "complete").to_numpy()].copy()
            frame[LIFECYCLE] = "complete"
    else:
        frame[LIFECYCLE] = "complete"
    for column in (START, ENQUEUE):
        if column not in frame:
            frame[column] = pd.Series(pd.NaT, index=frame.index, dtype=frame[END].dtype)
        elif frame[column].dtype != frame[END].dtype:
            frame[column] = pd.to_datetime(frame[column], utc=True).dt.tz_convert(frame[END].dt.tz)
    frame = _sorted(frame)
    ordered = [CASE, ACTIVITY, START, END, LIFECYCLE, ENQUEUE, RESOURCE, CUSTOMER, COST, REPLICATION]
    frame = frame[[c for c in ordered if c in frame]].reset_index(drop=True)
    for column in (ACTIVITY, RESOURCE, LIFECYCLE):
        if column in frame:
            frame[column] = frame[column].astype("category")
    if COST in frame:
        frame[COST] = pd.to_numeric(frame[COST], errors="coerce")
    counts.update(events=len(frame), cases=int(frame[CASE].nunique()))
    frame.attrs[NOTES] = {"source": source, "timezone": str(zone), "counts": counts, "notes": notes,
                          "has_start": bool(frame[START].notna().any()),
                          "has_resource": RESOURCE in frame, "has_customer": CUSTOMER in frame,
                          "replications": int(frame[REPLICATION].nunique()) if REPLICATION in frame else 1}
    return frame


def _histories(frame: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """The replication column read as numbers when it holds numbers (else text), and the cases keyed by
    replication: when a case name is used in more than one replication, every case becomes
    ``<replication>/<name>``."""
    text = frame[REPLICATION].astype("string").str.strip().fillna("")
    numbers = pd.to_numeric(text, errors="coerce")
    values = numbers.astype("int64") if numbers.notna().all() and (numbers % 1 == 0).all() else text.astype(object)
    frame = frame.assign(**{REPLICATION: values.to_numpy()})
    pairs = frame[[CASE, REPLICATION]].drop_duplicates()
    shared = int(pairs[CASE].duplicated().sum())
    if shared:
        keyed = frame[REPLICATION].astype(str) + "/" + frame[CASE].astype(str)
        frame[CASE] = keyed.astype("category")
        notes.append(f"{shared} case names are used in more than one replication: cases are named "
                     "replication/case")
    return frame


def _tidy(frame: pd.DataFrame, counts: dict[str, int], notes: list[str]) -> pd.DataFrame:
    """Exact duplicate events dropped, and events sorted by case and time (counting those out of order)."""
    keys = [c for c in (CASE, ACTIVITY, LIFECYCLE, START, END, RESOURCE, REPLICATION) if c in frame]
    duplicated = frame.duplicated(subset=keys)
    if duplicated.any():
        counts["duplicate events"] = int(duplicated.sum())
        notes.append(f"{int(duplicated.sum())} duplicate events left out")
        frame = frame[~duplicated.to_numpy()]
    order = frame.sort_values([CASE, END], kind="stable")
    codes = order[CASE].cat.codes.to_numpy()
    same_case = codes[1:] == codes[:-1]
    positions = order.index.to_numpy()
    moved = int(((positions[1:] < positions[:-1]) & same_case).sum())
    if moved:
        counts["events out of order"] = moved
        notes.append(f"{moved} events out of order within their case: sorted by time")
    return order


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    at = frame[START].fillna(frame[END])
    return frame.assign(_at=at).sort_values([CASE, "_at", END], kind="stable").drop(columns="_at")


def read_notes(log: Any) -> dict[str, Any]:
    """What reading ``log`` found (``source``, ``timezone``, ``counts``, ``notes``...), or an empty record."""
    attrs = getattr(log, "attrs", {}) or {}
    return dict(attrs.get(NOTES, {}))


def is_lazy(log: Any) -> bool:
    """Whether ``log`` is a partitioned log read lazily (:class:`~journeymap.evidence.lazy.PartitionedLog`)."""
    return type(log).__name__ == "PartitionedLog"
