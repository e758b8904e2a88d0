"""Records with ids in a journey document, both ways: stages, touchpoints, teams and segments.

Every such record has an ``id``, a ``name``, free-form ``notes`` and ``meta`` (some also a ``description``),
read and written here; the fields of each kind's own are read and written by a function its module hands
over. The ``reader`` these functions take is :mod:`journeymap.io.parse`'s, which collects the problems.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

__all__ = ["free_fields", "objects_document", "read_objects", "read_record"]

_T = TypeVar("_T")

OwnFields = Callable[[dict[str, Any], str], dict[str, Any]]
"""Reads the fields of a kind's own from an item's known fields and its path: ``own(fields, path)``."""


def free_fields(reader: Any, data: Mapping[str, Any], path: str, description: bool = False) -> dict[str, Any]:
    """The free-form fields every object may carry: ``notes``, ``meta`` (and ``description``)."""
    common = {
        "notes": reader.read(data, "notes", path, reader.text, None),
        "meta": reader.read(data, "meta", path, reader.mapping, {}),
    }
    if description:
        common["description"] = reader.read(data, "description", path, reader.text, None)
    return common


def read_record(reader: Any, value: Any, path: str, allowed: tuple[str, ...], what: str, kind: Callable[..., _T],
                own: OwnFields, *, description: bool = False) -> _T:
    """One record with an id (``what`` describes a good one for the message when ``value`` is no mapping)
    made into a ``kind`` from its ``id`` and ``name``, the fields ``own(fields, path)`` reads, then its free
    fields (:func:`free_fields`), in the order a document lists them; ``kind("")`` when it is broken."""
    data = reader.fields(value, path, allowed, ("id",), what)
    if data is None:
        return kind("")
    named = {"id": reader.read(data, "id", path, reader.text, ""),
             "name": reader.read(data, "name", path, reader.text, "")}
    fields = own(data, path)
    return kind(**named, **fields, **free_fields(reader, data, path, description))


def read_objects(reader: Any, value: Any, key: str, allowed: tuple[str, ...], what: str, kind: Callable[..., _T],
                 own: OwnFields) -> tuple[_T, ...]:
    """A top-level list of records with ids (``teams``, ``segments``), each read by :func:`read_record`; a
    broken item stays in place as ``kind("")``, so indices match the document's."""
    return tuple(read_record(reader, item, f"{key}[{index}]", allowed, what, kind, own)
                 for index, item in enumerate(reader.items(value, key, key)))


def objects_document(objects: tuple[Any, ...], key: str, extras: Any,
                     own: Callable[[Any, str], dict[str, Any]]) -> list[dict[str, Any]]:
    """A top-level list of records with ids (``teams``, ``segments``) as a document's list: each record's
    ``id``, its ``name`` when it has one, the fields of its own ``own(record, path)`` writes (defaults left
    out), then its notes and meta (``extras``)."""
    items = []
    for index, record in enumerate(objects):
        path = f"{key}[{index}]"
        item: dict[str, Any] = {"id": record.id}
        if record.name:
            item["name"] = record.name
        item.update(own(record, path))
        extras(record, item, path)
        items.append(item)
    return items
