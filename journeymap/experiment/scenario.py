"""A :class:`Scenario`: a named list of changes to a journey, written in Python or in a scenarios file.

    more_agents = Scenario("More agents", [set_capacity("call", 5)])
    variant = more_agents.apply(journey)          # a new journey; the base is untouched
    scenarios = load_scenarios("outage.scenarios.yaml")

A change that cannot be made raises :class:`~journeymap.errors.ScenarioError` naming the scenario and
the change (and, for a file, its line): ``file:12: scenarios[0].changes[1]: scenario 'More agents':
set_capacity('cal', 5): no touchpoint 'cal' (did you mean 'call'?)``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from journeymap.errors import Issue, JourneyError, ScenarioError
from journeymap.experiment.changes import Change, Location
from journeymap.model import Journey, validate

__all__ = ["BASE", "Scenario", "load_scenarios", "sample_scenarios", "scenarios_from_data"]

BASE = "base"
"""The name the unchanged journey goes by in comparisons and sweeps."""


@dataclass(frozen=True)
class Scenario:
    """A named what-if: ``changes`` applied in order to a journey give the scenario's journey."""

    name: str
    changes: tuple[Change, ...] = ()
    description: str | None = None
    where: Location | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", tuple(self.changes))
        if not isinstance(self.name, str) or not self.name.strip():
            raise ScenarioError(self._issue(f"a scenario needs a non-empty 'name' (got {self.name!r})", self.where))
        for number, change in enumerate(self.changes, 1):
            if not isinstance(change, Change):
                raise TypeError(f"scenario '{self.name}': change {number} must be a change such as "
                                f"set_capacity('call', 5) (got {type(change).__name__})")

    def apply(self, journey: Journey) -> Journey:
        """The journey with every change made, in order. Raises :class:`ScenarioError` naming the
        scenario and the change that cannot be made, or the problems the changes created."""
        result = journey
        for number, change in enumerate(self.changes, 1):
            try:
                result = change.apply(result)
            except ScenarioError:
                raise
            except (JourneyError, TypeError) as exc:  # NotFound, EditError, UnitError; an argument of the wrong type
                where = change.where or Location(path=f"changes[{number - 1}]")
                raise ScenarioError(self._issue(f"scenario '{self.name}': {change!r}: {exc}", where)) from None
        self._check(journey, result)
        return result

    def _check(self, base: Journey, result: Journey) -> None:
        """Raise the validation errors the changes introduced (those already in ``base`` are left alone)."""
        before = {(i.path, i.message) for i in validate(base) if i.is_error}
        new = [i for i in validate(result) if i.is_error and (i.path, i.message) not in before]
        if new:
            where = self.where or Location()
            raise ScenarioError([
                Issue(f"scenario '{self.name}' makes the journey invalid: {i.path}: {i.message}" if i.path else
                      f"scenario '{self.name}' makes the journey invalid: {i.message}",
                      where.path, file=where.file, line=where.line)
                for i in new
            ])

    @staticmethod
    def _issue(message: str, where: Location | None) -> Issue:
        where = where or Location()
        return Issue(message, where.path, file=where.file, line=where.line)

    @property
    def touchpoints(self) -> tuple[str, ...]:
        """The touchpoints the changes act on, in order, without repeats."""
        return tuple(dict.fromkeys(tp for change in self.changes for tp in change.touchpoints))

    def describe(self, journey: Journey | None = None, language: str | None = None) -> list[str]:
        """Each change in words, in ``language`` (by default the journey's), with names and the values before
        and after when ``journey`` is given (see :meth:`Change.describe`)."""
        from journeymap.experiment.descriptions import describe_changes

        return describe_changes(self.changes, journey, language)

    def __str__(self) -> str:
        return f"{self.name}: " + "; ".join(repr(c) for c in self.changes) if self.changes else self.name


class Named(Protocol):
    """A scenario or an intervention: named, and placed in its file."""

    name: str
    where: Location | None


N = TypeVar("N", bound=Named)


def distinct(items: Iterable[N], kind: type[N], plural: str, check: Callable[[N], None] | None = None) -> list[N]:
    """``items`` as a list, each a ``kind`` (``TypeError`` otherwise), each passing ``check`` (which raises) and
    no two with the same name (:class:`~journeymap.errors.ScenarioError` placed where the second is written)."""
    found: list[N] = []
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, kind):
            raise TypeError(f"expected {kind.__name__} objects (got {type(item).__name__})")
        if check is not None:
            check(item)
        if item.name in seen:
            raise ScenarioError(Scenario._issue(f"two {plural} are named '{item.name}'", item.where))
        seen.add(item.name)
        found.append(item)
    return found


def _not_base(scenario: Scenario) -> None:
    if scenario.name == BASE:
        raise ScenarioError(Scenario._issue(f"'{BASE}' names the unchanged journey: give the scenario another name",
                                            scenario.where))


def one_or_many(value: N | Iterable[N] | str | os.PathLike[str], kind: type[N],
                load: Callable[[str | os.PathLike[str]], list[N]], unique: Callable[[Iterable[N]], list[N]]) -> list[N]:
    """A list of ``kind`` from one of them, a sequence of them (checked by ``unique``), or a file (read by
    ``load``): what the functions that take scenarios or interventions accept."""
    if isinstance(value, kind):
        return [value]
    if isinstance(value, str | os.PathLike):
        return load(value)
    return unique(value)  # type: ignore[arg-type]


def _named(scenarios: Iterable[Scenario]) -> list[Scenario]:
    """The scenarios as a list, checking that names are unique and none is called 'base'."""
    return distinct(scenarios, Scenario, "scenarios", _not_base)


def scenarios_from_data(data: Any, lines: Any = None, *, key: str = "scenarios") -> list[Scenario]:
    """Scenarios from a parsed scenarios document (``{"scenarios": [...]}``); ``lines`` (a
    :class:`~journeymap.experiment.yamlfile.Lines`) places messages in the file."""
    from journeymap.experiment.reading import read_scenarios

    return _named(read_scenarios(data, lines, key=key))


def load_scenarios(path: str | os.PathLike[str]) -> list[Scenario]:
    """The scenarios of a YAML scenarios file (see :mod:`journeymap.experiment.reading` for the format)."""
    from journeymap.experiment.yamlfile import read_yaml

    data, lines = read_yaml(path)
    return scenarios_from_data(data, lines)


def as_scenarios(scenarios: Scenario | Sequence[Scenario] | str | os.PathLike[str]) -> list[Scenario]:
    """A list of uniquely named scenarios from one scenario, a sequence of them, or a scenarios file."""
    return one_or_many(scenarios, Scenario, load_scenarios, _named)


def sample_scenarios(template: str, language: str = "en") -> list[Scenario]:
    """The sample what-if scenarios of a built-in template, read from its file in the catalogue
    (:func:`journeymap.io.catalog.template_path` with ``kind="scenarios"``)."""
    from journeymap.io.catalog import template_path

    return load_scenarios(template_path(template, language, kind="scenarios"))
