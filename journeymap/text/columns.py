"""What the columns of journeymap's tables mean: the notes several tables share, written once.

Each table documents its columns as a dict from column name to note, in the table's order (``COLUMNS`` of
:mod:`journeymap.analysis`, ``PLAN_COLUMNS`` of :mod:`journeymap.prioritize`, the survey's tables...).
A column that means the same in several tables takes its note from :data:`NOTES` through
:func:`notes`, and a figure's 95% interval is the pair of columns :func:`interval` names::

    >>> from journeymap.text.columns import interval, notes
    >>> {**notes("name"), "n": "answers", "mean": "mean answer", **interval("mean", "Student t")}
    ... # doctest: +NORMALIZE_WHITESPACE
    {'name': "the moment's name", 'n': 'answers', 'mean': 'mean answer',
     'mean_low': 'lower end of its 95% Student t interval', 'mean_high': 'upper end of its 95% Student t interval'}
"""

from __future__ import annotations

__all__ = ["NOTES", "interval", "notes"]

NOTES: dict[str, str] = {
    "name": "the moment's name",
    "requirement": "the requirement's position at that moment (1, 2, ...)",
    "requirement_text": "the requirement's text",
    "standard": "the requirement's measurable standard (wait: 2 min), if any",
    "impact_source": "'simulation' or 'heuristic'",
}
"""The notes of the columns that mean the same in every table that has them."""


def notes(*names: str) -> dict[str, str]:
    """The shared notes (:data:`NOTES`) of the columns ``names``, in that order."""
    return {name: NOTES[name] for name in names}


def interval(column: str, method: str = "", *, of: str = "its", note: str = "") -> dict[str, str]:
    """The columns ``<column>_low`` and ``<column>_high`` holding the ends of the 95% interval of ``column``,
    with their notes: ``method`` names how the interval is made (``"Wilson"``), ``of`` whose interval it is
    (``"the impact's"``) and ``note`` adds a remark (``" (empty for a heuristic)"``)."""
    kind = f"{method} " if method else ""
    return {f"{column}_{end}": f"{side} end of {of} 95% {kind}interval{note}"
            for end, side in (("low", "lower"), ("high", "upper"))}
