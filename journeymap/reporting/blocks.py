"""The pieces a report's sections are made of: paragraphs, bullet lists, tables and figures.

They hold plain text (never HTML): the template escapes every piece, so a label typed by anyone
(``<script>``, quotes, braces) prints as written. Figures are ``data:`` URIs, so the document asks no
server for anything.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from journeymap.text import number

__all__ = ["Block", "Bullets", "Figure", "Paragraphs", "Section", "Table", "chart_uri", "sentence_case", "svg_uri",
           "table_of"]


@dataclass(frozen=True)
class Paragraphs:
    """Sentences, one paragraph each."""

    lines: tuple[str, ...]
    kind: str = "paragraphs"


@dataclass(frozen=True)
class Bullets:
    """A list of points, with an optional lead-in sentence."""

    items: tuple[str, ...]
    lead: str = ""
    kind: str = "bullets"


@dataclass(frozen=True)
class Table:
    """A table: ``headers``, ``rows`` of text, the columns aligned right (numbers), a caption."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    caption: str = ""
    kind: str = "table"


@dataclass(frozen=True)
class Figure:
    """An image as a ``data:`` URI with its alternative text and caption; ``wide`` ones get a landscape page."""

    uri: str
    alt: str
    caption: str = ""
    wide: bool = False
    kind: str = "figure"


Block = Paragraphs | Bullets | Table | Figure


@dataclass(frozen=True)
class Section:
    """One section of the report: its key (the HTML ``id``), title and blocks; ``wide`` sections print on
    landscape pages."""

    key: str
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    wide: bool = False


def _cell(value: Any, language: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return "" if isinstance(value, float) and not math.isfinite(value) else number(value, language)
    return " ".join(str(value).split())


def table_of(frame: Any, language: str, *, index: bool = False, columns: Sequence[str] | None = None,
             headers: Sequence[str] | None = None, caption: str = "") -> Table:
    """A :class:`Table` of a pandas DataFrame (its ``columns``, and the index first when ``index``),
    numbers written in ``language``'s style; ``headers`` replace the column names. Columns empty in
    every row are left out."""
    chosen = list(columns) if columns is not None else list(frame.columns)
    rows: list[tuple[str, ...]] = []
    numeric: set[int] = set()
    for key, row in frame.iterrows():
        cells = [_cell(key, language)] if index else []
        cells += [_cell(row[c], language) for c in chosen]
        rows.append(tuple(cells))
    offset = 1 if index else 0
    for k, c in enumerate(chosen):
        if frame[c].dtype.kind in "iuf":
            numeric.add(k + offset)
    names = list(headers) if headers is not None else ([str(frame.index.name or "")] if index else []) + [
        sentence_case(str(c)) for c in chosen]
    kept = [k for k in range(len(names)) if any(row[k] for row in rows) or not rows]  # no empty columns
    return Table(tuple(names[k] for k in kept), tuple(tuple(row[k] for k in kept) for row in rows),
                 frozenset(kept.index(k) for k in numeric if k in kept), caption)


def sentence_case(text: str) -> str:
    """``text`` with its first letter in capitals (``goal rate`` → ``Goal rate``), the rest untouched."""
    return text[:1].upper() + text[1:]


def svg_uri(svg: str | bytes) -> str:
    """An SVG document as a ``data:`` URI."""
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def chart_uri(figure: Any) -> str:
    """A matplotlib figure as an SVG ``data:`` URI (text drawn as paths, no date), the figure closed."""
    import matplotlib.pyplot as plt

    out = io.BytesIO()
    try:
        figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    finally:
        plt.close(figure)
    return svg_uri(out.getvalue())


def bullets(items: Iterable[str], lead: str = "") -> Bullets:
    """A :class:`Bullets` of ``items``."""
    return Bullets(tuple(items), lead)
