"""Every exception and warning of journeymap, and the one record of a problem that every layer reports.

An :class:`Issue` says *where* (file, line, field path) and *what* (a sentence a consultant can act
on). A :class:`JourneyError` carries every issue found at once, so that a user fixes a file in one
pass instead of one error per run. Its children say what kind of problem it is::

    JourneyError(ValueError)            a journey, a file or an argument is not valid
    ├── NotFound(LookupError)           a name that names nothing (touchpoint, template, metric...)
    ├── EditError                       an edit cannot be made to this journey
    ├── ScenarioError                   a scenario or intervention cannot be read or applied
    ├── UnitError                       a time, rate or unit cannot be understood
    ├── YamlProblem                     text that is not plain YAML data (io adds the file)
    ├── RunawayError                    a run too large to start, or one that stopped because it ran away
    └── RenderError(RuntimeError)       Graphviz is missing or cannot draw the diagram
    OverloadWarning(UserWarning)        a queue that grows without bound (or is held only by abandonment)
    RunWarning(UserWarning)             a run's figures need care: customers still inside, a large run,
                                        a precision not reached

An argument of the wrong type raises a plain :class:`TypeError` (as attrs does). This module imports
nothing else of journeymap: every layer may raise these.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Literal, TypeVar

Severity = Literal["error", "warning"]

__all__ = [
    "DrawError",
    "EditError",
    "Findings",
    "Issue",
    "JourneyError",
    "NotFound",
    "OverloadWarning",
    "RenderError",
    "RunWarning",
    "RunawayError",
    "ScenarioError",
    "TooLong",
    "UnitError",
    "YamlProblem",
    "clip",
    "did_you_mean",
    "find",
    "join",
]

ECHO_LIMIT = 80
"""The most characters of a value a message repeats (a bad value can be a whole file long)."""


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
        field = f"{_short_path(self.path)}: " if self.path else ""
        tag = "warning: " if self.severity == "warning" else ""
        return f"{where}{tag}{field}{self.message}"


class Findings:
    """What holds ``issues`` (an error, a check's report): its errors and its warnings, in the order held."""

    issues: tuple[Issue, ...]

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.is_error)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if not i.is_error)


class JourneyError(Findings, ValueError):
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

    def _text(self) -> str:
        errors = self.errors or self.issues
        if len(errors) == 1:
            return str(errors[0])
        lines = [f"{len(errors)} problems found:"] + [f"  {issue}" for issue in errors]
        return "\n".join(lines)

    def __str__(self) -> str:  # the issues' text, also for LookupError children (KeyError would quote it)
        return self._text()

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuilt from its issues and attributes, so that it crosses process pools unchanged."""
        return _rebuild, (type(self), self.issues), self.__dict__


def _rebuild(cls: type[JourneyError], issues: tuple[Issue, ...]) -> JourneyError:
    error = cls.__new__(cls)
    JourneyError.__init__(error, issues)
    return error


class NotFound(JourneyError, LookupError):
    """A look-up by name found nothing: no touchpoint, stage, route, template, sample, metric... by that name.

    ``kind`` says what was looked for (``"touchpoint"``), ``name`` what was asked, ``choices`` the valid
    names and ``suggestion`` the closest of them (``None`` when none is close). The message is ``text``
    (default ``no <kind> '<name>'``), a did-you-mean, then ``tail`` (``"; choose one of: a, b"``).
    """

    def __init__(
        self,
        kind: str,
        name: object,
        choices: Iterable[object] = (),
        *,
        text: str | None = None,
        tail: str = "",
        path: str = "",
    ) -> None:
        self.kind = kind
        self.name = name
        self.choices: tuple[str, ...] = tuple(str(c) for c in choices)
        matches = difflib.get_close_matches(str(name), self.choices, n=1, cutoff=0.6)
        self.suggestion: str | None = matches[0] if matches else None
        message = (text or f"no {kind} '{clip(str(name))}'") + did_you_mean(str(name), self.choices) + tail
        super().__init__(Issue(message, path))


class EditError(JourneyError):
    """An edit cannot be made to this journey (a capacity below one, probabilities above 1, a touchpoint
    without a patience to scale...); the message names the argument and what was given."""


class ScenarioError(JourneyError):
    """A scenario or intervention cannot be read or applied to a journey (names the scenario and the change)."""


class UnitError(JourneyError):
    """A time, rate or unit could not be understood; the message says what was expected."""


class YamlProblem(JourneyError):
    """The text cannot be read as plain YAML data; ``line`` is 1-based when known (io adds the file)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(Issue(message, line=line))
        self.message = message
        self.line = line


class RenderError(JourneyError, RuntimeError):
    """Graphviz is missing or could not draw the diagram; the message says how to fix the environment."""


class RunawayError(JourneyError):
    """A run that cannot finish in reason: refused before it starts (its estimated size is above the
    budget) or stopped while it runs (too many events, too many customers inside at once, a cohort
    that does not leave, a loop that holds a customer). The message gives the figure, names the
    touchpoint or the loop, and says how to raise the limit when raising it makes sense."""


class DrawError(ValueError):
    """A distribution gave a time that is negative or not a number during a run (the message names the
    draw); the engine turns it into a :class:`RunawayError`."""


class TooLong(Exception):
    """A customer made more visits than the engine allows: a loop is holding them. ``station`` is the
    index of the touchpoint they were entering; the engine turns it into a :class:`RunawayError`."""

    def __init__(self, station: int) -> None:
        super().__init__(station)
        self.station = station


class OverloadWarning(UserWarning):
    """A touchpoint receives more work than its servers can do (offered load ≥ 1)."""


class RunWarning(UserWarning):
    """Something about a run's figures a reader must know: many customers still inside when it stopped,
    a run estimated to take long, a precision asked for and not reached."""


def _short_path(path: str) -> str:
    """A field path for a message, each step cut at half the echo limit (a key can be a whole file long)."""
    if len(path) <= ECHO_LIMIT:
        return path
    return ".".join(clip(step, ECHO_LIMIT // 2) for step in path.split("."))


def clip(text: str, limit: int = ECHO_LIMIT) -> str:
    """``text`` as a message repeats it: at most ``limit`` characters, cut with an ellipsis (``…``)."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def did_you_mean(word: str, choices: Sequence[str] | Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix naming the closest valid choice, or ``""`` when none is close."""
    word = str(word)
    if len(word) > 4 * ECHO_LIMIT:  # no valid name is that long, and comparing it would take a while
        return ""
    matches = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


T = TypeVar("T")


def find(items: Iterable[T], name: object, kind: str, *, key: Callable[[Any], object] = attrgetter("id"),
         text: str | None = None, tail: str = "") -> T:
    """The first of ``items`` whose ``key`` (by default its ``id``) is ``name``: the one look-up by name of
    the model, the survey and the report. When none is, :class:`NotFound` for a ``kind`` named ``name``,
    with every item's key as the choices, a did-you-mean and the ``text`` and ``tail`` it is given."""
    items = tuple(items)
    for item in items:
        if key(item) == name:
            return item
    raise NotFound(kind, name, [key(item) for item in items], text=text, tail=tail)


def join(path: str, key: object) -> str:
    """The path of field ``key`` inside ``path`` (``touchpoints[2]`` + ``next`` → ``touchpoints[2].next``)."""
    return f"{path}.{key}" if path else str(key)
