"""An :class:`Intervention`: a scenario plus what it takes (effort, cost, owner) and where it acts.

    callback = Intervention("Call customers back", [set_patience("call", "30 min")], effort=3,
                            owner="Customer care", touchpoints=["call"])
    interventions = load_interventions("outage.interventions.yaml")

In a file (next to the journey):

.. code-block:: yaml

    interventions:
      - name: Call customers back instead of keeping them on hold
        owner: Customer care
        effort: 3                  # person-days (a positive number)
        cost: 1500                 # optional, one-off, in any currency (the journey's money)
        running_cost: 120          # optional, per week, in the same money
        confidence: 0.8            # optional, 0 to 1: how sure the team is of the effect (RICE, ICE)
        touchpoints: [call]        # optional: the targets (default: those the changes touch)
        stage: contact             # optional (default: the stage of the first target)
        description: ...           # optional
        changes:                   # the scenario, as in a scenarios file
          - {set: call.patience, to: 30 min}
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from journeymap.errors import Issue, ScenarioError, did_you_mean
from journeymap.experiment.changes import Change, Location
from journeymap.experiment.reading import missing_list, read_changes
from journeymap.experiment.scenario import Scenario, distinct, one_or_many
from journeymap.experiment.yamlfile import Lines, read_yaml
from journeymap.model import Journey

__all__ = [
    "DEFAULT_CONFIDENCE",
    "Intervention",
    "interventions_from_data",
    "load_interventions",
    "sample_interventions",
]

DEFAULT_CONFIDENCE = 0.8
"""The confidence an intervention gets when none is given (RICE's "medium")."""

FIELDS = ("name", "owner", "effort", "cost", "running_cost", "confidence", "touchpoints", "stage", "description",
          "changes")


def _positive(value: Any, name: str, *, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
        raise ValueError(f"'{name}' must be a positive number (got {value!r})")
    return float(value)


def _amount(value: Any, name: str) -> float | None:
    """An optional amount of money, 0 or more."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise ValueError(f"'{name}' must be an amount of money, 0 or more (got {value!r})")
    return float(value)


@dataclass(frozen=True)
class Intervention:
    """A change the business can make, with what it takes and where it acts.

    ``changes`` is the scenario (a list of changes, or a :class:`Scenario`); ``effort`` is in
    person-days (or any unit, the same for every intervention of a plan); ``cost`` (one-off) and
    ``running_cost`` (per week) are optional, in the journey's money (the plan's payback uses them);
    ``confidence`` (0–1] is used by the RICE and ICE scorers; ``touchpoints`` and ``stage`` say where it
    acts (by default the touchpoints its changes touch and the stage of the first).
    """

    name: str
    changes: tuple[Change, ...] | Scenario = ()
    effort: float = 1.0
    owner: str | None = None
    cost: float | None = None
    confidence: float = DEFAULT_CONFIDENCE
    touchpoints: tuple[str, ...] = ()
    stage: str | None = None
    description: str | None = None
    where: Location | None = field(default=None, compare=False, repr=False)
    running_cost: float | None = None

    def __post_init__(self) -> None:
        changes = self.changes.changes if isinstance(self.changes, Scenario) else tuple(self.changes)
        object.__setattr__(self, "changes", changes)
        object.__setattr__(self, "touchpoints", tuple(self.touchpoints))
        try:
            if not isinstance(self.name, str) or not self.name.strip():
                raise ValueError(f"an intervention needs a non-empty 'name' (got {self.name!r})")
            object.__setattr__(self, "effort", _positive(self.effort, "effort"))
            object.__setattr__(self, "cost", _positive(self.cost, "cost", optional=True))
            object.__setattr__(self, "running_cost", _amount(self.running_cost, "running_cost"))
            confidence = self.confidence
            if isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 < confidence <= 1:
                raise ValueError(f"'confidence' must be a number above 0 and at most 1 (got {confidence!r})")
            object.__setattr__(self, "confidence", float(confidence))
            if not all(isinstance(tp, str) for tp in self.touchpoints):
                raise ValueError(f"'touchpoints' must be a list of touchpoint ids (got {list(self.touchpoints)!r})")
        except ValueError as exc:
            where = self.where or Location()
            label = f"intervention '{self.name}': " if isinstance(self.name, str) and self.name.strip() else ""
            raise ScenarioError(Issue(f"{label}{exc}", where.path, file=where.file, line=where.line)) from None

    @property
    def scenario(self) -> Scenario:
        """The intervention's changes as a :class:`Scenario` of the same name."""
        return Scenario(self.name, self.changes, self.description, self.where)  # type: ignore[arg-type]

    @property
    def targets(self) -> tuple[str, ...]:
        """The touchpoints it acts on: those given, else those its changes touch."""
        return self.touchpoints or self.scenario.touchpoints

    def stage_in(self, journey: Journey) -> str | None:
        """The stage it acts on: the one given, else the stage of its first target found in ``journey``."""
        if self.stage:
            return self.stage
        for tp_id in self.targets:
            if tp_id in journey.touchpoint_ids:
                return journey.touchpoint(tp_id).stage or None
        return None

    def check(self, journey: Journey) -> list[Issue]:
        """Problems with the targets and stage named in ``journey`` (unknown ids, with a did-you-mean)."""
        where = self.where or Location()
        known = set(journey.touchpoint_ids) | {tp for c in self.changes for tp in c.touchpoints}
        issues = [Issue(f"intervention '{self.name}': no touchpoint '{tp}'{did_you_mean(tp, journey.touchpoint_ids)}",
                        f"{where.path}.touchpoints" if where.path else "touchpoints", file=where.file, line=where.line)
                  for tp in self.touchpoints if tp not in known]
        if self.stage and journey.stages and self.stage not in journey.stage_ids:
            issues.append(Issue(f"intervention '{self.name}': no stage '{self.stage}'"
                                f"{did_you_mean(self.stage, journey.stage_ids)}",
                                f"{where.path}.stage" if where.path else "stage", file=where.file, line=where.line))
        return issues


def _read_one(item: Any, lines: Lines, path: str) -> Intervention:
    if not isinstance(item, dict):
        raise ScenarioError(lines.issue(path, "expected an intervention (a mapping with name, effort and changes)"))
    for key in item:
        if key not in FIELDS:
            raise ScenarioError(lines.issue(f"{path}.{key}", f"unknown field '{key}'{did_you_mean(str(key), FIELDS)}"))
    for key in ("name", "effort"):
        if key not in item:
            raise ScenarioError(lines.issue(path, f"an intervention needs '{key}'"))
    targets = item.get("touchpoints") or ()
    if isinstance(targets, str):
        targets = (targets,)
    if not isinstance(targets, list | tuple):
        raise ScenarioError(lines.issue(f"{path}.touchpoints",
                                        f"'touchpoints' must be a list of ids (got {targets!r})"))
    changes = read_changes(item.get("changes", []), lines, f"{path}.changes")
    where = Location(lines.file, lines.line(path), path)
    fields = {key: item[key] for key in ("owner", "cost", "running_cost", "stage", "description")
              if item.get(key) is not None}
    for key in ("owner", "stage", "description"):
        if key in fields and not isinstance(fields[key], str):
            raise ScenarioError(lines.issue(f"{path}.{key}", f"'{key}' must be text (got {fields[key]!r})"))
    return Intervention(str(item["name"]), tuple(changes), item["effort"], touchpoints=tuple(str(t) for t in targets),
                        confidence=item.get("confidence", DEFAULT_CONFIDENCE), where=where, **fields)


def interventions_from_data(data: Any, lines: Lines | None = None) -> list[Intervention]:
    """Interventions from a parsed interventions document (``{"interventions": [...]}``)."""
    lines = lines if lines is not None else Lines()
    if not isinstance(data, dict) or "interventions" not in data:
        raise missing_list(data if isinstance(data, dict) else {}, lines, "interventions")
    items = data["interventions"]
    if not isinstance(items, list) or not items:
        raise ScenarioError(lines.issue("interventions", "'interventions' must be a non-empty list"))
    return unique([_read_one(item, lines, f"interventions[{k}]") for k, item in enumerate(items)])


def load_interventions(path: str | os.PathLike[str]) -> list[Intervention]:
    """The interventions of a YAML interventions file (format in this module's documentation)."""
    data, lines = read_yaml(path)
    return interventions_from_data(data, lines)


def sample_interventions(template: str, language: str = "en") -> list[Intervention]:
    """The sample interventions of a built-in template (illustrative efforts and effects, to be replaced by
    the team's own), read from its file in the catalogue (:func:`journeymap.io.catalog.template_path`
    with ``kind="interventions"``)."""
    from journeymap.io.catalog import template_path

    return load_interventions(template_path(template, language, kind="interventions"))


def unique(interventions: Iterable[Intervention]) -> list[Intervention]:
    """The interventions as a list, refusing two with the same name (the plan is keyed by name)."""
    return distinct(interventions, Intervention, "interventions")


def as_interventions(value: Intervention | Sequence[Intervention] | str | os.PathLike[str]) -> list[Intervention]:
    """A list of interventions from one, a sequence, or an interventions file."""
    return one_or_many(value, Intervention, load_interventions, unique)
