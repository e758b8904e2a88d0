"""A :class:`Drawing`: one view of a journey, ready to show in Jupyter or to save in any format."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeymap.io.atomic import write_bytes, write_text
from journeymap.io.writers import stamp_pdf
from journeymap.model import Journey
from journeymap.render.backend import Renderer, render

__all__ = ["SAVE_FORMATS", "Drawing"]

SAVE_FORMATS: dict[str, str] = {
    ".svg": "SVG image",
    ".png": "PNG image",
    ".pdf": "PDF document",
    ".dot": "Graphviz DOT source",
    ".gv": "Graphviz DOT source",
    ".mmd": "Mermaid journey diagram",
}
"""File suffixes :meth:`Drawing.save` understands, with what each writes."""


def check_suffix(path: str | os.PathLike[str]) -> str:
    """The lower-case suffix of ``path`` if :meth:`Drawing.save` can write it; ``ValueError`` listing the valid ones."""
    suffix = Path(path).suffix.lower()
    if suffix not in SAVE_FORMATS:
        valid = ", ".join(SAVE_FORMATS)
        given = f"'{suffix}'" if suffix else "no extension"
        raise ValueError(f"cannot tell what to write from {given} in '{path}'; use one of: {valid}")
    return suffix


@dataclass(eq=False)
class Drawing:
    """One view of a journey: its DOT source and the engine that lays it out.

    ``drawing.svg()`` returns SVG text, ``.png(dpi=150)`` and ``.pdf()`` bytes, ``.save(path)`` writes
    the format its suffix names; in Jupyter the drawing shows itself as SVG."""

    dot: str
    engine: str
    journey: Journey | None = None
    view: str = "flow"
    renderer: Renderer = "bundled"
    _svg: str | None = field(default=None, repr=False)

    def svg(self) -> str:
        """The drawing as SVG text (computed once, then kept)."""
        if self._svg is None:
            self._svg = render(self.dot, "svg", engine=self.engine, renderer=self.renderer).decode("utf-8")
        return self._svg

    def png(self, dpi: float = 96) -> bytes:
        """The drawing as PNG bytes at ``dpi`` dots per inch."""
        return render(self.dot, "png", engine=self.engine, dpi=dpi, renderer=self.renderer)

    def pdf(self) -> bytes:
        """The drawing as a PDF document (dated ``SOURCE_DATE_EPOCH`` when that is set, for reproducible files)."""
        return stamp_pdf(render(self.dot, "pdf", engine=self.engine, renderer=self.renderer))

    def mermaid(self, actor: str = "channel") -> str:
        """The journey as a Mermaid ``journey`` diagram (see :func:`journeymap.render.to_mermaid`)."""
        if self.journey is None:
            raise ValueError("this drawing was made from DOT text alone; Mermaid needs the journey")
        from journeymap.render.mermaid import to_mermaid

        return to_mermaid(self.journey, actor=actor)

    def save(self, path: str | os.PathLike[str], *, dpi: float | None = None, actor: str = "channel") -> Path:
        """Write the drawing to ``path`` in the format its suffix names (``.svg``, ``.png``, ``.pdf``,
        ``.dot``/``.gv``, ``.mmd``), atomically; ``dpi`` applies to PNG, ``actor`` (``channel`` or
        ``owner``) to Mermaid. Returns the path."""
        suffix = check_suffix(path)
        if suffix in (".dot", ".gv"):
            return write_text(path, self.dot)
        if suffix == ".mmd":
            return write_text(path, self.mermaid(actor))
        if suffix == ".svg":
            return write_text(path, self.svg())
        if suffix == ".png":
            return write_bytes(path, self.png(dpi=dpi or 96))
        return write_bytes(path, self.pdf())

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """Jupyter display: the SVG (honouring ``include``/``exclude`` like IPython does)."""
        mimetype = "image/svg+xml"
        if (include is not None and mimetype not in include) or (exclude is not None and mimetype in exclude):
            return {}
        return {mimetype: self.svg()}

    def __repr__(self) -> str:
        title = f" of {self.journey.title!r}" if self.journey is not None else ""
        return f"<Drawing: {self.view} view{title}, {len(self.dot):,} characters of DOT, engine {self.engine}>"
