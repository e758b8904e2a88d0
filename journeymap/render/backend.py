"""DOT text → SVG, PNG or PDF bytes.

By default the Graphviz engine bundled in the ``pygraphviz`` wheel does the work, so nothing needs
installing on the machine. ``renderer="system"`` uses a Graphviz installed on the system instead
(the ``dot`` executable, through the ``graphviz`` package). Graphviz's own complaints become a
:class:`RenderError` that says what went wrong; its harmless warnings are dropped.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Literal

from journeymap.errors import RenderError
from journeymap.render.limits import check_dpi

__all__ = ["ENGINES", "FORMATS", "RENDERERS", "render"]

FORMATS: tuple[str, ...] = ("svg", "png", "pdf")
ENGINES: tuple[str, ...] = ("dot", "nop2", "neato", "circo")
"""Layout engines the views use: ``dot`` (ranked), ``nop2`` (every position given, as ``neato -n2``)."""
RENDERERS: tuple[str, ...] = ("bundled", "system")

Renderer = Literal["bundled", "system"]


def _check(value: str, choices: tuple[str, ...], what: str) -> None:
    if value not in choices:
        raise ValueError(f"'{what}' must be one of {', '.join(choices)} (got {value!r})")


def render(
    source: str,
    format: str = "svg",
    *,
    engine: str = "dot",
    dpi: float | None = None,
    renderer: Renderer = "bundled",
) -> bytes:
    """Lay out and draw DOT ``source`` as ``format`` bytes with layout ``engine``.

    ``dpi`` sets the resolution of PNG output (Graphviz's default is 96)."""
    _check(format, FORMATS, "format")
    _check(engine, ENGINES, "engine")
    _check(renderer, RENDERERS, "renderer")
    if dpi is not None:
        dpi = check_dpi(dpi)
    if renderer == "system":
        return _render_system(source, format, engine, dpi)
    try:
        import pygraphviz
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise RenderError("pygraphviz is not installed: pip install 'pygraphviz>=2'") from exc
    with _quiet() as said, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Graphviz warnings (font substitution, etc.) are not the user's concern
        try:
            graph = pygraphviz.AGraph(string=source)
        except (pygraphviz.DotError, ValueError) as exc:
            raise RenderError(f"Graphviz could not read the diagram: {exc}{_detail(said)}") from exc
        args = f"-Gdpi={dpi:g}" if dpi is not None and format == "png" else ""
        try:
            data = graph.draw(format=format, prog=engine, args=args)
        except (ValueError, OSError) as exc:
            raise RenderError(f"Graphviz could not draw the diagram as {format}: {exc}{_detail(said)}") from exc
    if not data:
        raise RenderError(f"Graphviz produced no {format} output")
    return bytes(data)


_STDERR_LOCK = threading.Lock()


@contextlib.contextmanager
def _quiet() -> Iterator[Callable[[], str]]:
    """Keep what the Graphviz C library writes to the process's stderr (warnings, fontconfig notes) out of
    the user's terminal; yields a function returning what was written so far, to explain a failure."""
    with _STDERR_LOCK, tempfile.TemporaryFile() as sink:

        def said() -> str:
            sink.seek(0)
            text = sink.read().decode("utf-8", errors="replace")
            sink.seek(0, os.SEEK_END)
            return text

        try:
            sys.stderr.flush()
            saved = os.dup(2)
        except (OSError, ValueError):  # no real stderr (some embedded interpreters): nothing to hide
            yield said
            return
        os.dup2(sink.fileno(), 2)
        try:
            yield said
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _detail(said: Callable[[], str]) -> str:
    """Graphviz's own words about an error, as a parenthesis (empty when it said nothing useful)."""
    lines = [line.strip() for line in said().splitlines() if line.startswith("Error")]
    return f" ({'; '.join(lines)})" if lines else ""


def _render_system(source: str, format: str, engine: str, dpi: float | None) -> bytes:
    """Run the system's Graphviz executable (``neato -n2`` for the ``nop2`` engine)."""
    command = [("neato" if engine == "nop2" else engine), f"-T{format}"]
    if engine == "nop2":
        command.append("-n2")
    if dpi is not None and format == "png":
        command.append(f"-Gdpi={dpi:g}")
    try:
        done = subprocess.run(command, input=source.encode("utf-8"), capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise RenderError(
            f"renderer='system' needs Graphviz's '{command[0]}' on the PATH; install Graphviz or use renderer='bundled'"
        ) from exc
    if done.returncode != 0:
        raise RenderError(f"Graphviz '{command[0]}' failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout
