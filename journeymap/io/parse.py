"""A journey document (plain dicts and lists) turned into the model, collecting every problem.

Only what the model cannot hold is judged here: unknown keys (with a did-you-mean), missing keys,
wrong types, times and rates that cannot be read, unknown distributions and the format version.
Everything the model *can* hold (a probability of 1.4, a dangling stage, an unknown lane) is kept
as written so that :func:`journeymap.validate` reports it, for files and Python-built journeys alike.

A problem never shortens a list: a broken touchpoint stays in place (with defaults), so that the
model's indices are the document's and ``touchpoints[2]`` means the same thing in both.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from journeymap.errors import Issue, UnitError, clip, did_you_mean, join
from journeymap.io.records import free_fields, read_record
from journeymap.io.segments import read_satisfactions, read_segments
from journeymap.io.teams import read_shifts, read_teams
from journeymap.model import (
    STANDARDS,
    Arrival,
    Journey,
    MeasuredSatisfaction,
    RatePeriod,
    Requirement,
    Retry,
    Stage,
    Touchpoint,
    Transition,
)
from journeymap.model.distributions import DISTRIBUTIONS, TIME_PARAMETERS, Constant, Distribution, from_parameters
from journeymap.model.journey import FORMAT_VERSION
from journeymap.model.units import TIME_UNITS, checked_float, parse_duration, parse_rate, parse_time_of_day

__all__ = ["JOURNEY_KEYS", "MEASURED_KEYS", "REQUIREMENT_KEYS", "STAGE_KEYS", "TOUCHPOINT_KEYS", "parse_document"]

JOURNEY_KEYS = ("journeymap", "$schema", "title", "description", "language", "time_unit", "horizon",
                "stages", "touchpoints", "arrivals", "teams", "segments", "notes", "meta", "value_per_goal")
STAGE_KEYS = ("id", "name", "description", "notes", "meta")
TOUCHPOINT_KEYS = ("id", "name", "description", "stage", "channel", "lane", "owner", "moment_of_truth",
                   "requirements", "capacity", "service_time", "patience", "goal", "satisfaction",
                   "measured_satisfaction", "next", "notes", "meta", "team", "shifts",
                   "next_by_segment", "satisfaction_by_segment", "retry", "cost_per_contact")
RETRY_KEYS = ("p", "delay", "notes", "meta")
REQUIREMENT_KEYS = ("text", "standard")
MEASURED_KEYS = ("mean", "n", "ci", "date", "source")
ROUTE_KEYS = ("p", "delay", "notes", "meta")
ARRIVAL_KEYS = ("touchpoint", "rate", "schedule", "notes", "meta", "segment")
PERIOD_KEYS = ("until", "rate", "notes", "meta")

_T = TypeVar("_T")
_ARTICLE = {"exponential": "an", "empirical": "an"}


def shown(value: Any) -> str:
    """A value as a person wrote it, for ``(got ...)`` in messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, str):
        return repr(clip(value))
    return clip(repr(value))


def _real(value: Any) -> bool:
    """True for a number (not a boolean) that is finite as a float; :class:`UnitError` saying "too large"
    for one beyond what a float holds (an integer of hundreds of digits, ``1e400`` read as infinity)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return not math.isnan(checked_float(value))


class _Reader:
    """Reads one document, recording issues and the paths whose value could not be read (so that
    the validator's findings about the defaults put in their place are not reported twice)."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.failed: set[str] = set()
        self.unit = "minute"

    def error(self, message: str, path: str) -> None:
        self.issues.append(Issue(message, path))
        self.failed.add(path)

    # -- shapes ------------------------------------------------------------------------------------
    def fields(self, value: Any, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = (),
               what: str = "a mapping") -> dict[str, Any] | None:
        """The known keys of a mapping; unknown keys and missing required ones are reported."""
        if not isinstance(value, Mapping):
            self.error(f"expected {what}, got {shown(value)}", path)
            return None
        for key in value:
            if key not in allowed:
                self.error(f"unknown key '{clip(str(key))}'{did_you_mean(str(key), allowed)}", join(path, key))
        for key in required:
            if key not in value:
                self.error(f"missing required key '{key}'", join(path, key))
        return {key: item for key, item in value.items() if key in allowed}

    def items(self, value: Any, path: str, what: str) -> list[Any]:
        """The items of a list field (``None`` or absent: no items)."""
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            self.error(f"'{path.rsplit('.', 1)[-1]}' must be a list of {what} (got {shown(value)})", path)
            return []
        return list(value)

    def value(self, value: Any, path: str, convert: Callable[[Any, str], _T], default: _T) -> _T:
        """``value`` converted, or ``default`` when it cannot be (the converter's message is reported)."""
        try:
            return convert(value, path.rsplit(".", 1)[-1])
        except (UnitError, ValueError) as exc:
            self.error(str(exc), path)
            return default

    def read(self, data: Mapping[str, Any], key: str, path: str, convert: Callable[[Any, str], _T],
             default: _T) -> _T:
        """``data[key]`` converted, or ``default`` when absent, null or unreadable (then reported)."""
        value = data.get(key)
        return default if value is None else self.value(value, join(path, key), convert, default)

    # -- scalars (each converter raises ValueError with the message) ---------------------------------
    @staticmethod
    def text(value: Any, key: str) -> str:
        if isinstance(value, str):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        hint = ": put it in quotes" if isinstance(value, float | bool) else ""
        raise ValueError(f"'{key}' must be text (got {shown(value)}){hint}")

    @staticmethod
    def flag(value: Any, key: str) -> bool:
        if isinstance(value, bool):
            return value
        raise ValueError(f"'{key}' must be true or false (got {shown(value)})")

    @staticmethod
    def number(value: Any, key: str) -> float:
        if _real(value):
            return value
        raise ValueError(f"'{key}' must be a number (got {shown(value)})")

    @staticmethod
    def capacity(value: Any, key: str) -> int | float:
        if _real(value):
            return int(value) if float(value).is_integer() else value
        raise ValueError(f"'{key}' must be a positive int (got {shown(value)})")

    @staticmethod
    def mapping(value: Any, key: str) -> dict[str, Any]:
        if isinstance(value, Mapping):
            return dict(value)
        raise ValueError(f"'{key}' must be a mapping (got {shown(value)})")

    def duration(self, value: Any, key: str) -> float:
        return parse_duration(value, self.unit)

    def rate(self, value: Any, key: str) -> float:
        return parse_rate(value, self.unit)

    def time_of_day(self, value: Any, key: str) -> float:
        return parse_time_of_day(value, self.unit)

    # -- distributions -------------------------------------------------------------------------------
    def distribution(self, data: Mapping[str, Any], key: str, path: str) -> Distribution | None:
        """A time distribution: a bare number or time (constant) or ``{dist: ..., parameters}``;
        ``None`` when absent or unreadable (then reported)."""
        value, where = data.get(key), join(path, key)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            seconds = self.value(value, where, self.duration, None)
            return None if seconds is None else Constant(seconds)
        valid = ", ".join(DISTRIBUTIONS)
        kind = value.get("dist")
        if not isinstance(kind, str) or kind not in DISTRIBUTIONS:
            if kind is None:
                self.error(f"missing 'dist' (one of: {valid})", where)
            else:
                self.error(f"unknown distribution {shown(kind)}{did_you_mean(str(kind), DISTRIBUTIONS)}; "
                           f"expected one of: {valid}", join(where, "dist"))
            self.failed.add(where)
            return None
        names = TIME_PARAMETERS[kind]
        takes = f"({_ARTICLE.get(kind, 'a')} {kind} distribution takes: {', '.join(names)})"
        broken = False
        for name in value:
            if name != "dist" and name not in names:
                self.error(f"unknown parameter '{clip(str(name))}'{did_you_mean(str(name), names)} {takes}",
                           join(where, name))
                broken = True
        for name in names:
            if name not in value:
                self.error(f"missing parameter '{name}' {takes}", join(where, name))
                broken = True
        if broken:
            self.failed.add(where)
            return None
        fields = dict(value)
        params: dict[str, Any] = {}
        for name in names:
            if kind == "empirical":
                items = self.items(fields[name], join(where, name), "times")
                params[name] = [self.value(v, f"{join(where, name)}[{i}]", self.duration, None)
                                for i, v in enumerate(items)]
                if fields[name] is not None and not isinstance(fields[name], list | tuple):
                    params[name] = [None]
            else:
                params[name] = self.read(fields, name, where, self.duration, None)
        if any(v is None or (isinstance(v, list) and None in v) for v in params.values()):
            self.failed.add(where)
            return None
        return from_parameters(kind, params)


def parse_document(data: Mapping[str, Any]) -> tuple[Journey, list[Issue], set[str]]:
    """A best-effort journey from a document, the problems found, and the paths that could not be read.

    The journey always comes back (with defaults where the document is broken) so that semantic
    checks can still run on the rest; it is valid only when no issue is an error.
    """
    reader = _Reader()
    doc = reader.fields(data, "", JOURNEY_KEYS, ("title",), "a mapping of journey fields") or {}
    version = doc.get("journeymap", FORMAT_VERSION)
    if isinstance(version, bool) or not isinstance(version, int | float):
        reader.error(f"'journeymap' must be the format version {FORMAT_VERSION} (got {shown(version)})", "journeymap")
    elif version != FORMAT_VERSION:
        reader.error(f"unsupported format version {shown(version)} (this journeymap reads version {FORMAT_VERSION})",
                     "journeymap")
    time_unit = reader.read(doc, "time_unit", "", reader.text, "minute")
    reader.unit = time_unit if time_unit in TIME_UNITS else "minute"
    stages = [_stage(reader, item, f"stages[{i}]")
              for i, item in enumerate(reader.items(doc.get("stages"), "stages", "stages"))]
    touchpoints = [_touchpoint(reader, item, f"touchpoints[{i}]")
                   for i, item in enumerate(reader.items(doc.get("touchpoints"), "touchpoints", "touchpoints"))]
    arrivals = [_arrival(reader, item, f"arrivals[{i}]")
                for i, item in enumerate(reader.items(doc.get("arrivals"), "arrivals", "arrivals"))]
    journey = Journey(
        title=reader.read(doc, "title", "", reader.text, ""),
        stages=stages,
        touchpoints=touchpoints,
        arrivals=arrivals,
        language=reader.read(doc, "language", "", reader.text, "en"),  # type: ignore[arg-type]
        time_unit=time_unit,  # type: ignore[arg-type]
        horizon=reader.read(doc, "horizon", "", reader.duration, None),
        value_per_goal=reader.read(doc, "value_per_goal", "", reader.number, None),
        teams=read_teams(reader, doc.get("teams")),
        segments=read_segments(reader, doc.get("segments")),
        **free_fields(reader, doc, "", description=True),
    )
    return journey, reader.issues, reader.failed


def _stage(reader: _Reader, value: Any, path: str) -> Stage:
    return read_record(reader, value, path, STAGE_KEYS, "a stage such as {id: contact, name: Contact}", Stage,
                       lambda data, path: {}, description=True)


def _touchpoint(reader: _Reader, value: Any, path: str) -> Touchpoint:
    return read_record(reader, value, path, TOUCHPOINT_KEYS, "a touchpoint (a mapping with an id)", Touchpoint,
                       functools.partial(_touchpoint_fields, reader), description=True)


def _touchpoint_fields(reader: _Reader, data: dict[str, Any], path: str) -> dict[str, Any]:
    """A touchpoint's fields but its id, name and free fields."""
    return dict(
        stage=reader.read(data, "stage", path, reader.text, ""),
        channel=reader.read(data, "channel", path, reader.text, None),
        lane=reader.read(data, "lane", path, reader.text, "frontstage"),  # type: ignore[arg-type]
        owner=reader.read(data, "owner", path, reader.text, None),
        moment_of_truth=reader.read(data, "moment_of_truth", path, reader.flag, False),
        requirements=_requirements(reader, data.get("requirements"), join(path, "requirements")),
        capacity=reader.read(data, "capacity", path, reader.capacity, None),  # type: ignore[arg-type]
        service_time=reader.distribution(data, "service_time", path),
        patience=reader.distribution(data, "patience", path),
        goal=reader.read(data, "goal", path, reader.flag, False),
        satisfaction=reader.read(data, "satisfaction", path, reader.number, None),
        next=_routes(reader, data.get("next"), join(path, "next")),
        measured_satisfaction=_measured(reader, data.get("measured_satisfaction"), join(path, "measured_satisfaction")),
        cost_per_contact=reader.read(data, "cost_per_contact", path, reader.number, None),
        team=reader.read(data, "team", path, reader.text, None),
        shifts=read_shifts(reader, data.get("shifts"), join(path, "shifts")),
        next_by_segment=_routes_by_segment(reader, data.get("next_by_segment"), join(path, "next_by_segment")),
        satisfaction_by_segment=read_satisfactions(reader, data.get("satisfaction_by_segment"),
                                                   join(path, "satisfaction_by_segment")),
        retry=_retry(reader, data.get("retry"), join(path, "retry")),
    )


def _requirements(reader: _Reader, value: Any, path: str) -> tuple[Requirement, ...]:
    """Requirements as plain text or ``{text: ..., standard: {wait: 2 min}}``; a broken one stays in
    place as its text (or empty) so that indices match the document's."""
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        reader.error(f"'requirements' must be a list of text or of {{text: ..., standard: ...}} "
                     f"(got {shown(value)})", path)
        return ()
    found = []
    for index, item in enumerate(value):
        where = f"{path}[{index}]"
        if not isinstance(item, Mapping):
            found.append(Requirement(reader.value(item, where, reader.text, "")))
            continue
        data = reader.fields(item, where, REQUIREMENT_KEYS, ("text",),
                             "a requirement such as {text: Answered within 2 minutes, standard: {wait: 2 min}}") or {}
        text = reader.read(data, "text", where, reader.text, "")
        standard: dict[str, float] = {}
        raw = data.get("standard")
        if raw is not None:
            if not isinstance(raw, Mapping):
                reader.error(f"'standard' must be a mapping such as {{wait: 2 min}} (got {shown(raw)})",
                             join(where, "standard"))
            for key, limit in (raw.items() if isinstance(raw, Mapping) else ()):
                spot = join(join(where, "standard"), key)
                if key not in STANDARDS:
                    reader.error(f"unknown standard '{key}'{did_you_mean(str(key), STANDARDS)} "
                                 f"(a standard takes: {', '.join(STANDARDS)})", spot)
                    continue
                number = reader.value(limit, spot, reader.duration, None)
                if number is not None:
                    standard[str(key)] = number
        found.append(Requirement(text, standard))
    return tuple(found)


def _measured(reader: _Reader, value: Any, path: str) -> MeasuredSatisfaction | None:
    """``{mean: 3.8, n: 214, ci: [3.6, 4.0], date: '2025-03-14', source: answers.csv}`` (what
    :func:`journeymap.survey.apply` writes); ``None`` when absent or unreadable (then reported)."""
    if value is None:
        return None
    data = reader.fields(value, path, MEASURED_KEYS, ("mean", "n"),
                         "a measurement such as {mean: 3.8, n: 214, date: '2025-03-14', source: answers.csv}")
    if data is None or "mean" not in data or "n" not in data:
        reader.failed.add(path)
        return None
    mean = reader.read(data, "mean", path, reader.number, None)
    n = reader.read(data, "n", path, _count, None)
    low = high = None
    ci = data.get("ci")
    if ci is not None:
        if isinstance(ci, list | tuple) and len(ci) == 2:
            low = reader.value(ci[0], f"{join(path, 'ci')}[0]", reader.number, None)
            high = reader.value(ci[1], f"{join(path, 'ci')}[1]", reader.number, None)
        else:
            reader.error(f"'ci' must be two numbers [low, high] (got {shown(ci)})", join(path, "ci"))
    date = data.get("date")
    date_text = date.isoformat() if hasattr(date, "isoformat") else reader.read(data, "date", path, reader.text, None)
    if mean is None or n is None:
        reader.failed.add(path)
        return None
    return MeasuredSatisfaction(mean=mean, n=n, ci_low=low, ci_high=high, date=date_text,
                                source=reader.read(data, "source", path, reader.text, None))


def _count(value: Any, key: str) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) \
            and float(value).is_integer() and value >= 1:
        return int(value)
    raise ValueError(f"'{key}' must be a whole number of answers, 1 or more (got {shown(value)})")


def _routes(reader: _Reader, value: Any, path: str) -> tuple[Transition, ...]:
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        reader.error(f"'next' must be a mapping of touchpoint id to probability, such as {{diagnose: 0.8}} "
                     f"(got {shown(value)})", path)
        return ()
    routes = []
    for target, route in value.items():
        where = join(path, target)
        if isinstance(route, Mapping):
            data = reader.fields(route, where, ROUTE_KEYS, ("p",)) or {}
            routes.append(Transition(
                str(target),
                reader.read(data, "p", where, reader.number, 0.0),
                reader.distribution(data, "delay", where),
                **free_fields(reader, data, where),
            ))
        else:
            p = reader.value(route, where, _probability, 0.0)
            routes.append(Transition(str(target), p))
    return tuple(routes)


def _routes_by_segment(reader: _Reader, value: Any, path: str) -> dict[str, tuple[Transition, ...]]:
    """``next_by_segment: {business: {escalate: 0.4}}``: a segment's own routes from a touchpoint."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        reader.error(f"'next_by_segment' must be a mapping of segment id to routes, such as "
                     f"{{business: {{escalate: 0.4}}}} (got {shown(value)})", path)
        return {}
    return {str(segment): _routes(reader, routes, join(path, segment)) for segment, routes in value.items()}


def _retry(reader: _Reader, value: Any, path: str) -> Retry | None:
    """``retry: {p: 0.6, delay: {dist: exponential, mean: 30 min}}``."""
    if value is None:
        return None
    data = reader.fields(value, path, RETRY_KEYS, ("p",),
                         "a retry such as {p: 0.6, delay: {dist: exponential, mean: 30 min}}")
    if data is None:
        return None
    return Retry(reader.read(data, "p", path, reader.number, 0.0), reader.distribution(data, "delay", path),
                 **free_fields(reader, data, path))


def _probability(value: Any, key: str) -> float:
    if _real(value):
        return value
    raise ValueError(f"route probability must be a number between 0 and 1, or {{p: ..., delay: ...}} "
                     f"(got {shown(value)})")


def _arrival(reader: _Reader, value: Any, path: str) -> Arrival:
    data = reader.fields(value, path, ARRIVAL_KEYS, ("touchpoint",),
                         "an arrival such as {touchpoint: call, rate: 30/h}")
    if data is None:
        return Arrival("")
    periods = []
    for index, item in enumerate(reader.items(data.get("schedule"), join(path, "schedule"), "periods")):
        where = f"{join(path, 'schedule')}[{index}]"
        fields = reader.fields(item, where, PERIOD_KEYS, ("until", "rate"),
                               "a period such as {until: '09:00', rate: 0}")
        if fields is None:
            fields = {}
            reader.failed.add(join(path, "schedule"))
        periods.append(RatePeriod(
            until=reader.read(fields, "until", where, reader.time_of_day, math.nan),
            rate=reader.read(fields, "rate", where, reader.rate, 0.0),
            **free_fields(reader, fields, where),
        ))
    if any(math.isnan(period.until) for period in periods):
        reader.failed.add(join(path, "schedule"))
    return Arrival(
        touchpoint=reader.read(data, "touchpoint", path, reader.text, ""),
        rate=reader.read(data, "rate", path, reader.rate, None),
        schedule=tuple(periods),
        segment=reader.read(data, "segment", path, reader.text, None),
        **free_fields(reader, data, path),
    )
