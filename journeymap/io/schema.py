"""The JSON Schema (draft 2020-12) of the journey format, for editors and other tools.

Editors that understand JSON Schema (VS Code's YAML extension, JetBrains IDEs) offer completion and
hover help from it when a file starts with ``# yaml-language-server: $schema=journeymap.schema.json``
or carries a ``$schema`` key. It describes the structure and the simple bounds; the meaning (dangling
ids, loops customers cannot leave) is checked by :func:`journeymap.validate`.
"""

from __future__ import annotations

from typing import Any

from journeymap.model import LANES, LANGUAGES, STANDARDS, TIME_UNITS, WEEKDAYS
from journeymap.model.distributions import TIME_PARAMETERS
from journeymap.model.journey import FORMAT_VERSION

__all__ = ["json_schema"]

_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
DURATION_PATTERN = rf"^\s*{_NUMBER}\s*(?:[^\d\s/]+)?\s*$"
RATE_PATTERN = rf"^\s*{_NUMBER}\s*(?:(?:/|per\s+|por\s+)\s*(?:a\s+|an\s+|1\s+)?[^\d\s/]+)?\s*$"
CLOCK_PATTERN = r"^\s*\d{1,2}:\d{2}\s*$"

_REF = "#/$defs/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def _object(properties: dict[str, Any], required: tuple[str, ...] = (), description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    if description:
        schema["description"] = description
    return schema


def _extras(description: bool = False) -> dict[str, Any]:
    extras: dict[str, Any] = {"notes": _text("free text for people"), "meta": _ref("meta")}
    if description:
        extras["description"] = _text("a longer description")
    return extras


def _definitions() -> dict[str, Any]:
    duration = {
        "description": "a time: a number in the journey's time_unit, or text with a unit ('90 s', '6 min', '2 h')",
        "anyOf": [{"type": "number"}, {"type": "string", "pattern": DURATION_PATTERN}],
    }
    distributions = []
    for kind, names in TIME_PARAMETERS.items():
        params: dict[str, Any] = {name: _ref("duration") for name in names}
        if kind == "empirical":
            params = {"values": {"type": "array", "items": _ref("duration"), "minItems": 1}}
        distributions.append(_object({"dist": {"const": kind}, **params}, ("dist", *names), f"{kind} times"))
    route = _object({"p": _ref("probability"), "delay": _ref("distribution"), **_extras()}, ("p",))
    return {
        "meta": {"type": "object", "description": "free-form data kept as it is"},
        "duration": duration,
        "rate": {
            "description": "events per time_unit, or text such as '30/h' or '120 per day'",
            "anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": RATE_PATTERN}],
        },
        "time_of_day": {
            "description": "a time of day ('09:00') or a duration since midnight",
            "anyOf": [{"type": "string", "pattern": CLOCK_PATTERN}, _ref("duration")],
        },
        "probability": {"type": "number", "minimum": 0, "maximum": 1},
        "distribution": {
            "description": "a constant time, or {dist: ..., parameters} with times as numbers or text with units",
            "anyOf": [_ref("duration"), *distributions],
        },
        "stage": _object({"id": {"type": "string", "minLength": 1}, "name": _text("the stage's name"),
                          **_extras(True)}, ("id",), "an ordered phase of the cycle"),
        "route": {"anyOf": [_ref("probability"), route]},
        "requirement": {
            "description": "what the customer needs: text, or {text, standard} with a measurable standard",
            "anyOf": [{"type": "string"}, _object({
                "text": {"type": "string"},
                "standard": _object({key: {**_ref("duration"), "description": meaning}
                                     for key, meaning in STANDARDS.items()}),
            }, ("text",))],
        },
        "touchpoint": _object({
            "id": {"type": "string", "minLength": 1, "description": "unique short name used in routes"},
            "name": _text("what the customer does here"),
            "description": _text("a longer description"),
            "stage": _text("the id of the stage it belongs to"),
            "channel": _text("store, phone, web, chat, email, app..."),
            "lane": {"enum": list(LANES), "default": "frontstage"},
            "owner": _text("the team responsible"),
            "moment_of_truth": {"type": "boolean", "default": False},
            "requirements": {"type": "array", "items": _ref("requirement"), "description": "what the customer needs"},
            "capacity": {"type": ["integer", "null"], "minimum": 1, "description": "parallel servers; none: unlimited"},
            "service_time": _ref("distribution"),
            "patience": _ref("distribution"),
            "goal": {"type": "boolean", "default": False},
            "satisfaction": {"type": "number", "minimum": 1, "maximum": 5,
                             "description": "the consultant's estimate, 1 (low) to 5 (high)"},
            "measured_satisfaction": _object({
                "mean": {"type": "number", "minimum": 1, "maximum": 5, "description": "the mean answer, 1–5"},
                "n": {"type": "integer", "minimum": 1, "description": "how many answered"},
                "ci": {"type": "array", "items": {"type": "number", "minimum": 1, "maximum": 5},
                       "minItems": 2, "maxItems": 2, "description": "the 95% interval [low, high]"},
                "date": _text("when it was measured (YYYY-MM-DD)"),
                "source": _text("what it was measured from (a file, a survey)"),
            }, ("mean", "n"), "satisfaction measured by a survey (journeymap survey score)"),
            "cost_per_contact": {"type": "number", "minimum": 0,
                                 "description": "money paid for each visit served here (illustrative or measured)"},
            "next": {"type": "object", "additionalProperties": _ref("route"),
                     "description": "routing: target id → probability; the remainder leaves the cycle here"},
            "notes": _text("free text for people"),
            "meta": _ref("meta"),
            **_touchpoint_operations(),
        }, ("id",), "one contact between the customer and the business"),
        **_operations(),
        "period": _object({"until": _ref("time_of_day"), "rate": _ref("rate"), **_extras()}, ("until", "rate")),
        "arrival": {
            **_object({"touchpoint": _text("where customers enter"), "rate": _ref("rate"),
                       "schedule": {"type": "array", "items": _ref("period"), "minItems": 1},
                       "segment": _text("the segment all these customers belong to (none: the segments' shares "
                                        "split them)"), **_extras()},
                      ("touchpoint",), "customers entering: Poisson at 'rate', or by a daily 'schedule'"),
            "oneOf": [{"required": ["rate"]}, {"required": ["schedule"]}],
        },
    }


def _touchpoint_operations() -> dict[str, Any]:
    """A touchpoint's ``team``, ``shifts``, ``next_by_segment`` and ``satisfaction_by_segment``."""
    return {
        "team": _text("the id of the team whose servers serve it (one pool and one queue for the team's "
                      "touchpoints); without it, an 'owner' that is a team's id names the team, unless the "
                      "touchpoint has a capacity or shifts of its own"),
        "shifts": {"type": "array", "items": _ref("shift"),
                   "description": "its own servers by time of day (instead of 'capacity'); none outside every shift"},
        "next_by_segment": {"type": "object",
                            "additionalProperties": {"type": "object", "additionalProperties": _ref("route")},
                            "description": "a segment's own routing from here: segment id → {target id → probability}"},
        "retry": _object({"p": _ref("probability"), "delay": _ref("distribution"), **_extras()}, ("p",),
                         "the share of those who abandon here who come back after 'delay' (callbacks, redials)"),
        "satisfaction_by_segment": {"type": "object",
                                    "additionalProperties": {"type": "number", "minimum": 1, "maximum": 5},
                                    "description": "the consultant's estimate for each segment, 1 to 5"},
    }


def _operations() -> dict[str, Any]:
    """The definitions of teams, shifts and segments."""
    return {
        "shift": _object({
            "from": _ref("time_of_day"), "until": _ref("time_of_day"),
            "capacity": {"type": "integer", "minimum": 0, "description": "servers at work during the shift"},
            "days": {"type": "array", "items": {"enum": list(WEEKDAYS)}, "uniqueItems": True,
                     "description": "the weekdays it runs (time zero is a Monday); none: every day"},
            **_extras(),
        }, ("from", "until", "capacity"), "servers at work from one time of day until a later one"),
        "segment": _object({
            "id": {"type": "string", "minLength": 1, "description": "the id arrivals and next_by_segment name"},
            "name": _text("the segment's name"),
            "share": {"type": "number", "minimum": 0, "maximum": 1,
                      "description": "its part of every arrival that names no segment (the shares sum to 1)"},
            "priority": {"type": "integer", "default": 0, "description": "the smaller served first (0: most urgent)"},
            "patience_factor": {"type": "number", "exclusiveMinimum": 0, "default": 1,
                                "description": "multiplies the patience of its customers"},
            **_extras(),
        }, ("id",), "a kind of customer (persona)"),
        "team": {
            **_object({
                "id": {"type": "string", "minLength": 1, "description": "the id touchpoints name in 'team'"},
                "name": _text("the team's name"),
                "capacity": {"type": "integer", "minimum": 1, "description": "servers at all times"},
                "shifts": {"type": "array", "items": _ref("shift"), "description": "servers by time of day"},
                "cost_per_hour": {"type": "number", "minimum": 0,
                                  "description": "paid per server for every scheduled hour, busy or idle"},
                "preemptive": {"type": "boolean", "default": False,
                               "description": "a more urgent segment's customer interrupts the service of a "
                                              "less urgent one, who resumes it later"},
                **_extras(),
            }, ("id",), "a pool of servers shared by touchpoints, with one queue"),
            "oneOf": [{"required": ["capacity"]}, {"required": ["shifts"]}],
        },
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a journey file, as a dict ready for ``json.dumps``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:journeymap:journey:{FORMAT_VERSION}",
        "title": "journeymap journey",
        "description": "A customer service cycle: stages, touchpoints with routing, and arrivals.",
        **_object({
            "$schema": {"type": "string"},
            "journeymap": {"const": FORMAT_VERSION, "description": "the format version"},
            "title": {"type": "string"},
            "description": _text("a longer description"),
            "language": {"enum": list(LANGUAGES), "default": "en"},
            "time_unit": {"enum": list(TIME_UNITS), "default": "minute"},
            "horizon": {**_ref("duration"), "description": "a working day (or any span) after which nobody else comes "
                                                       "in: simulations then run that long from empty instead of "
                                                       "looking for a steady state"},
            "value_per_goal": {"type": "number", "minimum": 0,
                               "description": "the value of a customer reaching a goal (a sale's margin), in the "
                                              "money of the touchpoints' cost_per_contact"},
            "stages": {"type": "array", "items": _ref("stage")},
            "touchpoints": {"type": "array", "items": _ref("touchpoint")},
            "arrivals": {"type": "array", "items": _ref("arrival")},
            "teams": {"type": "array", "items": _ref("team"),
                      "description": "pools of servers shared by the touchpoints that name them"},
            "segments": {"type": "array", "items": _ref("segment"),
                         "description": "kinds of customers: their shares of the arrivals and their priorities"},
            "notes": _text("free text for people"),
            "meta": _ref("meta"),
        }, ("title",)),
        "$defs": _definitions(),
    }
