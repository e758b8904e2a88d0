"""A journey written back as a document a person can read and edit: YAML (or JSON), saved atomically.

:func:`to_document` is pure (a journey in, plain dicts and lists out) with keys in the order of the
format's example, defaults left out, times written with their units when that is exact (``1 d``,
``90 s``), rates per the unit that makes them whole (``30/h``), and routes as ``target: p`` when
they carry nothing else. :func:`dumps` adds the layout: flow style for short lists and mappings,
unicode kept, one blank line between sections and between touchpoints.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from journeymap.errors import Issue, JourneyError, join
from journeymap.io.atomic import write_text
from journeymap.io.segments import segments_document
from journeymap.io.source import format_of, require_path
from journeymap.io.teams import shifts_document, teams_document
from journeymap.io.yamlcore import CORE_RESOLVERS
from journeymap.model.distributions import Constant, Distribution, Empirical
from journeymap.model.entries import Arrival, RatePeriod
from journeymap.model.journey import FORMAT_VERSION, Journey, Stage, Touchpoint, Transition, require_journey
from journeymap.model.requirements import MeasuredSatisfaction, Requirement
from journeymap.model.retries import Retry
from journeymap.model.segments import Segment
from journeymap.model.teams import Shift, Team
from journeymap.model.units import SECONDS, format_duration, format_rate, parse_time_of_day

__all__ = ["dumps", "save", "to_document"]

_FLOW_WIDTH = 72
_BLOCK_KEYS = frozenset({"stages", "touchpoints", "arrivals", "schedule", "next", "meta", "<touchpoint>", "teams",
                         "shifts", "segments", "next_by_segment"})
_ITEM_KEYS = {"touchpoints": "<touchpoint>"}  # list items that are always written in block style


# -- model → document ------------------------------------------------------------------------------------
def _plain(value: Any, path: str) -> Any:
    """Free-form values (``meta``) as plain data: tuples as lists, mappings as dicts, numpy scalars as
    Python numbers; anything else cannot be written to a file and raises :class:`JourneyError`."""
    if isinstance(value, Mapping):
        return {key: _plain(item, join(path, key)) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item, f"{path}[{i}]") for i, item in enumerate(value)]
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, np.generic):
        return value.item()
    raise JourneyError(Issue(f"cannot save a value of type {type(value).__name__} "
                             "(use text, numbers, true/false, lists and mappings)", path))


def _number(value: float) -> float | int:
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def _time_of_day(value: float, time_unit: str) -> str | float | int:
    """``"09:30"`` when that reads back exactly, else the duration since midnight."""
    minutes = value * SECONDS[time_unit] / 60
    if math.isfinite(minutes) and 0 <= minutes <= 24 * 60 and float(minutes).is_integer():
        text = f"{int(minutes) // 60:02d}:{int(minutes) % 60:02d}"
        if parse_time_of_day(text, time_unit) == value:
            return text
    return format_duration(value, time_unit)


def _extras(obj: Stage | Touchpoint | Transition | Arrival | RatePeriod | Journey | Team | Shift | Segment | Retry,
            into: dict[str, Any], path: str) -> None:
    if obj.notes:
        into["notes"] = obj.notes
    if obj.meta:
        into["meta"] = _plain(obj.meta, join(path, "meta"))


def _distribution(dist: Distribution, unit: str) -> Any:
    if isinstance(dist, Constant):
        return format_duration(dist.value, unit)
    doc: dict[str, Any] = {"dist": dist.kind}
    for name, value in dist.parameters().items():
        if isinstance(dist, Empirical):
            doc[name] = [format_duration(v, unit) for v in value]
        else:
            doc[name] = format_duration(value, unit)
    return doc


def _touchpoint(tp: Touchpoint, unit: str, path: str) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": tp.id}
    if tp.name:
        doc["name"] = tp.name
    if tp.description:
        doc["description"] = tp.description
    for key in ("stage", "channel"):
        if getattr(tp, key):
            doc[key] = getattr(tp, key)
    if tp.lane != "frontstage":
        doc["lane"] = tp.lane
    if tp.owner:
        doc["owner"] = tp.owner
    if tp.moment_of_truth:
        doc["moment_of_truth"] = True
    if tp.requirements:
        doc["requirements"] = [_requirement(r, unit) for r in tp.requirements]
    if tp.capacity is not None:
        doc["capacity"] = int(tp.capacity)
    for key in ("service_time", "patience"):
        if getattr(tp, key) is not None:
            doc[key] = _distribution(getattr(tp, key), unit)
    if tp.goal:
        doc["goal"] = True
    if tp.satisfaction is not None:
        doc["satisfaction"] = _number(tp.satisfaction)
    if tp.measured_satisfaction is not None:
        doc["measured_satisfaction"] = _measured(tp.measured_satisfaction)
    if tp.cost_per_contact is not None:
        doc["cost_per_contact"] = _number(tp.cost_per_contact)
    if tp.next:
        doc["next"] = {t.target: _route(t, unit, join(path, f"next.{t.target}")) for t in tp.next}
    if tp.team is not None:
        doc["team"] = tp.team
    if tp.shifts:
        doc["shifts"] = shifts_document(tp.shifts, unit, _time_of_day, _extras, join(path, "shifts"))
    if tp.next_by_segment:
        doc["next_by_segment"] = {
            segment: {t.target: _route(t, unit, join(path, f"next_by_segment.{segment}.{t.target}")) for t in routes}
            for segment, routes in tp.next_by_segment.items()}
    if tp.satisfaction_by_segment:
        doc["satisfaction_by_segment"] = {key: _number(v) for key, v in tp.satisfaction_by_segment.items()}
    if tp.retry is not None:
        doc["retry"] = {"p": _number(tp.retry.p)}
        if tp.retry.delay is not None:
            doc["retry"]["delay"] = _distribution(tp.retry.delay, unit)
        _extras(tp.retry, doc["retry"], join(path, "retry"))
    _extras(tp, doc, path)
    return doc


def _requirement(requirement: Requirement, unit: str) -> Any:
    """Plain text, or ``{text: ..., standard: {wait: 2 min}}`` when it carries a standard."""
    if not requirement.standard:
        return requirement.text
    return {"text": requirement.text,
            "standard": {key: format_duration(value, unit) for key, value in requirement.standard.items()}}


def _measured(measured: MeasuredSatisfaction) -> dict[str, Any]:
    doc: dict[str, Any] = {"mean": _number(measured.mean), "n": int(measured.n)}
    if measured.interval is not None:
        doc["ci"] = [_number(measured.ci_low), _number(measured.ci_high)]  # type: ignore[arg-type]
    if measured.date:
        doc["date"] = measured.date
    if measured.source:
        doc["source"] = measured.source
    return doc


def _route(transition: Transition, unit: str, path: str) -> Any:
    p = _number(transition.p)
    if transition.delay is None and not transition.notes and not transition.meta:
        return p
    doc: dict[str, Any] = {"p": p}
    if transition.delay is not None:
        doc["delay"] = _distribution(transition.delay, unit)
    _extras(transition, doc, path)
    return doc


def _arrival(arrival: Arrival, unit: str, path: str) -> dict[str, Any]:
    doc: dict[str, Any] = {"touchpoint": arrival.touchpoint}
    if arrival.rate is not None:
        doc["rate"] = format_rate(arrival.rate, unit)
    if arrival.schedule:
        periods = []
        for index, period in enumerate(arrival.schedule):
            item = {"until": _time_of_day(period.until, unit), "rate": format_rate(period.rate, unit)}
            _extras(period, item, f"{path}.schedule[{index}]")
            periods.append(item)
        doc["schedule"] = periods
    if arrival.segment is not None:
        doc["segment"] = arrival.segment
    _extras(arrival, doc, path)
    return doc


def to_document(journey: Journey) -> dict[str, Any]:
    """The journey as the plain document a file holds (dicts, lists, text, numbers), keys in the
    format's order and defaults left out. ``from_document(to_document(j)) == j`` for a valid ``j``.
    Raises :class:`JourneyError` when a ``meta`` holds a value no file can (a Python object)."""
    unit = require_journey(journey).time_unit
    doc: dict[str, Any] = {"journeymap": FORMAT_VERSION, "title": journey.title}
    if journey.description:
        doc["description"] = journey.description
    doc["language"] = journey.language
    doc["time_unit"] = unit
    if journey.horizon is not None:
        doc["horizon"] = format_duration(journey.horizon, unit)
    if journey.value_per_goal is not None:
        doc["value_per_goal"] = _number(journey.value_per_goal)
    stages = []
    for index, stage in enumerate(journey.stages):
        item: dict[str, Any] = {"id": stage.id}
        if stage.name:
            item["name"] = stage.name
        if stage.description:
            item["description"] = stage.description
        _extras(stage, item, f"stages[{index}]")
        stages.append(item)
    doc["stages"] = stages
    if journey.segments:
        doc["segments"] = segments_document(journey.segments, _extras)
    if journey.teams:
        doc["teams"] = teams_document(journey.teams, unit, _time_of_day, _extras)
    doc["touchpoints"] = [_touchpoint(tp, unit, f"touchpoints[{i}]") for i, tp in enumerate(journey.touchpoints)]
    if journey.arrivals:
        doc["arrivals"] = [_arrival(a, unit, f"arrivals[{i}]") for i, a in enumerate(journey.arrivals)]
    _extras(journey, doc, "")
    return doc


# -- document → text -------------------------------------------------------------------------------------
class _Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line: ``{dist: exponential, mean: 6}``."""


class _FlowList(list):  # type: ignore[type-arg]
    """A list written on one line: ``[Answered quickly, Knows my account]``."""


class _Dumper(yaml.SafeDumper):
    """Block style by default, indented lists, flow style where :func:`_styled` asked for it."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.yaml_implicit_resolvers = CORE_RESOLVERS  # what is written plain reads back as the same type


def _yaml11_reads_as_text(text: str) -> bool:
    """False when a YAML 1.1 reader (PyYAML's default, many editors) would take the plain text for
    something else (``12:30`` as 750, ``yes`` as true, ``2024-01-01`` as a date)."""
    candidates = yaml.SafeLoader.yaml_implicit_resolvers.get(text[0] if text else "", [])
    for tag, regexp in [*candidates, *yaml.SafeLoader.yaml_implicit_resolvers.get(None, [])]:
        if regexp.match(text):
            return tag == "tag:yaml.org,2002:str"
    return True


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    """Multi-line text as a ``|`` block; text that other YAML readers would misread, quoted."""
    style = "|" if "\n" in text.strip("\n") else None if _yaml11_reads_as_text(text) else "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Flow, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True))


def _short(value: Any) -> bool:
    """True when ``value`` fits comfortably on one line."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return False
    return len(text) <= _FLOW_WIDTH and "\\n" not in text


def _styled(value: Any, key: str = "") -> Any:
    """The document with short collections marked for flow style (never the structural lists)."""
    if isinstance(value, Mapping):
        inner = {k: _styled(v, str(k)) for k, v in value.items()}
        return _Flow(inner) if key not in _BLOCK_KEYS and _short(value) else inner
    if isinstance(value, list | tuple):
        items = [_styled(v, _ITEM_KEYS.get(key, "")) for v in value]
        return _FlowList(items) if key not in _BLOCK_KEYS and value and _short(value) else items
    return value


def _spaced(text: str) -> str:
    """A blank line before each top-level section and between touchpoints."""
    out: list[str] = []
    section = ""
    for line in text.splitlines():
        if line and not line[0].isspace():
            section = line.split(":", 1)[0]
            if section in ("stages", "segments", "teams", "touchpoints", "arrivals", "notes", "meta") and out:
                out.append("")
        elif section == "touchpoints" and line.startswith("  - ") and out and not out[-1].endswith(":"):
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"


def dumps(journey: Journey, format: str = "yaml") -> str:
    """The journey as YAML (readable: the format's key order, flow style for short lists, unicode
    kept) or as JSON (``format="json"``, indented)."""
    doc = to_document(journey)
    if format_of("", format) == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    text = yaml.dump(_styled(doc), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
    return _spaced(text)


def save(journey: Journey, path: str | os.PathLike[str], *, format: str | None = None) -> Path:
    """Write the journey to ``path`` (YAML for ``.yaml``/``.yml``, JSON for ``.json``, or ``format``)
    atomically: the old file stays whole until the new one is complete. Returns the path."""
    require_journey(journey)
    text = dumps(journey, format_of(require_path(path), format))
    return write_text(path, text)
