"""From a path or a string to plain data plus a line map, refusing bad files with one clear line each.

Everything that can go wrong before the journey's fields are looked at is caught here: a missing
file, a directory, a file too large, binary or non-UTF-8 bytes, an empty file, malformed YAML or
JSON (with the line of the syntax error), unsafe YAML (tags, alias bombs) and a top level that is
not a mapping. Each raises :class:`~journeymap.errors.JourneyError` holding a single issue.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from journeymap.errors import Issue, JourneyError, YamlProblem, clip
from journeymap.io.yamlcore import compose

__all__ = ["MAX_BYTES", "Document", "Format", "format_of", "read_path", "read_text", "require_path"]

Format = Literal["yaml", "json"]
MAX_BYTES = 10 * 1024 * 1024
"""The largest file read (10 MB): a journey of a thousand touchpoints is well under 1 MB."""

_EXTENSIONS: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
_LONG_NUMBER = re.compile(r"\d{4301,}")


@dataclass(frozen=True)
class Document:
    """A journey document as plain data: where it came from, the line of each field path, and the
    problems found while reading it (duplicate keys) as issues."""

    data: dict[str, Any]
    file: str | None = None
    lines: dict[str, int] = field(default_factory=dict)
    issues: tuple[Issue, ...] = ()


def require_path(value: object, name: str = "path") -> str | os.PathLike[str]:
    """``value`` when it is a file path (``str`` or ``os.PathLike``); a :class:`TypeError` naming the
    argument otherwise: ``'path' must be a file path, str or os.PathLike (got int 123)``."""
    if isinstance(value, str | os.PathLike):
        return value
    got = "None" if value is None else f"{type(value).__name__} {clip(repr(value))}"
    raise TypeError(f"'{name}' must be a file path, str or os.PathLike (got {got})")


def _fail(file: str | None, message: str, line: int | None = None) -> JourneyError:
    return JourneyError(Issue(message, "", "error", file, line))


def format_of(path: str | os.PathLike[str], format: str | None = None) -> Format:
    """The format to read or write ``path`` in: ``format`` when given, else from the extension
    (YAML when the extension says nothing, since YAML reads JSON too)."""
    if format is not None:
        key = str(format).lower().lstrip(".")
        if key in ("yaml", "yml"):
            return "yaml"
        if key == "json":
            return "json"
        raise _fail(os.fspath(path), f"unknown format '{format}' (expected 'yaml' or 'json')")
    return _EXTENSIONS.get(Path(path).suffix.lower(), "yaml")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _decode(data: bytes, file: str | None) -> str:
    """The bytes as text, refusing UTF-16, binary data and anything that is not UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _fail(file, "the file is UTF-16 text; save it as UTF-8")
    if b"\0" in data:
        raise _fail(file, "not a text file (it holds NUL bytes); expected YAML or JSON text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _fail(file, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at line {line}); save the file as UTF-8",
                    line) from None


def read_path(path: str | os.PathLike[str], format: str | None = None) -> Document:
    """Read a journey file (YAML or JSON by extension, or ``format``) as a :class:`Document`."""
    file = os.fspath(require_path(path))
    target = Path(path)
    try:
        if target.is_dir():
            raise _fail(file, "is a directory, expected a YAML or JSON file")
        if not target.exists():
            raise _fail(file, "no such file")
        if not target.is_file():
            raise _fail(file, "not a regular file, expected a YAML or JSON file")
        with target.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _fail(file, f"cannot read the file ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        size = max(len(data), target.stat().st_size)
        raise _fail(file, f"file too large ({_megabytes(size)}; the limit is {MAX_BYTES // 1024 // 1024} MB)")
    return _parse(_decode(data, file), format_of(path, format), file)


def read_text(text: str | bytes, format: str = "yaml", *, name: str = "<string>") -> Document:
    """Read journey text (YAML, or JSON with ``format="json"``) as a :class:`Document`; ``name``
    stands for the file in messages."""
    if not isinstance(text, str | bytes):
        got = "None" if text is None else f"{type(text).__name__} {clip(repr(text))}"
        raise TypeError(f"'text' must be str or bytes (got {got}): for a file, use jm.load(path)")
    data = text if isinstance(text, bytes) else str(text).encode("utf-8", "surrogatepass")
    if len(data) > MAX_BYTES:
        raise _fail(name, f"text too large ({_megabytes(len(data))}; the limit is {MAX_BYTES // 1024 // 1024} MB)")
    decoded = _decode(data, name) if isinstance(text, bytes) else str(text)
    return _parse(decoded, format_of(name, format), name)


def _parse(text: str, format: Format, file: str | None) -> Document:
    if not text.strip():
        raise _fail(file, "the file is empty")
    if format == "json":
        data, lines, problems = _json(text, file)
    else:
        try:
            composed = compose(text)
        except YamlProblem as exc:
            raise _fail(file, exc.message, exc.line) from None
        data, lines, problems = composed.data, composed.lines, composed.problems
        if data is None:
            raise _fail(file, "the file holds no data (only comments or blank lines)")
    if not isinstance(data, dict):
        raise _fail(file, f"expected a mapping of journey fields (title, stages, touchpoints...) at the top level, "
                          f"got {_kind(data)}", 1 if lines or format == "yaml" else None)
    issues = tuple(Issue(message, path, "error", file, lines.get(path)) for message, path in problems)
    return Document(data, file, lines, issues)


def _json(text: str, file: str | None) -> tuple[Any, dict[str, int], list[tuple[str, str]]]:
    """JSON read with :mod:`json` (the authority on the syntax); lines (and duplicate keys) come from
    reading the same text as YAML, which understands nearly all JSON. Without them, no lines."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(file, f"malformed JSON: {clip(exc.msg)} (column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise _fail(file, "nested too deeply") from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        match = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, match.start()) + 1 if match else None
        raise _fail(file, "a number of more than 4,300 digits" + (f" ('{clip(match.group())}')" if match else ""),
                    line) from None
    try:
        composed = compose(text)
    except YamlProblem:
        return data, {}, []
    if composed.data != data:  # YAML read it differently: trust JSON, keep no lines
        return data, {}, []
    return data, composed.lines, composed.problems


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {clip(value)!r}"
    return f"the value {clip(repr(value))}"
