"""Words and numbers for people, in English or Spanish: the lowest layer, with :mod:`journeymap.errors`.

Everything a consultant reads goes through here, so that one journey speaks one language with one
style of numbers. This package imports nothing else of journeymap; the model takes its
:data:`LANGUAGES` and time units (:data:`TIME_UNITS`, :data:`SECONDS`) from here.

**Words** come from gettext catalogues. The English text in the code is the message id; the Spanish
is in ``text/locale/es/LC_MESSAGES/journeymap.po``, read with Babel the first time it is needed. A
:class:`Translator` answers for one language (there is no global "current language": pass the
journey's ``language``, or a ``--lang``/``language=`` that overrides it)::

    >>> from journeymap.text import N_, translator
    >>> words = translator("es")
    >>> words.gettext("Legend")
    'Leyenda'
    >>> words.ngettext("{n} touchpoint", "{n} touchpoints", 3)
    '3 puntos de contacto'
    >>> words.pgettext("satisfaction", "low")        # a context for short ambiguous words
    'baja'
    >>> words.gettext("Objective: {objective}.", objective="tasa de abandono")
    'Objetivo: tasa de abandono.'
    >>> translator("es_MX").language, translator("fr").gettext("Legend")   # unknown: English
    ('es', 'Legend')
    >>> QUADRANT = N_("Quick wins")                  # marked where it is written, translated where shown
    >>> words.gettext(QUADRANT)
    'Ganancias rápidas'

Adding words: write ``words.gettext("...")`` with the English literally in the call (never an
f-string, nor a call inside one: Babel cannot read those), put variable parts in ``{placeholders}``
filled by keyword, mark words kept in tables with :func:`N_`, then run ``make messages`` and translate
the new entries in the ``.po``. ``tests/test_text.py`` fails while a message lacks its translation,
is fuzzy or obsolete, or a translation drops a placeholder.

**Numbers** are written with Babel: at most three significant digits (never fewer than the whole
part), the locale's separators, never scientific notation, ``—`` (:data:`MISSING`) when undefined::

    >>> from journeymap.text import count, duration, number, percent, rate
    >>> number(1234.5, "es", digits=5), number(0.012345), count(1204.4, "es")
    ('1.234,5', '0.0123', '1.204')
    >>> percent(0.1234), percent(0.1234, "es")
    ('12.3%', '12,3\\xa0%')
    >>> duration(3310, "minute"), duration(3310, "minute", "es"), duration(250, "second")
    ('2.3 days', '2,3 días', '4 min 10 sec')
    >>> rate(0.5, "minute"), rate(0.5, "minute", "es")
    ('30 per hour', '30 por hora')

A figure's *kind* (:data:`KINDS`: ``share`` 0–1, ``time`` in the journey's unit, ``count``,
``rate`` per time unit, plain ``number``) picks the format, and gives the change and the interval,
kept within what the figure can take::

    >>> from journeymap.text import change, estimate, interval, quantity
    >>> quantity(0.624, "share"), quantity(18.456, "time", time_unit="minute")
    ('62.4%', '18.5 min')
    >>> change(0.009, "share"), change(0.009, "share", language="es", length="short")
    ('+0.9 percentage points', '+0,9\\xa0p.\\xa0p.')
    >>> change(-130, "time", time_unit="second"), change(12, "count")
    ('-2 min 10 sec', '+12')
    >>> interval(-0.01, 0.03, "share"), estimate(0.624, 0.031, "share")
    ('0%–3%', '62.4% ± 3.1 pp')

A table whose heading carries the unit writes bare numbers: :func:`figure` (``62.4``) and
:func:`estimate`/:func:`interval` with ``bare=True`` under a heading ending in :func:`unit_label`
(``%``, ``min``, ``per minute``). ``length`` (``"short"``, ``"long"``, ``"narrow"``) is Babel's
length of unit names; ``digits`` the significant digits.
"""

from journeymap.text.catalogue import DOMAIN, LOCALE_DIR, N_, Translator, catalogue_path, translator
from journeymap.text.charts import TICK_DIGITS, axis_numbers, literal
from journeymap.text.durations import Length, duration, duration_unit, rate, rate_unit, unit_symbol, with_unit
from journeymap.text.languages import DEFAULT_LANGUAGE, LANGUAGES, Language, language_of
from journeymap.text.numbers import MISSING, count, is_missing, money, number, percent, shows_nonzero, signed
from journeymap.text.quantities import (
    BOUNDS,
    KINDS,
    Kind,
    change,
    clip,
    estimate,
    figure,
    interval,
    points,
    quantity,
    unit_label,
)
from journeymap.text.time_units import SECONDS, TIME_UNITS, TimeUnit

__all__ = [
    "BOUNDS",
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "KINDS",
    "LANGUAGES",
    "LOCALE_DIR",
    "MISSING",
    "N_",
    "SECONDS",
    "TICK_DIGITS",
    "TIME_UNITS",
    "Kind",
    "Language",
    "Length",
    "TimeUnit",
    "Translator",
    "axis_numbers",
    "catalogue_path",
    "change",
    "clip",
    "count",
    "duration",
    "duration_unit",
    "estimate",
    "figure",
    "interval",
    "is_missing",
    "language_of",
    "literal",
    "money",
    "number",
    "percent",
    "points",
    "quantity",
    "rate",
    "rate_unit",
    "shows_nonzero",
    "signed",
    "translator",
    "unit_label",
    "unit_symbol",
    "with_unit",
]
