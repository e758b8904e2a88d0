"""The languages people can read journeymap's output in, and how a language name is understood."""

from __future__ import annotations

import re
from typing import Literal, get_args

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "Language", "language_of"]

Language = Literal["en", "es"]
LANGUAGES: tuple[str, ...] = get_args(Language)
"""Every language with words and number formats: English and Spanish."""

DEFAULT_LANGUAGE = "en"
"""The language of the messages in the code, and the one used for a language we have no words for."""


def language_of(language: str | None) -> str:
    """The supported language for ``language``: ``"es"`` for ``"es"``, ``"es_MX"``, ``"es-AR"`` or a
    ``LANG`` such as ``"es_ES.UTF-8"``, and English for ``None`` or a language we have no words for (so
    that output never fails over words)."""
    base = re.split(r"[-_.@]", str(language or "").strip().lower())[0]
    return base if base in LANGUAGES else DEFAULT_LANGUAGE
