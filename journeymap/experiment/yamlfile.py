"""Reading scenarios and interventions files: the journey reader's safe YAML, with the line of every field.

:func:`read_yaml` returns the data and a :class:`Lines` that answers "on which line is
``scenarios[1].changes[0]``?" so that every message can say ``file:line: field: what is wrong``. The
text is read by :mod:`journeymap.io` (the same checks as a journey file); a file that cannot be read
becomes a :class:`~journeymap.errors.ScenarioError` at the line of the fault.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from journeymap.errors import Issue, JourneyError, ScenarioError

__all__ = ["Lines", "parse_yaml", "read_yaml"]


class Lines:
    """The 1-based line of each field path in a YAML document (``a.b[2].c``)."""

    def __init__(self, file: str | None = None, lines: Mapping[str, int] | None = None) -> None:
        self.file = file
        self.lines: dict[str, int] = dict(lines or {})

    def line(self, path: str) -> int | None:
        """The line of ``path``, or of its nearest enclosing field when it is not in the file."""
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.lines.get("")

    def issue(self, path: str, message: str) -> Issue:
        """An :class:`Issue` about ``path`` placed at its line in the file."""
        return Issue(message, path, file=self.file, line=self.line(path))


def _document(read: Any) -> tuple[Any, Lines]:
    """The data and lines of an io-layer document; its problems (duplicate keys...) as ScenarioError."""
    try:
        document = read()
    except JourneyError as exc:
        raise ScenarioError(exc.issues) from None
    if any(issue.is_error for issue in document.issues):
        raise ScenarioError(document.issues)
    return document.data, Lines(document.file, document.lines)


def parse_yaml(text: str, file: str = "<string>") -> tuple[Any, Lines]:
    """Parse YAML ``text`` safely (the journey reader's own YAML: no tags, no alias bombs, no duplicate
    keys); return the data and the line of every field path."""
    from journeymap.io.source import read_text

    return _document(lambda: read_text(text, "yaml", name=file))


def read_yaml(path: str | os.PathLike[str]) -> tuple[Any, Lines]:
    """Read a YAML file with the journey reader; :class:`ScenarioError` with file and line when it cannot
    be read (missing, not text, malformed, not a mapping)."""
    from journeymap.io.source import read_path

    return _document(lambda: read_path(path, "yaml"))
