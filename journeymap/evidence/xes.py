"""XES and XES.gz event logs, streamed with ``lxml.etree.iterparse`` so that a large file is never held
as a tree: each ``<trace>`` is turned into rows and dropped as soon as it has been read.

Trace attributes become ``case:<key>`` columns (so the trace's ``concept:name`` is the case id,
``case:concept:name``) and event attributes keep their keys (``concept:name``, ``time:timestamp``,
``lifecycle:transition``, ``org:resource``), as pm4py names them.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import IO, Any

import pandas as pd

from journeymap.errors import Issue, JourneyError

__all__ = ["read_xes"]

_VALUE_TAGS = frozenset({"string", "date", "int", "float", "boolean", "id"})


def _local(tag: Any) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1] if "}" in text else text


def _open(path: Path) -> IO[bytes]:
    with path.open("rb") as probe:
        magic = probe.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else path.open("rb")


def read_xes(path: str | os.PathLike[str]) -> pd.DataFrame:
    """One row per ``<event>``: the event's attributes plus its trace's as ``case:<key>``; values as text
    (timestamps are parsed later, with the other formats). Raises :class:`JourneyError` with the line
    of malformed XML."""
    from lxml import etree

    source = Path(path)
    columns: dict[str, list[Any]] = {}
    rows = 0
    trace: dict[str, Any] = {}
    event: dict[str, Any] | None = None
    depth_in_event = 0
    try:
        with _open(source) as handle:
            for action, element in etree.iterparse(handle, events=("start", "end"), huge_tree=True,
                                                   resolve_entities=False, no_network=True):
                name = _local(element.tag)
                if action == "start":
                    if name == "trace":
                        trace = {}
                    elif name == "event":
                        event = {}
                    elif name in _VALUE_TAGS:
                        depth_in_event += 1
                    continue
                if name in _VALUE_TAGS:
                    depth_in_event -= 1
                    if depth_in_event == 0:  # a top-level attribute (nested list/meta values are left out)
                        key, value = element.get("key"), element.get("value")
                        parent = _local(element.getparent().tag) if element.getparent() is not None else ""
                        if key is not None and parent == "event" and event is not None:
                            event[key] = value
                        elif key is not None and parent == "trace":
                            trace[f"case:{key}"] = value
                elif name == "event" and event is not None:
                    if _local(element.getparent().tag) == "trace":
                        record = {**trace, **event}
                        for key in record.keys() - columns.keys():
                            columns[key] = [None] * rows
                        for key, values in columns.items():
                            values.append(record.get(key))
                        rows += 1
                    event = None
                    element.clear()
                elif name == "trace":
                    element.clear()
                    while element.getprevious() is not None:
                        del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        raise JourneyError(Issue(f"not a readable XES file: {exc.msg}", file=str(source),
                                 line=exc.lineno or None)) from None
    except (OSError, EOFError) as exc:
        raise JourneyError(Issue(f"cannot read the XES file: {exc}", file=str(source))) from None
    return pd.DataFrame(columns)
