"""The action plan's quadrants: their machine names, in plan order, and the names people read.

Code and machine columns stay in English (``quadrant`` = ``quick_win``...); what people read (the
Markdown table, the chart, the Mermaid chart, the localised ``quadrant_label`` column) follows the
journey's ``language`` through :mod:`journeymap.text`'s catalogues.
"""

from __future__ import annotations

from journeymap.text import N_, translator

__all__ = ["QUADRANTS", "QUADRANT_NAMES", "quadrant_label"]

QUADRANTS: tuple[str, ...] = ("quick_win", "big_bet", "fill_in", "time_sink")
"""The quadrants' machine names, in the order an action plan lists them."""

QUADRANT_NAMES: dict[str, str] = {
    "quick_win": N_("Quick wins"),
    "big_bet": N_("Big bets"),
    "fill_in": N_("Fill-ins"),
    "time_sink": N_("Time sinks"),
}
"""The name of each quadrant, in English (translated by :func:`quadrant_label`)."""


def quadrant_label(quadrant: str, language: str = "en") -> str:
    """The name people read for a quadrant (``quick_win`` → ``Quick wins`` / ``Ganancias rápidas``)."""
    return translator(language).gettext(QUADRANT_NAMES[quadrant])
