"""A drawing on paper: a PDF of exactly the page asked for (A4 or A3, landscape), text never below 8 pt.

Graphviz writes a PDF whose page is the drawing's own size. :func:`on_paper` puts that drawing on a
page of exactly the paper's size: scaled to fill the page inside its margins and centred, when the
smallest text in it still prints at :data:`MIN_TEXT` points or more; otherwise at the scale that keeps
the smallest text at :data:`MIN_TEXT` and spread over as many pages as it needs (a poster to tape
together: neighbouring pages overlap by the margin). The composition is done with ``pypdf``.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from journeymap.render.text import text_width

__all__ = ["MARGIN", "MIN_TEXT", "Layout", "font_sizes", "layout", "on_paper", "smallest_font"]

MIN_TEXT = 8.0
"""The smallest printed text size, in points."""
MARGIN = 0.4 * 72
"""The blank margin round each page, in points."""

_SIZE = re.compile(r'(?:POINT-SIZE|fontsize)="([\d.]+)"', re.IGNORECASE)


def font_sizes(dot: str) -> list[float]:
    """Every text size a DOT source asks for (``fontsize`` attributes and ``POINT-SIZE`` of labels)."""
    return [float(size) for size in _SIZE.findall(dot) if float(size) > 0]


def smallest_font(dot: str) -> float:
    """The smallest text size in ``dot`` (14, Graphviz's default, when it sets none)."""
    return min(font_sizes(dot), default=14.0)


@dataclass(frozen=True)
class Layout:
    """How a drawing of ``size`` points goes on paper: the ``scale``, and ``columns`` × ``rows`` pages."""

    page: tuple[float, float]
    size: tuple[float, float]
    scale: float
    columns: int = 1
    rows: int = 1

    @property
    def pages(self) -> int:
        return self.columns * self.rows


def layout(size: tuple[float, float], page: tuple[float, float], smallest: float) -> Layout:
    """The scale and the pages for a drawing of ``size`` (points) whose smallest text is ``smallest`` points."""
    width, height = size
    room = (page[0] - 2 * MARGIN, page[1] - 2 * MARGIN)
    fit = min(room[0] / width, room[1] / height)
    least = MIN_TEXT / smallest
    if fit >= least:
        return Layout(page, size, fit)
    columns = math.ceil(width * least / room[0] - 1e-9)
    rows = math.ceil(height * least / room[1] - 1e-9)
    return Layout(page, size, least, columns, rows)


def on_paper(
    pdf: bytes, page: tuple[float, float], smallest: float, footer: Callable[[int, int, int], str] | None = None
) -> tuple[bytes, Layout]:
    """The one-page PDF ``pdf`` (as Graphviz writes it) placed on pages of exactly ``page`` points
    (see the module's docstring); returns the new PDF and the layout used. When the drawing needs
    several pages, ``footer(number, row, column)`` (1-based) is printed in each page's bottom margin.

    Each page holds the drawing's own content stream between a ``cm`` (scale and move) and the end of
    the page, so nothing is parsed or re-encoded however large the drawing."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ContentStream, DictionaryObject, NameObject

    reader = PdfReader(io.BytesIO(pdf))
    source = reader.pages[0]
    box = source.mediabox
    size = (float(box.width), float(box.height))
    plan = layout(size, page, smallest)
    width, height = page
    drawn = (size[0] * plan.scale, size[1] * plan.scale)
    room = (width - 2 * MARGIN, height - 2 * MARGIN)
    content = source.get_contents()
    drawing = content.get_data() if content is not None else b""
    writer = PdfWriter()
    resources = source["/Resources"].get_object().clone(writer)  # fonts and images, shared by every page
    if plan.pages > 1 and footer is not None:
        fonts = resources.setdefault(NameObject("/Font"), DictionaryObject()).get_object()
        fonts[NameObject(_FOOTER_FONT)] = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        })
    shared = writer._add_object(resources)  # one resource dictionary for all the pages
    for row in range(plan.rows):
        for column in range(plan.columns):
            if plan.pages == 1:  # centred on the page
                dx, dy = (width - drawn[0]) / 2, (height - drawn[1]) / 2
            else:  # this page's window of the drawing, from its top left corner
                dx = MARGIN - column * room[0]
                dy = height - MARGIN - drawn[1] + row * room[1]
            dx -= float(box.left) * plan.scale
            dy -= float(box.bottom) * plan.scale
            sheet = writer.add_blank_page(width, height)
            sheet[NameObject("/Resources")] = shared
            note = b""
            if plan.pages > 1 and footer is not None:
                note = _footer_ops(footer(row * plan.columns + column + 1, row + 1, column + 1), width)
            move = f"q {plan.scale:.6f} 0 0 {plan.scale:.6f} {dx:.3f} {dy:.3f} cm\n".encode("ascii")
            stream = ContentStream(None, writer)
            stream.set_data(move + drawing + b"\nQ\n" + note)
            sheet.replace_contents(stream)
            sheet.compress_content_streams()
    if reader.metadata:
        writer.add_metadata({k: v for k, v in reader.metadata.items() if isinstance(k, str)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), plan


_FOOTER_FONT = "/JMFooter"


def _footer_ops(text: str, width: float) -> bytes:
    """PDF operators printing ``text`` in small grey Helvetica at the bottom right, inside the margin."""
    encoded = text.encode("cp1252", errors="replace")
    escaped = encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    x = width - MARGIN - text_width(text, MIN_TEXT)
    return (f"q 0.37 g BT {_FOOTER_FONT} {MIN_TEXT:g} Tf {x:.2f} {MARGIN / 3:.2f} Td (".encode("ascii")
            + escaped + b") Tj ET Q\n")
