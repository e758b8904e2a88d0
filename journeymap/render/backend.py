"""DOT text → SVG, PNG or PDF bytes.

By default the Graphviz engine bundled in the ``pygraphviz`` wheel does the work, so nothing needs
installing on the machine. ``renderer="system"`` uses a Graphviz installed on the system instead
(the ``dot`` executable, through the ``graphviz`` package). Graphviz's own complaints become a
:class:`RenderError` that says what went wrong; its harmless warnings are dropped.
"""

from __future__ import annotations

import subprocess
import warnings
from typing import Literal

__all__ = ["ENGINES", "FORMATS", "RENDERERS", "RenderError", "render"]

FORMATS: tuple[str, ...] = ("svg", "png", "pdf")
ENGINES: tuple[str, ...] = ("dot", "nop2", "neato", "circo")
"""Layout engines the views use: ``dot`` (ranked), ``nop2`` (every position given, as ``neato -n2``)."""
RENDERERS: tuple[str, ...] = ("bundled", "system")

Renderer = Literal["bundled", "system"]


class RenderError(RuntimeError):
    """Graphviz could not draw a graph (the message says why and how to fix the environment)."""


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
    if dpi is not None and not (dpi > 0):
        raise ValueError(f"'dpi' must be a positive number (got {dpi!r})")
    if renderer == "system":
        return _render_system(source, format, engine, dpi)
    try:
        import pygraphviz
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise RenderError("pygraphviz is not installed: pip install 'pygraphviz>=2'") from exc
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Graphviz warnings (font substitution, etc.) are not the user's concern
        try:
            graph = pygraphviz.AGraph(string=source)
        except (pygraphviz.DotError, ValueError) as exc:
            raise RenderError(f"Graphviz could not read the diagram: {exc}") from exc
        args = f"-Gdpi={dpi:g}" if dpi is not None and format == "png" else ""
        try:
            data = graph.draw(format=format, prog=engine, args=args)
        except (ValueError, OSError) as exc:
            raise RenderError(f"Graphviz could not draw the diagram as {format}: {exc}") from exc
    if not data:
        raise RenderError(f"Graphviz produced no {format} output")
    return bytes(data)


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
