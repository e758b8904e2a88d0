"""Looks for the three audiences of a diagram, and printable page sizes.

``default`` suits screens and notebooks; ``workshop`` has large type and thick lines for a
projector; ``print`` reads in greyscale, telling channels apart by their badge and border style
and route kinds by line style instead of by colour.
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

    @property
    def scale(self) -> float:
        """How much bigger than the default everything is drawn."""
        return self.fontsize / 11.0


THEMES: dict[str, Theme] = {
    "default": Theme("default"),
    "workshop": Theme("workshop", fontsize=20.0, small=16.0, title=34.0, penwidth=2.4, arrowsize=1.1, wrap=20),
    "print": Theme("print", fontsize=10.5, small=8.5, title=18.0, penwidth=1.1, greyscale=True),
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

PAGES: dict[str, tuple[float, float]] = {"A4": (11.69, 8.27), "A3": (16.54, 11.69)}
"""Landscape page sizes in inches (width, height)."""


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
    """The landscape size in inches of ``A4`` or ``A3`` (case-insensitive); ``None`` for no page."""
    if page is None:
        return None
    key = str(page).upper()
    if key not in PAGES:
        raise NotFound("page", key, PAGES, text=f"unknown page '{page}'", tail=f"; choose one of: {', '.join(PAGES)}")
    return PAGES[key]
