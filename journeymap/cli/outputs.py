"""Checks on the files a command is asked to write, made before any work starts.

An output must not be one of the command's inputs (``simulate --events in.yaml in.yaml`` would replace
the journey with a CSV), nor the same file as another output, and its suffix must name a format the
option writes (``--events`` takes ``.csv`` or ``.parquet``). :func:`check_outputs` returns the first
problem as a one-line message (``None`` when all is well), for the command to print and exit with 2.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from journeymap.text import translator

__all__ = ["Output", "check_outputs", "same_file"]


@dataclass(frozen=True)
class Output:
    """A file an option asks for: the option (``--events``), the path (``None`` when not given) and the
    suffixes it may have (empty: any)."""

    option: str
    path: str | os.PathLike[str] | None
    suffixes: Sequence[str] = ()


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when the two paths name the same file (through ``..``, symbolic and hard links)."""
    first, second = Path(a), Path(b)
    try:
        if first.exists() and second.exists():
            return os.path.samefile(first, second)
        return first.resolve() == second.resolve()
    except (OSError, RuntimeError, ValueError):
        return os.path.abspath(first) == os.path.abspath(second)


def check_outputs(command: str, inputs: Iterable[str | os.PathLike[str] | None],
                  outputs: Iterable[Output], language: str | None = None) -> str | None:
    """The first problem with ``outputs`` (a suffix the option does not write, a path that is one of the
    ``inputs`` or of the other outputs), as ``journeymap <command>: error: ...`` in ``language`` (``--lang``;
    English when ``None``); ``None`` when there is none."""
    words = translator(language)
    given = [i for i in inputs if i is not None]
    seen: list[Output] = []
    for output in outputs:
        if output.path is None:
            continue
        suffix = Path(output.path).suffix.lower()
        if output.suffixes and suffix not in output.suffixes:
            return words.gettext("journeymap {command}: error: {option} '{path}': use one of {choices}",
                                 command=command, option=output.option, path=output.path,
                                 choices=", ".join(output.suffixes))
        for source in given:
            if same_file(output.path, source):
                return words.gettext("journeymap {command}: error: {option} '{path}' is the input file '{source}'; "
                                     "writing it would replace it: choose another file", command=command,
                                     option=output.option, path=output.path, source=source)
        for other in seen:
            if same_file(output.path, other.path):  # type: ignore[arg-type]
                return words.gettext("journeymap {command}: error: {option} and {other} name the same file '{path}'",
                                     command=command, option=output.option, other=other.option, path=output.path)
        seen.append(output)
    return None
