"""Loading journeys: read the file, build the model, check its meaning, and place every issue at a line.

:func:`check` never raises for bad input and returns a :class:`Report` (what the CLI and notebooks
show); :func:`load`, :func:`loads` and :func:`from_document` return the journey or raise
:class:`~journeymap.errors.JourneyError` holding every problem found.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from journeymap.errors import Findings, Issue, JourneyError
from journeymap.io.parse import parse_document
from journeymap.io.source import Document, read_path, read_text, require_path
from journeymap.model import Journey
from journeymap.model.validation import validate
from journeymap.text import translator

__all__ = ["Report", "check", "from_document", "line_of", "load", "loads"]

_LAST_STEP = re.compile(r"(\.[^.\[]*|\[\d+\])$")


@dataclass(frozen=True)
class Report(Findings):
    """What checking a journey found: the journey (``None`` when there are errors) and every issue,
    errors first, each in file order."""

    journey: Journey | None
    issues: tuple[Issue, ...] = ()
    file: str | None = None

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def summary(self, language: str | None = None) -> str:
        """One line for people, in ``language`` (by default the journey's, else English): ``outage.yaml: ok
        (2 warnings)`` or ``outage.yaml: 3 errors, 1 warning``."""
        words = translator(language or (self.journey.language if self.journey is not None else None))
        name = self.file or words.gettext("journey")
        warnings = words.ngettext("{n} warning", "{n} warnings", len(self.warnings))
        if self.ok:
            if self.warnings:
                return words.gettext("{name}: ok ({warnings})", name=name, warnings=warnings)
            return words.gettext("{name}: ok", name=name)
        errors = words.ngettext("{n} error", "{n} errors", len(self.errors))
        if self.warnings:
            return words.gettext("{name}: {errors}, {warnings}", name=name, errors=errors, warnings=warnings)
        return words.gettext("{name}: {errors}", name=name, errors=errors)

    def journey_or_raise(self) -> Journey:
        """The journey, or :class:`JourneyError` with every issue when there are errors."""
        if self.journey is None or not self.ok:
            raise JourneyError(self.issues)
        return self.journey

    def __str__(self) -> str:
        return "\n".join([*(str(i) for i in self.issues), self.summary()])


def line_of(path: str, lines: Mapping[str, int]) -> int | None:
    """The line of field ``path``, or of the nearest enclosing field written in the file."""
    while path:
        if path in lines:
            return lines[path]
        path = _LAST_STEP.sub("", path) if _LAST_STEP.search(path) else ""
    return None


def _under(path: str, roots: set[str]) -> bool:
    return any(path == r or path.startswith((r + ".", r + "[")) for r in roots)


def _ordered(issues: Iterable[Issue]) -> tuple[Issue, ...]:
    unique = list(dict.fromkeys(issues))
    return tuple(sorted(unique, key=lambda i: (not i.is_error, i.line or 0)))


def _examine(document: Document) -> Report:
    """Build and check the journey of a document; every issue placed in the file."""
    journey, issues, failed = parse_document(document.data)
    semantic = [i for i in validate(journey) if not _under(i.path, failed)]
    if any(i.is_error for i in issues):  # whole-journey warnings would be about the defaults put in
        semantic = [i for i in semantic if i.is_error]
    placed = [i.located(document.file, line_of(i.path, document.lines)) for i in (*issues, *semantic)]
    found = _ordered([*document.issues, *placed])
    ok = not any(i.is_error for i in found)
    return Report(journey if ok else None, found, document.file)


def check(source: str | os.PathLike[str] | Journey, *, format: str | None = None) -> Report:
    """Check a journey file (a path; YAML or JSON by extension, or ``format``), journey text (a
    string holding a line break) or a :class:`Journey`; never raises for bad input."""
    if isinstance(source, Journey):
        issues = _ordered(validate(source))
        return Report(source if not any(i.is_error for i in issues) else None, issues)
    if not isinstance(source, str | os.PathLike):
        got = "None" if source is None else type(source).__name__
        raise TypeError(f"'source' must be a file path, journey text or a Journey (got {got})")
    try:
        if isinstance(source, str) and "\n" in source:
            document = read_text(source, format or "yaml")
        else:
            document = read_path(source, format)
    except JourneyError as exc:
        return Report(None, exc.issues, os.fspath(source) if "\n" not in str(source) else "<string>")
    return _examine(document)


def load(source: str | os.PathLike[str], *, format: str | None = None) -> Journey:
    """The journey in a YAML or JSON file (by extension, or ``format``).

    Raises :class:`JourneyError` whose ``issues`` list every problem found (errors first, then
    warnings), each with file, line and field path; warnings alone do not raise; :class:`TypeError`
    when ``source`` is not a path.
    """
    return check(require_path(source, "source"), format=format).journey_or_raise()


def loads(text: str | bytes, format: str = "yaml", *, name: str = "<string>") -> Journey:
    """The journey in YAML (or JSON) text; ``name`` stands for the file in messages."""
    try:
        document = read_text(text, format, name=name)
    except JourneyError as exc:
        raise JourneyError(exc.issues) from None
    return _examine(document).journey_or_raise()


def from_document(doc: Mapping[str, Any], *, file: str | None = None,
                  lines: Mapping[str, int] | None = None) -> Journey:
    """The journey a document (plain dicts and lists, as :func:`to_document` makes) describes;
    ``file`` and ``lines`` (field path → line) place the issues of a :class:`JourneyError`."""
    if not isinstance(doc, Mapping):
        raise JourneyError(Issue(f"expected a mapping of journey fields, got {type(doc).__name__}", "", "error", file))
    return _examine(Document(dict(doc), file, dict(lines or {}))).journey_or_raise()
