"""A :class:`Drawing`: one view of a journey, ready to show in Jupyter or to save in any format."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeymap.errors import RenderError
from journeymap.io.atomic import write_bytes, write_text
from journeymap.io.writers import stamp_pdf
from journeymap.model import Journey
from journeymap.render.backend import Renderer, render
from journeymap.render.limits import check_dpi, check_pixels
from journeymap.render.paper import on_paper, smallest_font

__all__ = ["SAVE_FORMATS", "Drawing"]

SAVE_FORMATS: dict[str, str] = {
    ".svg": "SVG image",
    ".png": "PNG image",
    ".pdf": "PDF document",
    ".dot": "Graphviz DOT source",
    ".gv": "Graphviz DOT source",
    ".mmd": "Mermaid journey diagram or flowchart",
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
    the format its suffix names; in Jupyter the drawing shows itself scaled to the output's width.
    ``page`` (width, height in points) puts the PDF on exactly that paper (see
    :mod:`journeymap.render.paper`) and gives the SVG that size."""

    dot: str
    engine: str
    journey: Journey | None = None
    view: str = "flow"
    renderer: Renderer = "bundled"
    page: tuple[float, float] | None = None
    _svg: str | None = field(default=None, repr=False)

    def svg(self) -> str:
        """The drawing as SVG text (computed once, then kept)."""
        if self._svg is None:
            self._svg = render(self.dot, "svg", engine=self.engine, renderer=self.renderer).decode("utf-8")
        if self.page is not None:
            return _on_page(self._svg, self.page)
        return self._svg

    def png(self, dpi: float = 96) -> bytes:
        """The drawing as PNG bytes at ``dpi`` dots per inch (at most :data:`~journeymap.render.limits.MAX_DPI`,
        and refused before drawing when the image would pass :data:`~journeymap.render.limits.MAX_PIXELS`)."""
        dpi = check_dpi(dpi)
        check_pixels(*self.size, dpi)
        return render(self.dot, "png", engine=self.engine, dpi=dpi, renderer=self.renderer)

    @property
    def size(self) -> tuple[float, float]:
        """The drawing's own width and height, in points (from its SVG)."""
        self.svg()
        match = _SVG_POINTS.search(self._svg or "")
        if match is None:  # pragma: no cover - Graphviz always sizes its SVG in points
            raise RenderError("Graphviz gave the SVG no size")
        return float(match.group(1)), float(match.group(2))

    def pdf(self) -> bytes:
        """The drawing as a PDF document: on pages of exactly :attr:`page` when one is set, text at 8 pt
        or more (:func:`journeymap.render.paper.on_paper`); dated ``SOURCE_DATE_EPOCH`` when that is set,
        for reproducible files."""
        data = stamp_pdf(render(self.dot, "pdf", engine=self.engine, renderer=self.renderer))
        if self.page is None:
            return data
        return stamp_pdf(on_paper(data, self.page, smallest_font(self.dot), self._footer)[0])

    def _footer(self, number: int, row: int, column: int) -> str:
        """The note in the margin of each page of a drawing spread over several pages."""
        from journeymap.text import translator

        words = translator(self.journey.language if self.journey is not None else None)
        return words.gettext("page {number} · row {row}, column {column}", number=number, row=row, column=column)

    def mermaid(self, actor: str = "channel", *, kind: str = "journey", every_step: bool = False) -> str:
        """The journey in Mermaid: ``kind="journey"`` (the customer's journey, see
        :func:`journeymap.render.to_mermaid`; ``every_step`` adds backstage and support) or
        ``"flowchart"`` (the routing graph, :func:`journeymap.render.to_flowchart`)."""
        if self.journey is None:
            raise ValueError("this drawing was made from DOT text alone; Mermaid needs the journey")
        from journeymap.render.mermaid import MERMAID_KINDS, to_flowchart, to_mermaid

        if kind not in MERMAID_KINDS:
            raise ValueError(f"'kind' must be one of {', '.join(MERMAID_KINDS)} (got {kind!r})")
        if kind == "flowchart":
            return to_flowchart(self.journey)
        return to_mermaid(self.journey, actor=actor, every_step=every_step)

    def save(
        self,
        path: str | os.PathLike[str],
        *,
        dpi: float | None = None,
        actor: str = "channel",
        mermaid: str = "journey",
        every_step: bool = False,
    ) -> Path:
        """Write the drawing to ``path`` in the format its suffix names (``.svg``, ``.png``, ``.pdf``,
        ``.dot``/``.gv``, ``.mmd``), atomically; ``dpi`` applies to PNG; ``mermaid`` (``journey`` or
        ``flowchart``), ``actor`` (``channel`` or ``owner``) and ``every_step`` to Mermaid. Returns the path."""
        suffix = check_suffix(path)
        if suffix in (".dot", ".gv"):
            return write_text(path, self.dot)
        if suffix == ".mmd":
            return write_text(path, self.mermaid(actor, kind=mermaid, every_step=every_step))
        if suffix == ".svg":
            return write_text(path, self.svg())
        if suffix == ".png":
            return write_bytes(path, self.png(dpi=dpi or 96))
        return write_bytes(path, self.pdf())

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """Jupyter display: HTML that fits the drawing to the output's width (text never under 9 px, a
        link to the full-size SVG), and the SVG itself for front ends without HTML (``include`` and
        ``exclude`` honoured as IPython does)."""
        from journeymap.render.jupyter import HTML, SVG, drawing_html

        def wanted(mimetype: str) -> bool:
            return (include is None or mimetype in include) and (exclude is None or mimetype not in exclude)

        bundle: dict[str, Any] = {}
        if wanted(HTML):
            language = self.journey.language if self.journey is not None else None
            bundle[HTML] = drawing_html(self.svg(), language=language, name=f"journey-{self.view}.svg")
        if wanted(SVG):
            bundle[SVG] = self.svg()
        return bundle

    def __repr__(self) -> str:
        title = f" of {self.journey.title!r}" if self.journey is not None else ""
        return f"<Drawing: {self.view} view{title}, {len(self.dot):,} characters of DOT, engine {self.engine}>"


_SVG_POINTS = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"')
_SVG_SIZE = re.compile(r'(<svg\b[^>]*?)\swidth="[^"]*"\s+height="[^"]*"')


def _on_page(svg: str, page: tuple[float, float]) -> str:
    """``svg`` given the page's size; its ``viewBox`` stays, so the drawing is scaled to fit and centred."""
    width, height = page
    return _SVG_SIZE.sub(lambda m: f'{m.group(1)} width="{width:.0f}pt" height="{height:.0f}pt"', svg, count=1)
