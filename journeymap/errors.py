"""The exceptions and the one record of a problem that every layer reports.

An :class:`Issue` says *where* (file, line, field path) and *what* (a sentence a consultant can act
on). A :class:`JourneyError` carries every issue found at once, so that a user fixes a file in one
pass instead of one error per run.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

__all__ = ["Issue", "JourneyError", "ScenarioError", "did_you_mean", "join"]


@dataclass(frozen=True)
class Issue:
    """One problem found in a journey, a file or a scenario.

    ``path`` is the field path inside the document (``touchpoints[2].next.diagnose``), empty for
    the document as a whole; ``file`` and ``line`` are set when the journey came from a file.
    """

    message: str
    path: str = ""
    severity: Severity = "error"
    file: str | None = None
    line: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def located(self, file: str | None = None, line: int | None = None) -> Issue:
        """The same issue placed in a file (and at a line, when known)."""
        return Issue(self.message, self.path, self.severity, file or self.file, line or self.line)

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        field = f"{self.path}: " if self.path else ""
        tag = "warning: " if self.severity == "warning" else ""
        return f"{where}{tag}{field}{self.message}"


class JourneyError(ValueError):
    """A journey (or its file) is not valid; ``issues`` lists every problem found, errors first."""

    def __init__(self, issues: Issue | str | Iterable[Issue]) -> None:
        if isinstance(issues, str):
            issues = [Issue(issues)]
        elif isinstance(issues, Issue):
            issues = [issues]
        found = list(issues)
        self.issues: tuple[Issue, ...] = tuple(
            sorted(found, key=lambda i: (not i.is_error, i.file or "", i.line or 0))
        )
        super().__init__(self._text())

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.is_error)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if not i.is_error)

    def _text(self) -> str:
        errors = self.errors or self.issues
        if len(errors) == 1:
            return str(errors[0])
        lines = [f"{len(errors)} problems found:"] + [f"  {issue}" for issue in errors]
        return "\n".join(lines)


class ScenarioError(JourneyError):
    """A scenario or intervention cannot be applied to a journey (names the scenario and the change)."""


def did_you_mean(word: str, choices: Sequence[str] | Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix naming the closest valid choice, or ``""`` when none is close."""
    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def join(path: str, key: object) -> str:
    """The path of field ``key`` inside ``path`` (``touchpoints[2]`` + ``next`` → ``touchpoints[2].next``)."""
    return f"{path}.{key}" if path else str(key)
