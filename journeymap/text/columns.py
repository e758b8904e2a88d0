"""What the columns of journeymap's tables mean, kept as data in ``columns.toml`` beside this module.

Each table documents its columns as a dict from column name to note, in the table's order (``COLUMNS`` of
:mod:`journeymap.analysis`, ``PLAN_COLUMNS`` of :mod:`journeymap.prioritize`, the survey's tables...),
read from its table of ``columns.toml`` by :func:`column_notes`. A column that means the same in several
tables takes its note from :data:`NOTES` (the ``[shared]`` table, also through :func:`notes`), and a
figure's 95% interval is the pair of columns :func:`interval` names::

    >>> from journeymap.text.columns import interval, notes
    >>> {**notes("name"), "n": "answers", "mean": "mean answer", **interval("mean", "Student t")}
    ... # doctest: +NORMALIZE_WHITESPACE
    {'name': "the moment's name", 'n': 'answers', 'mean': 'mean answer',
     'mean_low': 'lower end of its 95% Student t interval', 'mean_high': 'upper end of its 95% Student t interval'}
"""

from __future__ import annotations

import functools
import tomllib
from importlib.resources import files
from typing import Any

__all__ = ["NOTES", "column_notes", "interval", "notes"]


@functools.cache
def _tables() -> dict[str, dict[str, Any]]:
    """The tables of ``columns.toml``, read once."""
    return tomllib.loads((files("journeymap.text") / "columns.toml").read_text(encoding="utf-8"))


NOTES: dict[str, str] = dict(_tables()["shared"])
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


def column_notes(table: str) -> dict[str, str]:
    """The notes of the columns of ``table`` (a table of ``columns.toml``: ``"analysis"``, ``"action_plan"``...),
    from column name to note in the table's order, with each ``{ shared = true }`` taken from :data:`NOTES` and
    each ``{ interval = true, ... }`` worded by :func:`interval`.

        >>> column_notes("sampling_plan")["name"] == NOTES["name"]
        True
    """
    tables = _tables()
    if table not in tables:
        raise KeyError(f"no table '{table}' in columns.toml; it has: {', '.join(tables)}")
    result: dict[str, str] = {}
    for column, note in tables[table].items():
        if isinstance(note, str):
            result[column] = note
        elif note.get("shared"):
            result[column] = NOTES[column]
        else:
            figure = column.rsplit("_", 1)[0]
            ends = interval(figure, note.get("method", ""), of=note.get("of", "its"), note=note.get("note", ""))
            result[column] = ends[column]
    return result
