"""Sentences and words in the reader's language, from gettext catalogues.

The English text in the code is the message id; ``locale/<language>/LC_MESSAGES/journeymap.po`` holds
its translation. A :class:`Translator` answers for one language, with the standard gettext calls
(singular, plural, with a context for short ambiguous words) plus ``{name}`` placeholders filled after
translation, so a translation may move them around::

    words = translator("es")
    words.gettext("Legend")                                          # 'Leyenda'
    words.ngettext("{n} touchpoint", "{n} touchpoints", 3)           # '3 puntos de contacto'
    words.pgettext("satisfaction", "low")                            # 'baja'
    words.gettext("Objective: {objective}.", objective="tasa de logro")

Catalogues are read with Babel (``babel.messages.pofile``) the first time a language is asked for and
kept for the life of the process: they never change while it runs, and nothing else is remembered.
Fuzzy entries are not used. A language without a catalogue (and English) gives the message ids back.
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path
from typing import Any

from journeymap.text.languages import DEFAULT_LANGUAGE, language_of

__all__ = ["DOMAIN", "LOCALE_DIR", "N_", "Translator", "catalogue_path", "translator"]

DOMAIN = "journeymap"
"""The gettext domain: the catalogue file's name."""

LOCALE_DIR = Path(__file__).parent / "locale"
"""Where the catalogues live: ``LOCALE_DIR / language / "LC_MESSAGES" / "journeymap.po"``."""


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is written (a table of names), and give it back
    unchanged: translate it where it is shown, with :meth:`Translator.gettext`."""
    return message


def catalogue_path(language: str) -> Path:
    """The ``.po`` file that holds ``language``'s words (it may not exist)."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


class Translator:
    """The words of one language: gettext's calls, each formatting ``{name}`` placeholders with the
    keyword arguments after translation (and ``{n}`` with the count in the plural forms)."""

    def __init__(self, language: str, translations: gettext.NullTranslations) -> None:
        self.language = language
        self._translations = translations

    def gettext(self, message: str, /, **values: Any) -> str:
        """``message`` in this language, with ``values`` put in its placeholders."""
        return _filled(self._translations.gettext(message), values)

    def ngettext(self, singular: str, plural: str, n: float, /, **values: Any) -> str:
        """The singular or plural form for ``n``, with ``{n}`` and ``values`` put in its placeholders.

        ``n`` may be a number already written for people (``n=count(1204, "es")``): pass the number that
        decides the form as ``n`` and the written one as a value with another name."""
        text = self._translations.ngettext(singular, plural, _plural_number(n))
        return text.format(**{"n": n, **values})

    def pgettext(self, context: str, message: str, /, **values: Any) -> str:
        """``message`` as meant in ``context`` (``pgettext("satisfaction", "low")``): for short words
        a language says differently depending on what they describe."""
        return _filled(self._translations.pgettext(context, message), values)

    def npgettext(self, context: str, singular: str, plural: str, n: float, /, **values: Any) -> str:
        """:meth:`ngettext` with a context."""
        text = self._translations.npgettext(context, singular, plural, _plural_number(n))
        return text.format(**{"n": n, **values})

    def __repr__(self) -> str:
        return f"<Translator {self.language!r}>"


def _filled(text: str, values: dict[str, Any]) -> str:
    return text.format(**values) if values else text


def _plural_number(n: float) -> int:
    """The integer gettext's plural rules expect (``1.0`` is one; ``0.9`` and ``2.5`` are many)."""
    number = float(n)
    return int(number) if number.is_integer() else 2


@functools.cache
def translator(language: str | None = DEFAULT_LANGUAGE) -> Translator:
    """The words of ``language`` (``"en"``, ``"es"``, ``"es_MX"``...); English when there is no catalogue."""
    chosen = language_of(language)
    path = catalogue_path(chosen)
    if chosen == DEFAULT_LANGUAGE or not path.exists():
        return Translator(chosen, gettext.NullTranslations())
    return Translator(chosen, _read(path))


def _read(path: Path) -> gettext.GNUTranslations:
    """A ``.po`` file as Python's gettext translations (compiled in memory; fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
