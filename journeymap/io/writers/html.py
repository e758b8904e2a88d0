"""HTML text in which the journey's words stay words: the one escaping function for hand-built HTML.

Documents built with a template engine escape through it (Jinja2's autoescape); the few pieces of HTML
journeymap builds by hand (a printable questionnaire, a SurveyJS closing message) put every piece of
text through :func:`html_text`, which escapes ``<``, ``>``, ``&`` and both quotes (so it is safe in an
attribute too).
"""

from __future__ import annotations

import html
from typing import Any

__all__ = ["html_text"]


def html_text(value: Any) -> str:
    """``value`` as text HTML shows literally, in an element or a quoted attribute."""
    return html.escape(str(value), quote=True)
