"""The scenarios file format, and the ``changes:`` lists that interventions files share with it.

.. code-block:: yaml

    scenarios:
      - name: Two people on the sales line
        description: Hire a second inside-sales agent          # optional
        changes:
          - {set: sales_line.capacity, to: 2}
          - {scale: discovery_call.service_time, by: 0.8}        # 20% shorter, same shape
          - {set: sales_line.patience, to: 5 min}                # a new mean
          - {set: website.next.contact_form, to: 0.35, rebalance: leave}
          - {set: arrival.rate, to: 60/d}                        # all arrivals scaled alike
          - {remove_route: check_in.next.help_desk, rebalance: others}
          - {remove_touchpoint: crm_record, bypass: true}
          - add_touchpoint: {id: chatbot, name: Asks the chatbot, stage: aftersales, service_time: 2 min}
            after: help_desk

Each change is a mapping with one verb (``set``, ``scale``, ``remove_route``, ``remove_touchpoint``,
``add_touchpoint``) naming a parameter (see :mod:`journeymap.experiment.parameters`) or a touchpoint,
and its arguments. ``rebalance`` (``others`` or ``leave``) is required whenever a routing probability
changes. Problems are reported as ``file:line: field.path: message`` with a did-you-mean.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from journeymap.errors import Issue, JourneyError, ScenarioError, did_you_mean
from journeymap.experiment.changes import Change, Location
from journeymap.experiment.parameters import parameter_change, parameter_scaling, parse_parameter
from journeymap.experiment.routing import AddTouchpointSpec, RemoveRoute, RemoveTouchpoint
from journeymap.experiment.yamlfile import Lines

__all__ = ["VERBS", "missing_list", "read_changes", "read_scenarios"]

VERBS: dict[str, tuple[str, ...]] = {
    "set": ("to", "rebalance"),
    "scale": ("by",),
    "remove_route": ("rebalance",),
    "remove_touchpoint": ("bypass",),
    "add_touchpoint": ("after",),
}
"""Each verb of a change and the other keys it takes."""

_REQUIRED: dict[str, tuple[str, ...]] = {"set": ("to",), "scale": ("by",), "remove_route": ("rebalance",)}


def _lines(lines: Lines | None) -> Lines:
    return lines if lines is not None else Lines()


def _error(lines: Lines, path: str, message: str) -> ScenarioError:
    return ScenarioError(lines.issue(path, message))


def _mapping(value: Any, lines: Lines, path: str, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _error(lines, path, f"expected {what} (a mapping), got {type(value).__name__}")
    return value


def read_change(item: Any, lines: Lines | None = None, path: str = "changes[0]") -> Change:
    """One change from its mapping (``{set: call.capacity, to: 5}``)."""
    lines = _lines(lines)
    item = _mapping(item, lines, path, "a change such as {set: call.capacity, to: 5}")
    verbs = [key for key in item if key in VERBS]
    if len(verbs) != 1:
        unknown = [str(k) for k in item if k not in VERBS and not any(k in keys for keys in VERBS.values())]
        hint = did_you_mean(unknown[0], VERBS) if unknown else ""
        found = f"'{unknown[0]}'{hint}" if unknown else ", ".join(f"'{v}'" for v in verbs) or "none"
        raise _error(lines, path, f"a change needs exactly one of: {', '.join(VERBS)} (found {found})")
    verb = verbs[0]
    for key in item:
        if key != verb and key not in VERBS[verb]:
            allowed = ", ".join(VERBS[verb]) or "nothing else"
            hint = did_you_mean(str(key), VERBS[verb])
            raise _error(lines, f"{path}.{key}", f"unknown key '{key}' for '{verb}'{hint}; '{verb}' takes: {allowed}")
    for key in _REQUIRED.get(verb, ()):
        if key not in item:
            raise _error(lines, path, f"'{verb}' needs '{key}'")
    where = Location(lines.file, lines.line(path), path)
    target = item[verb]
    try:
        change = _build(verb, target, item)
    except JourneyError as exc:  # an unknown parameter, a route without rebalance, a bad argument
        raise _error(lines, f"{path}.{verb}", str(exc)) from None
    return _placed(change, where)


def _build(verb: str, target: Any, item: Mapping[str, Any]) -> Change:
    if verb == "add_touchpoint":
        if not isinstance(target, Mapping) or "id" not in target:
            raise ScenarioError("'add_touchpoint' takes the new touchpoint as a mapping with at least an 'id'")
        return AddTouchpointSpec(dict(target), item.get("after"))
    if not isinstance(target, str):
        raise ScenarioError(f"expected a name such as 'call.capacity' (got {target!r})")
    if verb == "set":
        return parameter_change(target, item["to"], rebalance=item.get("rebalance"))
    if verb == "scale":
        return parameter_scaling(target, item["by"])
    if verb == "remove_route":
        parameter = parse_parameter(target)
        if parameter.kind != "route":
            raise ScenarioError(f"'remove_route' names a route as '<touchpoint>.next.<target>' (got '{target}')")
        return RemoveRoute(parameter.touchpoint, parameter.target, item["rebalance"])  # type: ignore[arg-type]
    bypass = item.get("bypass", False)
    if not isinstance(bypass, bool):
        raise ScenarioError(f"'bypass' must be true or false (got {bypass!r})")
    return RemoveTouchpoint(target, bypass)


def _placed(change: Change, where: Location) -> Change:
    """The change with its place in the file recorded."""
    object.__setattr__(change, "where", where)
    return change


def read_changes(items: Any, lines: Lines | None = None, path: str = "changes") -> list[Change]:
    """The changes of a ``changes:`` list."""
    lines = _lines(lines)
    if not isinstance(items, list):
        raise _error(lines, path, f"'changes' must be a list of changes (got {type(items).__name__})")
    return [read_change(item, lines, f"{path}[{index}]") for index, item in enumerate(items)]


def missing_list(document: Mapping[str, Any], lines: Lines, key: str) -> ScenarioError:
    """The error for a file without its top-level list: the misspelt key when there is one."""
    for found in document:
        if did_you_mean(str(found), [key]):
            return _error(lines, str(found), f"unknown field '{found}' (did you mean '{key}'?)")
    return _error(lines, "", f"no '{key}:' list in the file")


def read_scenarios(data: Any, lines: Lines | None = None, *, key: str = "scenarios") -> list[Any]:
    """The :class:`~journeymap.experiment.scenario.Scenario` s of a parsed scenarios document."""
    from journeymap.experiment.scenario import Scenario

    lines = _lines(lines)
    document = _mapping(data, lines, "", f"a scenarios file with a '{key}:' list")
    if key not in document:
        raise missing_list(document, lines, key)
    items = document[key]
    if not isinstance(items, list) or not items:
        raise _error(lines, key, f"'{key}' must be a non-empty list")
    scenarios = []
    for index, item in enumerate(items):
        path = f"{key}[{index}]"
        entry = _mapping(item, lines, path, "a scenario with 'name' and 'changes'")
        for field_name in entry:
            if field_name not in ("name", "description", "changes"):
                hint = did_you_mean(str(field_name), ["name", "description", "changes"])
                raise _error(lines, f"{path}.{field_name}", f"unknown field '{field_name}'{hint}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _error(lines, f"{path}.name", f"a scenario needs a non-empty 'name' (got {name!r})")
        changes = read_changes(entry.get("changes", []), lines, f"{path}.changes")
        where = Location(lines.file, lines.line(path), path)
        scenarios.append(Scenario(name, tuple(changes), entry.get("description"), where))
    return scenarios


def issue_at(lines: Lines | None, path: str, message: str) -> Issue:
    """An issue about ``path`` placed at its line (for callers building their own messages)."""
    return _lines(lines).issue(path, message)
