"""Customer segments in a journey document, both ways: ``segments:`` at the top, ``segment:`` on an
arrival, ``next_by_segment:`` and ``satisfaction_by_segment:`` on a touchpoint.

``segments: [{id: business, name: Business, share: 0.3, priority: 0, patience_factor: 2}, ...]``. Only
what the model cannot hold is judged here (unknown keys, values of the wrong type); shares that do
not sum to 1, a priority that is not an integer and unknown segment ids are :func:`journeymap.validate`'s.
The ``reader`` these functions take is :mod:`journeymap.io.parse`'s, which collects the problems.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from journeymap.errors import join
from journeymap.io.records import objects_document, read_objects
from journeymap.model import Segment

__all__ = ["SEGMENT_KEYS", "read_satisfactions", "read_segments", "segments_document"]

SEGMENT_KEYS = ("id", "name", "share", "priority", "patience_factor", "notes", "meta")


def read_segments(reader: Any, value: Any) -> tuple[Segment, ...]:
    """The ``segments:`` list."""
    def segment(data: dict[str, Any], path: str) -> dict[str, Any]:
        return {"share": reader.read(data, "share", path, reader.number, None),
                "priority": reader.read(data, "priority", path, reader.number, 0),
                "patience_factor": reader.read(data, "patience_factor", path, reader.number, 1.0)}

    return read_objects(reader, value, "segments", SEGMENT_KEYS, "a segment such as {id: business, share: 0.3, "
                        "priority: 0}", Segment, segment)


def read_satisfactions(reader: Any, value: Any, path: str) -> dict[str, float]:
    """``satisfaction_by_segment: {business: 3.8, consumer: 4.2}``."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        reader.error("'satisfaction_by_segment' must be a mapping of segment id to a score from 1 to 5, "
                     "such as {business: 3.8}", path)
        return {}
    found = {}
    for key, score in value.items():
        number = reader.value(score, join(path, key), reader.number, None)
        if number is not None:
            found[str(key)] = number
    return found


def segments_document(segments: tuple[Segment, ...], extras: Any) -> list[dict[str, Any]]:
    """The ``segments:`` list of a document, defaults left out (``extras`` writes notes and meta)."""
    def segment(record: Segment, path: str) -> dict[str, Any]:
        item: dict[str, Any] = {}
        if record.share is not None:
            item["share"] = _plain_number(record.share)
        if record.priority != 0:
            item["priority"] = _plain_number(record.priority)
        if record.patience_factor != 1.0:
            item["patience_factor"] = _plain_number(record.patience_factor)
        return item

    return objects_document(segments, "segments", extras, segment)


def _plain_number(value: float) -> float | int:
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 1e15 else value
