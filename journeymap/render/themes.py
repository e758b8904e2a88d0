"""Looks for the three audiences of a diagram, and printable page sizes.

``default`` suits screens and notebooks; ``workshop`` is for a projector: type nearly twice as large
*relative to the drawing* (the spacing grows less than the type, owners and requirements stay in the
tooltips, names wrap shorter) and thick lines; ``print`` reads in greyscale, telling channels apart by
their badge and border style and route kinds by line style instead of by colour.

Page sizes are the ISO sizes in points, landscape.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.errors import NotFound

__all__ = ["PAGES", "THEMES", "Theme", "get_theme", "page_size"]


@dataclass(frozen=True)
class Theme:
    """Type sizes (points), line widths and colour use of a drawing."""

    name: str
    fontsize: float = 11.0
    small: float = 9.0
    title: float = 20.0
    penwidth: float = 1.2
    arrowsize: float = 0.8
    wrap: int = 24
    """Characters per line before a name is wrapped."""
    greyscale: bool = False
    fontname: str = "Helvetica"
    space: float = 1.0
    """How much bigger than the default the spacing is drawn (gaps, markers, tracks): the type's own
    size is ``fontsize``, so a theme can enlarge the type more than the drawing around it."""
    details: bool = True
    """Whether cards print the owner and the requirements (always in the tooltip)."""

    @property
    def scale(self) -> float:
        """How much bigger than the default the spacing is drawn (:attr:`space`)."""
        return self.space


THEMES: dict[str, Theme] = {
    "default": Theme("default"),
    "workshop": Theme("workshop", fontsize=20.0, small=16.0, title=34.0, penwidth=2.4, arrowsize=1.1, wrap=18,
                      space=1.3, details=False),
    "print": Theme("print", fontsize=10.5, small=9.0, title=18.0, penwidth=1.1, greyscale=True),
}

# Border styles that tell channels apart when there is no colour (print theme).
CHANNEL_LINE_STYLES: dict[str, str] = {
    "web": "solid",
    "phone": "dashed",
    "store": "bold",
    "chat": "dotted",
    "email": "dashed",
    "social": "dotted",
    "app": "bold",
}

_MM = 72 / 25.4
PAGES: dict[str, tuple[float, float]] = {"A4": (297 * _MM, 210 * _MM), "A3": (420 * _MM, 297 * _MM)}
"""Landscape page sizes in points (width, height): A4 is 842 × 595, A3 1191 × 842."""


def get_theme(theme: str | Theme) -> Theme:
    """The theme called ``theme`` (or ``theme`` itself); :class:`~journeymap.errors.NotFound` listing the
    choices otherwise."""
    if isinstance(theme, Theme):
        return theme
    if theme not in THEMES:
        raise NotFound("theme", theme, THEMES, text=f"unknown theme '{theme}'",
                       tail=f"; choose one of: {', '.join(THEMES)}")
    return THEMES[theme]


def page_size(page: str | None) -> tuple[float, float] | None:
    """The landscape size in points of ``A4`` or ``A3`` (case-insensitive); ``None`` for no page."""
    if page is None:
        return None
    key = str(page).upper()
    if key not in PAGES:
        raise NotFound("page", key, PAGES, text=f"unknown page '{page}'", tail=f"; choose one of: {', '.join(PAGES)}")
    return PAGES[key]
