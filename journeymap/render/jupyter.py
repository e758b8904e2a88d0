"""How journeys show themselves in Jupyter: as their flow diagram, registered from the rendering side.

The model knows nothing of drawing, so :class:`~journeymap.model.Journey` has no display method of
its own; instead this module tells IPython's display formatter how to show one (as the graphviz
package's ``jupyter_integration`` does for its sources). ``import journeymap`` registers it in a
running IPython or Jupyter kernel; outside one nothing happens.
"""

from __future__ import annotations

from typing import Any

from journeymap.model import Journey

__all__ = ["journey_bundle", "register_formatters"]

SVG = "image/svg+xml"


def journey_bundle(journey: Journey, include: Any = None, exclude: Any = None) -> dict[str, Any]:
    """The MIME bundle of ``journey`` in a notebook: its flow view as SVG (``include``/``exclude`` honoured)."""
    from journeymap.render import draw

    return draw(journey)._repr_mimebundle_(include, exclude)


def _journey_svg(journey: Journey) -> str:
    return journey_bundle(journey)[SVG]


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
    return True
