"""How drawings and journeys show themselves in Jupyter: scaled to the output's width, readable, with a
link to the full-size SVG.

A drawing of a real journey is thousands of points wide; shown at its own size it would need a wide
scroll, and shown squeezed into a notebook column its text would be 4 px high. :func:`fit_svg` makes
the SVG fit the width available (never enlarged past its own size) but never so small that its
smallest text is under :data:`MIN_TEXT_PX` pixels: below that the output scrolls sideways instead.
:func:`drawing_html` adds the download link ("open full size") in the journey's language. The
workbench's diagram uses the same function for its zoom.

The model knows nothing of drawing, so :class:`~journeymap.model.Journey` has no display method of its
own; :func:`register_formatters` tells IPython's display formatter how to show one (as the graphviz
package's ``jupyter_integration`` does for its sources). ``import journeymap`` registers it in a
running IPython or Jupyter kernel; outside one nothing happens.
"""

from __future__ import annotations

import base64
import html
import re
from typing import Any

from journeymap.model import Journey
from journeymap.text import translator

__all__ = ["HTML", "MIN_TEXT_PX", "SVG", "drawing_html", "fit_svg", "journey_bundle", "register_formatters",
           "smallest_text"]

SVG = "image/svg+xml"
HTML = "text/html"
MIN_TEXT_PX = 9.0
"""The smallest text size, in CSS pixels, a drawing is ever shown at on screen."""

_PROLOG = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!DOCTYPE[^>]*>\s*)?(<!--.*?-->\s*)*", re.DOTALL)
_HEIGHT = re.compile(r'\sheight="[^"]*"')
_WIDTH = re.compile(r'\swidth="([\d.]+)([a-z%]*)"')
_VIEWBOX = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')
_FONT = re.compile(r'font-size="([\d.]+)"')
_PX_PER = {"pt": 4 / 3, "px": 1.0, "": 1.0, "in": 96.0}


def smallest_text(svg: str) -> float:
    """The smallest ``font-size`` in ``svg`` (in its own units; 14 when it sets none)."""
    return min((float(size) for size in _FONT.findall(svg) if float(size) > 0), default=14.0)


def fit_svg(svg: str, zoom: float = 0.0, *, min_text: float = MIN_TEXT_PX) -> str:
    """``svg`` made fit for inline HTML: no XML prolog, and sized by ``zoom``.

    ``0`` fits the width available, scaled down but never up, and never below the width at which its
    smallest text is ``min_text`` pixels high (the page scrolls sideways rather than shrink text further);
    another number scales the drawing's own size (``1.5``: half as large again)."""
    body = _PROLOG.sub("", svg, count=1)
    start = body.find("<svg")
    if start < 0:
        return body
    end = body.find(">", start)
    tag = body[start:end]
    width = _WIDTH.search(tag)
    natural = float(width.group(1)) * _PX_PER.get(width.group(2), 1.0) if width else None
    tag = _HEIGHT.sub("", tag)
    if zoom > 0:
        tag = _WIDTH.sub(lambda m: f' width="{float(m.group(1)) * zoom:g}{m.group(2)}"', tag, count=1)
        tag += ' style="height:auto;display:block;margin:auto"'
    else:
        tag = _WIDTH.sub("", tag, count=1)
        box = _VIEWBOX.search(tag)
        least = float(box.group(1)) * min_text / smallest_text(body) if box else 0.0
        most = f"max-width:{natural:.0f}px;" if natural else "max-width:100%;"
        tag += f' style="width:100%;{most}min-width:{least:.0f}px;height:auto;display:block;margin:auto"'
    return body[:start] + tag + body[end:]


def drawing_html(svg: str, *, language: str | None = None, name: str = "journey.svg") -> str:
    """A drawing as a notebook shows it: fitted to the output's width (:func:`fit_svg`), scrolling sideways
    rather than shrinking text below :data:`MIN_TEXT_PX`, and a link that saves the full-size SVG."""
    words = translator(language)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    link = words.gettext("Open full size (SVG)")
    return (
        f'<div class="journeymap-drawing" style="max-width:100%;overflow-x:auto">{fit_svg(svg)}</div>'
        f'<div style="font-size:0.85em;margin:2px 0 6px"><a download="{html.escape(name)}" target="_blank" '
        f'href="data:image/svg+xml;base64,{data}">{html.escape(link)}</a></div>'
    )


def journey_bundle(journey: Journey, include: Any = None, exclude: Any = None) -> dict[str, Any]:
    """The MIME bundle of ``journey`` in a notebook: its flow view (``include``/``exclude`` honoured)."""
    from journeymap.render import draw

    return draw(journey)._repr_mimebundle_(include, exclude)


def _journey_svg(journey: Journey) -> str:
    return journey_bundle(journey, include=[SVG])[SVG]


def _journey_html(journey: Journey) -> str:
    return journey_bundle(journey, include=[HTML])[HTML]


def register_formatters(shell: Any = None) -> bool:
    """Teach IPython ``shell`` (the running one when ``None``) to show a journey as its flow diagram.

    Returns whether a shell was found. Safe to call more than once."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # IPython is not installed: nothing to register with
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    shell.display_formatter.formatters[SVG].for_type(Journey, _journey_svg)
    shell.display_formatter.formatters[HTML].for_type(Journey, _journey_html)
    return True
